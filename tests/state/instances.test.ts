/**
 * Black box: two real bot processes (`npm start`, webhook mode) behind one
 * fake Bot API, sharing one real Redis — /stats on either counts the
 * questions both answered, a "More" from one is paged on by the other, and a
 * /reload on one makes the other reload; each answers /healthz.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import { FakeBotApi } from "../support/fakeBotApi.ts";
import { startRedis, type RedisServer } from "../support/redis.ts";
import { BotProcess, freePort } from "../support/spawnBot.ts";
import { ADMIN, ALICE, BOB, Updates } from "../support/updates.ts";

const TOKEN = "555888:INSTANCES_token_ABCDEFGHIJKLMNOPQRSTUVW";
const SECRET = "shared_hook-secret-42";

function post(port: number, update: unknown, secret = SECRET): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/hook", method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("two webhook instances on one Redis", () => {
  let redis: RedisServer;
  let api: FakeBotApi;
  let dir: string;
  const bots: BotProcess[] = [];
  const ports: number[] = [];
  const u = new Updates();

  beforeAll(async () => {
    redis = await startRedis();
    api = await FakeBotApi.start({ token: TOKEN });
    dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE }, true);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      ports.push(port);
      const from = api.calls.length;
      bots.push(
        new BotProcess({
          BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: api.url,
          DATA_DIR: dir,
          ADMIN_IDS: String(ADMIN.id),
          WEBHOOK_URL: "http://127.0.0.1:1/hook", // the load balancer's address; each instance listens on PORT
          WEBHOOK_SECRET: SECRET,
          PORT: String(port),
          REDIS_URL: redis.url,
        }),
      );
      await api.waitForCall((c) => c.method === "setWebhook", { from, timeoutMs: 40_000 });
    }
  }, 90_000);

  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await api?.close();
    await redis?.stop();
    await removeDir(dir);
  });

  const ask = async (port: number, text: string, from = ALICE) => {
    const at = api.calls.length;
    expect(await post(port, u.privateText(text, from))).toBe(200);
    return (await api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === from.id, { from: at })).payload.text as string;
  };

  it("/stats on either instance counts the questions both answered", async () => {
    expect(await ask(ports[0]!, "How much did the bridge cost?", ALICE)).toContain("40 million crowns");
    expect(await ask(ports[1]!, "How much did the bridge cost?", BOB)).toContain("40 million crowns");
    for (const port of ports) expect(await ask(port, "/stats", ADMIN)).toContain("Questions answered: 2");
  }, 60_000);

  it("a question answered by one instance is paged on by the other", async () => {
    const at = api.calls.length;
    expect(await post(ports[0]!, u.privateText("bridge", ALICE))).toBe(200);
    const answer = await api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === ALICE.id, { from: at });
    const more = (answer.payload.reply_markup.inline_keyboard.flat() as { text: string; callback_data?: string }[]).find((k) => /More/.test(k.text));
    expect(more).toBeDefined();
    const from = api.calls.length;
    const message = { message_id: 999_003, date: 0, chat: { id: ALICE.id, type: "private", first_name: "Alice" }, text: answer.payload.text };
    expect(await post(ports[1]!, u.callback(more!.callback_data!, message as never, ALICE))).toBe(200);
    const edit = await api.waitForCall((c) => c.method === "editMessageText", { from });
    expect(edit.payload.text).toMatch(/Answer 2 of \d+/);
  }, 60_000);

  it("a /reload on one instance reloads the other", async () => {
    expect(await ask(ports[0]!, "/reload", ADMIN)).toMatch(/Reloaded/);
    await bots[1]!.waitForOutput(/reloaded at another instance's request/, 20_000);
    expect(bots[0]!.stderr).not.toMatch(/reloaded at another instance's request/);
  }, 60_000);

  it("a wrong secret gets 401 from either instance", async () => {
    for (const port of ports) expect(await post(port, u.privateText("hi"), "wrong-secret")).toBe(401);
  });

  it("/healthz answers 200 on either instance", async () => {
    for (const port of ports) {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, serving: true });
    }
  });
});
