/**
 * Every knob of the engine in one place, with its meaning, range and default
 * (MiniSearch's `defaultSearchOptions` is the model). `createEngine(docs,
 * options)` merges its options over these defaults; `answer(q, options)` may
 * override the per-question ones again. Nothing else in src/search holds a
 * tunable number; rules about English words (typo distance, prefix relatives)
 * live in src/language/words.ts.
 */

/** How a sentence is scored against the question (rank.ts). */
export interface RankingOptions {
  /** BM25 term-frequency saturation, 0.5..2 (default 1.2). */
  k1: number;
  /** BM25 length normalisation, 0..1 (default 0.5). */
  b: number;
  /** How much a concept found elsewhere in the passage counts towards coverage, 0..1 (default 0.6). */
  passageContext: number;
  /** How much a concept found in the sentence just before or after counts towards coverage, 0..1 (default 0.75). */
  neighbourContext: number;
  /** How much a concept found in the document's title, lead or section heading counts, 0..1 (default 0.8). */
  frameContext: number;
  /** Share of the score from coverage, 0..1 (default 0.55). */
  coverageWeight: number;
  /** Share of the score from BM25-style term strength, 0..1 (default 0.45). */
  strengthWeight: number;
  /** Bonus for a sentence offering the kind of answer asked for (a time, an amount...), 0..0.5 (default 0.04). */
  typeBonus: number;
  /** Bonus for the asked speaker's own words in "what did X say", 0..1 (default 0.3). */
  ownWordsBonus: number;
  /** Bonus for a sentence mentioning the asked person, 0..0.5 (default 0.08). */
  mentionBonus: number;
  /** Share of `mentionBonus` that a sentence merely mentioning someone gets in "who said ...", 0..1 (default 0.5). */
  whoSaidMentionShare: number;
  /** Penalty for another speaker's words in "what did X say", 0..0.5 (default 0.1). */
  otherSpeakerPenalty: number;
  /** Bonus for direct speech in "who said ...", 0..0.5 (default 0.2). */
  quoteBonus: number;
  /** Share of the speech bonuses that reported (indirect) speech gets, 0..1 (default 0.6). */
  reportedShare: number;
  /** Weight of a name or number of the question relative to other words of the same rarity, 1..3 (default 1.25). */
  specificWeight: number;
  /** Coverage kept by a sentence that lacks the kind of answer asked for, 0..1 (default 0.75). */
  missingTypeFactor: number;
  /** Coverage kept when a number the question gives is nowhere in the passage, 0..1 (default 0.6). */
  missingNumberFactor: number;
  /** Coverage kept by a sentence that does not name what the question asks about, 0..1 (default 0.5). */
  missingFocusFactor: number;
  /**
   * How much of a neighbour's coverage a sentence that offers the kind of answer asked for
   * borrows when its neighbour holds the question's words ("why"/"how" answers often
   * sit one sentence after), 0..1 (default 0.85).
   */
  neighbourAnswer: number;
  /** Share of the neighbour's credit a number or year of the question keeps, 0..1 (default 0.5). */
  numberNeighbour: number;
  /**
   * The `typeFit` and `focusOwn` signals of a sentence when the question asks for no kind of
   * answer or names no focus, between 0 (lacks it) and 1 (has it); the confidence model is fit with it (default 0.5).
   */
  unaskedFit: number;
}

/** How much a question word's match counts, by the way it matched (vocabulary.ts, query.ts). */
export interface MatchWeights {
  /** The word itself (by stem), 1. */
  exact: number;
  /** One edit away (a typo), 0..1 (default 0.85). */
  typo1: number;
  /** Two edits away (long words: `typoDistance` in src/language/words.ts), 0..1 (default 0.7). */
  typo2: number;
  /** A word that extends or shortens it ("ruritanian" ~ "ruritania"), 0..1 (default 0.7). */
  prefix: number;
  /** A curated or WordNet synonym, 0..1 (default 0.75). */
  synonym: number;
  /** A WordNet related word (same common sense: "sign" ~ "ratify"), 0..1 (default 0.6). */
  related: number;
  /**
   * For a question word the articles never use and nothing else matches: a word of theirs
   * one WordNet step more general ("present" -> gift), 0..1 (default 0.7; 0 turns it off).
   */
  wordnetStep: number;
  /** The words of a name its acronym stands for, 0..1 (default 0.9). */
  acronym: number;
  /** A role word standing for a person ("president" for the person), 0..1 (default 0.5). */
  roleWord: number;
}

import { CONFIDENCE_MODEL, type ConfidenceModel } from "./confidence.ts";
import { SENTENCE_MODEL, type SentenceModel } from "./sentence-model.ts";

/** Options fixed when an engine is built. */
export interface EngineOptions extends QuestionOptions {
  /** Match weights by kind of match (engine-wide: the vocabulary is built with them). */
  weights: MatchWeights;
  /** Most answers one question may ask for: `limit` is capped here, 1..1000 (default 50). */
  maxLimit: number;
  /** Answers a follow-up ranks before dropping those already shown, 1..1000 (default 50). */
  followUpPool: number;
  /**
   * Shortest question word that corpus words extending or shortening it are looked for
   * ("ruritanian" ~ "ruritania"), 4..10 (default 5; names and roles use words.ts's 4:
   * over the whole vocabulary shorter prefixes meet too many unrelated words).
   */
  minRelativeLength: number;
  /**
   * Where related words come from: the curated synonyms (lexicon/synonyms.json),
   * WordNet's common senses (wordnet.ts), or both, the curated ones first (default "both").
   */
  relatedWords: "curated" | "wordnet" | "both";
  /**
   * Share of a word's weight (IDF) counted over sentences rather than passages, 0..1:
   * in long passages, passage IDF cannot tell their sentences apart (default 1).
   */
  sentenceIdf: number;
}

