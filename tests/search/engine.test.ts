import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseMarkdown } from "../../src/corpus/markdown.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine } from "../../src/search/engine.ts";

// A made-up article, so these tests exercise the mechanisms, not the seed's facts.
const harbour = buildDocument(
  "harbour",
  "harbour.txt",
  parseRaw(` date 2025-04-02 VALLETTA—Prime Minister of Norland Anna Berg and President of Sudland Tomas Kell opened the new deep-water harbour in Valletta on April 2, the government press office reported. Photo credit: Press Office The leaders also discussed fishing quotas.

Trade and Shipping

Berg said trade between the two countries has tripled since 2019. "The harbour will handle two million containers a year. ... It is the largest investment in our history," Berg said. According to the Norland Prime Minister, the port will employ 4,000 people.

Reconstruction

Kell thanked Norland for its assistance in the reconstruction of the old lighthouse. "Our nations were always friends. Today we are partners as well," said Kell.`),
);
const rail = buildDocument(
  "rail",
  "rail.md",
  parseMarkdown(`---
title: Mountain railway reopens
date: 2025-06-01
---

The mountain railway reopened after a two-year renovation, Transport Minister Lea Vogt announced.

"Passengers will save forty minutes on every trip," Vogt said at the station.
`),
);
const engine = createEngine([harbour, rail]);
const top = (q: string) => engine.answer(q)[0];

describe("answering", () => {
  it("returns the passage, the answering sentence, its document and section", () => {
    const answer = top("How much has trade grown since 2019?")!;
    expect(answer.sentence.text).toContain("tripled since 2019");
    expect(answer.document.id).toBe("harbour");
    expect(answer.section).toBe("Trade and Shipping");
    expect(answer.passage.text).toContain(answer.sentence.text);
    expect(answer.score).toBeGreaterThan(0);
  });

  it("is not thrown off by stop words and inflections", () => {
    expect(top("open harbour")!.sentence.text).toContain("opened the new deep-water harbour");
    expect(top("What was it that they were opening, the harbours?")!.sentence.text).toContain(
      "opened the new deep-water harbour",
    );
  });

  it("finds targets through typos in names and words", () => {
    expect(top("Tomas Kel thankd Norlnd")!.sentence.text).toContain("Kell thanked Norland");
    expect(top("lighthuose reconstuction")!.sentence.text).toContain("reconstruction of the old lighthouse");
  });

  it("understands curated synonyms and paraphrases", () => {
    expect(top("What help was given for rebuilding the lighthouse?")!.sentence.text).toContain(
      "assistance in the reconstruction",
    );
    expect(top("How much has commerce grown?")!.sentence.text).toContain("tripled since 2019");
  });

  it("finds people by their role", () => {
    const answer = top("What did the Sudland president thank Norland for?")!;
    expect(answer.sentence.text).toContain("Kell thanked Norland");
  });

  it("prefers the named speaker's direct quotes for 'what did X say about'", () => {
    const answer = top("What did Berg say about investment?")!;
    expect(answer.sentence.text).toContain("largest investment in our history");
    expect(answer.speaker).toBe("Anna Berg");
    expect(answer.quote?.speaker).toBe("Anna Berg");
  });

  it("resolves a speaker named by role and a misspelt one", () => {
    expect(top("What did the Norland prime minister say about containers?")!.speaker).toBe("Anna Berg");
    expect(top("What did Kel say about friends?")!.speaker).toBe("Tomas Kell");
  });

  it("answers 'who said' with the quote and its speaker", () => {
    const answer = top("Who said that the nations were always friends?")!;
    expect(answer.sentence.text).toContain("always friends");
    expect(answer.speaker).toBe("Tomas Kell");
  });

  it("lists a person's quotes for 'what did X say' without a topic", () => {
    const answers = engine.answer("What did Vogt say?");
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => a.speaker === "Lea Vogt")).toBe(true);
  });

  it("answers from the right document when several are loaded", () => {
    const answer = top("How much time will passengers save on the mountain railway?")!;
    expect(answer.document.id).toBe("rail");
    expect(answer.sentence.text).toContain("forty minutes");
  });

  it("abstains on questions the articles do not cover, even when they share a word", () => {
    for (const q of [
      "What is the population of Norland?",
      "What did Macron say about the harbour?",
      "Recommend a good pizza place",
      "When is the next solar eclipse?",
      "How many containers did the harbour handle in 1987?",
      "What is the GDP of Sudland?",
    ]) {
      expect(engine.answer(q), q).toEqual([]);
    }
  });

  it("never throws and returns nothing for input without content", () => {
    for (const q of [
      "",
      "   ",
      "?",
      "the of and",
      "<script>alert(1)</script>",
      "\u0000\u200d\ud800",
      "x".repeat(10_000),
    ]) {
      expect(() => engine.answer(q)).not.toThrow();
    }
    expect(engine.answer("the of and")).toEqual([]);
    expect(engine.answer("")).toEqual([]);
  });

  it("limits the number of answers and orders them best first", () => {
    const answers = engine.answer("harbour port Norland", { limit: 2 });
    expect(answers.length).toBeLessThanOrEqual(2);
    for (let i = 1; i < answers.length; i++) expect(answers[i - 1]!.score).toBeGreaterThanOrEqual(answers[i]!.score);
  });
});

describe("quotes and suggestions", () => {
  it("lists quotes, optionally by one speaker named loosely", () => {
    expect(engine.quotes().length).toBe(3);
    expect(engine.quotes("berg").map((q) => q.speaker)).toEqual(["Anna Berg"]);
    expect(engine.quotes("Kel").map((q) => q.speaker)).toEqual(["Tomas Kell"]);
    expect(engine.quotes("Nobody")).toEqual([]);
  });

  it("suggests questions that the engine really answers", () => {
    const suggestions = engine.suggestions(5);
    expect(suggestions.length).toBeGreaterThan(0);
    for (const q of suggestions) expect(engine.answer(q).length, q).toBeGreaterThan(0);
  });

  it("counts documents, passages, sentences and quotes", () => {
    expect(engine.stats()).toEqual({
      documents: 2,
      passages: harbour.passages.length + rail.passages.length,
      sentences: [...harbour.passages, ...rail.passages].reduce((n, p) => n + p.sentences.length, 0),
      quotes: 3,
    });
  });

  it("an engine without documents answers nothing", () => {
    const empty = createEngine([]);
    expect(empty.answer("anything at all")).toEqual([]);
    expect(empty.suggestions()).toEqual([]);
  });
});
