/**
 * Which sentence of a candidate passage answers: a small linear model over
 * per-sentence evidence, fitted (bench/fit-sentence.ts) on public question sets
 * rather than tuned by hand. The ranker's own score picks the passage; this
 * only re-picks the sentence inside it, because most "right passage, wrong
 * sentence" misses choose a sentence that shares the question's words while
 * its neighbour holds the answer, or the reverse.
 */
import { sentenceText } from "../corpus/model.ts";
import { TYPE_BIT } from "./answerType.ts";
import { type IndexedPassage, typesOf } from "./passages.ts";
import { type LinearModel, linearScore, rowScore } from "./linear-model.ts";
import type { Query } from "./query.ts";
import { fold } from "./text.ts";

/** Per-sentence evidence, each roughly 0..1. */
export interface SentenceFeatures {
  /** The ranker's score minus the passage's best, scaled by the best (0 for the ranker's pick, negative otherwise). */
  gap: number;
  /** 1 for the ranker's own pick. */
  picked: number;
  /** IDF share of the question in the sentence itself. */
  own: number;
  /** IDF share in the sentence or a neighbour. */
  near: number;
  /** 1 when the sentence offers the kind of answer asked, 0 when not, `unaskedFit` (options.ts) when no kind is asked. */
  typeFit: number;
  /** 1 when the sentence names the question's focus, 0 when not, `unaskedFit` (options.ts) without focus. */
  focusOwn: number;
  /** The question's rarest word is in the sentence itself. */
  rarest: number;
  /** Share of the question's adjacent word pairs that stand side by side in the sentence. */
  bigrams: number;
  /** 1 next to the ranker's pick. */
  besidePick: number;
  /** Share of the sentence's content words the question does not use: what it adds (an answer must add something). */
  novelty: number;
  /** The sentence adds a name, figure or year the question does not give. */
  newEntity: number;
  /** The passage's first sentence. */
  first: number;
}

export type SentenceModel = LinearModel<SentenceFeatures>;

/** Fitted by bench/fit-sentence.ts (fit half of the SQuAD slice, heldout, heldout2). */
export const SENTENCE_MODEL: SentenceModel = {
  intercept: 0,
  weights: {
    gap: 1.109,
    picked: 0.81,
    own: 2.107,
    near: 0.559,
    typeFit: 0.734,
    focusOwn: -0.779,
    rarest: 0.919,
    bigrams: 1.237,
    besidePick: 0.088,
    novelty: -0.717,
    newEntity: 0.504,
    first: 0.177,
  },
};

/** The features in the order a row of `featureRows` holds them. */
export const SENTENCE_FEATURES = [
  "gap",
  "picked",
  "own",
  "near",
  "typeFit",
  "focusOwn",
  "rarest",
  "bigrams",
  "besidePick",
  "novelty",
  "newEntity",
  "first",
] as const satisfies readonly (keyof SentenceFeatures)[];

/** Numbers a row of `featureRows` holds (one per feature). */
export const FEATURE_WIDTH = SENTENCE_FEATURES.length;

/** Per sentence, the ranker's values the model reads, in `PassageRows.ranker`: score, own, near, typeFit, focusOwn. */
export const RANKER_WIDTH = 5;

/**
 * What the ranker knows about one passage's sentences, for the model to read: flat numbers
 * (rank.ts's reused work arrays), so the answered passages' features allocate nothing.
 */
export interface PassageRows {
  entry: IndexedPassage;
  query: Query;
  sentences: number;
  /** `best[s * count + c]`: how well sentence s matches concept c (0 when it does not). */
  best: ArrayLike<number>;
  /** Sentence s's score, own, near, typeFit and focusOwn (the ranker's) at `s * RANKER_WIDTH`. */
  ranker: ArrayLike<number>;
  /** Corpus term id -> 1 + its index in `lists`, 0 when no concept uses it (rank.ts's Scratch.slots). */
  slots: Int32Array;
  /** Per matched term, the concepts it expresses. */
  lists: ReadonlyArray<ReadonlyArray<{ concept: number }>>;
}

/** Work array for `featureRows`'s adjacent concept pairs (a concept counted once per sentence). */
let seenPair = new Uint8Array(16);

/**
 * The features of every sentence of the passage, sentence s's at `out[s * FEATURE_WIDTH]`
 * in SENTENCE_FEATURES order (`out` holds at least `sentences * FEATURE_WIDTH`).
 */
