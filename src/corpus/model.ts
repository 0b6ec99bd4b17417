/**
 * The corpus objects as they are kept in memory: lean, because 100,000 passages
 * hold half a million sentences. Every document is made of these, whether parsed
 * now (build.ts) or read back (packed.ts), so both give identical objects.
 *
 * - A passage keeps its sentences as numbers in its document's SentenceTable
 *   (bounds, quote, speaker: four numbers a sentence, all passages of a document
 *   in one typed array), not as objects: a Sentence is made when asked for
 *   (`passage.sentences`, `sentenceAt`), and the readers that run over many
 *   passages read single fields with the functions below, which make no Sentence.
 *   (Half a million sentence objects and their sliced texts were 0.6 KB of each
 *   passage's 4.2 KB of RSS at 100k passages.)
 * - Passages without quotes (most) share one frozen empty list.
 * - Texts are stored one byte a character when they can be: a text sliced from
 *   a file that holds one em dash is two bytes a character in V8, twice the
 *   memory for the same characters.
 */
import type { Passage, Quote, Sentence } from "./types.ts";

/** One sentence of a passage (see Sentence), made on demand; `id` is derived when first asked for. */
export class SentenceRecord implements Sentence {
  #id: string | undefined;

  constructor(
    readonly passageId: string,
    readonly index: number,
    readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly quoteId: string | null,
    readonly speaker: string | null,
  ) {}

  get id(): string {
    return (this.#id ??= `${this.passageId}.s${this.index}`);
  }

  /** Every field, `id` too (a getter is not an own property): what JSON and logs see. */
  toJSON(): Sentence {
    const { id, passageId, index, text, start, end, quoteId, speaker } = this;
    return { id, passageId, index, text, start, end, quoteId, speaker };
  }
}

/** Numbers per sentence in a SentenceTable: start, end, quote (the passage's quote number + 1; 0: none), speaker ref (0: none). */
const WIDTH = 4;
const START = 0;
const END = 1;
const QUOTE = 2;
const SPEAKER = 3;

/**
 * A document's sentences as numbers (see WIDTH), its passages' one after the
 * other: 16 bits each when every number fits (passages under 65,536 characters),
 * else 32. `speakers` are the distinct speakers in order of first use (ref n is
 * `speakers[n - 1]`), so a parse and a read-back make equal tables.
 */
export class SentenceTable {
  constructor(
    readonly fields: Uint16Array | Uint32Array,
    readonly speakers: readonly string[],
  ) {}
}

/** Collects a document's sentences; `finish` makes the table its passages were given. */
export class SentenceTableBuilder {
  #fields: number[] = [];
  #speakers: string[] = [];
  #refs = new Map<string, number>();
  #table: SentenceTable | null = null;
  #bound: PassageRecord[] = [];

  /** Number of sentences added so far (the next one's number). */
  get count(): number {
    return this.#fields.length / WIDTH;
  }

  /** Appends a sentence; `quote` is its quote's number in its passage's quotes, or -1. */
  add(start: number, end: number, quote: number, speaker: string | null): void {
    let ref = 0;
    if (speaker !== null) {
      ref = this.#refs.get(speaker) ?? 0;
      if (ref === 0) this.#refs.set(speaker, (ref = this.#speakers.push(speaker)));
    }
    this.#fields.push(start, end, quote + 1, ref);
  }

  /** A passage whose sentences are the last `count` added (its table is set by `finish`). */
  passage(
    id: string,
    docId: string,
    index: number,
    section: string | null,
    text: string,
    quotes: Quote[],
    count: number,
  ): PassageRecord {
    const own = quotes.length === 0 ? NO_QUOTES : quotes;
    const passage = new PassageRecord(id, docId, index, section, text, own, PENDING, this.count - count, count);
    this.#bound.push(passage);
    return passage;
  }

