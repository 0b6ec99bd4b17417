/**
 * The answer path's allocation-free pieces (issue 13) give what the code they replace gave:
 * the in-place word look-up and word list, the top-passages selection, and the linear models
 * scored from rows of numbers.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import {
  CONFIDENCE_FEATURES,
  CONFIDENCE_MODEL,
  type ConfidenceFeatures,
  confidenceOf,
  featureRow,
  questionSignals,
} from "../../src/search/confidence.ts";
import { createEngine } from "../../src/search/engine.ts";
import { linearScore } from "../../src/search/linear-model.ts";
import { SIGNALS, TopPassages } from "../../src/search/rank.ts";
import {
  FEATURE_WIDTH,
  SENTENCE_FEATURES,
  SENTENCE_MODEL,
  type SentenceFeatures,
  chooseRow,
  chooseSentence,
  featureObjects,
} from "../../src/search/sentence-model.ts";
import { WordCache, type WordInfo, tokenize, wordsOf } from "../../src/search/text.ts";
import { StampMap } from "../../src/util/stamp-set.ts";

const pieces = [
  " ",
  "-",
  "G",
  "20",
  "G 20",
  "F-16",
  "UN",
  "Marsh's",
  "3.5",
  "1,000",
  "É",
  "é",
  "don't",
  "the",
  "Running",
  "ran",
  "“",
  ".",
];

describe("wordsOf", () => {
  it("reads the words tokenize reads, with and without a cache, the cache's in-place look-up agreeing with its own", () => {
    const cache = new WordCache();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        const expected = tokenize(text).map(({ word, term, stop }) => ({ word, term, stop }));
        const out: WordInfo[] = [];
        for (const c of [cache, undefined]) {
          const n = wordsOf(text, out, c);
          expect(out.slice(0, n).map(({ word, term, stop }) => ({ word, term, stop }))).toEqual(expected);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("finds a word in place after its table grows, the same object as a look-up by its text", () => {
    const cache = new WordCache();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    const text = words.join(" ");
    const out: WordInfo[] = [];
    expect(wordsOf(text, out, cache)).toBe(words.length);
    // Read again, every word is found where it stands: not cut out and asked of info() (the fallback).
    const info = vi.spyOn(cache, "info");
    expect(wordsOf(text, out, cache)).toBe(words.length);
    expect(info).not.toHaveBeenCalled();
    info.mockRestore();
    words.forEach((w, i) => expect(out[i]).toBe(cache.info(w)));
  });
});

describe("TopPassages", () => {
  it("keeps the first `capacity` of a stable sort by score descending, then passage index", () => {
    const top = new TopPassages();
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.constantFrom(0.5, 1, 1.5, 2, 3), order: fc.nat(4) }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (offers, capacity) => {
          top.reset(capacity);
          offers.forEach((o, id) => top.offer(id, o.order, o.score));
          const expected = offers
            .map((o, id) => ({ ...o, id }))
            .sort((a, b) => b.score - a.score || a.order - b.order)
            .slice(0, capacity);
          const got = Array.from({ length: top.length }, (_, i) => ({ id: top.id(i), score: top.score(i) }));
          expect(got).toEqual(expected.map(({ id, score }) => ({ id, score })));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const unit = fc.double({ min: -2, max: 2, noNaN: true });

describe("linear models over rows", () => {
  it("chooseRow picks what chooseSentence picks on the same features as objects", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(unit, { minLength: FEATURE_WIDTH, maxLength: FEATURE_WIDTH }), {
          minLength: 1,
          maxLength: 8,
        }),
        (table) => {
          const rows = Float64Array.from(table.flat());
          const objects = featureObjects(rows, table.length);
          expect(Object.keys(objects[0]!)).toEqual([...SENTENCE_FEATURES]);
          expect(chooseRow(rows, table.length, SENTENCE_MODEL)).toBe(chooseSentence(objects, SENTENCE_MODEL));
          // A model whose weights come in another order sums in that order, as linearScore does.
          const reversed = {
            intercept: 0.3,
            weights: Object.fromEntries(Object.entries(SENTENCE_MODEL.weights).reverse()) as Record<
              keyof SentenceFeatures,
              number
            >,
          };
          expect(chooseRow(rows, table.length, reversed)).toBe(chooseSentence(objects, reversed));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("confidenceOf is the logistic of linearScore, bit for bit", () => {
    const names = Object.keys(CONFIDENCE_MODEL.weights) as (keyof ConfidenceFeatures)[];
    fc.assert(
      fc.property(fc.array(unit, { minLength: names.length, maxLength: names.length }), (values) => {
        const features = Object.fromEntries(names.map((n, i) => [n, values[i]!])) as unknown as ConfidenceFeatures;
        expect(confidenceOf(features)).toBe(1 / (1 + Math.exp(-linearScore(features, CONFIDENCE_MODEL))));
      }),
      { numRuns: 500 },
    );
  });
});

describe("StampMap", () => {
  it("holds what was set this round only, past its first table size", () => {
    const map = new StampMap();
    const keys = Array.from({ length: 3000 }, (_, i) => `k${i}`);
    keys.forEach((k, i) => map.set(k, i + 1));
    keys.forEach((k, i) => expect(map.get(k)).toBe(i + 1));
    const round = map.round;
    map.clear();
    expect(map.round).not.toBe(round);
    expect(map.get("k5")).toBe(0);
    map.set("k5", 7);
    expect(map.get("k5")).toBe(7);
    expect(map.get("k6")).toBe(0);
    // `or` adds bits to this round's value, and starts from none for a key not set this round.
    map.or("k5", 8);
    map.or("k6", 2);
    expect([map.get("k5"), map.get("k6")]).toEqual([15, 2]);
  });
});

/** Two sections: an engineer's award, and engines. */
function works() {
  return buildDocument(
    "works",
    "works.txt",
    parseRaw(` date 2025-04-02 BRENTON—The engineer Mara Vell received a gold medal from the guild in 1901.

Engines

A pistonless rotary engine such as the Osk engine can replace the cylinders of a steam engine. The foundry had a lengthy dispute with the council over its chimneys, and the award went elsewhere.`),
  );
}

