import type { Document, Passage, Quote, Sentence } from "../corpus/types.ts";
import type { QuestionOptionsInput } from "./options.ts";
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
  /**
   * Probability-like chance (0..1) that this answer is right, calibrated on the
   * public question sets; the engine abstains (returns []) below a threshold.
   */
  confidence: number;
  /** "overview" for the document's lead and section starts (`overview()`, "What is this article about?"). */
  kind?: "answer" | "overview";
}

/**
 * What a conversation remembers between questions, so a follow-up ("What else
 * did he say?", "And Halvorsen?", "Tell me more", "Why?") can be resolved.
 * Built by `AnswerEngine.contextOf`; plain data, safe to keep per chat.
 */
export interface AnswerContext {
  /** Document of the previous top answer. */
  documentId: string;
  /** Speaker of the previous top answer, or the person the previous question asked about. */
  speaker: string | null;
  /** Content words of the previous question (what it was about). */
  topic: string[];
  /** The previous question as the user wrote it (or as it was resolved). */
  question: string;
  /** Passages already shown in this conversation, so follow-ups can skip them. */
  shown: Array<{ documentId: string; passageIndex: number }>;
}

/**
 * Per-question options: any knob of options.ts's QuestionOptions may be
 * overridden for one question (`minConfidence`, `ranking: {...}`), MiniSearch-style.
 */
export interface AnswerOptions extends QuestionOptionsInput {
  /** How many answers at most (default 5). */
  limit?: number;
  /** The previous exchange, for follow-up questions; without it each question stands alone. */
  context?: AnswerContext;
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
  /** How the engine reads a question: concepts, variants, weights, intent (for debugging: `npm run ask -- --explain "question"`). */
  explain(question: string): Query;
  /** Direct quotes, optionally only those of one speaker (name matched loosely: "aliev"). */
  quotes(speaker?: string): Quote[];
  /**
   * Questions this corpus can answer, for help texts and honest "I don't know"
   * replies; with `about`, questions related to that text first.
   */
  suggestions(count?: number, about?: string): string[];
  /** The context to keep after answering `question` with `answers`; null when there is nothing to follow up on. */
  contextOf(question: string, answers: Answer[]): AnswerContext | null;
  /** A document's lead and the start of each section (kind "overview"); the first document when no id is given. */
  overview(documentId?: string): Answer[];
  stats(): CorpusStats;
}
