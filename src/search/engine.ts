/**
 * The answer engine: builds the index over a set of documents and answers
 * questions with ranked passages, each with its best sentence.
 *
 *   question -> analyze (query.ts) -> candidates (FlexSearch, candidates.ts)
 *            -> score sentences (rank.ts) -> abstain or answer
 */
import { surname } from "../language/names.ts";
import type { Document, Quote } from "../corpus/types.ts";
import { CandidateIndex, type WeightedTerm } from "./candidates.ts";
import { type IndexedPassage, TermTable, contextTerms, indexPassage } from "./passages.ts";
import { PeopleIndex } from "./people.ts";
import { type Query, UNKNOWN_WEIGHT, analyze } from "./query.ts";
import { type ScoredSentence, type TermMatches, scorePassage } from "./rank.ts";
import { suggestQuestions } from "./suggest.ts";
import { fold } from "./text.ts";
import { resolveFollowUp } from "./followup.ts";
import { isOverviewQuestion, outlinePassages } from "./overview.ts";
import type { Answer, AnswerContext, AnswerEngine, AnswerOptions, CorpusStats } from "./types.ts";
import { Vocabulary } from "./vocabulary.ts";

export interface EngineOptions {
  /**
   * Minimum share of the question (IDF-weighted) an answer must cover; below
   * it the engine abstains rather than guess. 0..1, default 0.5.
   */
  minCoverage?: number;
  /** Passages the candidate step hands to the ranker (default 60). */
  candidates?: number;
  /** Postings the candidate step may read (default 3,000): bounds its cost on large corpora. */
  postingsBudget?: number;
  /** How much a word the corpus never uses weighs, relative to the rarest word it has (default 1). */
  unknownWeight?: number;
}

export function createEngine(documents: readonly Document[], options: EngineOptions = {}): AnswerEngine {
  return new Engine(documents, options);
}

class Engine implements AnswerEngine {
  readonly documents: readonly Document[];
  readonly #entries: IndexedPassage[] = [];
  readonly #table = new TermTable();
  readonly #vocabulary = new Vocabulary();
  readonly #candidates = new CandidateIndex();
  readonly #people: PeopleIndex;
  /** Full name -> passages holding that person's direct quotes. */
  readonly #quotedIn = new Map<string, number[]>();
  readonly #minCoverage: number;
  readonly #candidateLimit: number;
  readonly #unknownWeight: number;
  readonly #postingsBudget: number;
  #averageSentenceLength = 1;
  #suggestions: string[] | null = null;
  #sentenceCount = 0;

