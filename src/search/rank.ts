/**
 * Ranking: scores every sentence of a candidate passage against the analysed
 * question. FlexSearch only found the candidates; relevance is decided here.
 *
 * A sentence's score mixes
 *  - coverage: the IDF-weighted share of the question's concepts it expresses
 *    (the rest of its passage counts for part), which also decides abstention;
 *  - BM25-style strength: term frequency saturated by sentence length;
 *  - fit: the kind of answer asked for (a person, a time, an amount...) and,
 *    for "what did X say", X's own direct speech.
 */
import { sentenceCount, sentenceQuoteId, sentenceSpeaker } from "../corpus/model.ts";
import { TYPE_BIT } from "./answerType.ts";
import { type IndexedPassage, mentionsOf, typesOf } from "./passages.ts";
import type { RankingOptions } from "./options.ts";
import type { Query } from "./query.ts";
import {
  FEATURE_WIDTH,
  RANKER_WIDTH,
  type SentenceFeatures,
  type SentenceModel,
  chooseRow,
  featureObjects,
  featureRows,
} from "./sentence-model.ts";

/** Per-sentence evidence for the confidence model, each 0..1 unless said. */
export interface SentenceSignals {
  /** Coverage after the type, number and focus factors. */
  coverage: number;
  /** IDF share of the question found in the sentence itself. */
  own: number;
  /** IDF share found in the sentence or its neighbours. */
  near: number;
  /** Share of the question's names and numbers (specific words) missing from the passage and its frame. */
  missingSpecific: number;
  /** Share of the specific words missing from the sentence and its neighbours. */
  specificAway: number;
  /** 1 when the sentence offers the kind of answer asked for, 0 when it lacks it, `unaskedFit` (options.ts) when no kind is asked. */
  typeFit: number;
  /** BM25-style term strength per unit of question weight. */
  strength: number;
  /** The largest share of the question held by one word missing from the sentence and its neighbours. */
  maxMissing: number;
  /** 1 when the sentence itself names what the question asks about (its focus: "the price of ..."), 0 when not, `unaskedFit` (options.ts) when there is no focus. */
  focusOwn: number;
}

/** Query term id -> the concepts it expresses, with the weight of that match. */
export type TermMatches = Map<number, Array<{ concept: number; weight: number }>>;

/**
 * Scores each sentence of `entry`: the best sentence's score (0 when the passage has no
 * sentence or the question no concept), its index left in `scratch.topAt`. Allocates nothing:
 * this runs for every candidate of every question, and only the answered ones need more
 * (`answerSentence`).
 */
export function scorePassage(entry: IndexedPassage, scoring: Scoring): number {
  const scratch = scoring.scratch;
  return scoreSentences(entry, scoring, false) < 0 ? 0 : scratch.topScore;
}

/**
 * The sentence an answered passage gives (-1: none): the best-scoring one, or with a sentence
 * model the one the model prefers (the passage keeps its score, its rank among passages). Its
 * signals go to `scratch.signals` (SIGNALS order); with `detail`, every sentence's features as
 * objects to `scratch.sentences` when the model chose (inspect, the model's fit). Scores the
 * passage's sentences again: only the answered passages pay for it.
 */
export function answerSentence(
  entry: IndexedPassage,
  scoring: Scoring,
  model: SentenceModel | null,
  detail = false,
): number {
  const { query, matches, RANKING, scratch } = scoring;
  const sentences = sentenceCount(entry.passage);
  scratch.sentences = undefined;
  if (model === null || sentences <= 1) {
    const top = scoreSentences(entry, scoring, false);
    if (top >= 0) signalsOf(scoring, scratch.topSums, 0, top, scratch.signals);
    return top;
  }
  if (scoreSentences(entry, scoring, true) < 0) return -1;
  const ranker = scratch.ranker.zeroed(sentences * RANKER_WIDTH);
  const sums = scratch.sums.current;
  const unasked = RANKING.unaskedFit;
  const { totalIdf, asked } = scratch;
  const best = scratch.best.current;
  for (let s = 0; s < sentences; s++) {
    const at = s * SUMS;
    const r = s * RANKER_WIDTH;
    // The same signals signalsOf gives (own, near, typeFit, focusOwn), by the same helpers.
    ranker[r] = sums[at + SCORE]!;
    ranker[r + 1] = perIdf(sums[at + OWN]!, totalIdf);
    ranker[r + 2] = perIdf(sums[at + NEAR]!, totalIdf);
    ranker[r + 3] = typeFitOf(asked, sums[at + OFFERS]!, unasked);
    ranker[r + 4] = focusOwnOf(query, best, s, unasked);
  }
  const rows = scratch.rows.zeroed(sentences * FEATURE_WIDTH);
  const slots = scratch.slots(matches);
  featureRows({ entry, query, sentences, best, ranker, slots, lists: scratch.lists }, rows);
  const chosen = chooseRow(rows, sentences, model);
  signalsOf(scoring, sums, chosen * SUMS, chosen, scratch.signals);
  if (detail) scratch.sentences = featureObjects(rows, sentences);
  return chosen;
}

