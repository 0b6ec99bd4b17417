/**
 * Black box: the real bot (`npm start`) against the fake Bot API with one
 * STATE_DIR, stopped with SIGTERM and started again — a "More" button from
 * before the restart still pages on, and /stats still counts earlier questions.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import { FakeBotApi } from "../support/fakeBotApi.ts";
import { BotProcess } from "../support/spawnBot.ts";
import { ADMIN, ALICE, Updates } from "../support/updates.ts";

const TOKEN = "987654:E2E_state_token_ABCDEFGHIJKLMNOPQRSTUV";

describe("npm start with STATE_DIR, restarted", () => {
  let api: FakeBotApi;
  let dataDir: string;
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "bot-restart-state-"));
  const u = new Updates();
  const start = async () => {
    const from = api.calls.length;
    const bot = new BotProcess({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, DATA_DIR: dataDir, ADMIN_IDS: String(ADMIN.id), STATE_DIR: stateDir });
    await api.waitForCall((c) => c.method === "getUpdates", { from, timeoutMs: 30_000 });
    return bot;
  };
  const ask = async (text: string, chat: number, from = ALICE) => {
    const at = api.calls.length;
    api.pushUpdate(u.privateText(text, from));
    return api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === chat, { from: at });
  };

  beforeAll(async () => {
    api = await FakeBotApi.start({ token: TOKEN });
    dataDir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE }, true);
  }, 40_000);

  afterAll(async () => {
    await api?.close();
    await removeDir(dataDir);
    await removeDir(stateDir);
  });

  it("a More button pressed before a SIGTERM and restart pages on after it, and /stats counts earlier questions", async () => {
    const first = await start();
    expect((await ask("How much did the bridge cost?", ALICE.id)).payload.text).toContain("40 million crowns");
    const answer = await ask("bridge", ALICE.id);
    const more = (answer.payload.reply_markup.inline_keyboard.flat() as { text: string; callback_data?: string }[]).find((k) => /More/.test(k.text));
    expect(more).toBeDefined();
    await first.stop("SIGTERM");

    const second = await start();
    try {
      const from = api.calls.length;
      const message = { message_id: 999_002, date: 0, chat: { id: ALICE.id, type: "private", first_name: "Alice" }, text: answer.payload.text };
      api.pushUpdate(u.callback(more!.callback_data!, message as never, ALICE));
      const edit = await api.waitForCall((c) => c.method === "editMessageText", { from });
      expect(edit.payload.text).toMatch(/Answer 2 of \d+/);
      const stats = (await ask("/stats", ADMIN.id, ADMIN)).payload.text as string;
      expect(stats).toContain("Questions answered: 2");
    } finally {
      await second.stop("SIGTERM");
    }
    expect(readdirSync(stateDir)).toContain("state.jsonl");
  }, 90_000);
});
