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
import { type LinearModel, rowScore } from "./linear-model.ts";
import type { Query } from "./query.ts";
import { SIGNALS, type SentenceSignals } from "./rank.ts";
import { StampMap, StampSet } from "../util/stamp-set.ts";
import { stem, type WordCache, type WordInfo, tokenize, wordsOf } from "./text.ts";
import { baseStems, wordnetAntonyms, wordnetHypernyms } from "./wordnet.ts";

/** The features in the order a features row holds them (featureRow, confidenceOf). */
export const CONFIDENCE_FEATURES = [
  ...SIGNALS,
  "margin",
  "unknown",
  "negation",
  "antonym",
  "brevity",
  "aligned",
] as const satisfies readonly (keyof ConfidenceFeatures)[];

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
  /** IDF share of the question's concepts the sentence holds, counting a word one WordNet step more or less general ("award" ~ "medal"). */
  aligned: number;
}

export type ConfidenceModel = LinearModel<ConfidenceFeatures>;

/** Fitted by bench/fit-confidence.ts (see the note there for the sets and the held-out check). */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  intercept: -2.478,
  weights: {
    coverage: 2.314,
    own: -0.246,
    near: -0.959,
    missingSpecific: -0.849,
    specificAway: -2.516,
    typeFit: 0.717,
    strength: -0.147,
    margin: -1.122,
    unknown: -1.123,
    negation: -2.238,
    antonym: -2.181,
    brevity: -0.382,
    aligned: 2.927,
    maxMissing: -2.19,
    focusOwn: 1.764,
  },
};