/** What scoring a passage reads besides the passage: the same for every candidate of a question (Scratch.scoring). */
export interface Scoring {
  query: Query;
  matches: TermMatches;
  averageSentenceLength: number;
  RANKING: Readonly<RankingOptions>;
  scratch: Scratch;
}

/** A sentence's sums, as scoreSentences keeps them (Scratch.sums, Scratch.topSums): SUMS numbers each. */
const SCORE = 0;
const COVERAGE = 1;
const OWN = 2;
const NEAR = 3;
const AWAY = 4;
const OFFERS = 5;
const STRENGTH = 6;
const MISSING = 7;
const SUMS = 8;

/**
 * scorePassage's work: the index of the best sentence (-1 when there is none), its score in
 * `scratch.topScore` and its sums in `scratch.topSums`; with `collect`, every sentence's sums in
 * `scratch.sums` (SUMS numbers a sentence) and `scratch.best` left as this passage's. Allocates
 * nothing: this runs for every candidate of every question.
 */
function scoreSentences(entry: IndexedPassage, scoring: Scoring, collect: boolean): number {
  const { query, matches, averageSentenceLength, RANKING, scratch } = scoring;
  const concepts = query.concepts;
  const count = concepts.length;
  const sentences = sentenceCount(entry.passage);
  if (sentences === 0 || count === 0) return -1;
  const size = sentences * count;
  const best = scratch.best.zeroed(size);
  const tf = scratch.tf.zeroed(size);
  const terms = entry.terms;
  // The engine's flat sentence bounds (all passages'): this passage's sentence s starts at bounds[firstSentence + s].
  const bounds = entry.bounds;
  const firstSentence = entry.firstSentence;
  // matches.get(term) as an array test: most of a passage's terms are not the question's.
  const slots = scratch.slots(matches);
  const lists = scratch.lists;
  for (let s = 0; s < sentences; s++) {
    const end = bounds[firstSentence + s + 1]!;
    for (let t = bounds[firstSentence + s]!; t < end; t++) {
      const term = terms[t]!;
      const slot = term < slots.length ? slots[term]! : 0;
      if (slot === 0) continue;
      const hits = lists[slot - 1]!;
      for (let h = 0; h < hits.length; h++) {
        const { concept, weight } = hits[h]!;
        const at = s * count + concept;
        if (weight > best[at]!) best[at] = weight;
        tf[at]!++;
      }
    }
  }
  // Per concept: what the title, lead and heading say, and the best and
  // second-best sentence (so "elsewhere in the passage" costs O(1)).
  const framed = scratch.framed.zeroed(count);
  const first = scratch.first.zeroed(count);
  const firstAt = scratch.firstAt.zeroed(count);
  const second = scratch.second.zeroed(count);
  const context = entry.context;
  for (let i = 0; i < context.length; i++) {
    const term = context[i]!;
    const slot = term < slots.length ? slots[term]! : 0;
    if (slot === 0) continue;
    const hits = lists[slot - 1]!;
    for (let h = 0; h < hits.length; h++) {
      const { concept, weight } = hits[h]!;
      if (weight > framed[concept]!) framed[concept] = weight;
    }
  }
  let totalIdf = 0;
  let missingNumbers = 0;
  let specific = 0;
  let missingSpecific = 0;
  // A name or number in the question weighs more: an answer without it is likely about something else.
  const weight = scratch.weight.zeroed(count);
  for (let c = 0; c < count; c++) weight[c] = concepts[c]!.idf * (concepts[c]!.specific ? RANKING.specificWeight : 1);
  for (let c = 0; c < count; c++) {
    totalIdf += weight[c]!;
    for (let s = 0; s < sentences; s++) {
      const value = best[s * count + c]!;
      if (value > first[c]!) {
        second[c] = first[c]!;
        first[c] = value;
        firstAt[c] = s;
      } else if (value > second[c]!) second[c] = value;
    }
    // A year or figure in the question that the passage lacks: about something else.
    if (concepts[c]!.numeric && first[c] === 0 && framed[c] === 0) missingNumbers++;
    if (concepts[c]!.specific) {
      specific++;
      if (first[c] === 0 && framed[c] === 0) missingSpecific++;
    }
  }

  const asked = query.type !== "other" ? TYPE_BIT[query.type] : 0;
  const sums = collect ? scratch.sums.zeroed(sentences * SUMS) : EMPTY;
  // Each sentence's sums go to its row of `sums` (with `collect`) or to the one row kept for it;
  // the best sentence so far has its copied to `top`.
  const row = collect ? sums : scratch.sentenceSums;
  const top = scratch.topSums;
  let topAt = -1;
  let topScore = 0;
  for (let s = 0; s < sentences; s++) {
    const length = bounds[firstSentence + s + 1]! - bounds[firstSentence + s]!;
    const norm = RANKING.k1 * (1 - RANKING.b + (RANKING.b * length) / averageSentenceLength);
    // For "who said ...", speech names its speaker: it offers a person.
    const offers =
      asked !== 0 &&
      ((typesOf(entry, s) & asked) !== 0 || (query.intent === "whoSaid" && sentenceSpeaker(entry.passage, s) !== null));
    // A sentence with the kind of answer asked for borrows more from a neighbour that holds the question's words.
    const neighbourShare = offers
      ? Math.max(RANKING.neighbourContext, RANKING.neighbourAnswer)
      : RANKING.neighbourContext;
    let covered = 0;
    let ownCovered = 0;
    let nearCovered = 0;
    let specificAway = 0;
    let maxMissing = 0;
    let strength = 0;
    for (let c = 0; c < count; c++) {
      const idf = weight[c]!;
      const own = best[s * count + c]!;
      const neighbour = Math.max(
        s > 0 ? best[(s - 1) * count + c]! : 0,
        s + 1 < sentences ? best[(s + 1) * count + c]! : 0,
      );
      const elsewhere = firstAt[c] === s ? second[c]! : first[c]!;
      // A number the question gives ("in 1897") belongs in the answer sentence itself, not beside it.
      const share = concepts[c]!.numeric ? neighbourShare * RANKING.numberNeighbour : neighbourShare;
      covered +=
        idf * Math.max(own, share * neighbour, RANKING.passageContext * elsewhere, RANKING.frameContext * framed[c]!);
      ownCovered += idf * own;
      nearCovered += idf * Math.max(own, neighbour);
      maxMissing = Math.max(maxMissing, idf * (1 - Math.max(own, neighbour, framed[c]!)));
      if (concepts[c]!.specific && own === 0 && neighbour === 0 && framed[c] === 0) specificAway++;
      if (own > 0) {
        const f = tf[s * count + c]!;
        strength += (idf * own * f) / (f + norm);
      }
    }
    let coverage = totalIdf > 0 ? covered / totalIdf : 0;
    // The thing asked about ("the population of ...") must be in the sentence itself.
    if (query.focus !== null && best[s * count + query.focus]! === 0) coverage *= RANKING.missingFocusFactor;
    if (missingNumbers > 0) coverage *= RANKING.missingNumberFactor ** missingNumbers;
    // "How many...?" answered by a sentence without any amount is no answer.
    if (asked !== 0 && !offers) coverage *= RANKING.missingTypeFactor;
    let score = totalIdf > 0 ? RANKING.coverageWeight * coverage + RANKING.strengthWeight * (strength / totalIdf) : 0;
    score += fit(entry, s, query, RANKING);
    const at = collect ? s * SUMS : 0;
    row[at + SCORE] = score;
    row[at + COVERAGE] = coverage;
    row[at + OWN] = ownCovered;
    row[at + NEAR] = nearCovered;
    row[at + AWAY] = specificAway;
    row[at + OFFERS] = offers ? 1 : 0;
    row[at + STRENGTH] = strength;
    row[at + MISSING] = maxMissing;
    if (topAt < 0 || score > topScore) {
      topAt = s;
      topScore = score;
      for (let k = 0; k < SUMS; k++) top[k] = row[at + k]!;
    }
  }
  if (topAt < 0) top.fill(0);
  scratch.totalIdf = totalIdf;
  scratch.specific = specific;
  scratch.missingSpecific = missingSpecific;
  scratch.asked = asked;
  scratch.topScore = topScore;
  scratch.topAt = topAt;
  return topAt;
}

