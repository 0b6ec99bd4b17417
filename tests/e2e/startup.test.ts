/** Start-up: a wrong configuration is one clear line and a non-zero exit; signals stop cleanly. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import { FakeBotApi } from "../support/fakeBotApi.ts";
import { BotProcess, freePort } from "../support/spawnBot.ts";

async function healthz(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const TOKEN = "424242:STARTUP_token_ABCDEFGHIJKLMNOPQRSTUVWXYZ";

async function failing(env: Record<string, string>): Promise<{ code: number | null; lines: string[]; all: string }> {
  const bot = new BotProcess(env, { via: "node" });
  const code = await bot.exited;
  const lines = bot.stderr.split("\n").filter((l) => l.trim() !== "");
  return { code, lines, all: bot.stdout + bot.stderr };
}

describe("start-up", () => {
  let dir: string;
  let api: FakeBotApi;
  beforeAll(async () => {
    dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    api = await FakeBotApi.start({ token: TOKEN });
  });
  afterAll(async () => {
    await api.close();
    await removeDir(dir);
  });

  it("a wrong value stops start-up with one line naming the variable, no stack trace, no token", async () => {
    const badToken = "12345:tooShort";
    const cases: [Record<string, string>, RegExp][] = [
      [{ BOT_TOKEN: badToken, DATA_DIR: dir }, /^error: BOT_TOKEN: /],
      [{ ADMIN_IDS: "12,alice", DATA_DIR: dir }, /^error: ADMIN_IDS: /],
      [{ DATA_DIR: `${dir}/missing` }, /^error: DATA_DIR: /],
      [{ LOG_LEVEL: "chatty", DATA_DIR: dir }, /^error: LOG_LEVEL: /],
    ];
    const results = await Promise.all(cases.map(([env]) => failing(env)));
    results.forEach(({ code, lines, all }, i) => {
      expect(code).not.toBe(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(cases[i]![1]);
      expect(all).not.toMatch(/\n\s+at /);
      expect(all).not.toContain(badToken);
    });
  }, 60_000);

  it("a token the Bot API rejects is one line, without the token", async () => {
    const other = "111111:OTHER_token_ABCDEFGHIJKLMNOPQRSTUVWXYZab";
    const { code, lines, all } = await failing({ BOT_TOKEN: other, TELEGRAM_API_ROOT: api.url, DATA_DIR: dir });
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(/^error: BOT_TOKEN: Telegram rejected the token/);
    expect(all).not.toContain(other);
    expect(api.unauthorized).toBeGreaterThan(0);
  }, 60_000);

  it("SIGINT stops the polling bot with exit code 0", async () => {
    const bot = new BotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, DATA_DIR: dir }, { via: "node" });
    await bot.waitForOutput(/running \(long polling\)/, 30_000);
    expect(await bot.stop("SIGINT", { group: false })).toBe(0);
    expect(bot.stderr).toContain("stopped cleanly");
  }, 60_000);

  it("SIGTERM to the process `npm start` gives leaves no process behind, after 'stopped cleanly'", async () => {
    const bot = new BotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, DATA_DIR: dir });
    await bot.waitForOutput(/running \(long polling\)/, 30_000);
    // Only npm gets the signal, as from a container runtime or systemd.
    await bot.stop("SIGTERM", { group: false });
    const deadline = Date.now() + 5_000;
    while (bot.groupAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(bot.groupAlive()).toBe(false);
    expect(bot.stderr).toContain("stopped cleanly");
  }, 60_000);
});

describe("LOG_FORMAT=json", () => {
  it("every log line of a run is one JSON object with time, level and msg, and none holds the token", async () => {
    const api = await FakeBotApi.start({ token: TOKEN });
    const dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE, "bad\nname.md": "\u0001binary" });
    const bot = new BotProcess(
      { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `${api.url}/`, DATA_DIR: dir, LOG_FORMAT: "json" },
      { via: "node" },
    );
    try {
      await bot.waitForOutput(/running \(long polling\)/, 30_000);
      expect(await bot.stop("SIGTERM", { group: false })).toBe(0);
      const lines = bot.stderr.split("\n").filter((l) => l !== "");
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      for (const entry of entries) expect(Object.keys(entry).slice(0, 3)).toEqual(["time", "level", "msg"]);
      // The file name's newline is escaped inside the one line about it.
      expect(entries.some((e) => String(e.msg).startsWith("skipped bad\\u000aname.md"))).toBe(true);
      expect(entries.at(-1)!.msg).toBe("stopped cleanly");
      expect(bot.stderr).not.toContain(TOKEN.split(":")[1]);
    } finally {
      await bot.stop("SIGKILL");
      await api.close();
      await removeDir(dir);
    }
  }, 60_000);
});

describe("health in polling mode (HEALTH_PORT)", () => {
  it("GET /healthz is 200 with articles loaded and 503 with none; the port closes on stop", async () => {
    const api = await FakeBotApi.start({ token: TOKEN });
    const dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    const empty = await tempDataDir({});
    const [port, emptyPort] = await Promise.all([freePort(), freePort()]);
    const env = { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url };
    const bots = [
      new BotProcess({ ...env, DATA_DIR: dir, HEALTH_PORT: String(port) }, { via: "node" }),
      new BotProcess({ ...env, DATA_DIR: empty, HEALTH_PORT: String(emptyPort) }, { via: "node" }),
    ];
    try {
      await Promise.all(bots.map((b) => b.waitForOutput(/running \(long polling\)/, 30_000)));
      expect(await healthz(port)).toEqual({ status: 200, body: { ok: true, serving: true, documents: 1 } });
      expect(await healthz(emptyPort)).toMatchObject({ status: 503, body: { ok: false, documents: 0 } });
      expect(await bots[0]!.stop("SIGTERM", { group: false })).toBe(0);
      await expect(healthz(port)).rejects.toThrow();
    } finally {
      await Promise.all(bots.map((b) => b.stop("SIGKILL")));
      await api.close();
      await removeDir(dir);
      await removeDir(empty);
    }
  }, 60_000);
});

describe("start-up without a reachable Bot API", () => {
  it("fails fast with one redacted line", async () => {
    const token = "777777:UNREACHABLE_token_ABCDEFGHIJKLMNOPQRSTU";
    const bot = new BotProcess(
      { BOT_TOKEN: token, TELEGRAM_API_ROOT: "http://127.0.0.1:1", DATA_DIR: "./data" },
      { via: "node" },
    );
    expect(await bot.exited).toBe(1);
    const lines = bot.stderr.split("\n").filter((l) => l.startsWith("error:"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: TELEGRAM_API_ROOT: cannot reach the Bot API/);
    expect(bot.stdout + bot.stderr).not.toContain(token);
    expect(bot.stdout + bot.stderr).not.toContain(token.split(":")[1]);
  }, 60_000);
});