  constructor(documents: readonly Document[], options: EngineOptions) {
    this.documents = documents;
    this.#minCoverage = options.minCoverage ?? 0.5;
    this.#candidateLimit = options.candidates ?? 60;
    this.#unknownWeight = options.unknownWeight ?? UNKNOWN_WEIGHT;
    this.#postingsBudget = options.postingsBudget ?? 3000;
    this.#people = new PeopleIndex(documents);

    const surnames = new Map<string, string>();
    for (const document of documents) {
      for (const person of document.people) {
        for (const word of fold(surname(person.name)).split(/[\s-]+/)) surnames.set(word, person.name);
      }
    }
    let contentWords = 0;
    const addName = (words: string[], terms: string[]) => this.#vocabulary.addName(words, terms);
    for (const document of documents) {
      const lead = document.passages[0]?.sentences[0]?.text;
      const contexts = new Map<string | null, Uint32Array>();
      for (const passage of document.passages) {
        if (passage.sentences.length === 0) continue;
        let context = contexts.get(passage.section);
        if (!context) {
          context = contextTerms([document.title, lead, passage.section], this.#table);
          contexts.set(passage.section, context);
        }
        const { entry, terms, words } = indexPassage(document, passage, this.#table, surnames, context, addName);
        const id = this.#entries.push(entry) - 1;
        this.#vocabulary.addPassage(entry.terms, terms, words);
        this.#candidates.add(id, terms);
        contentWords += entry.terms.length;
        this.#sentenceCount += passage.sentences.length;
        for (const quote of passage.quotes) {
          if (!quote.speaker) continue;
          const list = this.#quotedIn.get(quote.speaker) ?? [];
          if (list.at(-1) !== id) list.push(id);
          this.#quotedIn.set(quote.speaker, list);
        }
      }
    }
    this.#vocabulary.seal(this.#table.terms);
    this.#candidates.seal();
    this.#averageSentenceLength = Math.max(1, contentWords / Math.max(1, this.#sentenceCount));
  }

  answer(question: string, options: AnswerOptions = {}): Answer[] {
    const limit = Math.max(1, Math.min(options.limit ?? 5, 50));
    if (typeof question !== "string" || this.#entries.length === 0) return [];
    const followUp = resolveFollowUp(question, options.context);
    if (followUp) {
      const shown = new Set((options.context?.shown ?? []).map((s) => `${s.documentId}#${s.passageIndex}`));
      const unseen = (a: Answer) => !shown.has(`${a.document.id}#${a.passage.index}`);
      switch (followUp.kind) {
        case "more":
          return this.#continuation(followUp.documentId, shown, limit);
        case "speaker": {
          const found = followUp.topic ? this.#rank(`What did ${followUp.speaker} say about ${followUp.topic}?`, 50) : [];
          const pool = [...found, ...this.#quotesOf(followUp.speaker, 50)];
          return dedupe(pool).filter(unseen).slice(0, limit);
        }
        case "question": {
          const found = this.#rank(followUp.question, 50);
          const scoped = followUp.documentId ? found.filter((a) => a.document.id === followUp.documentId) : found;
          const fresh = scoped.filter(unseen);
          return (fresh.length > 0 ? fresh : scoped).slice(0, limit);
        }
      }
    }
    if (isOverviewQuestion(question)) return this.overview(options.context?.documentId).slice(0, limit);
    return this.#rank(question, limit);
  }

  contextOf(question: string, answers: Answer[]): AnswerContext | null {
    const top = answers[0];
    if (!top || typeof question !== "string") return null;
    const query = analyze(question, this.#vocabulary, this.#people, this.#unknownWeight);
    return {
      documentId: top.document.id,
      speaker: top.speaker ?? query.speaker,
      topic: query.concepts.filter((c) => !c.unknown).map((c) => c.word),
      question,
      shown: answers.map((a) => ({ documentId: a.document.id, passageIndex: a.passage.index })),
    };
  }

  overview(documentId?: string): Answer[] {
    const document = documentId === undefined ? this.documents[0] : this.documents.find((d) => d.id === documentId);
    if (!document) return [];
    return outlinePassages(document).map((passage, i) => ({
      document,
      section: passage.section,
      passage,
      sentence: passage.sentences[0]!,
      speaker: passage.sentences[0]!.speaker,
      quote: null,
      score: 1 - i * 0.01,
      confidence: 1,
      kind: "overview" as const,
    }));
  }

  /** Passages of a document not shown yet, starting after the first shown one ("Tell me more"). */
  #continuation(documentId: string, shown: Set<string>, limit: number): Answer[] {
    const document = this.documents.find((d) => d.id === documentId);
    if (!document) return [];
    const shownHere = document.passages.filter((p) => shown.has(`${documentId}#${p.index}`)).map((p) => p.index);
    const after = shownHere.length > 0 ? Math.min(...shownHere) : -1;
    const out: Answer[] = [];
    // What follows the shown passage first, then what came before it (the user may have started late).
    const order = [...document.passages.filter((p) => p.index > after), ...document.passages.filter((p) => p.index <= after)];
    for (const passage of order) {
      if (shown.has(`${documentId}#${passage.index}`) || passage.sentences.length === 0) continue;
      const sentence = passage.sentences[0]!;
      const quote = sentence.quoteId ? (passage.quotes.find((q) => q.id === sentence.quoteId) ?? null) : null;
      out.push({ document, section: passage.section, passage, sentence, speaker: sentence.speaker, quote, score: 1 - out.length * 0.01, confidence: 1, kind: "answer" });
      if (out.length >= limit) break;
    }
    return out;
  }

  #rank(question: string, limit: number): Answer[] {
    const query = analyze(question, this.#vocabulary, this.#people, this.#unknownWeight);
    if (query.unknownPerson) return [];
    if (query.concepts.length === 0) {
      return query.intent === "speakerSaid" ? this.#quotesOf(query.speaker!, limit) : [];
    }
    const matches = this.#termMatches(query);
    const ids = new Set(this.#candidates.search(this.#searchTerms(query), this.#postingsBudget, this.#candidateLimit));
    if (query.intent === "speakerSaid") for (const id of this.#quotedIn.get(query.speaker!) ?? []) ids.add(id);

    const scored: ScoredSentence[] = [];
    for (const id of ids) {
      const best = scorePassage(this.#entries[id]!, query, matches, this.#averageSentenceLength);
      if (best && best.coverage >= this.#minCoverage) scored.push(best);
    }
    scored.sort((a, b) => b.score - a.score || a.entry.passage.index - b.entry.passage.index);
    return scored.slice(0, limit).map((s) => toAnswer(s.entry, s.sentence, s.score, s.coverage));
  }

  explain(question: string): Query {
    return analyze(question, this.#vocabulary, this.#people, this.#unknownWeight);
  }

  quotes(speaker?: string): Quote[] {
    const all = this.documents.flatMap((d) => d.quotes);
    if (speaker === undefined || speaker.trim() === "") return all;
    const name = this.#people.match(speaker, this.#vocabulary).name;
    return name ? all.filter((q) => q.speaker === name) : [];
  }

  suggestions(count = 3, about?: string): string[] {
    this.#suggestions ??= suggestQuestions(this.documents, (q) => this.answer(q, { limit: 1 }).length > 0);
    if (!about?.trim()) return this.#suggestions.slice(0, count);
    const words = new Set(fold(about).match(/[\p{L}\p{N}]{3,}/gu) ?? []);
    const overlap = (q: string) => (fold(q).match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => words.has(w)).length;
    const related = this.#suggestions.map((q, i) => ({ q, i, n: overlap(q) })).sort((a, b) => b.n - a.n || a.i - b.i);
    return related.filter((r) => fold(r.q) !== fold(about.trim())).map((r) => r.q).slice(0, count);
  }

  stats(): CorpusStats {
    return {
      documents: this.documents.length,
      passages: this.#entries.length,
      sentences: this.#sentenceCount,
      quotes: this.documents.reduce((n, d) => n + d.quotes.length, 0),
    };
  }

  /** Every corpus term a concept may appear as, mapped to the concepts it serves. */
  #termMatches(query: Query): TermMatches {
    const matches: TermMatches = new Map();
    query.concepts.forEach((concept, index) => {
      for (const [term, weight] of concept.variants) {
        const id = this.#table.ids.get(term);
        if (id === undefined) continue;
        const list = matches.get(id) ?? [];
        list.push({ concept: index, weight });
        matches.set(id, list);
      }
    });
    return matches;
  }

  /** Every variant of every concept, weighted by the concept's IDF, for the candidate step. */
  #searchTerms(query: Query): WeightedTerm[] {
    return query.concepts.flatMap((concept, index) =>
      [...concept.variants].map(([term, weight]) => ({
        term,
        df: this.#vocabulary.df.get(term) ?? 0,
        weight: weight * concept.idf,
        concept: index,
      })),
    );
  }

  /** "What did X say?" with no topic: X's quotes in article order. */
  #quotesOf(speaker: string, limit: number): Answer[] {
    const answers: Answer[] = [];
    for (const id of this.#quotedIn.get(speaker) ?? []) {
      const entry = this.#entries[id]!;
      const index = entry.passage.sentences.findIndex((s) => s.speaker === speaker);
      if (index >= 0) answers.push(toAnswer(entry, index, 1 - answers.length * 0.01, 1));
      if (answers.length >= limit) break;
    }
    return answers;
  }
}

function toAnswer(entry: IndexedPassage, index: number, score: number, confidence: number): Answer {
  const sentence = entry.passage.sentences[index]!;
  const quote = sentence.quoteId ? (entry.passage.quotes.find((q) => q.id === sentence.quoteId) ?? null) : null;
  return {
    document: entry.document,
    section: entry.passage.section,
    passage: entry.passage,
    sentence,
    speaker: sentence.speaker,
    quote,
    score: Math.round(score * 1000) / 1000,
    confidence: Math.round(confidence * 1000) / 1000,
    kind: "answer",
  };
}

/** Answers without repeating a sentence, first kept. */
function dedupe(answers: Answer[]): Answer[] {
  const seen = new Set<string>();
  return answers.filter((a) => !seen.has(a.sentence.id) && (seen.add(a.sentence.id), true));
}