/** The signals in the order a signals row holds them (SentenceSignals' fields). */
export const SIGNALS = [
  "coverage",
  "own",
  "near",
  "missingSpecific",
  "specificAway",
  "typeFit",
  "strength",
  "maxMissing",
  "focusOwn",
] as const satisfies readonly (keyof SentenceSignals)[];

/**
 * Sentence `s`'s signals from the sums scoreSentences kept for it (at `at` in `sums`), into
 * `out` in SIGNALS order, read right after scoring its passage (the passage's totals and `best`
 * are the scratch's).
 */
function signalsOf(scoring: Scoring, sums: Float64Array, at: number, s: number, out: Float64Array): void {
  const { query, RANKING, scratch } = scoring;
  const { totalIdf, specific, missingSpecific, asked } = scratch;
  out[0] = sums[at + COVERAGE]!;
  out[1] = perIdf(sums[at + OWN]!, totalIdf);
  out[2] = perIdf(sums[at + NEAR]!, totalIdf);
  out[3] = specific > 0 ? missingSpecific / specific : 0;
  out[4] = specific > 0 ? sums[at + AWAY]! / specific : 0;
  out[5] = typeFitOf(asked, sums[at + OFFERS]!, RANKING.unaskedFit);
  out[6] = perIdf(sums[at + STRENGTH]!, totalIdf);
  out[7] = perIdf(sums[at + MISSING]!, totalIdf);
  out[8] = focusOwnOf(query, scratch.best.current, s, RANKING.unaskedFit);
}

