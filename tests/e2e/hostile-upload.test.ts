/**
 * Issue 10's "done when", end to end: the real bot (`npm start`, its V8 heap
 * capped through NODE_OPTIONS) against the fake Bot API. An admin uploads the
 * heaviest hostile articles that fit the 1 MB upload limit, one after another
 * (they pile up in the data folder, so each reload parses all of them); while
 * each reload runs, other users keep asking and every one is answered within a
 * second; each reload reports success within a time budget, the shipped
 * article is still answered correctly, and the process neither dies nor grows
 * past a fixed memory budget.
 *
 * The reload and memory budgets are generous (the machine is shared by
 * parallel test runs): they catch the quadratic parsers of the issue
 * (minutes-long loads, 1.47 GB), not small regressions. The answer budget is
 * the issue's second, over the latency measured just before each upload: with
 * the parsing in the main thread (before the worker) answers came 1.5 s late.
 * The slowest answer is the one asked as the worker finishes: the new index is
 * built in the main thread (about 0.3 s alone for these four, up to ~0.9 s on
 * a loaded machine); `HOSTILE_UPLOADS=all` uploads all twelve cases (~1.4 s).
 */
import { readdirSync, readFileSync } from "node:fs";
import type { User } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATHOLOGICAL } from "../hardening/support/pathological.ts";
import { removeDir, tempDataDir } from "../support/articles.ts";
import { FakeBotApi, type RecordedCall } from "../support/fakeBotApi.ts";
import { BotProcess } from "../support/spawnBot.ts";
import { ADMIN, Updates } from "../support/updates.ts";

const TOKEN = "555111:E2E_hostile_upload_token_ABCDEFGHIJKL";
/** The main thread's V8 heap limit: going past it aborts the process (exit 134), which the test sees. */
const HEAP_LIMIT_MB = 256;
/** Peak resident memory of the bot process, worker threads included (before the fixes: 1.47 GB on one file). */
const PEAK_RSS_BUDGET_MB = 700;
/**
 * How much later than usual another user's question may be answered during a
 * reload. "Usual" is the slowest of a few questions asked just before the
 * upload, so a machine slowed by parallel test runs does not read as a freeze.
 */
const ANSWER_BUDGET_MS = 1_000;
/** Questions asked before each upload to measure the usual latency. */
const BASELINE_QUESTIONS = 5;
/** One reload of everything uploaded so far ("a few seconds" alone; generous for a shared machine). */
const RELOAD_BUDGET_MS = 30_000;
/** A question about the shipped article and a phrase its answer must hold. */
const QUESTION = "How much has trade turnover between Kazakhstan and Azerbaijan increased since 2020?";
const EXPECTED = "fivefold";

/** The heaviest cases within the upload limit (by their load time before the fixes), lightest first. */
const NAMES =
  process.env.HOSTILE_UPLOADS === "all"
    ? PATHOLOGICAL.map((p) => p.name)
    : [
        "one 100,000-letter word",
        '"Mr. " x40,000',
        "opening quotes without closing ones",
        "an ordinary 1 MB paragraph",
      ];
const CASES = NAMES.map((name) => {
  const item = PATHOLOGICAL.find((p) => p.name === name);
  if (!item) throw new Error(`no pathological case named ${name}`);
  return item;
});

