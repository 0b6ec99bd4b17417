/**
 * A conversation, not a search box: small talk, follow-ups that carry the
 * engine's answer context, buttons that ask, Share, deep links, edited
 * questions, /ask as a reply, and state kept only in the storage adapter.
 */
import type { StorageAdapter } from "grammy";
import type { Message } from "grammy/types";
import { beforeEach, describe, expect, it } from "vitest";
import { BOT_DESCRIPTION, BOT_SHORT_DESCRIPTION, PUBLIC_COMMANDS, registerCommands } from "../../src/bot/commands.ts";
import { encodeStartPayload } from "../../src/bot/deeplink.ts";
import { MAX_QUESTION_LENGTH } from "../../src/bot/answering.ts";
import { BoundedMemoryStorage } from "../../src/bot/sessions.ts";
import { MAX_QUESTION_LENGTH as ENGINE_READS } from "../../src/search/query.ts";
import type { AnswerContext } from "../../src/search/types.ts";
import { smallTalk } from "../../src/bot/smalltalk.ts";
import type { Answer, AnswerOptions } from "../../src/search/types.ts";
import type { Query } from "../../src/search/query.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary, makeDocument } from "../support/fixtures.ts";
import { Harness, sentMessage, type Call } from "../support/harness.ts";
import { expectWellFormedHtml } from "../support/html.ts";
import { ALICE, BOB, GROUP, Updates } from "../support/updates.ts";

const SUGGESTIONS = ["Who restores the lighthouse?", "What did the mayor say?", "Who pays?"];

/** The stub engine with the conversation API: records the context it is given, relates suggestions, corrects a typo. */
class ConversationalStub extends StubEngine {
  contexts: Array<AnswerContext | undefined> = [];
  suggestionsAbout: Array<string | undefined> = [];

  override answer(question: string, options: AnswerOptions & { context?: AnswerContext } = {}): Answer[] {
    this.contexts.push(options.context);
    // A follow-up the stub can only answer from its context: the speaker's quotes.
    if (/what else/i.test(question)) {
      if (!options.context?.speaker) return [];
      return super.answer(options.context.question, options).filter((a) => a.speaker === options.context!.speaker);
    }
    return super.answer(question.replace(/lighthuose/g, "lighthouse"), options);
  }

  override contextOf(question: string, answers: Answer[]): AnswerContext | null {
    const top = answers[0];
    if (!top) return null;
    return {
      documentId: top.document.id,
      speaker: top.speaker,
      topic: [],
      question,
      shown: [{ documentId: top.document.id, passageIndex: top.passage.index }],
    };
  }

  override suggestions(count = 3, about?: string): string[] {
    this.suggestionsAbout.push(about);
    return about ? [...this.suggestionList].reverse().slice(0, count) : this.suggestionList.slice(0, count);
  }

  override explain(question = ""): Query {
    return {
      corrected: question.includes("lighthuose") ? question.replace(/lighthuose/g, "lighthouse") : null,
    } as unknown as Query;
  }
}

/** A storage that keeps only JSON, as a file or Redis adapter would. */
class JsonStorage implements StorageAdapter<unknown> {
  readonly data = new Map<string, string>();
  async read(key: string) {
    const v = this.data.get(key);
    return v === undefined ? undefined : JSON.parse(v);
  }
  async write(key: string, value: unknown) {
    this.data.set(key, JSON.stringify(value));
  }
  async delete(key: string) {
    this.data.delete(key);
  }
}

const buttons = (call: Call): any[] => call.payload.reply_markup?.inline_keyboard?.flat() ?? [];