/** A sum over the question's total idf, 0 when it has none (own, near, strength, maxMissing). */
function perIdf(sum: number, totalIdf: number): number {
  return totalIdf > 0 ? sum / totalIdf : 0;
}

/** typeFit: 1 when the sentence offers the kind asked (`offers` its OFFERS sum), 0 when not, `unasked` when none is asked. */
function typeFitOf(asked: number, offers: number, unasked: number): number {
  return asked === 0 ? unasked : offers ? 1 : 0;
}

/** focusOwn: 1 when sentence `s` itself holds the focus concept (`best` its per-concept weights), `unasked` without a focus. */
function focusOwnOf(query: Query, best: Float64Array, s: number, unasked: number): number {
  return query.focus === null ? unasked : best[s * query.concepts.length + query.focus]! > 0 ? 1 : 0;
}

const EMPTY = new Float64Array(0);

/**
 * Reused, zeroed work arrays: scoring runs for every candidate and must not
 * allocate. Each engine owns one (no state shared between engines).
 */
export class Scratch {
  readonly best = new Pool((n) => new Float64Array(n));
  readonly tf = new Pool((n) => new Int32Array(n));
  readonly framed = new Pool((n) => new Float64Array(n));
  readonly first = new Pool((n) => new Float64Array(n));
  readonly second = new Pool((n) => new Float64Array(n));
  readonly firstAt = new Pool((n) => new Int32Array(n));
  readonly weight = new Pool((n) => new Float64Array(n));
  /** Per sentence of the passage last scored with `collect`, its sums (SUMS numbers each). */
  readonly sums = new Pool((n) => new Float64Array(n));
  /** The answered passage's sentences as the sentence model reads them (sentence-model.ts). */
  readonly ranker = new Pool((n) => new Float64Array(n));
  readonly rows = new Pool((n) => new Float64Array(n));
  /** The answered passage's signals (SIGNALS order) and, with `detail`, its sentences' features (answerSentence). */
  readonly signals = new Float64Array(SIGNALS.length);
  sentences: SentenceFeatures[] | undefined = undefined;
  /** The passage last scored: its best sentence, that one's score and sums, and its totals. */
  topAt = -1;
  topScore = 0;
  readonly topSums = new Float64Array(SUMS);
  /** One sentence's sums while scoring without `collect` (scoreSentences). */
  readonly sentenceSums = new Float64Array(SUMS);
  totalIdf = 0;
  specific = 0;
  missingSpecific = 0;
  asked = 0;
  /** The question whose matches `slots` holds: term id -> 1 + its index in `lists` (0: no match). */
  #matches: TermMatches | null = null;
  #slots = new Int32Array(0);
  /** The concept lists of `#matches`, in its order. */
  lists: Array<Array<{ concept: number; weight: number }>> = [];

  #scoring: Scoring | null = null;

