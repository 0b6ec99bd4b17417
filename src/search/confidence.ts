/**
 * How likely the top answer is to be right, 0..1: a small logistic model over
 * several signals of the answer (how much of the question it covers, weighted
 * by rarity; whether the question's names and numbers are near it; whether it
 * offers the kind of answer asked for; its margin over the next answer; term
 * strength; the weight of question words the articles never use). The
 * coefficients are fitted, not chosen: `npx tsx bench/fit-confidence.ts`
 * refits them on some public question sets, checks them on the others, and
 * prints the object below.
 */
import type { Query } from "./query.ts";
import type { SentenceSignals } from "./rank.ts";
import { tokenize } from "./text.ts";
import { baseStems, wordnetAntonyms } from "./wordnet.ts";

/** The model's inputs, each roughly 0..1: the answer sentence's signals (rank.ts) and the question's. */
export interface ConfidenceFeatures extends SentenceSignals {
  /** (top score - next score) / top score. */
  margin: number;
  /** Share of the question's weight on words the articles never use. */
  unknown: number;
  /** The question negates ("not", "never") and the sentence does not. */
  negation: number;
  /** The sentence has the opposite of a question word it lacks ("smallest" asked, "largest" said). */
  antonym: number;
  /** 1 / number of concepts: short questions are less specific. */
  brevity: number;
}

export interface ConfidenceModel {
  intercept: number;
  weights: Readonly<Record<keyof ConfidenceFeatures, number>>;
}

/** Fitted by bench/fit-confidence.ts (see the note there for the sets and the held-out check). */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  intercept: -1.825,
  weights: {
    coverage: 1.107,
    own: 1.365,
    near: 0.207,
    missingSpecific: -0.554,
    specificAway: -0.644,
    typeFit: 0.487,
    strength: 0.317,
    margin: -0.136,
    unknown: -1.405,
    negation: -1.494,
    antonym: -1.455,
    brevity: -0.394,
    maxMissing: -1.456
  }
};

const NEGATION = /\b(?:not|never|no|none|neither|nor|without|cannot|n't)\b|n't\b/i;

/** The features of an answer sentence for `query`. */
export function featuresOf(signals: SentenceSignals, query: Query, sentence: string, margin: number): ConfidenceFeatures {
  const total = query.concepts.reduce((n, c) => n + c.idf, 0);
  const unknown = total > 0 ? query.concepts.filter((c) => c.unknown).reduce((n, c) => n + c.idf, 0) / total : 0;
  return {
    ...signals,
    strength: Math.min(1, signals.strength),
    margin: Math.max(0, Math.min(1, margin)),
    unknown,
    negation: NEGATION.test(query.question) && !NEGATION.test(sentence) ? 1 : 0,
    antonym: hasAntonym(query, sentence) ? 1 : 0,
    brevity: 1 / Math.max(1, query.concepts.length),
  };
}

/** True when the sentence holds an opposite of a question word and not the word itself. */
function hasAntonym(query: Query, sentence: string): boolean {
  const stems = new Set(tokenize(sentence).flatMap((t) => (t.stop ? [] : baseStems(t.word))));
  const words = query.concepts.flatMap((c) => c.word.split("-"));
  // An opposite the question itself uses ("religious ... secular") is no swap.
  const asked = new Set(words.flatMap(baseStems));
  return query.concepts.some((concept) =>
    concept.word.split("-").some((word) => {
      if (baseStems(word).some((s) => stems.has(s)) || [...concept.variants.keys()].some((v) => stems.has(v))) return false;
      return wordnetAntonyms(word).some((a) => stems.has(a) && !asked.has(a));
    }),
  );
}

/** The model's probability for `features`. */
export function confidenceOf(features: ConfidenceFeatures, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  let z = model.intercept;
  for (const key of Object.keys(model.weights) as (keyof ConfidenceFeatures)[]) z += model.weights[key] * features[key];
  return 1 / (1 + Math.exp(-z));
}
