import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { confidenceOf } from "../../src/search/confidence.ts";
import { englishRarity } from "../../src/search/dictionary.ts";
import { createEngine, inspect } from "../../src/search/engine.ts";
import { DEFAULT_OPTIONS, mergeOptions } from "../../src/search/options.ts";
import { tokenize } from "../../src/search/text.ts";
import { baseStems, wordnetAntonyms, wordnetRelated } from "../../src/search/wordnet.ts";

// Made-up articles: these tests exercise mechanisms, not any real article's facts.
const summit = buildDocument(
  "summit",
  "summit.txt",
  parseRaw(` date 2025-04-02 OSLAND—The ministers met ahead of COP 31 in Osland. The charter was granted to the guild in 1912 by the king.

Ports

The northern port is the largest in the region. Its cranes were built in 1998.`),
);
const engine = createEngine([summit]);
const top = (q: string, options = {}) => engine.answer(q, options)[0];

describe("engine options", () => {
  it("merges per engine and per question over the documented defaults, nested groups key by key", () => {
    const merged = mergeOptions(DEFAULT_OPTIONS, { limit: 2, ranking: { k1: 2 } });
    expect(merged.limit).toBe(2);
    expect(merged.ranking.k1).toBe(2);
    expect(merged.ranking.b).toBe(DEFAULT_OPTIONS.ranking.b);
    expect(mergeOptions(DEFAULT_OPTIONS, { limit: undefined }).limit).toBe(DEFAULT_OPTIONS.limit);
    expect(DEFAULT_OPTIONS.maxQuestionLength).toBeGreaterThanOrEqual(1000);
  });

  it("takes the abstention threshold per engine and per question", () => {
    const question = "Who granted the charter?";
    expect(top(question)).toBeDefined();
    expect(engine.answer(question, { minConfidence: 1 })).toEqual([]);
    expect(createEngine([summit], { minConfidence: 1 }).answer(question)).toEqual([]);
    expect(engine.answer(question, { limit: 1 })).toHaveLength(1);
  });

  it("reads a long question up to the bot's limit (the words at its end count)", () => {
    const padding = "please ".repeat(85); // ~600 characters the engine ignores as filler
    const question = `${padding}when were the cranes built?`;
    expect(question.length).toBeGreaterThan(600);
    expect(question.length).toBeLessThan(1000);
    expect(top(question)?.sentence.text).toContain("1998");
  });

  it("cuts over-long words itself, so callers need not", () => {
    const blob = "x".repeat(5000);
    expect(() => engine.answer(`${blob} cranes built?`)).not.toThrow();
    expect(engine.explain(`${blob} cranes`).question.length).toBeLessThanOrEqual(DEFAULT_OPTIONS.maxQuestionLength);
    expect(engine.explain(`${blob} cranes`).question.split(/\s+/)[0]!.length).toBe(DEFAULT_OPTIONS.maxWordLength);
  });

  it("keeps no state between engines: two engines answer the same after either is used", () => {
    const a = createEngine([summit]);
    const first = a.answer("When were the cranes built?")[0]?.sentence.text;
    createEngine([summit], { ranking: { k1: 0.5, b: 1 } }).answer("When were the cranes built?");
    expect(a.answer("When were the cranes built?")[0]?.sentence.text).toBe(first);
  });
});

describe("matching", () => {
  it("reads an acronym and its number as one name, however it is written", () => {
    for (const text of ["COP29", "COP 29", "COP-29"]) expect(tokenize(text).map((t) => t.term)).toEqual(["cop29"]);
    expect(tokenize("UN 2030").map((t) => t.term)).toEqual(["un", "2030"]);
    expect(tokenize("a 1,000 km").map((t) => t.term)).toEqual(["a", "1000", "km"]);
    for (const q of ["Where will COP31 be?", "Where will COP 31 be?", "Where will cop-31 be?"]) {
      expect(top(q)?.sentence.text, q).toContain("COP 31");
    }
  });

  it("weighs a word the articles never use by how telling it is in English", () => {
    expect(englishRarity("signed")).toBeLessThan(englishRarity("reconsecrated"));
    expect(englishRarity("zzyzxq")).toBe(1);
    const common = engine.explain("When was the charter signed?").concepts.find((c) => c.word === "signed")!;
    const rare = engine.explain("When was the charter palimpsested?").concepts.find((c) => c.word === "palimpsested")!;
    expect(common.unknown && rare.unknown).toBe(true);
    expect(common.idf).toBeLessThan(rare.idf);
    // The common word costs less confidence than the rare one, and the ranking still finds the sentence.
    const [signed] = inspect(engine, "When was the charter signed?", { minConfidence: 0 });
    const [palimpsested] = inspect(engine, "When was the charter palimpsested?", { minConfidence: 0 });
    expect(signed!.answer.sentence.text).toContain("1912");
    expect(signed!.answer.confidence).toBeGreaterThan(palimpsested!.answer.confidence);
  });

  it("finds related words and opposites in WordNet", () => {
    expect(wordnetRelated("start")).toContain("begin");
    expect(baseStems("largest")).toContain("larg");
    expect(wordnetAntonyms("smallest")).toContain("larg");
    const [asked] = inspect(engine, "Which port is the smallest in the region?", { minConfidence: 0 });
    const [said] = inspect(engine, "Which port is the largest in the region?", { minConfidence: 0 });
    expect(asked!.features.antonym).toBe(1);
    expect(said!.features.antonym).toBe(0);
    expect(asked!.answer.confidence).toBeLessThan(said!.answer.confidence);
  });

  it("turns the confidence features into a probability that rises with coverage", () => {
    const base = inspect(engine, "When were the cranes built?", { minConfidence: 0 })[0]!.features;
    const low = confidenceOf({ ...base, coverage: 0.1, own: 0.1, near: 0.1 });
    const high = confidenceOf({ ...base, coverage: 1, own: 1, near: 1 });
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(1);
    expect(high).toBeGreaterThan(low);
  });

  it("is less sure of a sentence that does not name what the question asks about", () => {
    // "the depth of the port": the focus is "depth"; no sentence names it.
    const missing = inspect(engine, "What is the depth of the northern port?", { minConfidence: 0 })[0]!;
    const named = inspect(engine, "What is the largest port in the region?", { minConfidence: 0 })[0]!;
    expect(missing.features.focusOwn).toBe(0);
    expect(named.features.focusOwn).toBe(1);
    expect(confidenceOf({ ...missing.features, focusOwn: 0 })).toBeLessThan(
      confidenceOf({ ...missing.features, focusOwn: 1 }),
    );
  });
});