  /** The table, now set on every passage made here. */
  finish(): SentenceTable {
    if (this.#table) return this.#table;
    const wide = this.#fields.some((n) => n > 0xffff);
    const table = new SentenceTable(
      wide ? Uint32Array.from(this.#fields) : Uint16Array.from(this.#fields),
      this.#speakers,
    );
    for (const passage of this.#bound) passage.table = table;
    this.#table = table;
    return table;
  }
}

/** The quotes of every passage without any (most): one array, frozen, instead of an empty one each. */
const NO_QUOTES: Quote[] = Object.freeze([]) as unknown as Quote[];

/** The table of a passage whose document is not finished yet. */
const PENDING = new SentenceTable(new Uint16Array(0), []);

/**
 * A passage (see Passage) whose sentences are rows `firstSentence ..
 * firstSentence + sentenceCount` of its document's table. Made by
 * SentenceTableBuilder only, so all passages have one shape.
 */
export class PassageRecord implements Passage {
  constructor(
    readonly id: string,
    readonly docId: string,
    readonly index: number,
    readonly section: string | null,
    readonly text: string,
    readonly quotes: Quote[],
    public table: SentenceTable,
    readonly firstSentence: number,
    readonly sentenceCount: number,
  ) {}

  /**
   * The sentences, made afresh at each read: code that reads one field of many sentences uses
   * the functions below. A getter, so a `{ ...passage }` copy has none (see Passage.sentences).
   */
  get sentences(): Sentence[] {
    const out = new Array<Sentence>(this.sentenceCount);
    for (let s = 0; s < this.sentenceCount; s++) out[s] = this.sentence(s)!;
    return out;
  }

  /** Sentence `s` (0-based; undefined past the end). */
  sentence(s: number): SentenceRecord | undefined {
    if (!(s >= 0 && s < this.sentenceCount)) return undefined;
    const at = (this.firstSentence + s) * WIDTH;
    const fields = this.#fields();
    const [start, end] = [fields[at + START]!, fields[at + END]!];
    return new SentenceRecord(
      this.id,
      s,
      this.text.slice(start, end),
      start,
      end,
      this.quoteIdOf(s),
      this.speakerOf(s),
    );
  }

  quoteIdOf(s: number): string | null {
    const quote = this.#fields()[(this.firstSentence + s) * WIDTH + QUOTE]!;
    return quote === 0 ? null : this.quotes[quote - 1]!.id;
  }

  speakerOf(s: number): string | null {
    const ref = this.#fields()[(this.firstSentence + s) * WIDTH + SPEAKER]!;
    return ref === 0 ? null : this.table.speakers[ref - 1]!;
  }

  startOf(s: number): number {
    return this.#fields()[(this.firstSentence + s) * WIDTH + START]!;
  }

  endOf(s: number): number {
    return this.#fields()[(this.firstSentence + s) * WIDTH + END]!;
  }

  /**
   * The table's numbers. Throws until the document's builder has finished: the pending table
   * has none, and a read would give every sentence as the whole passage text.
   */
  #fields(): Uint16Array | Uint32Array {
    if (this.table === PENDING) throw new Error(`${this.id}: sentences read before the document's table was finished`);
    return this.table.fields;
  }

  /** The fields of Passage, sentences made: what JSON and logs see. */
  toJSON(): Passage {
    const { id, docId, index, section, text, sentences, quotes } = this;
    return { id, docId, index, section, text, sentences, quotes };
  }
}

// Single fields of a passage's sentence `s`, without making a Sentence (any Passage: a
// PassageRecord, or a plain object as tests make).

/** How many sentences `passage` has. */
export function sentenceCount(passage: Passage): number {
  return passage instanceof PassageRecord ? passage.sentenceCount : passage.sentences.length;
}

/** Sentence `s` of `passage`, or undefined past the end. */
export function sentenceAt(passage: Passage, s: number): Sentence | undefined {
  return passage instanceof PassageRecord ? passage.sentence(s) : passage.sentences[s];
}

export function sentenceEnd(passage: Passage, s: number): number {
  return passage instanceof PassageRecord ? passage.endOf(s) : passage.sentences[s]!.end;
}

export function sentenceSpeaker(passage: Passage, s: number): string | null {
  return passage instanceof PassageRecord ? passage.speakerOf(s) : passage.sentences[s]!.speaker;
}

export function sentenceQuoteId(passage: Passage, s: number): string | null {
  return passage instanceof PassageRecord ? passage.quoteIdOf(s) : passage.sentences[s]!.quoteId;
}

export function sentenceText(passage: Passage, s: number): string {
  return passage instanceof PassageRecord
    ? passage.text.slice(passage.startOf(s), passage.endOf(s))
    : passage.sentences[s]!.text;
}

/** A quote, its fields always in this order. */
export function makeQuote(
  id: string,
  docId: string,
  passageId: string,
  text: string,
  speaker: string | null,
  start: number,
  end: number,
): Quote {
  return { id, docId, passageId, text, speaker, start, end };
}

const WIDE = /[^\u0000-\u00ff]/;

/**
 * `text` stored one byte a character when none of its characters needs two.
 * V8 keeps a slice of a two-byte string (a file with one "—" in it) two-byte,
 * and copies it so when it is saved and read back.
 */
export function compactText(text: string): string {
  return WIDE.test(text) ? text : Buffer.from(text, "latin1").toString("latin1");
}
