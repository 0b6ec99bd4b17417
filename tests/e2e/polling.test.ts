/**
 * The real bot (`npm start`) in long-polling mode against the fake Bot API:
 * a private question, an inline query, a group /ask@bot, a non-admin and an
 * admin /reload, and a broken data file named by the reload.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BRIDGE_ARTICLE, INVALID_UTF8, removeDir, tempDataDir } from "../support/articles.ts";
import { FakeBotApi, type RecordedCall } from "../support/fakeBotApi.ts";
import { BotProcess } from "../support/spawnBot.ts";
import { ADMIN, ALICE, BOB, GROUP, Updates } from "../support/updates.ts";

const TOKEN = "987654:E2E_secret_token_ABCDEFGHIJKLMNOPQRSTUV";
const CAROL = { id: 5005, is_bot: false, first_name: "Carol" };

describe("npm start with BOT_TOKEN (long polling)", () => {
  let api: FakeBotApi;
  let dir: string;
  let bot: BotProcess;
  const u = new Updates();

  beforeAll(async () => {
    api = await FakeBotApi.start({ token: TOKEN });
    dir = await tempDataDir(
      {
        "bridge.md": BRIDGE_ARTICLE.replace(
          "source: Valley Courier",
          "source: Valley Courier\nurl: https://example.org/valley/bridge",
        ),
      },
      true,
    );
    bot = new BotProcess({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url,
      DATA_DIR: dir,
      ADMIN_IDS: String(ADMIN.id),
      LOG_LEVEL: "debug",
    });
    await api.waitForCall((c) => c.method === "getUpdates", { timeoutMs: 30_000 });
  }, 40_000);

  afterAll(async () => {
    await bot?.stop();
    await api?.close();
    await removeDir(dir);
  });

  const reply = (chatId: number, from: number, test: (c: RecordedCall) => boolean = () => true) =>
    api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === chatId && test(c), { from });

  it("registers the command menu: public by default, admin commands in the admin's chat", () => {
    const menus = api.callsOf("setMyCommands");
    const publicMenu = menus.find((c) => !c.payload.scope)!;
    expect(publicMenu.payload.commands.map((c: { command: string }) => c.command)).not.toContain("reload");
    const adminMenu = menus.find((c) => c.payload.scope?.chat_id === ADMIN.id)!;
    expect(adminMenu.payload.scope.type).toBe("chat");
    expect(adminMenu.payload.commands.map((c: { command: string }) => c.command)).toContain("reload");
    expect(api.callsOf("getMe")).toHaveLength(1);
  });

  it("answers a private question", async () => {
    const from = api.calls.length;
    api.pushUpdate(u.privateText("How much did the bridge cost?", ALICE));
    const call = await reply(ALICE.id, from);
    expect(call.payload.parse_mode).toBe("HTML");
    expect(call.payload.text).toContain("40 million crowns");
  });

  it("answers an inline query", async () => {
    const from = api.calls.length;
    api.pushUpdate(u.inline("How much did the bridge cost?", "", BOB));
    const call = await api.waitForCall((c) => c.method === "answerInlineQuery", { from });
    const results = call.payload.results as { id: string; input_message_content: { message_text: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(50);
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    for (const r of results) expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
    expect(results[0]!.input_message_content.message_text).toContain("40 million crowns");
    expect(call.payload.cache_time).toBeLessThanOrEqual(30);
  });

  it("in a group: silent on chatter, answers /ask@bot", async () => {
    const from = api.calls.length;
    api.pushUpdate(u.groupText("the bridge is lovely", BOB));
    api.pushUpdate(u.groupText(`/ask@${api.botInfo.username} How much did the bridge cost?`, BOB));
    const call = await reply(GROUP.id, from);
    expect(call.payload.text).toContain("40 million crowns");
    expect(
      api.calls.slice(from).filter((c) => c.method === "sendMessage" && c.payload.chat_id === GROUP.id),
    ).toHaveLength(1);
  });

  it("/reload: refused for a non-admin; for the admin it names the broken file", async () => {
    let from = api.calls.length;
    api.pushUpdate(u.privateText("/reload", BOB));
    expect((await reply(BOB.id, from)).payload.text).toMatch(/only the bot's admins/);

    await writeFile(path.join(dir, "broken.txt"), INVALID_UTF8);
    await writeFile(
      path.join(dir, "extra.md"),
      BRIDGE_ARTICLE.replace("Valley towns open the new river bridge", "Second bridge report"),
    );
    from = api.calls.length;
    api.pushUpdate(u.privateText("/reload", ADMIN));
    const report = (await reply(ADMIN.id, from)).payload.text as string;
    expect(report).toMatch(/Reloaded in \d+ ms/);
    expect(report).toContain("Documents: 3 (+1)");
    expect(report).toContain("broken.txt");

    from = api.calls.length;
    api.pushUpdate(u.privateText("/stats", ADMIN));
    expect((await reply(ADMIN.id, from)).payload.text).toContain("Documents: 3");
  });

  it("a forged button and a sticker get polite answers", async () => {
    const from = api.calls.length;
    const message = u.textMessage({ id: ALICE.id, type: "private", first_name: "Alice" }, ALICE, "x");
    api.pushUpdate(u.callback("more:ZZZZZZZZ:3", message, ALICE));
    api.pushUpdate(u.sticker(ALICE));
    const answer = await api.waitForCall((c) => c.method === "answerCallbackQuery", { from });
    expect(answer.payload.text).toMatch(/ask again/);
    expect((await reply(ALICE.id, from)).payload.text).toMatch(/only read text/);
  });

  it("sets the bot's description and short description at start", () => {
    expect(api.callsOf("setMyDescription")[0]!.payload.description).toMatch(/answer questions about the news articles/);
    expect(api.callsOf("setMyShortDescription")[0]!.payload.short_description.length).toBeLessThanOrEqual(120);
  });

  it("a short answer first, the passage folded, a linked source and a Share button", async () => {
    const from = api.calls.length;
    api.pushUpdate(u.privateText("How much did the bridge cost?", ALICE));
    const call = await reply(ALICE.id, from);
    const text = call.payload.text as string;
    expect(text.startsWith("<b>The bridge cost 40 million crowns")).toBe(true);
    expect(text).toMatch(/<blockquote expandable>[\s\S]*Orlen and Brask[\s\S]*<\/blockquote>/);
    expect(text).toContain(
      '<a href="https://example.org/valley/bridge"><i>Valley towns open the new river bridge</i></a>',
    );
    const visible = text.replace(/<blockquote expandable>[\s\S]*?<\/blockquote>/, "").replace(/<[^>]+>/g, "");
    expect(visible.length).toBeLessThanOrEqual(600);
    const share = call.payload.reply_markup.inline_keyboard
      .flat()
      .find((b: Record<string, string>) => "switch_inline_query" in b);
    expect(share.switch_inline_query).toBe("How much did the bridge cost?");
  });

  it("small talk gets a friendly reply, not a passage", async () => {
    const from = api.calls.length;
    api.pushUpdate(u.privateText("thanks!", ALICE));
    const text = (await reply(ALICE.id, from)).payload.text as string;
    expect(text).toMatch(/welcome/i);
    expect(text).not.toMatch(/does not say|bridge/i);
  });

  it("an abstention offers related questions as buttons; tapping one asks it", async () => {
    let from = api.calls.length;
    api.pushUpdate(u.privateText("What is the capital of Mars?", BOB));
    const abstain = await reply(BOB.id, from);
    expect(abstain.payload.text).toContain("does not say");
    const buttons = abstain.payload.reply_markup.inline_keyboard.flat() as Array<{
      text: string;
      callback_data: string;
    }>;
    expect(buttons.length).toBeGreaterThan(0);
    from = api.calls.length;
    const message = {
      message_id: 999_001,
      date: 0,
      chat: { id: BOB.id, type: "private", first_name: "Bob" },
      text: abstain.payload.text,
    };
    api.pushUpdate(u.callback(buttons[0]!.callback_data, message as never, BOB));
    const answer = await reply(BOB.id, from);
    expect(answer.payload.text).not.toContain("does not say");
    expect(api.calls.slice(from).some((c) => c.method === "answerCallbackQuery")).toBe(true);
  });

  it("an edited question edits the earlier answer", async () => {
    let from = api.calls.length;
    const update = u.privateText("How much did the bridge cost?", ALICE);
    api.pushUpdate(update);
    const first = await reply(ALICE.id, from);
    await api.waitForCall((c) => c.method === "sendMessage" && c.index === first.index, { from });
    from = api.calls.length;
    api.pushUpdate(u.edited(update.message as never, "When will the old ferry stop running?"));
    const edit = await api.waitForCall((c) => c.method === "editMessageText", { from });
    expect(edit.payload.text).toContain("<b>The old ferry between the towns will stop running in July.</b>");
  });

  it("/ask as a reply in a group answers the replied-to message, as a reply to the asker", async () => {
    const from = api.calls.length;
    const question = u.textMessage(GROUP, BOB, "When will the old ferry stop running?");
    // Carol: a user who has not used up her rate limit in the tests above.
    const ask = u.groupText(`/ask@${api.botInfo.username}`, CAROL, { reply_to_message: question });
    api.pushUpdate(ask);
    const call = await reply(GROUP.id, from);
    expect(call.payload.text).toContain("stop running in July");
    expect(call.payload.reply_parameters.message_id).toBe(ask.message!.message_id);
  });

  it("an overview, and a follow-up after a quote answer", async () => {
    let from = api.calls.length;
    api.pushUpdate(u.privateText("What is this article about?", CAROL));
    const overview = (await reply(CAROL.id, from)).payload.text as string;
    expect(overview).not.toContain("does not say");
    from = api.calls.length;
    api.pushUpdate(u.privateText("What did Reyk say?", CAROL));
    expect((await reply(CAROL.id, from)).payload.text).toContain("Tomas Reyk");
    from = api.calls.length;
    api.pushUpdate(u.privateText("What else did he say?", CAROL));
    const followUp = (await reply(CAROL.id, from)).payload.text as string;
    expect(followUp).not.toContain("does not say");
    expect(followUp).toContain("Reyk");
  });

  it("never prints the token, and stops cleanly on SIGTERM", async () => {
    expect(api.unauthorized).toBe(0);
    expect(bot.stderr).toMatch(/running \(long polling\)/);
    await bot.stop("SIGTERM");
    await bot.waitForOutput(/SIGTERM received, stopping[\s\S]*stopped cleanly/);
    expect(bot.stdout + bot.stderr).not.toContain(TOKEN);
    expect(bot.stdout + bot.stderr).not.toContain(TOKEN.split(":")[1]);
  });
});
