import type { Document, Passage, Quote, Sentence } from "../corpus/types.ts";
import type { Query } from "./query.ts";

/** One ranked answer: a passage, the sentence in it that best answers, and why. */
export interface Answer {
  document: Document;
  section: string | null;
  passage: Passage;
  /** The single sentence that best answers the question. */
  sentence: Sentence;
  /** Full name of the speaker when `sentence` is direct speech, else null. */
  speaker: string | null;
  /** The quote `sentence` belongs to, if any. */
  quote: Quote | null;
  /** Relevance, higher is better; comparable within one call only. */
  score: number;
  /** Share of the question (IDF-weighted, 0..1) the answer covers; the engine abstains below a threshold. */
  confidence: number;
}

export interface AnswerOptions {
  /** How many answers at most (default 5). */
  limit?: number;
}

export interface CorpusStats {
  documents: number;
  passages: number;
  sentences: number;
  quotes: number;
}

/**
 * The answer engine: an immutable index over a set of documents.
 * A new set of documents means a new engine (see `Library` for swapping).
 */
export interface AnswerEngine {
  readonly documents: readonly Document[];
  /** Ranked answers, best first; [] when the corpus does not answer. Never throws. */
  answer(question: string, options?: AnswerOptions): Answer[];
  /** How the engine reads a question: concepts, variants, weights, intent (for debugging and `ask --explain`). */
  explain(question: string): Query;
  /** Direct quotes, optionally only those of one speaker (name matched loosely: "aliev"). */
  quotes(speaker?: string): Quote[];
  /** Questions this corpus can answer, for help texts and honest "I don't know" replies. */
  suggestions(count?: number): string[];
  stats(): CorpusStats;
}
