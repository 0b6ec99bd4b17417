/**
 * Telegram faults through the fake Bot API server (real HTTP, auto-retry on):
 * slow responses are waited for, not duplicated; 429 on inline answers is
 * retried after retry_after; a 429 asking for a long wait, "bot was blocked by
 * the user" and "query is too old" are logged and dropped.
 * (A 429 then 500 on sendMessage is in tests/bot/telegram-faults.test.ts.)
 *
 * Then the real process (`npm start`) under a 429 and a connection reset on
 * getUpdates, and a reset, a 502 and a 403 on sendMessage: it keeps polling,
 * answers every update exactly once, drops the refusals, never prints the
 * token, and stops cleanly even while the Bot API is gone.
 */
import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.ts";
import type { Logger } from "../../src/bot/logger.ts";
import { createStats } from "../../src/bot/stats.ts";
import { Library } from "../../src/library/library.ts";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import { FakeBotApi, type RecordedCall } from "../support/fakeBotApi.ts";
import { BotProcess } from "../support/spawnBot.ts";
import { ADMIN, ALICE, BOB, Updates } from "../support/updates.ts";
import { checkOutgoing } from "./support/telegram-rules.ts";

const TOKEN = "60606:HARDEN_faults_ABCDEFGHIJKLMNOPQRSTUVWXYZ01";
const QUESTION = "How much did the bridge cost?";
const CAROL = { id: 4004, is_bot: false, first_name: "Carol" };

interface Line {
  level: string;
  message: string;
  extra?: Record<string, unknown>;
}