describe("conversation", () => {
  let engine: ConversationalStub;
  let library: StubLibrary;
  let storage: JsonStorage;
  let h: Harness;
  let u: Updates;
  beforeEach(() => {
    engine = new ConversationalStub([LIGHTHOUSE], SUGGESTIONS);
    library = new StubLibrary(engine);
    storage = new JsonStorage();
    h = new Harness({ library, storage });
    u = new Updates();
  });

  it("small talk gets a short friendly reply: never a passage, never 'does not say'", async () => {
    for (const text of [
      "hi",
      "Hello!",
      "thanks!",
      "thank you",
      "ok",
      "OK thanks",
      "👍",
      "🙏🙏",
      "help",
      "who are you?",
      "bye",
    ]) {
      const reply = await h.reply(u.privateText(text));
      expect(reply.payload.text, text).not.toMatch(/does not say|lighthouse|crowns/i);
      expect(reply.payload.text.length, text).toBeLessThan(300);
    }
    const stats = await h.stats.read();
    expect(stats.answered + stats.abstained).toBe(0);
    // "help" offers examples to tap.
    const help = await h.reply(u.privateText("help"));
    expect(buttons(help).map((b) => b.text)).toEqual(SUGGESTIONS);
  });

  it("small talk is recognised from the word lists, and a real question is not small talk", () => {
    expect(smallTalk("Thanks a lot!!")).toBe("thanks");
    expect(smallTalk("ok, got it")).toBe("ack");
    expect(smallTalk("😀")).toBe("emoji");
    expect(smallTalk("thanks, and who pays for the lighthouse?")).toBeNull();
    expect(smallTalk("Who restores the lighthouse?")).toBeNull();
    expect(smallTalk("help with the budget figures of the harbour council")).toBeNull();
  });

  it("in a group, thanks to the bot gets a reaction, not a message for everyone", async () => {
    const answer = await h.reply(u.groupText(`/ask@${h.bot.botInfo.username} How much will the work cost?`, BOB));
    const calls = await h.send(u.groupText("thanks!", BOB, { reply_to_message: sentMessage(answer) }));
    expect(calls.filter((c) => c.method === "sendMessage")).toEqual([]);
    const reaction = calls.find((c) => c.method === "setMessageReaction")!;
    expect(reaction.payload.reaction).toEqual([{ type: "emoji", emoji: "👍" }]);
  });

  it("a follow-up carries the last answer's context, per chat, and per user in groups", async () => {
    await h.reply(u.privateText("heart of our harbour", ALICE));
    const followUp = await h.reply(u.privateText("What else did she say?", ALICE));
    expect(engine.contexts.at(-1)).toMatchObject({
      speaker: "Mirela Voss",
      question: "heart of our harbour",
      documentId: "lighthouse",
    });
    expect(followUp.payload.text).toContain("🗣 <b>Mirela Voss</b>");

    // Bob never asked anything here: no context for him, in his chat or in the group.
    await h.reply(u.privateText("What else did she say?", BOB));
    expect(engine.contexts.at(-1)).toBeUndefined();
    await h.reply(u.groupText(`/ask heart of our harbour`, ALICE));
    await h.reply(u.groupText(`/ask What else did she say?`, BOB));
    expect(engine.contexts.at(-1)).toBeUndefined();
    await h.reply(u.groupText(`/ask What else did she say?`, ALICE));
    expect(engine.contexts.at(-1)).toMatchObject({ speaker: "Mirela Voss" });
  });

  it("an abstention offers related questions as buttons that ask them", async () => {
    const reply = await h.reply(u.privateText("What is the weather on Mars?"));
    expect(engine.suggestionsAbout.at(-1)).toBe("What is the weather on Mars?");
    const offered = buttons(reply);
    expect(offered.map((b) => b.text)).toEqual([...SUGGESTIONS].reverse());
    const tap = await h.send(
      u.callback(offered.find((b) => b.text === "Who restores the lighthouse?").callback_data, sentMessage(reply)),
    );
    expect(tap.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);
    const answer = tap.find((c) => c.method === "sendMessage")!;
    expect(answer.payload.text).toContain("Port Maren");
    // The chat does not show a tapped question, so the reply does.
    expect(answer.payload.text.startsWith("❓ <i>Who restores the lighthouse?</i>")).toBe(true);
  });

  it("an answer has a Share button that opens inline mode with the question", async () => {
    const reply = await h.reply(u.privateText("How much will the work cost?"));
    const share = buttons(reply).find((b) => "switch_inline_query" in b)!;
    expect(share.switch_inline_query).toBe("How much will the work cost?");
  });

  it("says what was searched when typo correction changed the question", async () => {
    const reply = await h.reply(u.privateText("Who restores the old lighthuose?"));
    expect(reply.payload.text).toContain("Showing results for “Who restores the old lighthouse?”");
    expect((await h.reply(u.privateText("Who restores the old lighthouse?"))).payload.text).not.toContain(
      "Showing results",
    );
  });

  it("/start <payload> from a deep link asks the question it carries; other payloads show help", async () => {
    const payload = encodeStartPayload("How much will the work cost?")!;
    expect(payload.length).toBeLessThanOrEqual(64);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    const reply = await h.reply(u.privateText(`/start ${payload}`));
    expect(reply.payload.text).toContain("<b>The work will cost 2 million crowns");
    for (const other of ["help", "x", "!!!!"]) {
      expect((await h.reply(u.privateText(`/start ${other}`))).payload.text).toContain("I answer questions");
    }
  });

  it("/ask as a reply answers the replied-to message, replying to the asker", async () => {
    const question = u.textMessage(GROUP, BOB, "How much will the work cost?");
    const ask = u.groupText("/ask", ALICE, { reply_to_message: question });
    const reply = await h.reply(ask);
    expect(reply.payload.text).toContain("2 million crowns");
    expect(reply.payload.reply_parameters.message_id).toBe(ask.message!.message_id);
  });

  it("an edited question edits the earlier answer in place", async () => {
    const update = u.privateText("How much will the work cost?");
    const first = await h.reply(update);
    const calls = await h.send(u.edited(update.message as Message, "Who pledged half of the money?"));
    expect(calls.filter((c) => c.method === "sendMessage")).toEqual([]);
    const edit = calls.find((c) => c.method === "editMessageText")!;
    expect(edit.payload.message_id).toBe(sentMessage(first).message_id);
    expect(edit.payload.text).toContain("<b>Fishermen's unions pledged half of the money.</b>");
    // Edits of messages the bot never answered are ignored.
    expect(
      await h.send(
        u.edited(u.textMessage({ id: ALICE.id, type: "private", first_name: "Alice" }, ALICE, "x"), "lighthouse"),
      ),
    ).toEqual([]);
  });

  it("keeps conversation state only in the storage adapter, as JSON another instance can read", async () => {
    const question = "harbour lighthouse council money";
    const first = await h.reply(u.privateText(question));
    const more = buttons(first).find((b) => /More/.test(b.text))!;
    for (const value of storage.data.values()) expect(value).not.toMatch(/passages|sentences/);
    // A new bot (a restart, or another instance) with the same storage serves the button.
    const other = new Harness({ library: new StubLibrary(new ConversationalStub([LIGHTHOUSE], SUGGESTIONS)), storage });
    const calls = await other.send(u.callback(more.callback_data, sentMessage(first)));
    expect(calls.find((c) => c.method === "editMessageText")!.payload.text).toContain("Answer 2 of");
  });

  it("a long question is cut where the engine stops reading, and the reply says so", async () => {
    const replies = await h.replies(
      u.privateText(
        `How much will the work cost? ${"and the harbour ".repeat(Math.ceil(MAX_QUESTION_LENGTH / 16) + 4)}`,
      ),
    );
    expect(replies[0]!.payload.text).toContain(`first ${MAX_QUESTION_LENGTH} characters`);
    expect(MAX_QUESTION_LENGTH).toBe(ENGINE_READS);
  });

  it("every group reply replies to the asker's message", async () => {
    for (const text of [
      "/ask What is the weather on Mars?",
      "/ask How much will the work cost?",
      "/about",
      "/help",
      "/quotes",
      `/nope@${h.bot.botInfo.username}`,
    ]) {
      const ask = u.groupText(text, ALICE);
      const reply = await h.reply(ask);
      expect(reply.payload.reply_parameters?.message_id, text).toBe(ask.message!.message_id);
    }
    // Private chats need no threading.
    expect((await h.reply(u.privateText("/about"))).payload.reply_parameters).toBeUndefined();
  });
});