/** Options a single question may override. */
export interface QuestionOptions {
  /** How many answers at most, 1..`maxLimit` (default 5). */
  limit: number;
  /**
   * The engine answers only when the top answer's confidence (a calibrated
   * probability of being right, see confidence.ts) reaches this, 0..1; otherwise it
   * abstains ([]) rather than guess. Answers below it after the first are dropped too.
   * Default 0.38: on the SQuAD slice (each article scored by a model fitted without it) the
   * point where at least 30 % of unanswerable questions are refused while at most about 8 % of
   * answerable ones are (see bench/fit-confidence.ts's threshold table).
   */
  minConfidence: number;
  /** Passages the candidate step hands to the ranker, 1..1000 (default 60). */
  candidates: number;
  /** Postings the candidate step may read, bounding its cost on large corpora (default 3,000). */
  postingsBudget: number;
  /**
   * Weight of a question word the articles never use, relative to how telling the
   * word is in general English (rare words weigh more), 0..2 (default 1).
   */
  unknownWeight: number;
  /**
   * Share of that weight the commonest English words keep (rarer words keep more,
   * words in no English list all of it), 0..1 (default 0.3).
   */
  unknownCommonWeight: number;
  /** Share of its weight (IDF) a weak word keeps (lexicon/stopwords.json "weak": "the two leaders"), 0..1 (default 0.5). */
  weakWordShare: number;
  /** Least weight (IDF) a question word has, so no concept counts for nothing, 0..0.5 (default 0.05). */
  minConceptIdf: number;
  /** Longest question read, in characters; the rest is ignored (default 1,000, the bot's limit). */
  maxQuestionLength: number;
  /** Longest word read, in characters; longer words are cut at every entry point (`guard`, default 40). */
  maxWordLength: number;
  /** Sentence scoring knobs. */
  ranking: RankingOptions;
  /** The calibrated confidence model (confidence.ts; refit with bench/fit-confidence.ts). */
  confidence: ConfidenceModel;
  /** Picks the sentence within a passage (sentence-model.ts; refit with bench/fit-sentence.ts); null: the ranker's best sentence. */
  sentenceModel: SentenceModel | null;
}

export const DEFAULT_RANKING: Readonly<RankingOptions> = Object.freeze({
  k1: 1.2,
  b: 0.5,
  passageContext: 0.6,
  neighbourContext: 0.75,
  frameContext: 0.8,
  coverageWeight: 0.55,
  strengthWeight: 0.45,
  typeBonus: 0.04,
  ownWordsBonus: 0.3,
  mentionBonus: 0.08,
  otherSpeakerPenalty: 0.1,
  quoteBonus: 0.2,
  reportedShare: 0.6,
  specificWeight: 1.25,
  missingTypeFactor: 0.75,
  missingNumberFactor: 0.6,
  missingFocusFactor: 0.5,
  neighbourAnswer: 0.85,
  numberNeighbour: 0.5,
  whoSaidMentionShare: 0.5,
  unaskedFit: 0.5,
});

export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  exact: 1,
  typo1: 0.85,
  typo2: 0.7,
  prefix: 0.7,
  synonym: 0.75,
  related: 0.6,
  wordnetStep: 0.7,
  acronym: 0.9,
  roleWord: 0.5,
});

/** The defaults every engine starts from. */
export const DEFAULT_OPTIONS: Readonly<EngineOptions> = Object.freeze({
  limit: 5,
  minConfidence: 0.38,
  candidates: 60,
  postingsBudget: 3000,
  unknownWeight: 1,
  unknownCommonWeight: 0.3,
  weakWordShare: 0.5,
  minConceptIdf: 0.05,
  maxQuestionLength: 1000,
  maxWordLength: 40,
  maxLimit: 50,
  followUpPool: 50,
  minRelativeLength: 5,
  relatedWords: "both",
  sentenceIdf: 1,
  ranking: DEFAULT_RANKING,
  weights: DEFAULT_WEIGHTS,
  confidence: CONFIDENCE_MODEL,
  sentenceModel: SENTENCE_MODEL,
});

/**
 * The text an engine reads, from a question or any other input (a speaker's name,
 * a topic): at most `maxQuestionLength` characters, no word longer than
 * `maxWordLength`. The engine's cost grows faster than linearly with one word's
 * length (a 1,000-letter word took about a second), so every entry point reads
 * its input through this.
 */
export function guard(text: string, options: Pick<QuestionOptions, "maxQuestionLength" | "maxWordLength">): string {
  const cut = [...text.slice(0, options.maxQuestionLength + 1)].slice(0, options.maxQuestionLength).join("");
  const max = Math.max(1, Math.floor(options.maxWordLength));
  return cut.replace(new RegExp(`\\S{${max + 1},}`, "gu"), (word) => [...word].slice(0, max).join(""));
}

/** What a caller may pass: any subset, nested groups partially. */
export type EngineOptionsInput = Partial<Omit<EngineOptions, "ranking" | "weights">> & {
  ranking?: Partial<RankingOptions>;
  weights?: Partial<MatchWeights>;
};
export type QuestionOptionsInput = Partial<Omit<QuestionOptions, "ranking">> & { ranking?: Partial<RankingOptions> };

/** `overrides` over `base`, nested groups (ranking, weights) merged key by key; undefined values keep the base. */
export function mergeOptions<T extends QuestionOptions>(base: T, overrides: object | undefined): T {
  if (!overrides) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if ((key === "ranking" || key === "weights") && typeof value === "object" && value !== null) {
      out[key] = {
        ...(base as unknown as Record<string, object>)[key],
        ...definedOnly(value as Record<string, unknown>),
      };
    } else out[key] = value;
  }
  return out as T;
}

function definedOnly(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
