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
import type { IndexedPassage } from "./passages.ts";
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
  /** News leads summarise the story: the first passage wins ties. */
  leadBonus: 0,
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
  if (sentences === 0) return null;
  const best = new Float64Array(sentences * Math.max(count, 1));
  const tf = new Uint16Array(sentences * Math.max(count, 1));
  for (let s = 0; s < sentences; s++) {
    for (let t = entry.sentenceStart[s]!; t < entry.sentenceStart[s + 1]!; t++) {
      const hits = matches.get(entry.terms[t]!);
      if (!hits) continue;
      for (const { concept, weight } of hits) {
        const slot = s * count + concept;
        if (weight > best[slot]!) best[slot] = weight;
        if (tf[slot]! < 65535) tf[slot]!++;
      }
    }
  }
  // What the title, lead and heading say about each concept.
  const framed = new Float64Array(Math.max(count, 1));
  for (const term of entry.context) {
    for (const { concept, weight } of matches.get(term) ?? []) framed[concept] = Math.max(framed[concept]!, weight);
  }
  let totalIdf = 0;
  for (const concept of concepts) totalIdf += concept.idf;

  let top: ScoredSentence | null = null;
  for (let s = 0; s < sentences; s++) {
    const length = entry.sentenceStart[s + 1]! - entry.sentenceStart[s]!;
    let covered = 0;
    let strength = 0;
    for (let c = 0; c < count; c++) {
      const idf = concepts[c]!.idf;
      const own = best[s * count + c]!;
      let elsewhere = 0;
      for (let o = 0; o < sentences; o++) if (o !== s) elsewhere = Math.max(elsewhere, best[o * count + c]!);
      covered += idf * Math.max(own, RANKING.passageContext * elsewhere, RANKING.frameContext * framed[c]!);
      if (own > 0) {
        const f = tf[s * count + c]!;
        const saturation = f / (f + RANKING.k1 * (1 - RANKING.b + (RANKING.b * length) / averageSentenceLength));
        strength += idf * own * saturation;
      }
    }
    let coverage = totalIdf > 0 ? covered / totalIdf : 0;
    // The thing asked about ("the population of ...") must be in the sentence itself.
    if (query.focus !== null && best[s * count + query.focus]! === 0) coverage *= RANKING.missingFocusFactor;
    // A year or figure in the question that the passage lacks: about something else.
    for (let c = 0; c < count; c++) {
      if (!concepts[c]!.numeric) continue;
      let anywhere = framed[c]!;
      for (let o = 0; o < sentences; o++) anywhere = Math.max(anywhere, best[o * count + c]!);
      if (anywhere === 0) coverage *= RANKING.missingNumberFactor;
    }
    // "How many...?" answered by a sentence without any amount is no answer.
    if (query.type !== "other" && !entry.types[s]!.has(query.type)) coverage *= RANKING.missingTypeFactor;
    let score = totalIdf > 0 ? RANKING.coverageWeight * coverage + RANKING.strengthWeight * (strength / totalIdf) : 0;
    score += fit(entry, s, query);
    if (!top || score > top.score) top = { entry, sentence: s, score, coverage };
  }
  return top;
}

/** Bonuses for the kind of answer and, for quote questions, for the right speaker's words. */
function fit(entry: IndexedPassage, s: number, query: Query): number {
  let bonus = entry.passage.index === 0 ? RANKING.leadBonus : 0;
  if (query.type !== "other" && entry.types[s]!.has(query.type)) bonus += RANKING.typeBonus;
  const { speaker, quoteId } = entry.passage.sentences[s]!;
  // Reported speech ("X warned that ...") counts, a little less than X's own words.
  const direct = quoteId !== null ? 1 : RANKING.reportedShare;
  if (query.intent === "speakerSaid") {
    if (speaker === query.speaker) bonus += RANKING.ownWordsBonus * direct;
    else if (speaker) bonus -= RANKING.otherSpeakerPenalty;
    else if (entry.mentions[s]!.includes(query.speaker!)) bonus += RANKING.mentionBonus;
  } else if (query.intent === "whoSaid") {
    if (speaker) bonus += RANKING.quoteBonus * direct;
    else if (entry.mentions[s]!.length > 0) bonus += RANKING.mentionBonus / 2;
  }
  return bonus;
}
