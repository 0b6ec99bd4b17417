/**
 * The embedded state store (STATE_DIR): values survive a reopen and a killed
 * process, entries expire and are bounded, and a damaged log is set aside
 * with a warning — never a crash.
 */
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../src/bot/logger.ts";
import { FileStore, LOCK_FILE, LOG_FILE } from "../../src/state/file-store.ts";
import { openState } from "../../src/state/open.ts";
import { fileStorage } from "../../src/state/storage.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary } from "../support/fixtures.ts";
import { Harness, sentMessage } from "../support/harness.ts";
import { ADMIN, Updates } from "../support/updates.ts";
import { REPO } from "../support/spawnBot.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "state-test-"));
  dirs.push(dir);
  return dir;
}

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (message: string) => void lines.push({ level, message });
  const logger: Logger = { error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug") };
  return { logger, lines };
}

afterEach(() => {
  dirs.length = 0; // temp folders are left to the OS: they are small
});

describe("file store", () => {
  it("keeps values across a reopen, with deletes applied", async () => {
    const dir = tempDir();
    const { logger } = recordingLogger();
    const a = await FileStore.open(dir, { logger });
    const conv = fileStorage(a.namespace("conv"));
    await conv.write("k1", { question: "Who restored the lighthouse?", page: 2 });
    await conv.write("k2", { question: "gone" });
    await conv.delete("k2");
    await a.close();

    const b = await FileStore.open(dir, { logger });
    const again = fileStorage(b.namespace("conv"));
    expect(await again.read("k1")).toEqual({ question: "Who restored the lighthouse?", page: 2 });
    expect(await again.read("k2")).toBeUndefined();
    await b.close();
  });

  it("a value read is a copy: changing it does not change the store behind the log's back", async () => {
    const store = await FileStore.open(tempDir(), { logger: recordingLogger().logger });
    const conv = fileStorage(store.namespace("conv"));
    await conv.write("k", { page: 1 });
    const read = (await conv.read("k")) as { page: number };
    read.page = 9;
    expect(await conv.read("k")).toEqual({ page: 1 });
    await store.close();
  });

  it("entries expire after the namespace's TTL, and the oldest go past the bound", async () => {
    let now = 1_000_000;
    const dir = tempDir();
    const store = await FileStore.open(dir, { logger: recordingLogger().logger, now: () => now });
    const conv = store.namespace("conv", { ttlMs: 1000, maxEntries: 3 });
    conv.set("a", 1);
    now += 600;
    for (const k of ["b", "c", "d"]) conv.set(k, k);
    expect(conv.get("a")).toBeUndefined(); // evicted: four entries, bound three
    expect(conv.keys()).toEqual(["b", "c", "d"]);
    now += 999;
    expect(conv.get("b")).toBe("b");
    now += 1;
    expect(conv.get("b")).toBeUndefined();
    await store.close();
    // Expired entries are not loaded again.
    const again = await FileStore.open(dir, { logger: recordingLogger().logger, now: () => now });
    expect(again.namespace("conv", { ttlMs: 1000 }).keys()).toEqual([]);
    await again.close();
  });

  it("compacts the log: many writes to few keys keep the file small", async () => {
    const dir = tempDir();
    const store = await FileStore.open(dir, { logger: recordingLogger().logger, compactSlack: 100 });
    const counters = store.namespace("stats");
    for (let i = 0; i < 2000; i++) {
      counters.set("answered", i);
      if (i % 50 === 0) await store.flush();
    }
    await store.close();
    const lines = readFileSync(path.join(dir, LOG_FILE), "utf8").trim().split("\n");
    expect(lines.length).toBeLessThanOrEqual(101);
    const again = await FileStore.open(dir, { logger: recordingLogger().logger });
    expect(again.namespace("stats").get("answered")).toBe(1999);
    await again.close();
  });

  it("a half-written last line (killed mid-write) is dropped with a warning; the rest is kept and later writes are clean", async () => {
    const dir = tempDir();
    const first = await FileStore.open(dir, { logger: recordingLogger().logger });
    first.namespace("conv").set("k1", { q: 1 });
    await first.close();
    appendFileSync(path.join(dir, LOG_FILE), '{"n":"conv","k":"k2","v":{"q"');

    const { logger, lines } = recordingLogger();
    const second = await FileStore.open(dir, { logger });
    const conv = second.namespace("conv");
    expect(conv.get("k1")).toEqual({ q: 1 });
    expect(conv.get("k2")).toBeUndefined();
    expect(lines.some((l) => l.level === "warn" && /half-written/.test(l.message))).toBe(true);
    conv.set("k3", { q: 3 });
    await second.close();

    const { logger: quiet, lines: none } = recordingLogger();
    const third = await FileStore.open(dir, { logger: quiet });
    expect(third.namespace("conv").get("k3")).toEqual({ q: 3 });
    expect(none.filter((l) => l.level !== "debug")).toEqual([]);
    await third.close();
  });

  it("a corrupt log is set aside as *.corrupt-<time> with a warning; its readable entries are kept", async () => {
    const dir = tempDir();
    const file = path.join(dir, LOG_FILE);
    writeFileSync(file, '{"n":"stats","k":"answered","v":7}\n\u0000\u0000garbage{{{\n{"n":"conv","k":"x","v":"y"}\n');
    const { logger, lines } = recordingLogger();
    const store = await FileStore.open(dir, { logger });
    expect(store.namespace("stats").get("answered")).toBe(7);
    expect(store.namespace("conv").get("x")).toBe("y");
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${LOG_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), "utf8")).toContain("garbage");
    expect(lines.some((l) => l.level === "warn" && l.message.includes("set aside"))).toBe(true);
    await store.close();
  });

  it("an unreadable log (a directory in its place) is set aside; the store starts empty and works", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, LOG_FILE));
    const { logger, lines } = recordingLogger();
    const store = await FileStore.open(dir, { logger });
    store.namespace("stats").set("answered", 1);
    await store.close();
    expect(lines.some((l) => l.level === "warn" && l.message.includes("set aside"))).toBe(true);
    expect(readFileSync(path.join(dir, LOG_FILE), "utf8")).toContain('"answered"');
  });

  it("openState never touches the data folder, and stats opened on it count across reopen", async () => {
    const stateDir = tempDir();
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, "article.md"), "# A\n\nText.\n");
    const library = new StubLibrary(new StubEngine([LIGHTHOUSE]), dataDir);
    const a = await openState({ stateDir, redisUrl: undefined }, recordingLogger().logger, library);
    a.stats.count("answered");
    a.stats.count("abstained", 2);
    await a.close();
    const b = await openState({ stateDir, redisUrl: undefined }, recordingLogger().logger, library);
    expect(await b.stats.read()).toEqual({ answered: 1, abstained: 2, inlineQueries: 0 });
    await b.close();
    expect(readdirSync(dataDir)).toEqual(["article.md"]);
  });
});

