/**
 * A document as a few flat arrays and one table of strings: how a parsed
 * document crosses from the loader's worker thread and is saved in the
 * snapshot. Reading 5,000 of these back costs a few objects each instead of
 * one per sentence, quote and id, and `unpackDocument` rebuilds exactly the
 * objects `buildDocument` makes (model.ts), so answers do not change.
 *
 * Everything derived is left out: passage, quote and sentence ids, docIds,
 * sentence texts and quote texts (slices of the passage text). `packDocument`
 * checks that a document follows those rules (every document the loader makes
 * does) and throws on one that does not, rather than save what it cannot read back.
 */
import { SentenceTableBuilder, makeQuote, sentenceAt, sentenceCount } from "./model.ts";
import type { Document, Passage, Quote, Section } from "./types.ts";

/** Marks a packed document (and its layout's version). */
const PACKED = "qa-packed-document/1";

/** Numbers per passage, sentence, quote and section in their arrays. */
const PASSAGE = 4;
const SENTENCE = 4;
const QUOTE = 5;
const SECTION = 2;

/** The document's own fields as they are, then its passages packed. */
export interface PackedDocument extends Pick<Document, "id" | "file" | "title" | "date" | "source" | "url" | "people"> {
  packed: typeof PACKED;
  /** Passage texts, section titles, speakers, and the rare quote text that is not a slice; referenced as index + 1 (0: null). */
  strings: string[];
  /** Per section: title ref, number of passages (the next ones in order). */
  sections: Uint32Array;
  /** Per passage: text ref, section title ref, number of sentences, number of quotes (the next ones in order). */
  passages: Uint32Array;
  /** Per sentence: start, end, quote number + 1 (0: none), speaker ref. */
  sentences: Uint32Array;
  /** Per quote: start, end, speaker ref, text ref (0: the passage's text from start, `length` long), length. */
  quotes: Uint32Array;
}

/** True for what `packDocument` returns (also after a structured clone or V8 deserialisation). */
export function isPackedDocument(value: unknown): value is PackedDocument {
  return typeof value === "object" && value !== null && (value as { packed?: unknown }).packed === PACKED;
}

/** `document` packed (see the module comment); throws when a derived field is not what it derives from. */
export function packDocument(document: Document): PackedDocument {
  const strings: string[] = [];
  const refs = new Map<string, number>();
  const ref = (value: string | null): number => {
    if (value === null) return 0;
    let n = refs.get(value);
    if (n === undefined) {
      n = strings.push(value);
      refs.set(value, n);
    }
    return n;
  };
  const fail = (what: string): never => {
    throw new Error(`cannot pack ${document.id}: ${what}`);
  };
  const id = document.id;
  const quoteNumber = new Map<string, number>();
  for (const [n, quote] of document.quotes.entries()) quoteNumber.set(quote.id, n);
  const passages = new Uint32Array(document.passages.length * PASSAGE);
  const sentences = new Uint32Array(document.passages.reduce((sum, p) => sum + sentenceCount(p), 0) * SENTENCE);
  const quotes = new Uint32Array(document.quotes.length * QUOTE);
  let s = 0;
  let q = 0;
  for (const [index, passage] of document.passages.entries()) {
    const passageId = `${id}#p${index}`;
    if (passage.id !== passageId || passage.docId !== id || passage.index !== index) fail(`passage ${passage.id}`);
    const count = sentenceCount(passage);
    passages.set([ref(passage.text), ref(passage.section), count, passage.quotes.length], index * PASSAGE);
    for (let n = 0; n < count; n++) {
      const sentence = sentenceAt(passage, n)!;
      const quote = sentence.quoteId === null ? 0 : (quoteNumber.get(sentence.quoteId) ?? fail(sentence.quoteId)) + 1;
      // What unpackDocument reads back: a quote of this passage (its quotes are checked below to
      // be the document's next ones, in order), and bounds within the passage text.
      if (
        (quote !== 0 && document.quotes[quote - 1]!.passageId !== passageId) ||
        sentence.start > sentence.end ||
        sentence.end > passage.text.length ||
        sentence.index !== n ||
        sentence.passageId !== passageId ||
        sentence.id !== `${passageId}.s${n}` ||
        sentence.text !== passage.text.slice(sentence.start, sentence.end)
      )
        fail(`sentence ${sentence.id}`);
      sentences.set([sentence.start, sentence.end, quote, ref(sentence.speaker)], s++ * SENTENCE);
    }
    for (const quote of passage.quotes) {
      if (
        document.quotes[q] !== quote ||
        quote.id !== `${id}#q${q}` ||
        quote.docId !== id ||
        quote.passageId !== passageId
      )
        fail(`quote ${quote.id}`);
      const sliced = passage.text.startsWith(quote.text, quote.start);
      const text = sliced ? 0 : ref(quote.text);
      quotes.set([quote.start, quote.end, ref(quote.speaker), text, quote.text.length], q++ * QUOTE);
    }
  }
  if (q !== document.quotes.length) fail("quotes outside their passages");
  const sections = new Uint32Array(document.sections.length * SECTION);
  let p = 0;
  for (const [n, section] of document.sections.entries()) {
    for (const passage of section.passages) if (document.passages[p++] !== passage) fail("sections out of order");
    sections.set([ref(section.title), section.passages.length], n * SECTION);
  }
  if (p !== document.passages.length) fail("passages outside the sections");
  const { file, title, date, source, url, people } = document;
  return { packed: PACKED, id, file, title, date, source, url, people, strings, sections, passages, sentences, quotes };
}

