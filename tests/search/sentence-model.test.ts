import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine, inspect } from "../../src/search/engine.ts";
import { SENTENCE_MODEL, type SentenceFeatures, chooseSentence } from "../../src/search/sentence-model.ts";

// A made-up passage: the first sentence shares most of the question's words, the third holds the rare verb and the answer.
const doc = buildDocument(
  "harbour",
  "harbour.txt",
  parseRaw(` date 2025-06-01 VELMOR—The port of Velmor reopened on June 1.

Salt was first brought to Velmor by Ostrian merchants at the old quay of Draska in 1612. The quay burned within a decade. The Ostrian merchants fled, smuggling the salt by barge into Corvel and the southern valleys.`),
);

const neutral: SentenceFeatures = {
  gap: -0.1,
  picked: 0,
  own: 0.5,
  near: 0.6,
  typeFit: 0.5,
  focusOwn: 0.5,
  rarest: 0,
  bigrams: 0,
  besidePick: 0,
  novelty: 0.7,
  newEntity: 1,
  first: 0,
};

describe("the sentence model", () => {
  it("computes per-sentence evidence: the rarest question word, its word pairs, what the sentence adds", () => {
    const engine = createEngine([doc]);
    const top = inspect(engine, "Where did the Ostrian merchants smuggle the salt?", { minConfidence: 0 })[0]!;
    const sentences = top.sentences!;
    expect(sentences).toHaveLength(top.answer.passage.sentences.length);
    const third = top.answer.passage.sentences.findIndex((s) => s.text.includes("smuggling"));
    expect(sentences[third]!.rarest).toBe(1);
    expect(sentences[third]!.bigrams).toBeGreaterThan(0);
    expect(sentences[third]!.newEntity).toBe(1);
    expect(sentences.filter((f) => f.picked === 1)).toHaveLength(1);
    expect(Math.max(...sentences.map((f) => f.gap))).toBe(0);
  });

  it("prefers, other things equal, the sentence that holds the question's rarest word and its word pairs", () => {
    const plain = { ...neutral };
    const telling = { ...neutral, rarest: 1, bigrams: 0.5 };
    expect(chooseSentence([plain, telling], SENTENCE_MODEL)).toBe(1);
    expect(chooseSentence([telling, plain], SENTENCE_MODEL)).toBe(0);
  });

  it("keeps the ranker's pick unless another sentence is clearly better", () => {
    const picked = { ...neutral, gap: 0, picked: 1 };
    expect(chooseSentence([neutral, picked], SENTENCE_MODEL)).toBe(1);
  });

  it("moves the answer to the sentence with the question's rare verb, where the ranker alone picks the one sharing more words", () => {
    const question = "Where did the Ostrian merchants smuggle the salt?";
    const ranker = inspect(createEngine([doc], { sentenceModel: null }), question, { minConfidence: 0 })[0]!;
    expect(ranker.sentences).toBeUndefined();
    expect(ranker.answer.sentence.text).toContain("Draska");
    const chosen = inspect(createEngine([doc]), question, { minConfidence: 0 })[0]!;
    expect(chosen.answer.sentence.text).toContain("Corvel");
  });
});