function recordingLogger(lines: Line[]): Logger {
  const log = (level: string) => (message: string, extra?: Record<string, unknown>) =>
    lines.push({ level, message, ...(extra ? { extra } : {}) });
  return { error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug") };
}

/** Successful (not injected-failure) calls of `method` to `chatId` since `from`. */
function delivered(api: FakeBotApi, from: number, method: string, chatId?: number): RecordedCall[] {
  return api.calls
    .slice(from)
    .filter(
      (c) =>
        c.method === method &&
        c.payload.__failed === undefined &&
        (chatId === undefined || c.payload.chat_id === chatId),
    );
}

describe("Telegram faults, in process over HTTP", () => {
  let api: FakeBotApi;
  let dir: string;
  let bot: ReturnType<typeof createBot>;
  const lines: Line[] = [];
  const u = new Updates();

  beforeAll(async () => {
    api = await FakeBotApi.start({ token: TOKEN });
    dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    const { library } = await Library.open(dir);
    expect(library.engine.answer(QUESTION).length).toBeGreaterThan(0);
    bot = createBot({
      library,
      config: { token: TOKEN, adminIds: [ADMIN.id], apiRoot: api.url, rateLimit: false },
      logger: recordingLogger(lines),
      stats: createStats(),
      botInfo: api.botInfo,
    });
  });
  afterAll(async () => {
    await api.close();
    await removeDir(dir);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it("a slow response is waited for, not retried: one reply", async () => {
    const from = api.calls.length;
    api.delayNext("sendMessage", 800);
    const started = Date.now();
    await bot.handleUpdate(u.privateText(QUESTION, ALICE));
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    expect(api.calls.slice(from).filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("429 on an inline answer is retried after retry_after; exactly one answer lands", async () => {
    const from = api.calls.length;
    api.failNext("answerInlineQuery", { status: 429, retryAfter: 1 });
    await bot.handleUpdate(u.inline(QUESTION, "", BOB));
    const calls = api.calls.slice(from).filter((c) => c.method === "answerInlineQuery");
    expect(calls.map((c) => c.payload.__failed ?? "ok")).toEqual([429, "ok"]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900);
    checkOutgoing("answerInlineQuery", calls[1]!.payload);
  });

  it("a 429 asking to wait over a minute is not waited for: logged, dropped, the bot carries on", async () => {
    const from = api.calls.length;
    const errors = lines.filter((l) => l.level === "error").length;
    api.failNext("sendMessage", { status: 429, retryAfter: 3600 });
    const started = Date.now();
    await bot.handleUpdate(u.privateText(QUESTION, CAROL));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(api.calls.slice(from).filter((c) => c.method === "sendMessage")).toHaveLength(1);
    expect(lines.filter((l) => l.level === "error")).toHaveLength(errors + 1);
    await bot.handleUpdate(u.privateText(QUESTION, CAROL));
    expect(delivered(api, from, "sendMessage", CAROL.id)).toHaveLength(1);
  });

  it("'blocked by the user' and 'query is too old' are logged at info and dropped after one attempt", async () => {
    const from = api.calls.length;
    const errors = lines.filter((l) => l.level === "error").length;
    api.failNext("sendMessage", { status: 403, description: "Forbidden: bot was blocked by the user" });
    api.failNext("answerInlineQuery", { status: 400 });
    await bot.handleUpdate(u.privateText(QUESTION, ALICE));
    await bot.handleUpdate(u.inline(QUESTION, "", ALICE));
    expect(api.calls.slice(from).filter((c) => c.method === "sendMessage")).toHaveLength(1);
    expect(api.calls.slice(from).filter((c) => c.method === "answerInlineQuery")).toHaveLength(1);
    const dropped = lines.filter((l) => l.level === "info" && /dropped/.test(l.message));
    expect(dropped.map((l) => String(l.extra?.reason))).toEqual(
      expect.arrayContaining([expect.stringMatching(/blocked by the user/), expect.stringMatching(/query is too old/)]),
    );
    expect(lines.filter((l) => l.level === "error")).toHaveLength(errors);
  });
});

describe("the real process under Telegram faults", () => {
  let api: FakeBotApi;
  let dir: string;
  let bot: BotProcess;
  const u = new Updates();

  beforeAll(async () => {
    api = await FakeBotApi.start({ token: TOKEN });
    dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    bot = new BotProcess(
      { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, DATA_DIR: dir, ADMIN_IDS: String(ADMIN.id), LOG_LEVEL: "debug" },
      { via: "node" },
    );
    await api.waitForCall((c) => c.method === "getUpdates", { timeoutMs: 30_000 });
  }, 40_000);
  afterAll(async () => {
    await bot?.stop("SIGKILL");
    await api?.close();
    await removeDir(dir);
  });

  it("keeps polling through a 429 and a reset on getUpdates, and resets and 502 on sendMessage; every update is answered once; 403 is dropped", async () => {
    const from = api.calls.length;
    api.failNext("sendMessage", { status: 0 });
    api.failNext("sendMessage", { status: 502 });
    api.failNext("sendMessage", { status: 403, description: "Forbidden: bot was blocked by the user" });
    api.failNext("answerInlineQuery", { status: 400 });
    const users = [ALICE, BOB, CAROL, ADMIN];
    for (const user of users) api.pushUpdate(u.privateText(QUESTION, user));
    api.pushUpdate(u.inline(QUESTION, "", ALICE));
    api.pushUpdate(u.inline(QUESTION, "", BOB));
    // Once these are delivered, the next two polls fail (while the replies
    // are being retried); then polling must resume.
    await api.waitForCall((c) => c.method === "answerInlineQuery", { from, timeoutMs: 20_000 });
    api.failNext("getUpdates", { status: 429, retryAfter: 1 });
    api.failNext("getUpdates", { status: 0 });
    // Group chatter (no reply due) ends the long poll in flight, so the next polls come now.
    api.pushUpdate(u.groupText("just chatting about bridges", BOB));

    // Wait until every update has had its one attempt that was not an injected retry.
    const settled = () => {
      const sends = api.calls.slice(from).filter((c) => c.method === "sendMessage");
      const ok = sends.filter((c) => c.payload.__failed === undefined).length;
      const blocked = sends.filter((c) => c.payload.__failed === 403).length;
      const inline = api.calls.slice(from).filter((c) => c.method === "answerInlineQuery").length;
      return ok + blocked === users.length && inline === 2;
    };
    await api.waitForCall(() => settled(), { from, timeoutMs: 40_000 });
    await api.waitForCall((c) => c.method === "getUpdates" && c.payload.__failed === 0, { from, timeoutMs: 40_000 });
    // Then one more round trip, so a late duplicate would have arrived.
    const probe = api.calls.length;
    api.pushUpdate(u.privateText("/help", BOB));
    await api.waitForCall(
      (c) => c.method === "sendMessage" && c.payload.chat_id === BOB.id && /@/.test(String(c.payload.text)),
      { from: probe },
    );

    const okReplies = api.calls
      .slice(from, probe)
      .filter((c) => c.method === "sendMessage" && c.payload.__failed === undefined);
    const perChat = new Map<number, number>();
    for (const c of okReplies) perChat.set(c.payload.chat_id, (perChat.get(c.payload.chat_id) ?? 0) + 1);
    // One user "blocked the bot": three of four got their answer, each exactly once.
    expect([...perChat.values()]).toEqual([1, 1, 1]);
    expect(
      api.calls.slice(from).filter((c) => c.method === "getUpdates" && c.payload.__failed !== undefined),
    ).toHaveLength(2);
    expect(bot.stderr).toMatch(/dropped a Telegram refusal.*blocked by the user/);
    expect(bot.stderr).toMatch(/dropped a Telegram refusal.*query is too old/);
  }, 60_000);

  it("when the Bot API goes away it neither crashes nor prints the token, and SIGTERM still stops it cleanly", async () => {
    // The long poll it had open is cut; retries then hit a closed port.
    await api.close();
    expect(await bot.stop("SIGTERM", { group: false })).toBe(0);
    expect(bot.stderr).toContain("stopped cleanly");
    expect(bot.stdout + bot.stderr).not.toContain(TOKEN);
    expect(bot.stdout + bot.stderr).not.toContain(TOKEN.split(":")[1]);
  }, 30_000);
});

describe("a graceful stop", () => {
  it("SIGTERM while a reply waits on a 429 retry: the reply is sent, the update confirmed, then 'stopped cleanly'", async () => {
    const api = await FakeBotApi.start({ token: TOKEN });
    const dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    // Through `npm start`, signalling npm only (as a container runtime would): npm passes
    // SIGTERM to node and exits with its code once node is done.
    const bot = new BotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, DATA_DIR: dir });
    try {
      await bot.waitForOutput(/running \(long polling\)/, 30_000);
      api.failNext("sendMessage", { status: 429, retryAfter: 2 });
      const id = api.pushUpdate(new Updates().privateText(QUESTION, ALICE));
      await api.waitForCall((c) => c.method === "sendMessage" && c.payload.__failed === 429, { timeoutMs: 20_000 });
      // The reply now waits 2 s for its retry; the runner's stop alone would drop it.
      const code = await bot.stop("SIGTERM", { group: false });
      expect(code).toBe(0);
      const sent = api.callsOf("sendMessage").filter((c) => c.payload.__failed === undefined);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.payload.text).toContain("40 million crowns");
      expect(bot.stderr).toMatch(/waiting for 1 update/);
      expect(bot.stderr).toContain("stopped cleanly");
      // The handled update was confirmed, so a restart does not answer it again.
      expect(api.callsOf("getUpdates").at(-1)!.payload.offset).toBe(id + 1);
      expect(bot.groupAlive()).toBe(false);
    } finally {
      await bot.stop("SIGKILL");
      await api.close();
      await removeDir(dir);
    }
  }, 60_000);

  it("SIGTERM during an admin upload: the file is saved, the admin told, and the reload done before exit", async () => {
    const api = await FakeBotApi.start({ token: TOKEN });
    const dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    const env = {
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url,
      DATA_DIR: dir,
      ADMIN_IDS: String(ADMIN.id),
      LOG_LEVEL: "debug",
    };
    const bot = new BotProcess(env, { via: "node" });
    try {
      await bot.waitForOutput(/running \(long polling\)/, 30_000);
      const fileId = api.addFile(BRIDGE_ARTICLE.replace(/bridge/g, "tunnel"));
      // getFile answers after 1.5 s: the signal comes while the upload is in its handler.
      api.delayNext("getFile", 1_500);
      api.pushUpdate(new Updates().document(fileId, "tunnel.md", 600, ADMIN));
      await bot.waitForOutput(/DEBUG update .*"kind":"message"/, 20_000);
      expect(api.callsOf("getFile")).toEqual([]);
      expect(await bot.stop("SIGTERM", { group: false })).toBe(0);
      const texts = api.callsOf("sendMessage").map((c) => String(c.payload.text));
      expect(texts.some((t) => /Saved <code>tunnel\.md<\/code>/.test(t))).toBe(true);
      expect(texts.some((t) => /Documents: 2/.test(t))).toBe(true);
      expect((await readdir(dir)).sort()).toEqual(["bridge.md", "tunnel.md"]);
      expect(bot.stderr).toContain("stopped cleanly");
    } finally {
      await bot.stop("SIGKILL");
      await api.close();
      await removeDir(dir);
    }
  }, 60_000);
});