/** Peak resident memory (VmHWM) of the bot's node process, found in the spawned process group. */
function peakRssMb(group: number): number {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== group || !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dist/main.js")) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) return Number(hwm[1]) / 1024;
    } catch {
      /* a process that ended while being read */
    }
  }
  throw new Error("the bot's node process was not found");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(process.platform !== "linux")("hostile uploads through npm start", () => {
  let api: FakeBotApi;
  let dir: string;
  let bot: BotProcess;
  const u = new Updates();
  let nextUserId = 70_000;
  const newUser = (): User => ({ id: nextUserId++, is_bot: false, first_name: "Reader" });
  /** Every question asked while a reload ran: how long its answer took, and what it said. */
  const duringReloads: { file: string; ms: number; text: string }[] = [];
  /** The usual latency before each upload. */
  const baselines: number[] = [];

  beforeAll(async () => {
    api = await FakeBotApi.start({ token: TOKEN });
    dir = await tempDataDir({}, true);
    bot = new BotProcess({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url,
      DATA_DIR: dir,
      ADMIN_IDS: String(ADMIN.id),
      NODE_OPTIONS: `--max-old-space-size=${HEAP_LIMIT_MB}`,
    });
    await api.waitForCall((c) => c.method === "getUpdates", { timeoutMs: 30_000 });
  }, 40_000);

  afterAll(async () => {
    await bot?.stop();
    await api?.close();
    if (dir) await removeDir(dir);
  });

  const replyTo = (chatId: number, from: number, test: (c: RecordedCall) => boolean = () => true, timeoutMs = 15_000) =>
    api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === chatId && test(c), { from, timeoutMs });

  /** Asks QUESTION as a new user; resolves with the latency and the reply. */
  async function ask(): Promise<{ ms: number; text: string }> {
    const user = newUser();
    const from = api.calls.length;
    const started = Date.now();
    api.pushUpdate(u.privateText(QUESTION, user));
    const reply = await replyTo(user.id, from);
    return { ms: Date.now() - started, text: String(reply.payload.text) };
  }

  it.each(CASES.map((c) => [c.name, c] as const))(
    "%s: uploaded by the admin, reloaded in budget while others are answered within a second",
    async (_, item) => {
      const text = item.make(item.size);
      const bytes = Buffer.byteLength(text);
      expect(bytes, "fits the upload limit").toBeLessThanOrEqual(1024 * 1024);
      let usual = 0;
      for (let i = 0; i < BASELINE_QUESTIONS; i++) usual = Math.max(usual, (await ask()).ms);
      baselines.push(usual);
      const fileId = api.addFile(text, `documents/${item.file}`);
      const from = api.calls.length;
      const documentsBefore = 1 + CASES.indexOf(item);
      api.pushUpdate(u.document(fileId, item.file, bytes, ADMIN));
      await replyTo(ADMIN.id, from, (c) => /Saved/.test(String(c.payload.text)), 30_000);

      // The reload starts right after "Saved"; ask, one new user at a time, until its report arrives.
      let reported: RecordedCall | undefined;
      const report = replyTo(
        ADMIN.id,
        from,
        (c) => /Reloaded in|Reload failed/.test(String(c.payload.text)),
        RELOAD_BUDGET_MS + 15_000,
      ).then((c) => (reported = c));
      const asked: { ms: number; text: string }[] = [];
      // Each question is sent before the report arrived: during the reload.
      while (!reported) {
        asked.push(await ask());
        await sleep(100);
      }
      await report;
      duringReloads.push(...asked.map((a) => ({ file: item.file, ...a })));

      const reportText = String(reported.payload.text);
      expect(reportText).toMatch(/Reloaded in \d+ ms/);
      expect(reportText).toContain(`Documents: ${documentsBefore + 1} (+1)`);
      expect(Number(/Reloaded in (\d+) ms/.exec(reportText)![1])).toBeLessThan(RELOAD_BUDGET_MS);
      for (const a of asked) {
        expect(a.text, "answered from the index being served").toContain(EXPECTED);
        expect(a.ms, `a question during the reload of ${item.file}`).toBeLessThan(usual + ANSWER_BUDGET_MS);
      }

      // Afterwards, from the new index: the shipped article is still answered correctly.
      const after = await ask();
      expect(after.text).toContain(EXPECTED);
      expect(bot.groupAlive()).toBe(true);
    },
    RELOAD_BUDGET_MS + 30_000,
  );

  it("questions were asked during the reloads, the process is alive and its memory stayed in budget", () => {
    const slowest = Math.max(...duringReloads.map((a) => a.ms));
    const byFile = CASES.map(
      (c) => `${c.file} ${Math.max(...duringReloads.filter((a) => a.file === c.file).map((a) => a.ms))}`,
    );
    console.info(
      `hostile uploads: ${duringReloads.length} questions during reloads, slowest ${slowest} ms (${byFile.join(", ")}; usual: ${baselines.join(", ")} ms); peak RSS ${Math.round(peakRssMb(bot.pid!))} MB`,
    );
    expect(duringReloads.length).toBeGreaterThanOrEqual(CASES.length);
    expect(bot.groupAlive()).toBe(true);
    expect(peakRssMb(bot.pid!)).toBeLessThan(PEAK_RSS_BUDGET_MB);
  });
});
