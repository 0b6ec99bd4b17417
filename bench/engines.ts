/**
 * The three engines behind one interface, so that each is built from the same Document
 * objects and asked the same questions by the same loop.
 *
 * `query` is the timed call: exactly what the engine does for one question in the
 * role it is compared in (ours: the full answer path and the formatted reply;
 * FlexSearch: the candidate step only; MiniSearch: a ranked search). `answerText` is
 * untimed and only serves top-1 accuracy; for the two libraries, which return whole
 * passages, it picks the passage's best-matching sentence as described below.
 */
import { Charset, Document as FlexDocument, Encoder } from "flexsearch";
import EnglishPreset from "flexsearch/lang/en";
import MiniSearch from "minisearch";
import type { Document, Passage } from "../src/corpus/types.ts";
import type { Answer, AnswerEngine } from "../src/search/types.ts";

export type EngineName = "ours" | "flexsearch" | "minisearch";

export interface BuiltEngine {
  /** One question, as the engine serves it; the result only needs to stay observable. */
  query(question: string): unknown;
  /** Text of the sentence the engine would answer with; null when it abstains. */
  answerText(question: string): string | null;
}

export interface EngineAdapter {
  name: EngineName;
  build(documents: Document[]): BuiltEngine;
}

/** Renders the top answers into the reply text, as the bot would send it. */
export type RenderAnswer = (answers: Answer[], question: string) => unknown;

/**
 * Ours: createEngine, then `answer()` (candidates, ranking, best sentence) with the
 * bot's answer limit, and the formatted reply the bot would send (src/bot's pure
 * `renderPage`) — the whole path from question to reply text.
 */
export function oursAdapter(
  createEngine: (documents: Document[]) => AnswerEngine,
  render: RenderAnswer | null,
  /** Answers per question as the bot asks for them (its MAX_ANSWERS); engine default when undefined. */
  limit?: number,
): EngineAdapter {
  const options = limit === undefined ? undefined : { limit };
  return {
    name: "ours",
    build(documents) {
      const engine = createEngine(documents);
      return {
        query(question) {
          const answers = engine.answer(question, options);
          return render && answers.length > 0 ? render(answers, question) : answers;
        },
        answerText(question) {
          return engine.answer(question)[0]?.sentence.text ?? null;
        },
      };
    },
  };
}

/**
 * The best sentence of a passage for a baseline that only ranks passages: the sentence
 * holding the most distinct query terms, as the baseline's own tokenizer sees them
 * (the earliest one on ties, as a reader would pick). Without this a baseline's
 * "answer" would be the whole passage, which contains every expected phrase for free.
 */
function bestSentence(passage: Passage, queryTerms: ReadonlySet<string>, tokenize: (text: string) => string[]): string {
  let best = passage.sentences[0]?.text ?? passage.text;
  let bestHits = -1;
  for (const s of passage.sentences) {
    const terms = new Set(tokenize(s.text));
    let hits = 0;
    for (const t of queryTerms) if (terms.has(t)) hits++;
    if (hits > bestHits) {
      bestHits = hits;
      best = s.text;
    }
  }
  return best;
}

/** Curly apostrophes are not normalised by FlexSearch's English pack (see notes): do it before encoding. */
const straightenQuotes = (text: string) => text.replace(/[’‘ʼ]/g, "'");

/** Candidates fetched per question, as an engine using FlexSearch for its first step would. */
export const FLEX_CANDIDATES = 50;

/**
 * FlexSearch 0.8 alone: a Document index over passage text with the LatinBalance
 * charset plus the English pack (stopwords, stemmer), `numeric: false` so years stay
 * whole; `suggest: true` so a question with one unknown word still returns results.
 * It has no relevance score: results come ordered by the number of query terms matched.
 */
export function flexsearchAdapter(): EngineAdapter {
  return {
    name: "flexsearch",
    build(documents) {
      const encoder = new Encoder(Charset.LatinBalance);
      encoder.assign(EnglishPreset);
      encoder.assign({ numeric: false });
      const index = new FlexDocument({ document: { id: "id", index: [{ field: "text", encoder }] } });
      const passages = documents.flatMap((d) => d.passages);
      passages.forEach((p, id) => index.add({ id, text: straightenQuotes(p.text) }));
      const search = (question: string) =>
        index.search(straightenQuotes(question), { suggest: true, limit: FLEX_CANDIDATES })[0]?.result ?? [];
      const tokenize = (text: string) => encoder.encode(straightenQuotes(text));
      return {
        query: search,
        answerText(question) {
          const top = search(question)[0];
          if (top === undefined) return null;
          return bestSentence(passages[Number(top)]!, new Set(tokenize(question)), tokenize);
        },
      };
    },
  };
}

/**
 * MiniSearch as a developer would set it up: BM25 (its default scoring), prefix search,
 * fuzzy 0.2, fields text and the article title, text stored for display. It returns
 * every match ranked; the timed call is that search.
 */
export function minisearchAdapter(): EngineAdapter {
  return {
    name: "minisearch",
    build(documents) {
      const passages = documents.flatMap((d) => d.passages);
      const titles = new Map(documents.map((d) => [d.id, d.title]));
      const index = new MiniSearch<{ id: number; text: string; title: string }>({
        fields: ["text", "title"],
        storeFields: ["text"],
        searchOptions: { prefix: true, fuzzy: 0.2 },
      });
      index.addAll(passages.map((p, id) => ({ id, text: p.text, title: titles.get(p.docId) ?? "" })));
      const tokenizeRaw = MiniSearch.getDefault("tokenize") as (text: string) => string[];
      const tokenize = (text: string) => tokenizeRaw(text).map((t) => t.toLowerCase());
      return {
        query: (question) => index.search(question),
        answerText(question) {
          const top = index.search(question)[0];
          if (!top) return null;
          // MiniSearch reports which document terms matched (after prefix/fuzzy expansion).
          return bestSentence(passages[Number(top.id)]!, new Set(top.terms), tokenize);
        },
      };
    },
  };
}