describe("the bot on the file store", () => {
  it("a More button pressed after a restart pages on, and /stats counts the questions before it", async () => {
    const stateDir = tempDir();
    const library = new StubLibrary(new StubEngine([LIGHTHOUSE]));
    const u = new Updates();
    const question = "harbour lighthouse council money";

    const before = await openState({ stateDir, redisUrl: undefined }, recordingLogger().logger, library);
    const first = await new Harness({ library, state: before }).reply(u.privateText(question));
    await before.close();

    const after = await openState({ stateDir, redisUrl: undefined }, recordingLogger().logger, library);
    const h = new Harness({ library, state: after });
    const more = (first.payload.reply_markup.inline_keyboard.flat() as { text: string; callback_data?: string }[]).find((k) => /More/.test(k.text))!;
    const calls = await h.send(u.callback(more.callback_data!, sentMessage(first)));
    expect(calls.find((c) => c.method === "editMessageText")!.payload.text).toContain("Answer 2 of");
    expect((await h.reply(u.privateText("/stats", ADMIN))).payload.text).toContain("Questions answered: 1");
    await after.close();
  });
});

describe("one process per state folder", () => {
  it("a folder held by another live bot process is refused with a clear error; a stale lock is taken over", async () => {
    const dir = tempDir();
    const lock = path.join(dir, LOCK_FILE);
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      writeFileSync(lock, `${holder.pid} ${os.hostname()}`);
      await expect(FileStore.open(dir, { logger: recordingLogger().logger })).rejects.toThrow(/in use by process \d+; several instances share state through REDIS_URL/);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
    }
    // Its owner is gone (a crash): taken over. So is a lock from another host (a new container).
    for (const stale of [`${holder.pid} ${os.hostname()}`, `${process.ppid} other-container`]) {
      writeFileSync(lock, stale);
      const store = await FileStore.open(dir, { logger: recordingLogger().logger });
      expect(readFileSync(lock, "utf8")).toBe(`${process.pid} ${os.hostname()}`);
      await store.close();
      expect(existsSync(lock)).toBe(false);
    }
  });
});

describe("restart in a new process", () => {
  it("counters and conversation entries written by a process that was killed (no close) are there for the next one", () => {
    const dir = tempDir();
    const script = path.join(tempDir(), "writer.mts");
    const src = (p: string) => JSON.stringify(path.join(REPO, "src", p));
    writeFileSync(
      script,
      `import { FileStore } from ${src("state/file-store.ts")};
import { createStoredStats } from ${src("bot/stats.ts")};
import { silentLogger } from ${src("bot/logger.ts")};
const store = await FileStore.open(process.argv[2], { logger: silentLogger });
const stats = createStoredStats(store.namespace("stats"));
for (let i = 0; i < 3; i++) stats.count("answered");
store.namespace("conv").set("button-key", { question: "Who restored the lighthouse?", page: 1 });
await store.flush();
process.kill(process.pid, "SIGKILL");
`,
    );
    // Plain node with tsx's loader: the process that is killed is the writer itself.
    const node = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", ...args], { cwd: REPO, encoding: "utf8", timeout: 60_000 });
    const run = node([script, dir]);
    expect(run.signal).toBe("SIGKILL");
    expect(existsSync(path.join(dir, LOG_FILE))).toBe(true);

    const reader = path.join(path.dirname(script), "reader.mts");
    writeFileSync(
      reader,
      `import { FileStore } from ${src("state/file-store.ts")};
import { createStoredStats } from ${src("bot/stats.ts")};
import { silentLogger } from ${src("bot/logger.ts")};
const store = await FileStore.open(process.argv[2], { logger: silentLogger });
const stats = await createStoredStats(store.namespace("stats")).read();
console.log(JSON.stringify({ stats, conv: store.namespace("conv").get("button-key") }));
await store.close();
`,
    );
    const read = node([reader, dir]);
    expect(read.stderr).toBe("");
    expect(JSON.parse(read.stdout)).toEqual({
      stats: { answered: 3, abstained: 0, inlineQueries: 0 },
      conv: { question: "Who restored the lighthouse?", page: 1 },
    });
  });
});
