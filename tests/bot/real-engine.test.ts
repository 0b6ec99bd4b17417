/**
 * The handlers over the real engine and loader: the shipped data/ directory
 * and a temp directory with a small invented article. Assertions use what the
 * engine itself returns, not facts of the seed article.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDirectSpeech } from "../../src/bot/render/answer.ts";
import { MAX_MESSAGE_LENGTH } from "../../src/bot/render/html.ts";
import { Library } from "../../src/library/library.ts";
import { BRIDGE_ARTICLE, SEED_DIR, removeDir, tempDataDir } from "../support/articles.ts";
import { Harness, sentMessage } from "../support/harness.ts";
import { boldText, expectWellFormedHtml, squash } from "../support/html.ts";
import { ADMIN, BOB, Updates } from "../support/updates.ts";

describe("with the real engine over data/", () => {
  let library: Library;
  beforeAll(async () => {
    library = (await Library.open(SEED_DIR)).library;
  });

  it("every suggested question is answered with its best sentence marked", async () => {
    const h = new Harness({ library });
    const u = new Updates();
    const suggestions = library.engine.suggestions(5);
    expect(suggestions.length).toBeGreaterThan(0);
    // Each from a new user: a question in the same chat would be read as a follow-up of the one before.
    for (const [i, question] of suggestions.entries()) {
      const best = library.engine.answer(question, { limit: 10 })[0];
      const reply = await h.reply(u.privateText(question, { id: 9000 + i, is_bot: false, first_name: `Reader ${i}` }));
      if (!best) {
        expect(reply.payload.text).toContain("does not say");
        continue;
      }
      expect(boldText(reply.payload.text)).toContain(squash(best.sentence.text).slice(0, 200));
      expect(reply.payload.text).toContain(best.document.title.replace(/&/g, "&amp;").slice(0, 30));
      // The speaker header only over direct speech, never over narration ("In turn, Aliyev noted ...").
      if (best.speaker && isDirectSpeech(best)) expect(reply.payload.text).toContain(`🗣 <b>${best.speaker}</b>`);
      else expect(reply.payload.text).not.toContain("🗣");
      expect(reply.payload.text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expectWellFormedHtml(reply.payload.text);
    }
  });

  it("a More button pages through the answers its first page came from (with the follow-up's context)", async () => {
    const h = new Harness({ library });
    const u = new Updates();
    const speaker = library.engine.quotes().find((q) => q.speaker)!.speaker!;
    const opening = `What did ${speaker.split(" ").at(-1)} say?`;
    await h.reply(u.privateText(opening));
    const context = library.engine.contextOf(opening, library.engine.answer(opening, { limit: 10 }))!;
    const expected = library.engine.answer("Tell me more", { limit: 10, context });
    const first = await h.reply(u.privateText("Tell me more"));
    const more = first.payload.reply_markup.inline_keyboard.flat().find((b: { text: string }) => /More/.test(b.text));
    expect(more, "the article has more than one passage after one quote").toBeDefined();
    const edit = (await h.send(u.callback(more.callback_data, sentMessage(first)))).find(
      (c) => c.method === "editMessageText",
    )!;
    expect(edit.payload.text).toContain(`Answer 2 of ${expected.length}`);
    expect(boldText(edit.payload.text)).toContain(squash(expected[1]!.sentence.text).slice(0, 100));
  });

  it("a question the article does not cover gets the honest answer", async () => {
    const h = new Harness({ library });
    const question = "What is the boiling point of liquid nitrogen on Neptune?";
    expect(library.engine.answer(question)).toEqual([]);
    expect((await h.reply(new Updates().privateText(question))).payload.text).toContain("does not say");
  });

  it("/quotes and inline empty query show the engine's quotes", async () => {
    const h = new Harness({ library });
    const u = new Updates();
    const quotes = library.engine.quotes();
    const text = (await h.reply(u.privateText("/quotes"))).payload.text as string;
    const inline = (await h.send(u.inline("")))[0]!.payload;
    if (quotes.length === 0) return;
    expect(text).toContain(quotes[0]!.speaker ?? "unattributed");
    expect(inline.results.length).toBe(Math.min(quotes.length, 10));
  });
});

describe("with the real engine over a small invented article", () => {
  let dir: string;
  let library: Library;
  beforeAll(async () => {
    dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    library = (await Library.open(dir)).library;
  });
  afterAll(() => removeDir(dir));

  it("answers from the article, names the speaker of a quote, and pages with More when there are several answers", async () => {
    const h = new Harness({ library });
    const u = new Updates();
    const cost = await h.reply(u.privateText("How much did the bridge cost?"));
    expect(boldText(cost.payload.text)).toContain(squash("40 million crowns"));
    expect(cost.payload.text).toContain("Valley towns open the new river bridge");
    expect(cost.payload.text).toContain("2023-06-02");

    const quote = await h.reply(u.privateText("What did Reyk say about the bridge?"));
    expect(quote.payload.text).toContain("Tomas Reyk");

    // Find a question with several answers from the engine itself, then page.
    const candidates = ["bridge", "towns bridge river", "the bridge", "What about the towns?"];
    const question = candidates.find((q) => library.engine.answer(q, { limit: 10 }).length > 1);
    expect(question, "some broad question has several answers").toBeDefined();
    const answers = library.engine.answer(question!, { limit: 10 });
    const first = await h.reply(u.privateText(question!));
    const more = first.payload.reply_markup.inline_keyboard.flat().find((b: { text: string }) => /More/.test(b.text));
    const edit = (await h.send(u.callback(more.callback_data, sentMessage(first)))).find(
      (c) => c.method === "editMessageText",
    )!;
    expect(boldText(edit.payload.text)).toContain(squash(answers[1]!.sentence.text));
  });

  it("follow-ups continue the conversation: more of the article, and 'that's everything' when a speaker is exhausted", async () => {
    const h = new Harness({ library });
    const u = new Updates();
    expect((await h.reply(u.privateText("What did Reyk say?"))).payload.text).toContain("Tomas Reyk");
    const again = (await h.reply(u.privateText("What else did he say?"))).payload.text as string;
    expect(again).not.toContain("does not say");
    expect(again).toContain("Tomas Reyk");
    await h.reply(u.privateText("How much did the bridge cost?", BOB));
    const more = (await h.reply(u.privateText("Tell me more", BOB))).payload.text as string;
    expect(more).not.toContain("does not say");
    expect(more).not.toContain("40 million crowns");
    // A follow-up in another chat, with no conversation before it, is not continued.
    expect((await h.reply(u.privateText("What else did he say?", ADMIN))).payload.text).not.toContain("Tomas Reyk");
  });

  it("inline results come from the article", async () => {
    const h = new Harness({ library });
    const p = (await h.send(new Updates().inline("How much did the bridge cost?")))[0]!.payload;
    expect(p.results.length).toBeGreaterThan(0);
    expect(p.results[0].input_message_content.message_text).toContain("40 million crowns");
  });
});

const MARKET_ARTICLE = `---
title: Skarvik opens a fish market
date: 2024-05-01
---

# Skarvik opens a fish market

Mayor of Skarvik Ingrid Halvorsen opened the new fish market on Monday.

The market hall stands on the old pier, next to the lifeboat station.

## The market

"The market will sell fresh cod every morning," Halvorsen said.

## The harbour

"Our harbour needs deeper berths for the trawlers," Halvorsen said.

## The ferry

"The ferry to the islands will run twice a day," Halvorsen said.
`;

describe("what counts as shown in a conversation", () => {
  let dir: string;
  let library: Library;
  beforeAll(async () => {
    dir = await tempDataDir({ "market.md": MARKET_ARTICLE });
    library = (await Library.open(dir)).library;
  });
  afterAll(() => removeDir(dir));

  const reader = (id: number) => ({ id, is_bot: false, first_name: `Reader ${id}` });
  const passageOf = (text: string) =>
    library.engine.documents[0]!.passages.find((p) => squash(text).includes(squash(p.sentences[0]!.text).slice(0, 40)));

  it("'Who is X?' gives the sentence naming their role, and 'What else did she say?' then gives her words", async () => {
    const h = new Harness({ library });
    const u = new Updates();
    const who = await h.reply(u.privateText("Who is Halvorsen?", reader(1)));
    expect(boldText(who.payload.text)).toContain(squash("Mayor of Skarvik Ingrid Halvorsen"));
    const more = await h.reply(u.privateText("What else did she say?", reader(1)));
    expect(more.payload.text).toContain("🗣 <b>Ingrid Halvorsen</b>");
  });

  it("answers 2..N are not shown until More opens them: 'What else' gives them, and skips a page once opened", async () => {
    const question = "What did Halvorsen say?";
    const answers = library.engine.answer(question, { limit: 10 });
    const passages = new Set(answers.map((a) => `${a.passage.index}`));
    expect(passages.size, "her words are in three passages").toBeGreaterThanOrEqual(3);

    // Only the first page read: what else she said comes from the other passages.
    const h = new Harness({ library });
    const u = new Updates();
    await h.reply(u.privateText(question, reader(2)));
    const next = await h.reply(u.privateText("What else did she say?", reader(2)));
    expect(next.payload.text).not.toMatch(/everything/i);
    const nextIndex = passageOf(boldText(next.payload.text))?.index;
    expect(nextIndex).toBeDefined();
    expect(nextIndex).not.toBe(answers[0]!.passage.index);

    // Page 2 opened with More: what else she said is neither page 1 nor page 2.
    const h2 = new Harness({ library });
    const u2 = new Updates();
    const first = await h2.reply(u2.privateText(question, reader(3)));
    const button = first.payload.reply_markup.inline_keyboard.flat().find((b: { text: string }) => /More/.test(b.text));
    await h2.send(u2.callback(button.callback_data, sentMessage(first), reader(3)));
    const after = await h2.reply(u2.privateText("What else did she say?", reader(3)));
    const index = passageOf(boldText(after.payload.text))?.index;
    expect(index).toBeDefined();
    expect([answers[0]!.passage.index, answers[1]!.passage.index]).not.toContain(index);
  });
});