export function featureRows(view: PassageRows, out: Float64Array): void {
  const { entry, query, best, ranker, sentences, slots, lists } = view;
  const count = query.concepts.length;
  let pick = 0;
  for (let s = 1; s < sentences; s++) if (ranker[s * RANKER_WIDTH]! > ranker[pick * RANKER_WIDTH]!) pick = s;
  const top = Math.max(ranker[pick * RANKER_WIDTH]!, 1e-9);
  let rarest = 0;
  for (let c = 1; c < count; c++) if (query.concepts[c]!.idf > query.concepts[rarest]!.idf) rarest = c;
  const asked = query.type !== "other" ? TYPE_BIT[query.type] : 0;
  const pairs = Math.max(1, count - 1);
  const asks = asksOf(query);
  if (seenPair.length < count) seenPair = new Uint8Array(count);
  for (let s = 0; s < sentences; s++) {
    const start = entry.bounds[entry.firstSentence + s]!;
    const end = entry.bounds[entry.firstSentence + s + 1]!;
    let adjacent = 0;
    let unmatched = 0;
    seenPair.fill(0, 0, count);
    let previous: ReadonlyArray<{ concept: number }> | null = null;
    for (let t = start; t < end; t++) {
      const term = entry.terms[t]!;
      const slot = term < slots.length ? slots[term]! : 0;
      const concepts = slot === 0 ? null : lists[slot - 1]!;
      if (!concepts) unmatched++;
      else if (previous) {
        for (let i = 0; i < previous.length; i++) {
          const a = previous[i]!.concept;
          if (seenPair[a] === 1 || !holds(concepts, a + 1)) continue;
          seenPair[a] = 1;
          adjacent++;
        }
      }
      previous = concepts;
    }
    const length = end - start;
    const r = s * RANKER_WIDTH;
    const o = s * FEATURE_WIDTH;
    out[o] = (ranker[r]! - top) / top;
    out[o + 1] = s === pick ? 1 : 0;
    out[o + 2] = ranker[r + 1]!;
    out[o + 3] = ranker[r + 2]!;
    // (A sentence's answer kinds cost regular expressions: read only when a kind is asked.)
    // (No kind asked: the ranker's signal holds options.ts's unaskedFit.)
    out[o + 4] = asked === 0 ? ranker[r + 3]! : (typesOf(entry, s) & asked) !== 0 ? 1 : 0;
    out[o + 5] = ranker[r + 4]!;
    out[o + 6] = count > 0 && best[s * count + rarest]! > 0 ? 1 : 0;
    out[o + 7] = count > 1 ? adjacent / pairs : 0;
    out[o + 8] = Math.abs(s - pick) === 1 ? 1 : 0;
    out[o + 9] = length > 0 ? unmatched / length : 0;
    out[o + 10] = hasNewEntity(sentenceText(entry.passage, s), asks) ? 1 : 0;
    out[o + 11] = s === 0 ? 1 : 0;
  }
}

/** Some hit is `concept`. */
function holds(hits: ReadonlyArray<{ concept: number }>, concept: number): boolean {
  for (let i = 0; i < hits.length; i++) if (hits[i]!.concept === concept) return true;
  return false;
}

/** The rows of `featureRows` as objects (for inspect and the model's fit). */
export function featureObjects(rows: Float64Array, sentences: number): SentenceFeatures[] {
  const out: SentenceFeatures[] = [];
  for (let s = 0; s < sentences; s++) {
    const features = {} as Record<keyof SentenceFeatures, number>;
    SENTENCE_FEATURES.forEach((name, i) => (features[name] = rows[s * FEATURE_WIDTH + i]!));
    out.push(features);
  }
  return out;
}

/** Index of the sentence the model prefers among `featureRows`'s rows (as chooseSentence on their objects). */
export function chooseRow(rows: Float64Array, sentences: number, model: SentenceModel = SENTENCE_MODEL): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let s = 0; s < sentences; s++) {
    const z = rowScore(model, SENTENCE_FEATURES, rows, s * FEATURE_WIDTH);
    if (z > bestScore) {
      bestScore = z;
      best = s;
    }
  }
  return best;
}

/**
 * The question's words, folded (what hasNewEntity compares with): computed once per question,
 * kept for the last question only (a WeakMap's entries outlive young-generation collections).
 */
let asked: { query: Query; words: ReadonlySet<string> } | null = null;

const WORDS = /[\p{L}\p{N}]+/gu;

