/**
 * The corpus objects as they are kept in memory: lean, because 100,000 passages
 * hold half a million sentences. Every document is made of these, whether parsed
 * now (build.ts) or read back (packed.ts), so both give identical objects.
 *
 * - A sentence is one small object: its text is a slice of its passage's text
 *   (sharing its characters), its passage and quote ids are the passage's and
 *   quote's own strings, and its id is derived when first asked for.
 * - Texts are stored one byte a character when they can be: a text sliced from
 *   a file that holds one em dash is two bytes a character in V8, twice the
 *   memory for the same characters.
 */
import type { Passage, Quote, Sentence } from "./types.ts";

/** One sentence of a passage (see Sentence); `id` is derived, so a sentence costs one object and one slice. */
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

/** A passage, its fields always in this order (one hidden class for all). */
export function makePassage(
  id: string,
  docId: string,
  index: number,
  section: string | null,
  text: string,
  sentences: Sentence[],
  quotes: Quote[],
): Passage {
  return { id, docId, index, section, text, sentences, quotes };
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
