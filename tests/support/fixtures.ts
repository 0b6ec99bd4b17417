/**
 * Hand-built corpus objects and a stub engine/library for tests that are about
 * the bot's wiring and rendering, not about ranking. (Handler tests against the
 * real engine live beside these; see tests/bot/real-engine.test.ts.)
 */
import type { Document, Passage, Quote, Sentence } from "../../src/corpus/types.ts";
import type { ReloadReport } from "../../src/library/library.ts";
import type { Query } from "../../src/search/query.ts";
import type { Answer, AnswerContext, AnswerEngine, AnswerOptions, CorpusStats } from "../../src/search/types.ts";
import type { LibraryPort } from "../../src/bot/deps.ts";

export interface ParagraphSpec {
  section?: string | null;
  text: string;
  /** Speaker of every "double-quoted" span in the paragraph. */
  speaker?: string | null;
}

export function makeDocument(
  id: string,
  title: string,
  paragraphs: ParagraphSpec[],
  date: string | null = "2024-03-11",
): Document {
  const passages: Passage[] = [];
  const quotes: Quote[] = [];
  paragraphs.forEach((p, index) => {
    const passageId = `${id}#p${index}`;
    const pq: Quote[] = [];
    for (const m of p.text.matchAll(/"([^"]+)"/g)) {
      const q: Quote = {
        id: `${id}#q${quotes.length}`,
        docId: id,
        passageId,
        text: m[1]!,
        speaker: p.speaker ?? null,
        start: m.index + 1,
        end: m.index + 1 + m[1]!.length,
      };
      pq.push(q);
      quotes.push(q);
    }
    const sentences: Sentence[] = [];
    const re = /[^.!?]+[.!?]+["”]?|[^.!?]+$/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(p.text))) {
      const lead = m[0].length - m[0].trimStart().length;
      const start = m.index + lead;
      const text = m[0].trim();
      if (!text) continue;
      const quote = pq.find((q) => q.start <= start + text.length && q.end >= start) ?? null;
      sentences.push({
        id: `${passageId}.s${sentences.length}`,
        passageId,
        index: sentences.length,
        text,
        start,
        end: start + text.length,
        quoteId: quote?.id ?? null,
        speaker: quote?.speaker ?? null,
      });
    }
    passages.push({ id: passageId, docId: id, index, section: p.section ?? null, text: p.text, sentences, quotes: pq });
  });
  const sections = [...new Set(passages.map((p) => p.section))].map((title) => ({
    title,
    passages: passages.filter((p) => p.section === title),
  }));
  return { id, file: `${id}.md`, title, date, source: null, url: null, sections, passages, quotes, people: [] };
}

export function answerFor(document: Document, passageIndex: number, sentenceIndex: number, score = 1): Answer {
  const passage = document.passages[passageIndex]!;
  const sentence = passage.sentences[sentenceIndex]!;
  const quote = passage.quotes.find((q) => q.id === sentence.quoteId) ?? null;
  return {
    document,
    section: passage.section,
    passage,
    sentence,
    speaker: sentence.speaker,
    quote,
    score,
    confidence: 1,
  };
}

const STOP = new Set([
  "what",
  "when",
  "where",
  "which",
  "who",
  "whom",
  "why",
  "how",
  "does",
  "did",
  "the",
  "about",
  "with",
  "said",
  "say",
  "that",
  "this",
  "there",
  "their",
]);

function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.filter((w) => w.length >= 4 && !STOP.has(w)) ?? []
  );
}

/** Answers by counting shared words: enough to exercise the bot, nothing more. */
export class StubEngine implements AnswerEngine {
  constructor(
    readonly documents: readonly Document[],
    readonly suggestionList: string[] = ["What was discussed?"],
  ) {}