describe("the default conversation storage", () => {
  it("is bounded: the least recently written entries go first", () => {
    const storage = new BoundedMemoryStorage<number>(3);
    for (const [i, key] of ["a", "b", "c", "d"].entries()) storage.write(key, i);
    expect(storage.read("a")).toBeUndefined();
    expect([storage.read("b"), storage.read("c"), storage.read("d")]).toEqual([1, 2, 3]);
    storage.write("b", 9); // rewritten: now the newest
    storage.write("e", 4);
    expect(storage.read("c")).toBeUndefined();
    expect(storage.read("b")).toBe(9);
  });
});

describe("one command table", () => {
  it("feeds the menu, /help and the handlers", async () => {
    const h = new Harness({ library: new StubLibrary(new StubEngine([LIGHTHOUSE], SUGGESTIONS)) });
    const u = new Updates();
    const help = (await h.reply(u.privateText("/help"))).payload.text as string;
    for (const c of PUBLIC_COMMANDS) {
      expect(help).toContain(`/${c.command}`);
      const replies = await h.replies(u.privateText(`/${c.command}`));
      expect(replies.map((r) => r.payload.text).join(" "), c.command).not.toMatch(/don't know that command/);
    }
  });

  it("registerCommands also sets the bot's descriptions within Telegram's limits", async () => {
    const h = new Harness({ library: new StubLibrary(new StubEngine([LIGHTHOUSE])) });
    const logger = { error() {}, warn() {}, info() {}, debug() {} };
    const from = h.calls.length;
    await registerCommands(h.bot.api, [], logger);
    const calls = h.calls.slice(from);
    expect(calls.find((c) => c.method === "setMyDescription")!.payload.description).toBe(BOT_DESCRIPTION);
    expect(calls.find((c) => c.method === "setMyShortDescription")!.payload.short_description).toBe(
      BOT_SHORT_DESCRIPTION,
    );
    expect(BOT_DESCRIPTION.length).toBeLessThanOrEqual(512);
    expect(BOT_SHORT_DESCRIPTION.length).toBeLessThanOrEqual(120);
  });
});

describe("bounded replies", () => {
  it("/quotes <unknown name> with 400 quoted people fits one message and says how many more", async () => {
    const people = Array.from({ length: 400 }, (_, i) => ({
      speaker: `Speaker Number${i} Longname`,
      text: `"Words of person ${i}."`,
    }));
    const doc = makeDocument("crowd", "Crowd", people);
    const h = new Harness({ library: new StubLibrary(new StubEngine([doc])) });
    const reply = await h.reply(new Updates().privateText("/quotes Nobody"));
    expect(reply.payload.text.length).toBeLessThanOrEqual(4096);
    expect(reply.payload.text).toMatch(/and \d+ more/);
    expectWellFormedHtml(reply.payload.text);
  });

  it("a 6,000-character title does not break the empty inline query's results", async () => {
    const doc = makeDocument("t", "T".repeat(6000), [{ speaker: "Ann Lee", text: '"A quote." Ann Lee said.' }]);
    const h = new Harness({ library: new StubLibrary(new StubEngine([doc])) });
    const [call] = (await h.send(new Updates().inline(""))).filter((c) => c.method === "answerInlineQuery");
    const results = call!.payload.results as Array<{
      title: string;
      description: string;
      input_message_content: { message_text: string };
    }>;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.input_message_content.message_text.length).toBeLessThanOrEqual(4096);
      expectWellFormedHtml(r.input_message_content.message_text);
    }
  });
});
