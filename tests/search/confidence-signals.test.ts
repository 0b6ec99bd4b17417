/**
 * The confidence's word-level signals (confidence.ts) on a made-up article:
 * WordNet alignment, antonyms on any question word, and negation said as "X-less".
 * Mechanisms only, no real article's facts.
 */
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine, inspect } from "../../src/search/engine.ts";
import { wordnetAntonyms, wordnetHypernyms } from "../../src/search/wordnet.ts";

const works = buildDocument(
  "works",
  "works.txt",
  parseRaw(` date 2025-04-02 BRENTON—The engineer Mara Vell received a gold medal from the guild in 1901.

Engines

A pistonless rotary engine such as the Osk engine can replace the cylinders of a steam engine. The foundry had a lengthy dispute with the council over its chimneys.`),
);
const engine = createEngine([works]);
const features = (q: string) => inspect(engine, q, { minConfidence: 0 })[0]!;

describe("confidence signals", () => {
  it("counts a question word one WordNet step more general than the sentence's as present", () => {
    expect(wordnetHypernyms("medal")).toContain("award");
    const award = features("What award did Mara Vell receive?");
    // The same question with a word that has no WordNet link to the sentence.
    const pension = features("What pension did Mara Vell receive?");
    expect(award.answer.sentence.text).toContain("gold medal");
    expect(pension.answer.sentence.text).toContain("gold medal");
    expect(award.features.aligned).toBeGreaterThan(pension.features.aligned);
    expect(award.answer.confidence).toBeGreaterThan(pension.answer.confidence);
  });

  it("notices an opposite of any question word, qualifiers included (short asked, lengthy said)", () => {
    expect(wordnetAntonyms("short")).toContain("lengthi");
    expect(features("Who had a short dispute with the council?").features.antonym).toBe(1);
    expect(features("Who had a lengthy dispute with the council?").features.antonym).toBe(0);
  });

  it("reads 'X-less' as the sentence saying 'without X'", () => {
    expect(features("What is an engine without pistons?").features.negation).toBe(0);
    expect(features("What is an engine without chimneys?").features.negation).toBe(1);
  });
});