  answer(question: string, options: AnswerOptions = {}): Answer[] {
    const q = new Set(words(question));
    if (q.size === 0) return [];
    const out: Answer[] = [];
    for (const document of this.documents) {
      document.passages.forEach((passage, pi) => {
        passage.sentences.forEach((sentence, si) => {
          const score = words(sentence.text).filter((w) => q.has(w)).length;
          if (score > 0) out.push(answerFor(document, pi, si, score));
        });
      });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, options.limit ?? 5);
  }

  /** The bot never asks how a question was read; the stub says so if anyone does. */
  explain(): Query {
    throw new Error("StubEngine.explain is not implemented: the bot does not use it");
  }

  quotes(speaker?: string): Quote[] {
    const all = this.documents.flatMap((d) => d.quotes);
    if (!speaker) return all;
    return all.filter((q) => q.speaker?.toLowerCase().includes(speaker.toLowerCase()));
  }

  suggestions(count = 3): string[] {
    return this.suggestionList.slice(0, count);
  }

  contextOf(question: string, answers: Answer[]): AnswerContext | null {
    const top = answers[0];
    if (!top) return null;
    const shown = answers.map((a) => ({ documentId: a.document.id, passageIndex: a.passage.index }));
    return { documentId: top.document.id, speaker: top.speaker, topic: words(question), question, shown };
  }

  /** The first passage of the first document, enough to exercise an overview reply. */
  overview(documentId?: string): Answer[] {
    const document = this.documents.find((d) => documentId === undefined || d.id === documentId);
    if (!document || !document.passages[0]?.sentences[0]) return [];
    return [{ ...answerFor(document, 0, 0, 1), kind: "overview" }];
  }

  stats(): CorpusStats {
    return {
      documents: this.documents.length,
      passages: this.documents.reduce((n, d) => n + d.passages.length, 0),
      sentences: this.documents.reduce((n, d) => n + d.passages.reduce((m, p) => m + p.sentences.length, 0), 0),
      quotes: this.documents.reduce((n, d) => n + d.quotes.length, 0),
    };
  }
}

/** A library whose next reload serves `next` (or fails when `next` is null). */
export class StubLibrary implements LibraryPort {
  lastReload: Date | null = new Date("2024-03-12T10:00:00Z");
  reloads = 0;
  next: { engine: AnswerEngine | null; failures?: { file: string; reason: string }[] } | undefined;

  constructor(
    public engine: AnswerEngine,
    readonly dataDir = "/nonexistent",
  ) {}

  async reload(): Promise<ReloadReport> {
    this.reloads += 1;
    const before = this.engine.stats();
    const next: { engine: AnswerEngine | null; failures?: { file: string; reason: string }[] } = this.next ?? {
      engine: new StubEngine(this.engine.documents),
    };
    const failures = next.failures ?? [];
    if (!next.engine) {
      return {
        ok: false,
        reason: "no document could be loaded",
        stats: before,
        delta: { documents: 0, passages: 0, sentences: 0, quotes: 0 },
        failures,
        ms: 3,
      };
    }
    this.engine = next.engine;
    this.lastReload = new Date();
    const s = this.engine.stats();
    return {
      ok: true,
      stats: s,
      delta: {
        documents: s.documents - before.documents,
        passages: s.passages - before.passages,
        sentences: s.sentences - before.sentences,
        quotes: s.quotes - before.quotes,
      },
      failures,
      ms: 5,
    };
  }
}

/** A small article about invented people, so tests do not lean on the seed's facts. */
export const LIGHTHOUSE = makeDocument("lighthouse", "Harbour council restores the old lighthouse", [
  {
    section: null,
    text: "The harbour council of Port Maren voted on Tuesday to restore the old lighthouse. The work will cost 2 million crowns & take <two> years.",
  },
  {
    section: "What the mayor said",
    speaker: "Mirela Voss",
    text: 'Mayor Mirela Voss welcomed the vote. "The lighthouse is the heart of our harbour. We will light it again by next summer," said Voss.',
  },
  {
    section: "Funding",
    text: "Fishermen's unions pledged half of the money. The rest comes from a regional heritage fund.",
  },
]);