describe("confidence alignment", () => {
  it("finds the same concepts through the per-question bit sets as by asking each concept's stems and hypernyms", () => {
    const doc = works();
    const engine = createEngine([doc]);
    const sentences = doc.passages.flatMap((p) => p.sentences.map((s) => s.text));
    const signals = new Float64Array(SIGNALS.length).fill(0.5);
    const row = new Float64Array(CONFIDENCE_FEATURES.length);
    const questions = [
      "What award did Mara Vell receive?",
      "What prize did the engineer get from the guild?",
      "Which engine replaces cylinders?",
      "What did the foundry dispute with the council?",
    ];
    let aligned = 0;
    for (const question of questions) {
      const asked = questionSignals(engine.explain(question));
      expect(asked.conceptsOf).not.toBeNull();
      for (const sentence of sentences) {
        featureRow(signals, asked, sentence, 0.5, undefined, row);
        const fast = row[CONFIDENCE_FEATURES.indexOf("aligned")]!;
        featureRow(signals, { ...asked, conceptsOf: null }, sentence, 0.5, undefined, row);
        expect(fast).toBe(row[CONFIDENCE_FEATURES.indexOf("aligned")]!);
        if (fast > 0) aligned++;
      }
    }
    expect(aligned).toBeGreaterThan(0);
  });

  it("reads a question's signals alike after another question's have taken the reused tables", () => {
    const engine = createEngine([works()]);
    const sentences = works().passages.flatMap((p) => p.sentences.map((s) => s.text));
    const signals = new Float64Array(SIGNALS.length).fill(0.5);
    const row = new Float64Array(CONFIDENCE_FEATURES.length);
    const at = CONFIDENCE_FEATURES.indexOf("aligned");
    const alignedOf = (asked: ReturnType<typeof questionSignals>) =>
      sentences.map((sentence) => (featureRow(signals, asked, sentence, 0.5, undefined, row), row[at]!));
    const first = questionSignals(engine.explain("What award did Mara Vell receive?"));
    const fresh = alignedOf(first);
    expect(fresh.some((a) => a > 0)).toBe(true);
    // The second question refills the stem tables the first one's signals point at.
    questionSignals(engine.explain("Which engine replaces cylinders?"));
    expect(first.conceptsOf!.masks.round).not.toBe(first.conceptsOf!.round);
    expect(alignedOf(first)).toEqual(fresh);
  });
});