  /** The question's Scoring, one object for all its candidates. */
  scoring(
    query: Query,
    matches: TermMatches,
    averageSentenceLength: number,
    RANKING: Readonly<RankingOptions>,
  ): Scoring {
    const last = this.#scoring;
    if (
      last?.query === query &&
      last.matches === matches &&
      last.averageSentenceLength === averageSentenceLength &&
      last.RANKING === RANKING
    )
      return last;
    return (this.#scoring = { query, matches, averageSentenceLength, RANKING, scratch: this });
  }

  /** `matches` as an array indexed by term id (rebuilt when the question changes; sized by its largest term id). */
  slots(matches: TermMatches): Int32Array {
    if (this.#matches === matches) return this.#slots;
    for (const term of this.#matches?.keys() ?? []) this.#slots[term] = 0;
    let largest = -1;
    for (const term of matches.keys()) largest = Math.max(largest, term);
    if (this.#slots.length <= largest) this.#slots = new Int32Array(largest + 1);
    this.lists = [];
    for (const [term, hits] of matches) this.#slots[term] = this.lists.push(hits);
    this.#matches = matches;
    return this.#slots;
  }
}

/**
 * The best `capacity` passages offered, best first, in the order sorting all of them would give
 * (score descending, then passage index within its document, then the order offered): a stable
 * sort's order, kept in reused typed arrays by insertion, since a question's few dozen
 * candidates are offered one by one and only the first few are kept.
 */
export class TopPassages {
  #ids = new Int32Array(16);
  #scores = new Float64Array(16);
  #order = new Int32Array(16);
  #count = 0;
  #capacity = 0;

  /** Empties the selection, to keep the best `capacity` from now on. */
  reset(capacity: number): void {
    if (this.#ids.length < capacity) {
      this.#ids = new Int32Array(capacity);
      this.#scores = new Float64Array(capacity);
      this.#order = new Int32Array(capacity);
    }
    this.#count = 0;
    this.#capacity = capacity;
  }

  /** Offers passage `id` (`order`: its index within its document) with its score. */
  offer(id: number, order: number, score: number): void {
    let at = this.#count;
    // After every kept passage that is not worse (equal ones were offered first).
    while (at > 0) {
      const previous = this.#scores[at - 1]!;
      if (previous > score || (previous === score && this.#order[at - 1]! <= order)) break;
      at--;
    }
    if (at >= this.#capacity) return;
    const end = Math.min(this.#count, this.#capacity - 1);
    this.#ids.copyWithin(at + 1, at, end);
    this.#scores.copyWithin(at + 1, at, end);
    this.#order.copyWithin(at + 1, at, end);
    this.#ids[at] = id;
    this.#scores[at] = score;
    this.#order[at] = order;
    this.#count = end + 1;
  }

  get length(): number {
    return this.#count;
  }

  id(i: number): number {
    return this.#ids[i]!;
  }

  score(i: number): number {
    return this.#scores[i]!;
  }
}

/** One reused work array, zeroed on each use and grown when too short. */
class Pool<T extends Float64Array | Int32Array> {
  #array: T;
  readonly #make: (n: number) => T;

  constructor(make: (n: number) => T) {
    this.#make = make;
    this.#array = make(64);
  }

  /** The array as last handed out. */
  get current(): T {
    return this.#array;
  }

  /** The first `n` entries, all 0. */
  zeroed(n: number): T {
    if (this.#array.length < n) this.#array = this.#make(n);
    this.#array.fill(0, 0, n);
    return this.#array;
  }
}

/** Bonuses for the kind of answer and, for quote questions, for the right speaker's words. */
function fit(entry: IndexedPassage, s: number, query: Query, RANKING: Readonly<RankingOptions>): number {
  let bonus = 0;
  if (query.type !== "other" && (typesOf(entry, s) & TYPE_BIT[query.type]) !== 0) bonus += RANKING.typeBonus;
  const speaker = sentenceSpeaker(entry.passage, s);
  const quoteId = sentenceQuoteId(entry.passage, s);
  // Reported speech ("X warned that ...") counts, a little less than X's own words.
  const direct = quoteId !== null ? 1 : RANKING.reportedShare;
  if (query.intent === "speakerSaid") {
    if (speaker === query.speaker) bonus += RANKING.ownWordsBonus * direct;
    else if (speaker) bonus -= RANKING.otherSpeakerPenalty;
    else if (mentionsOf(entry, s).includes(query.speaker!)) bonus += RANKING.mentionBonus;
  } else if (query.intent === "whoSaid") {
    if (speaker) bonus += RANKING.quoteBonus * direct;
    else if (mentionsOf(entry, s).length > 0) bonus += RANKING.mentionBonus * RANKING.whoSaidMentionShare;
  }
  return bonus;
}