/** The document `packed` was made from; throws on arrays that do not add up (a damaged snapshot). */
export function unpackDocument(packed: PackedDocument): Document {
  const { id, strings } = packed;
  const string = (n: number): string => {
    const value = strings[n - 1];
    if (typeof value !== "string") throw new Error(`packed ${id}: no string ${n}`);
    return value;
  };
  const orNull = (n: number): string | null => (n === 0 ? null : string(n));
  const count = (array: Uint32Array, width: number) => {
    if (!(array instanceof Uint32Array) || array.length % width !== 0) throw new Error(`packed ${id}: bad arrays`);
    return array.length / width;
  };
  const passageCount = count(packed.passages, PASSAGE);
  const sentenceCount = count(packed.sentences, SENTENCE);
  const quoteCount = count(packed.quotes, QUOTE);
  const sectionCount = count(packed.sections, SECTION);
  const passages: Passage[] = new Array<Passage>(passageCount);
  const quotes: Quote[] = new Array<Quote>(quoteCount);
  const table = new SentenceTableBuilder();
  let s = 0;
  let q = 0;
  for (let index = 0; index < passageCount; index++) {
    const at = index * PASSAGE;
    // As packed: one byte a character when it can be (buildDocument made it so; clones and V8's serialiser keep it).
    const text = string(packed.passages[at]!);
    const sentenceEnd = s + packed.passages[at + 2]!;
    const quoteEnd = q + packed.passages[at + 3]!;
    if (sentenceEnd > sentenceCount || quoteEnd > quoteCount) throw new Error(`packed ${id}: short arrays`);
    const passageId = `${id}#p${index}`;
    const passageQuotes: Quote[] = [];
    for (; q < quoteEnd; q++) {
      const f = packed.quotes;
      const [start, end, own] = [f[q * QUOTE]!, f[q * QUOTE + 1]!, f[q * QUOTE + 3]!];
      const said = own === 0 ? text.slice(start, start + f[q * QUOTE + 4]!) : string(own);
      quotes[q] = makeQuote(`${id}#q${q}`, id, passageId, said, orNull(f[q * QUOTE + 2]!), start, end);
      passageQuotes.push(quotes[q]!);
    }
    const firstQuote = quoteEnd - passageQuotes.length;
    for (; s < sentenceEnd; s++) {
      const f = packed.sentences;
      const [start, end, quote] = [f[s * SENTENCE]!, f[s * SENTENCE + 1]!, f[s * SENTENCE + 2]!];
      // Quote numbers are the document's here, the passage's in the table.
      if (quote !== 0 && (quote - 1 < firstQuote || quote > quoteEnd))
        throw new Error(`packed ${id}: no quote ${quote}`);
      if (start > end || end > text.length) throw new Error(`packed ${id}: bad sentence bounds`);
      table.add(start, end, quote === 0 ? -1 : quote - 1 - firstQuote, orNull(f[s * SENTENCE + 3]!));
    }
    passages[index] = table.passage(
      passageId,
      id,
      index,
      orNull(packed.passages[at + 1]!),
      text,
      passageQuotes,
      packed.passages[at + 2]!,
    );
  }
  table.finish();
  if (s !== sentenceCount || q !== quoteCount) throw new Error(`packed ${id}: arrays too long`);
  const sections: Section[] = [];
  let p = 0;
  for (let n = 0; n < sectionCount; n++) {
    const length = packed.sections[n * SECTION + 1]!;
    if (p + length > passageCount) throw new Error(`packed ${id}: sections too long`);
    sections.push({ title: orNull(packed.sections[n * SECTION]!), passages: passages.slice(p, (p += length)) });
  }
  if (p !== passageCount) throw new Error(`packed ${id}: passages outside the sections`);
  const { file, title, date, source, url, people } = packed;
  return { id, file, title, date, source, url, sections, passages, quotes, people };
}
