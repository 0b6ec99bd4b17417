/**
 * Webhook mode: `npm start` with WEBHOOK_URL serves Telegram's POSTs on PORT,
 * rejects requests without the right secret-token header (401) and never
 * processes them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import { FakeBotApi } from "../support/fakeBotApi.ts";
import { BotProcess, freePort } from "../support/spawnBot.ts";
import { ALICE, BOB, Updates } from "../support/updates.ts";

const TOKEN = "555777:WEBHOOK_token_ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const SECRET = "hook_secret-12345";

describe("npm start with WEBHOOK_URL", () => {
  let api: FakeBotApi;
  let dir: string;
  let bot: BotProcess;
  let port: number;
  const u = new Updates();

  beforeAll(async () => {
    api = await FakeBotApi.start({ token: TOKEN });
    dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    port = await freePort();
    bot = new BotProcess({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url,
      DATA_DIR: dir,
      WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
    });
    await api.waitForCall((c) => c.method === "setWebhook", { timeoutMs: 30_000 });
  }, 40_000);

  afterAll(async () => {
    await bot?.stop();
    await api?.close();
    await removeDir(dir);
  });

  it("registers the webhook with the secret token", () => {
    expect(api.webhook).toEqual({ url: expect.stringMatching(/\/telegram\/hook$/), secret: SECRET });
    expect(api.callsOf("getUpdates")).toEqual([]);
  });

  it("rejects updates without the right secret (401) and never processes them", async () => {
    const from = api.calls.length;
    const none = await api.deliverWebhook(u.privateText("How much did the bridge cost?", BOB) as never);
    const wrong = await api.deliverWebhook(
      u.privateText("How much did the bridge cost?", BOB) as never,
      "not-the-secret",
    );
    expect(none.status).toBe(401);
    expect(wrong.status).toBe(401);
    // A good update afterwards is answered; the rejected ones never were.
    const ok = await api.deliverWebhook(u.privateText("How much did the bridge cost?", ALICE) as never, SECRET);
    expect(ok.status).toBe(200);
    const reply = await api.waitForCall((c) => c.method === "sendMessage", { from });
    expect(reply.payload.chat_id).toBe(ALICE.id);
    expect(reply.payload.text).toContain("40 million crowns");
    expect(api.calls.slice(from).filter((c) => c.payload.chat_id === BOB.id)).toEqual([]);
  });

  it("answers GET /healthz on the webhook port: 200 with the article loaded", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, serving: true, documents: 1 });
  });

  it("never prints the token or the secret", async () => {
    await bot.stop();
    expect(bot.stdout + bot.stderr).not.toContain(TOKEN);
    expect(bot.stdout + bot.stderr).not.toContain(SECRET);
  });
});
