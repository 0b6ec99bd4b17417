import { beforeEach, describe, expect, it } from "vitest";
import { decodeMore } from "../../src/bot/callback-data.ts";
import { MAX_MESSAGE_LENGTH } from "../../src/bot/render/html.ts";
import { Harness, sentMessage } from "../support/harness.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary } from "../support/fixtures.ts";
import { ADMIN, ALICE, Updates } from "../support/updates.ts";
import { boldText, expectWellFormedHtml, squash } from "../support/html.ts";

/** The buttons that call back (not Share). */
function callbackButtons(markup: { inline_keyboard: any[][] }): any[] {
  return markup.inline_keyboard.flat().filter((b) => b.callback_data !== undefined);
}

const SUGGESTIONS = ["Who restores the lighthouse?", "What did the mayor say?", "Who pays?"];

describe("private chat", () => {
  let h: Harness;
  let u: Updates;
  let library: StubLibrary;
  beforeEach(() => {
    library = new StubLibrary(new StubEngine([LIGHTHOUSE], SUGGESTIONS));
    h = new Harness({ library });
    u = new Updates();
  });

  it("a question gets the passage with the answering sentence marked and the source", async () => {
    const reply = await h.reply(u.privateText("How much will the work cost?"));
    const { text, parse_mode } = reply.payload;
    expect(parse_mode).toBe("HTML");
    expect(text).toContain("<b>The work will cost 2 million crowns &amp; take &lt;two&gt; years.</b>");
    expect(text).toContain("Harbour council restores the old lighthouse");
    expectWellFormedHtml(text);
    expect((await h.stats.read()).answered).toBe(1);
  });

  it("a quote answer names the speaker", async () => {
    const reply = await h.reply(u.privateText("heart of our harbour"));
    expect(reply.payload.text).toContain("🗣 <b>Mirela Voss</b>:");
  });

  it("no answer: says the article does not say and suggests questions", async () => {
    const reply = await h.reply(u.privateText("What is the weather on Mars?"));
    expect(reply.payload.text).toContain("does not say");
    const buttons = reply.payload.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: { text: string }) => b.text)).toEqual(SUGGESTIONS);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    expect((await h.stats.read()).abstained).toBe(1);
    expect((await h.stats.read()).answered).toBe(0);
  });

  it("More pages through the next answers by editing the message; Back returns", async () => {
    const question = "harbour lighthouse council money";
    const expected = library.engine.answer(question, { limit: 10 });
    expect(expected.length).toBeGreaterThan(2);
    const first = await h.reply(u.privateText(question));
    const buttons = callbackButtons(first.payload.reply_markup);
    expect(buttons).toHaveLength(1);
    expect(buttons[0].text).toMatch(/More/);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    const message = sentMessage(first);
    const calls = await h.send(u.callback(buttons[0].callback_data, message));
    const edit = calls.find((c) => c.method === "editMessageText")!;
    expect(edit.payload.message_id).toBe(message.message_id);
    expect(boldText(edit.payload.text)).toContain(squash(expected[1]!.sentence.text));
    expect(edit.payload.text).toContain(`Answer 2 of ${expected.length}`);
    expect(calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);

    const next = callbackButtons(edit.payload.reply_markup);
    expect(next.map((b: { text: string }) => b.text)).toEqual([
      expect.stringMatching(/Back/),
      expect.stringMatching(/More/),
    ]);
    const back = await h.send(u.callback(next[0].callback_data, message));
    expect(back.find((c) => c.method === "editMessageText")!.payload.text).toContain("Answer 1 of");
  });

  it("a forged callback gets a polite answerCallbackQuery and no edit", async () => {
    const first = await h.reply(u.privateText("harbour lighthouse council money"));
    const message = sentMessage(first);
    for (const data of ["more:AAAAAAAA:1", "rm -rf /", "more:../../:9", "x".repeat(64), ""]) {
      const calls = await h.send(u.callback(data, message));
      expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
      expect(calls[0]!.payload.text).toMatch(/expired|ask again/i);
    }
    expect(h.logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("a More button keeps working after a reload: the question is asked again of the new index", async () => {
    const question = "harbour lighthouse council money";
    const first = await h.reply(u.privateText(question));
    const data = callbackButtons(first.payload.reply_markup)[0].callback_data;
    expect(decodeMore(data)).not.toBeNull();
    await library.reload();
    const calls = await h.send(u.callback(data, sentMessage(first)));
    const edit = calls.find((c) => c.method === "editMessageText")!;
    expect(boldText(edit.payload.text)).toContain(
      squash(library.engine.answer(question, { limit: 10 })[1]!.sentence.text),
    );
    expect(calls.find((c) => c.method === "answerCallbackQuery")!.payload.text).toBeUndefined();
  });

  it("pressing past the last answer says so", async () => {
    const first = await h.reply(u.privateText("harbour lighthouse council money"));
    const data = callbackButtons(first.payload.reply_markup)[0].callback_data as string;
    const calls = await h.send(u.callback(data.replace(/:\d+$/, ":99"), sentMessage(first)));
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]!.payload.text).toMatch(/last answer/);
  });

  it("/start and /help show how to use the bot with example questions", async () => {
    for (const cmd of ["/start", "/help"]) {
      const reply = await h.reply(u.privateText(cmd));
      expect(reply.payload.text).toContain("@TestArticleBot");
      const buttons = reply.payload.reply_markup.inline_keyboard.flat();
      expect(buttons.map((b: { text: string }) => b.text)).toEqual(SUGGESTIONS);
      expect(reply.payload.text).not.toContain("/reload");
      expectWellFormedHtml(reply.payload.text);
    }
    const admin = await h.reply(u.privateText("/help", ADMIN));
    expect(admin.payload.text).toContain("/reload");
  });

  it("/about lists the loaded documents", async () => {
    const reply = await h.reply(u.privateText("/about"));
    expect(reply.payload.text).toContain("Harbour council restores the old lighthouse");
    expect(reply.payload.text).toContain("3 passages");
    // Not the file name: readers care about the article, not how it is stored.
    expect(reply.payload.text).not.toContain("lighthouse.md");
  });

  it("/quotes lists direct quotes, optionally by one speaker", async () => {
    const all = await h.reply(u.privateText("/quotes"));
    expect(all.payload.text).toContain("The lighthouse is the heart of our harbour");
    expect(all.payload.text).toContain("Mirela Voss");
    const voss = await h.reply(u.privateText("/quotes voss"));
    expect(voss.payload.text).toContain("The lighthouse is the heart");
    const nobody = await h.reply(u.privateText("/quotes <Nobody>"));
    expect(nobody.payload.text).toContain("No direct quotes by “&lt;Nobody&gt;”");
    expect(nobody.payload.text).toContain("People quoted: Mirela Voss");
  });

  it("stickers, photos and voice get a short hint, never an error", async () => {
    for (const update of [u.sticker(), u.photo(), u.voice()]) {
      const reply = await h.reply(update);
      expect(reply.payload.text).toMatch(/only read text/);
    }
    expect(h.logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("an unknown command points at /help", async () => {
    expect((await h.reply(u.privateText("/frobnicate"))).payload.text).toMatch(/\/help/);
  });

  it("a huge message is answered with at most 4096 characters per reply", async () => {
    const replies = await h.replies(u.privateText("lighthouse <b>&amp; ".repeat(1000)));
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) {
      expect(r.payload.text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      if (r.payload.parse_mode === "HTML") expectWellFormedHtml(r.payload.text);
    }
  });

  it("messages sent via this bot (a chosen inline result) are ignored", async () => {
    const update = u.privateText("lighthouse");
    (update.message as { via_bot?: unknown }).via_bot = { id: h.bot.botInfo.id, is_bot: true, first_name: "Bot" };
    expect(await h.send(update)).toEqual([]);
  });

  it("'bot was blocked' is logged and dropped, not raised", async () => {
    h.failNext("sendMessage", 403, "Forbidden: bot was blocked by the user");
    await h.send(u.privateText("lighthouse", ALICE));
    expect(h.logs.some((l) => l.level === "info" && /dropped/.test(l.message))).toBe(true);
    expect(h.logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("other Telegram errors reach bot.catch and are logged as errors without the token", async () => {
    h.failNext("sendMessage", 400, "Bad Request: can't parse entities");
    await h.send(u.privateText("lighthouse"));
    const errors = h.logs.filter((l) => l.level === "error");
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors)).not.toContain("TEST-token");
  });
});

describe("rate limit", () => {
  it("limits messages per user, telling when to ask again (notices bounded too), but not inline queries", async () => {
    const h = new Harness({
      library: new StubLibrary(new StubEngine([LIGHTHOUSE])),
      rateLimit: { limit: 2, timeFrameMs: 60_000 },
    });
    const u = new Updates();
    const texts: string[] = [];
    for (let i = 0; i < 5; i++)
      for (const r of await h.replies(u.privateText("lighthouse"))) texts.push(r.payload.text);
    // A minute's wait is too long to queue: two notices (as many as the limit), the fifth is a flood.
    expect(texts.filter((t) => /a bit fast — please ask that again in (59|60) s/.test(t))).toHaveLength(2);
    expect(texts.filter((t) => /lighthouse/i.test(t))).toHaveLength(2);
    // Another user is not affected.
    expect((await h.reply(u.privateText("lighthouse", ADMIN))).payload.text).toMatch(/lighthouse/i);
    // Inline queries are always answered.
    for (let i = 0; i < 5; i++) {
      const calls = await h.send(u.inline("lighthouse"));
      expect(calls.map((c) => c.method)).toEqual(["answerInlineQuery"]);
    }
  });
});
