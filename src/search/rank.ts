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
import { TYPE_BIT } from "./answerType.ts";
import { type IndexedPassage, mentionsOf, typesOf } from "./passages.ts";
import type { Query } from "./query.ts";

export interface ScoredSentence {
  entry: IndexedPassage;
  sentence: number;
  score: number;
  /** IDF-weighted share of the question the sentence (and its passage) covers, 0..1. */
  coverage: number;
}

/** Tunable weights, named so the README can explain them. */
export const RANKING = {
  k1: 1.2,
  b: 0.5,
  /** How much a concept found elsewhere in the passage counts towards coverage. */
  passageContext: 0.6,
  /** How much a concept found in the document's title, lead or section heading counts. */
  frameContext: 0.8,
  coverageWeight: 0.55,
  strengthWeight: 0.45,
  typeBonus: 0.08,
  ownWordsBonus: 0.3,
  mentionBonus: 0.08,
  otherSpeakerPenalty: 0.1,
  quoteBonus: 0.2,
  /** Share of those bonuses that reported (indirect) speech gets. */
  reportedShare: 0.6,
  /** Coverage kept by a sentence that lacks the kind of answer asked for. */
  missingTypeFactor: 0.75,
  /** Coverage kept when a number the question gives is nowhere in the passage. */
  missingNumberFactor: 0.6,
  /** Coverage kept by a sentence that does not name what the question asks about. */
  missingFocusFactor: 0.7,
} as const;

/** Query term id -> the concepts it expresses, with the weight of that match. */
export type TermMatches = Map<number, Array<{ concept: number; weight: number }>>;

/** Scores each sentence of `entry`; returns the best one. */
export function scorePassage(
  entry: IndexedPassage,
  query: Query,
  matches: TermMatches,
  averageSentenceLength: number,
): ScoredSentence | null {
  const concepts = query.concepts;
  const count = concepts.length;
  const sentences = entry.passage.sentences.length;
  if (sentences === 0 || count === 0) return null;
  const size = sentences * count;
  const best = scratch.best(size);
  const tf = scratch.tf(size);
  for (let s = 0; s < sentences; s++) {
    const end = entry.sentenceStart[s + 1]!;
    for (let t = entry.sentenceStart[s]!; t < end; t++) {
      const hits = matches.get(entry.terms[t]!);
      if (!hits) continue;
      for (const { concept, weight } of hits) {
        const slot = s * count + concept;
        if (weight > best[slot]!) best[slot] = weight;
        tf[slot]!++;
      }
    }
  }
  // Per concept: what the title, lead and heading say, and the best and
  // second-best sentence (so "elsewhere in the passage" costs O(1)).
  const framed = scratch.framed(count);
  const first = scratch.first(count);
  const firstAt = scratch.firstAt(count);
  const second = scratch.second(count);
  for (const term of entry.context) {
    const hits = matches.get(term);
    if (hits) for (const { concept, weight } of hits) if (weight > framed[concept]!) framed[concept] = weight;
  }
  let totalIdf = 0;
  let missingNumbers = 0;
  for (let c = 0; c < count; c++) {
    totalIdf += concepts[c]!.idf;
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
  }

  let top: ScoredSentence | null = null;
  for (let s = 0; s < sentences; s++) {
    const length = entry.sentenceStart[s + 1]! - entry.sentenceStart[s]!;
    const norm = RANKING.k1 * (1 - RANKING.b + (RANKING.b * length) / averageSentenceLength);
    let covered = 0;
    let strength = 0;
    for (let c = 0; c < count; c++) {
      const idf = concepts[c]!.idf;
      const own = best[s * count + c]!;
      const elsewhere = firstAt[c] === s ? second[c]! : first[c]!;
      covered += idf * Math.max(own, RANKING.passageContext * elsewhere, RANKING.frameContext * framed[c]!);
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
    if (query.type !== "other" && (typesOf(entry, s) & TYPE_BIT[query.type]) === 0) coverage *= RANKING.missingTypeFactor;
    let score = totalIdf > 0 ? RANKING.coverageWeight * coverage + RANKING.strengthWeight * (strength / totalIdf) : 0;
    score += fit(entry, s, query);
    if (!top || score > top.score) top = { entry, sentence: s, score, coverage };
  }
  return top;
}

/** Reused, zeroed work arrays: scoring runs for every candidate and must not allocate. */
const scratch = (() => {
  const pools = new Map<string, Float64Array | Int32Array>();
  const get = <T extends Float64Array | Int32Array>(name: string, size: number, make: (n: number) => T): T => {
    let array = pools.get(name) as T | undefined;
    if (!array || array.length < size) {
      array = make(Math.max(size, 64));
      pools.set(name, array);
    }
    array.fill(0, 0, size);
    return array;
  };
  const float = (n: number) => new Float64Array(n);
  const int = (n: number) => new Int32Array(n);
  return {
    best: (n: number) => get("best", n, float),
    tf: (n: number) => get("tf", n, int),
    framed: (n: number) => get("framed", n, float),
    first: (n: number) => get("first", n, float),
    second: (n: number) => get("second", n, float),
    firstAt: (n: number) => get("firstAt", n, int),
  };
})();

/** Bonuses for the kind of answer and, for quote questions, for the right speaker's words. */
function fit(entry: IndexedPassage, s: number, query: Query): number {
  let bonus = 0;
  if (query.type !== "other" && (typesOf(entry, s) & TYPE_BIT[query.type]) !== 0) bonus += RANKING.typeBonus;
  const { speaker, quoteId } = entry.passage.sentences[s]!;
  // Reported speech ("X warned that ...") counts, a little less than X's own words.
  const direct = quoteId !== null ? 1 : RANKING.reportedShare;
  if (query.intent === "speakerSaid") {
    if (speaker === query.speaker) bonus += RANKING.ownWordsBonus * direct;
    else if (speaker) bonus -= RANKING.otherSpeakerPenalty;
    else if (mentionsOf(entry, s).includes(query.speaker!)) bonus += RANKING.mentionBonus;
  } else if (query.intent === "whoSaid") {
    if (speaker) bonus += RANKING.quoteBonus * direct;
    else if (mentionsOf(entry, s).length > 0) bonus += RANKING.mentionBonus / 2;
  }
  return bonus;
}