const NEGATION = /\b(?:not|never|no|none|neither|nor|without|cannot|n't)\b|n't\b/i;

/** What the question contributes to every answer's features: computed once per question. */
export interface QuestionSignals {
  /** Share of the question's weight on words the articles never use (also those reached only through WordNet). */
  unknown: number;
  negates: boolean;
  /** Per question word with WordNet opposites: its own stems and variants, and the opposites the question does not itself use (lists without repeats, walked per sentence). */
  antonyms: ReadonlyArray<{ own: readonly string[]; opposite: readonly string[] }>;
  brevity: number;
  /** Stems of every word of the question. */
  stems: ReadonlySet<string>;
  /**
   * Per concept: its share of the question's weight, and the stems that express it: its
   * variants' terms and its word's base stems (read where they are, not copied into one list).
   */
  concepts: ReadonlyArray<{ share: number; variants: ReadonlyMap<string, number>; stems: readonly string[] }>;
  /**
   * Stem -> bit set of the concepts whose stems or hypernyms it is (`masks`), and whose stems it
   * is (`own`), valid while the tables are at `round` (they are reused question after question;
   * null past 31 concepts): a sentence's concepts in one look-up per word, not one per concept
   * stem and hypernym.
   */
  conceptsOf: { masks: StampMap; own: StampMap; round: number; ownRound: number } | null;
}

export function questionSignals(query: Query, cache?: WordCache): QuestionSignals {
  const total = query.concepts.reduce((n, c) => n + c.idf, 0);
  // A word reached only one WordNet step away is still one the articles never use: weaker evidence than their own.
  const absent = query.concepts.filter((c) => c.unknown || c.indirect);
  const unknown = total > 0 ? absent.reduce((n, c) => n + c.idf, 0) / total : 0;
  // Every word of the question, not only its concepts: a swap is often in a qualifier the ranker ignores ("short", "only").
  const variants = new Map(query.concepts.map((c) => [c.word, c.variants] as const));
  const tokens = tokenize(query.question, cache);
  const words = [...new Set(tokens.map((t) => t.word))];
  // An opposite the question itself uses ("religious ... secular") is no swap.
  const asked = new Set(words.flatMap(baseStems));
  const antonyms = words.flatMap((word) => {
    const opposite = [...new Set(wordnetAntonyms(word).filter((a) => !asked.has(a)))];
    if (opposite.length === 0) return [];
    return [{ own: [...new Set([...baseStems(word), ...(variants.get(word)?.keys() ?? [])])], opposite }];
  });
  const concepts = query.concepts.map((c) => {
    const parts = c.word.split("-");
    return {
      share: total > 0 ? c.idf / total : 0,
      variants: c.variants,
      stems: parts.length === 1 ? baseStems(parts[0]!) : parts.flatMap(baseStems),
    };
  });
  return {
    unknown,
    negates: NEGATION.test(query.question),
    antonyms,
    brevity: 1 / Math.max(1, query.concepts.length),
    concepts,
    stems: new Set(tokens.map((t) => t.term)),
    conceptsOf: conceptMasks(concepts),
  };
}

/**
 * Stem -> bit set of the concepts it expresses itself or as a hypernym (of a stem of theirs),
 * for the last question only (one table, reused): null past 31 concepts.
 */
function conceptMasks(concepts: QuestionSignals["concepts"]): QuestionSignals["conceptsOf"] {
  if (concepts.length > 31) return null;
  masks.clear();
  ownMasks.clear();
  concepts.forEach((concept, c) => {
    // Its stems, then their hypernyms (the order does not matter: bits are only added).
    for (const stem of concept.variants.keys()) ownMasks.or(stem, 1 << c);
    for (const stem of concept.stems) ownMasks.or(stem, 1 << c);
    for (const stem of concept.variants.keys()) {
      masks.or(stem, 1 << c);
      for (const general of wordnetHypernyms(stem)) masks.or(general, 1 << c);
    }
    for (const stem of concept.stems) {
      masks.or(stem, 1 << c);
      for (const general of wordnetHypernyms(stem)) masks.or(general, 1 << c);
    }
  });
  return { masks, own: ownMasks, round: masks.round, ownRound: ownMasks.round };
}

const masks = new StampMap();
const ownMasks = new StampMap();

/**
 * The features of an answer sentence into `out` (CONFIDENCE_FEATURES order), given its signals
 * (`signals`, rank.ts SIGNALS order), the question's, and its margin over the next answer: rows of
 * numbers, so answering allocates no object for them (`featuresObject` makes one for inspect).
 */
export function featureRow(
  signals: Float64Array,
  question: QuestionSignals,
  sentence: string,
  margin: number,
  cache: WordCache | undefined,
  out: Float64Array,
): void {
  const words = wordsOf(sentence, sentenceWords, cache);
  out[0] = signals[0]!; // coverage
  out[1] = signals[1]!; // own
  out[2] = signals[2]!; // near
  out[3] = signals[3]!; // missingSpecific
  out[4] = signals[4]!; // specificAway
  out[5] = signals[5]!; // typeFit
  out[6] = Math.min(1, signals[6]!); // strength
  out[7] = signals[7]!; // maxMissing
  out[8] = signals[8]!; // focusOwn
  out[9] = Math.max(0, Math.min(1, margin));
  out[10] = question.unknown;
  out[11] = question.negates && !negates(sentence, question.stems) ? 1 : 0;
  out[12] = hasAntonym(question, words) ? 1 : 0;
  out[13] = question.brevity;
  out[14] = alignment(question, words);
}

/** A row of featureRow as an object (fields in CONFIDENCE_FEATURES order). */
export function featuresObject(row: Float64Array): ConfidenceFeatures {
  const features = {} as Record<keyof ConfidenceFeatures, number>;
  CONFIDENCE_FEATURES.forEach((name, i) => (features[name] = row[i]!));
  return features;
}

/**
 * Work space of featureRow, reused (it runs for every answer of every question, and is not
 * re-entered): the sentence's words, their stems as sets, the concepts still missing.
 */
const sentenceWords: WordInfo[] = [];
const contentStems = new StampSet();
const allStems = new StampSet();
/** The concepts still missing from a sentence, by index, in question order. */
let missing = new Int32Array(32);

/**
 * IDF share of the question's concepts found in the sentence (its first `count` words in
 * `sentenceWords`) as themselves, or one WordNet step more or less general.
 */
function alignment(question: QuestionSignals, count: number): number {
  let share = 0;
  // (A count, not `missing.length = 0`: that would free the list's storage every sentence.)
  let left = 0;
  const table = question.conceptsOf;
  const tables = table !== null && table.masks.round === table.round && table.own.round === table.ownRound;
  if (missing.length < question.concepts.length) missing = new Int32Array(question.concepts.length);
  if (tables) {
    let found = 0;
    for (let k = 0; k < count; k++) if (!sentenceWords[k]!.stop) found |= table.masks.get(sentenceWords[k]!.term);
    for (let c = 0; c < question.concepts.length; c++) {
      const concept = question.concepts[c]!;
      if ((found >>> c) & 1) share += concept.share;
      else missing[left++] = c;
    }
  } else {
    contentStems.clear();
    for (let k = 0; k < count; k++) if (!sentenceWords[k]!.stop) contentStems.add(sentenceWords[k]!.term);
    for (let c = 0; c < question.concepts.length; c++) {
      const concept = question.concepts[c]!;
      // One of its stems, or a hypernym of one.
      let found = false;
      for (const stem of concept.variants.keys()) if (heldOrGeneral(stem)) found = true;
      for (const stem of concept.stems) if (heldOrGeneral(stem)) found = true;
      if (found) share += concept.share;
      else missing[left++] = c;
    }
  }
  if (left === 0) return share;
  // A sentence word whose hypernym the question names ("medal" for "award"): looked up only for what is still missing.
  // (In the sentence's order; a repeated word finds nothing more: what its hypernyms name is found already.)
  for (let k = 0; k < count; k++) {
    const word = sentenceWords[k]!;
    if (word.stop) continue;
    for (const h of wordnetHypernyms(word.term)) {
      for (let i = left - 1; i >= 0; i--) {
        const c = missing[i]!;
        const concept = question.concepts[c]!;
        if (!(tables ? (table.own.get(h) >>> c) & 1 : concept.variants.has(h) || concept.stems.includes(h))) continue;
        share += question.concepts[c]!.share;
        missing.copyWithin(i, i + 1, left);
        left--;
      }
    }
    if (left === 0) break;
  }
  return share;
}

/** `stem` or one of its hypernyms is among the sentence's content stems (`contentStems`). */
function heldOrGeneral(stem: string): boolean {
  if (contentStems.has(stem)) return true;
  for (const general of wordnetHypernyms(stem)) if (contentStems.has(general)) return true;
  return false;
}

/** The sentence negates: "not", "never", ..., or "X-less" for a word X of the question ("without pistons": "pistonless"). */
function negates(sentence: string, asked: ReadonlySet<string>): boolean {
  if (NEGATION.test(sentence)) return true;
  for (const match of sentence.matchAll(/(\p{L}{3,})less\b/gu))
    if (asked.has(stem(match[1]!.toLowerCase()))) return true;
  return false;
}

/**
 * True when the sentence (its first `count` words in `sentenceWords`) holds an opposite of a
 * question word and not the word itself ("largest" for "smallest").
 */
function hasAntonym(question: QuestionSignals, count: number): boolean {
  if (question.antonyms.length === 0) return false;
  allStems.clear();
  for (let k = 0; k < count; k++) {
    const token = sentenceWords[k]!;
    allStems.add(token.term);
    if (DEGREE.test(token.word)) for (const s of baseStems(token.word)) allStems.add(s);
  }
  for (const { own, opposite } of question.antonyms) {
    if (!someIn(own, allStems) && someIn(opposite, allStems)) return true;
  }
  return false;
}

/** A comparative, superlative or plural ending ("-est", "-er", "-men"), whose base stems count too. */
const DEGREE = /(?:est|er|men)$/;

/** Some member of `words` is in `stems`. */
function someIn(words: readonly string[], stems: StampSet): boolean {
  for (let i = 0; i < words.length; i++) if (stems.has(words[i]!)) return true;
  return false;
}

/** confidenceOf's row, reused. */
const row = new Float64Array(CONFIDENCE_FEATURES.length);

/**
 * The model's probability for `features`. Read field by field into a row (linear-model.ts
 * rowScore: the same sum as linearScore, without boxing a number per feature).
 */
export function confidenceOf(features: ConfidenceFeatures, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  row[0] = features.coverage;
  row[1] = features.own;
  row[2] = features.near;
  row[3] = features.missingSpecific;
  row[4] = features.specificAway;
  row[5] = features.typeFit;
  row[6] = features.strength;
  row[7] = features.maxMissing;
  row[8] = features.focusOwn;
  row[9] = features.margin;
  row[10] = features.unknown;
  row[11] = features.negation;
  row[12] = features.antonym;
  row[13] = features.brevity;
  row[14] = features.aligned;
  return confidenceOfRow(row, model);
}

/** The model's probability for a row of featureRow. */
export function confidenceOfRow(features: Float64Array, model: ConfidenceModel = CONFIDENCE_MODEL): number {
  return 1 / (1 + Math.exp(-rowScore(model, CONFIDENCE_FEATURES, features)));
}