function asksOf(query: Query): ReadonlySet<string> {
  if (asked?.query !== query) asked = { query, words: new Set(fold(query.question).match(WORDS) ?? []) };
  return asked.words;
}

/**
 * A capitalised word (not the sentence's first) or a figure that the question does not itself use.
 * The words are what `(?<=[\s(“"])\p{Lu}[\p{L}'’-]*|\d[\d,.]*` (flags gu) matches, found by a
 * scanner: this runs for every sentence of every answered passage, and the regular expression
 * tried its lookbehind at every character.
 */
export function hasNewEntity(text: string, asks: ReadonlySet<string>): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let end = i;
    if (c >= 48 && c <= 57) {
      end = i + 1;
      while (end < n && isFigureChar(text.charCodeAt(end))) end++;
    } else if (i > 0 && opensEntity(text.charCodeAt(i - 1)) && isUpperAt(text, i)) {
      end = i + charLength(text, i);
      while (end < n && isNameCharAt(text, end)) end += charLength(text, end);
    }
    if (end === i) {
      i += charLength(text, i);
      continue;
    }
    if (!askedAt(text, i, end, asks)) return true;
    i = end;
  }
  return false;
}

const TRAILING_NON_WORD = /[^\p{L}\p{N}]+$/u;
const POSSESSIVE = /['’]s$/;

/**
 * Whether `asks` holds the word `text[start, end)` in hasNewEntity's comparison form: folded
 * (lower case for printable ASCII), without trailing non-word characters, then without "'s".
 * Printable ASCII (most names and every figure) is compared in place, without a string.
 */
function askedAt(text: string, start: number, end: number, asks: ReadonlySet<string>): boolean {
  let ascii = true;
  for (let k = start; k < end && ascii; k++) {
    const c = text.charCodeAt(k);
    ascii = c >= 0x20 && c <= 0x7e;
  }
  if (!ascii) {
    const word = fold(text.slice(start, end));
    return asks.has(word.replace(TRAILING_NON_WORD, "").replace(POSSESSIVE, ""));
  }
  let last = end;
  while (last > start && !isAsciiWordChar(text.charCodeAt(last - 1))) last--;
  if (last - start >= 2 && lowerAscii(text.charCodeAt(last - 1)) === 115 /* s */ && text.charCodeAt(last - 2) === 39)
    last -= 2;
  for (const word of asksList(asks)) {
    if (word.length !== last - start) continue;
    let same = true;
    for (let k = 0; k < word.length && same; k++) same = word.charCodeAt(k) === lowerAscii(text.charCodeAt(start + k));
    if (same) return true;
  }
  return false;
}

/** [A-Za-z0-9]. */
function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** `asks` as a list, kept for the last set (one question's). */
let listed: { asks: ReadonlySet<string>; list: readonly string[] } | null = null;

function asksList(asks: ReadonlySet<string>): readonly string[] {
  if (listed?.asks !== asks) listed = { asks, list: [...asks] };
  return listed.list;
}

/** `\d` or `[\d,.]` after the first digit. */
function isFigureChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 44 || c === 46;
}

const SPACE = /\s/;
const UPPER = /^\p{Lu}/u;
const LETTER = /^\p{L}/u;

/** What may stand before a capitalised entity: `[\s(“"]`. */
function opensEntity(c: number): boolean {
  if (c === 32 || c === 40 || c === 0x201c || c === 34) return true;
  return (c <= 13 && c >= 9) || (c > 127 && SPACE.test(String.fromCharCode(c)));
}

/** `\p{Lu}` at code point `i`. */
function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER.test(String.fromCodePoint(text.codePointAt(i)!));
}

/** `[\p{L}'’-]` at code point `i`. */
function isNameCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 39 || c === 45;
  return c === 0x2019 || LETTER.test(String.fromCodePoint(text.codePointAt(i)!));
}

/** 2 for a surrogate pair at `i` (one code point, as a `u` regular expression reads it), else 1. */
function charLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/** Index of the sentence the model prefers (ties go to the ranker's order of sentences). */
export function chooseSentence(features: readonly SentenceFeatures[], model: SentenceModel = SENTENCE_MODEL): number {
  let best = 0;
  let bestScore = -Infinity;
  features.forEach((f, s) => {
    const z = linearScore(f, model);
    if (z > bestScore) {
      bestScore = z;
      best = s;
    }
  });
  return best;
}
