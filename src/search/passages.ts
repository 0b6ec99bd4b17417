/**
 * The per-passage data ranking needs, computed once at build time: each
 * sentence's content terms (as ids, to keep 100k passages small), the kinds
 * of answer each sentence offers, and who it mentions.
 */
import { sentenceCount, sentenceEnd, sentenceText } from "../corpus/model.ts";
import type { Document, Passage } from "../corpus/types.ts";
import { COMPUTED, typeBits } from "./answerType.ts";
import { type WordCache, tokenize } from "./text.ts";

/** Term ids: 16 bits each while the term table has at most 65,536 terms (half the bytes), else 32. */
export type TermIds = Uint16Array | Uint32Array;

export interface IndexedPassage {
  document: Document;
  passage: Passage;
  /**
   * Term ids of the content words of EVERY passage, in order: the engine's one
   * flat array (see PassageTables), shared by all entries, so 100k passages are
   * not 100k small arrays. This passage's are `terms[bounds[firstSentence] .. bounds[firstSentence + n])`.
   */
  terms: TermIds;
  /**
   * Where each sentence of every passage begins in `terms` (one extra entry at
   * the end), shared like `terms`: this passage's sentence i is
   * `terms[bounds[firstSentence + i] .. bounds[firstSentence + i + 1])`.
   */
  bounds: Uint32Array;
  /**
   * Answer kinds per sentence of every passage, as bit sets (see answerType.ts),
   * shared like `terms`: this passage's sentence i is `types[firstSentence + i]`;
   * computed on first use, since only candidates ever need them.
   */
  types: Uint8Array;
  /** This passage's first sentence in the engine's sentence numbering (see `bounds`, `types`). */
  firstSentence: number;
  /** Full names mentioned per sentence (by surname), or null when the passage mentions nobody. */
  mentions: string[][] | null;
  /**
   * Term ids of what frames the passage: the document's title and lead
   * sentence and the section heading. Shared by the passages of a section.
   */
  context: Uint32Array;
}

/**
 * The engine's per-passage data as three flat arrays over all passages (those
 * with sentences, in document order): one object per passage fewer than four
 * typed arrays each, and what a snapshot saves and reads back in one piece.
 */
export interface PassageTables {
  /** Term ids of all passages' content words, passage after passage. */
  terms: TermIds;
  /** Per sentence of all passages, where it begins in `terms`; one extra entry (terms.length) at the end. */
  bounds: Uint32Array;
  /** Per sentence, its answer kinds once computed (0: not yet). */
  types: Uint8Array;
}

/**
 * Grows PassageTables while passages are indexed (a build, an update);
 * `finish` trims them and points each entry at them.
 */
export class TablesBuilder {
  #terms = new Uint32Array(4096);
  #termCount = 0;
  #bounds = new Uint32Array(1024);
  #types = new Uint8Array(1024);
  #sentences = 0;

  /**
   * Appends a passage's term ids, split at `starts` (one extra entry at the
   * end; `offset` is subtracted from each), with its sentences' cached answer
   * kinds if known; returns its first sentence's number.
   */
  add(ids: ArrayLike<number>, starts: ArrayLike<number>, types?: Uint8Array, offset = 0): number {
    const first = this.#sentences;
    const count = starts.length - 1;
    this.#reserve(ids.length, count);
    const base = this.#termCount;
    this.#terms.set(ids, base);
    this.#termCount += ids.length;
    for (let s = 0; s < count; s++) this.#bounds[first + s] = base + starts[s]! - offset;
    if (types) this.#types.set(types, first);
    this.#sentences += count;
    return first;
  }

  /**
   * The trimmed tables (term ids in 16 bits when all of the `termCount` fit);
   * each entry's `terms`, `bounds` and `types` set to them, and its
   * mentions shared with equal ones (see MentionPool).
   */
  finish(entries: readonly IndexedPassage[], termCount: number): PassageTables {
    const pool = new MentionPool();
    for (const entry of entries) entry.mentions = pool.passage(entry.mentions);
    this.#reserve(0, 0);
    this.#bounds[this.#sentences] = this.#termCount;
    const tables: PassageTables = {
      terms:
        termCount <= 0x10000
          ? Uint16Array.from(this.#terms.subarray(0, this.#termCount))
          : this.#terms.slice(0, this.#termCount),
      bounds: this.#bounds.slice(0, this.#sentences + 1),
      types: this.#types.slice(0, this.#sentences),
    };
    bindEntries(entries, tables);
    return tables;
  }

  #reserve(terms: number, sentences: number): void {
    if (this.#termCount + terms > this.#terms.length) {
      const grown = new Uint32Array(Math.max(2 * this.#terms.length, this.#termCount + terms));
      grown.set(this.#terms.subarray(0, this.#termCount));
      this.#terms = grown;
    }
    if (this.#sentences + sentences + 1 > this.#bounds.length) {
      const size = Math.max(2 * this.#bounds.length, this.#sentences + sentences + 1);
      const bounds = new Uint32Array(size);
      bounds.set(this.#bounds.subarray(0, this.#sentences));
      const types = new Uint8Array(size);
      types.set(this.#types.subarray(0, this.#sentences));
      this.#bounds = bounds;
      this.#types = types;
    }
  }
}

/** Points each entry (with its `firstSentence` set) at `tables`; throws if they do not fit. */
function bindEntries(entries: readonly IndexedPassage[], tables: PassageTables): void {
  const { terms, bounds, types } = tables;
  for (const entry of entries) {
    const first = entry.firstSentence;
    const end = first + sentenceCount(entry.passage);
    if (end >= bounds.length) throw new Error("the passage tables are short");
    entry.terms = terms;
    entry.bounds = bounds;
    entry.types = types;
  }
}

/** A passage's term ids (a view: no copy). */
export function termsOf(entry: IndexedPassage): TermIds {
  const first = entry.firstSentence;
  return entry.terms.subarray(entry.bounds[first], entry.bounds[first + sentenceCount(entry.passage)]);
}

/** Where each sentence of a passage begins in its own terms, one extra entry at the end (a view). */
function startsOf(entry: IndexedPassage): Uint32Array {
  const first = entry.firstSentence;
  return entry.bounds.subarray(first, first + sentenceCount(entry.passage) + 1);
}

/** A passage's sentence starts relative to its own terms (a copy; for the vocabulary's counts). */
export function localStarts(entry: IndexedPassage): Uint32Array {
  const starts = startsOf(entry);
  const base = starts[0]!;
  return starts.map((start) => start - base);
}

/** An entry not yet bound to its tables (see TablesBuilder.finish). */
const UNBOUND32 = new Uint32Array(0);
const UNBOUND8 = new Uint8Array(0);

/** An entry not bound to tables yet; the one place one is made, so all have the same shape. */
export function makeEntry(
  document: Document,
  passage: Passage,
  firstSentence: number,
  mentions: string[][] | null,
  context: Uint32Array,
): IndexedPassage {
  return {
    document,
    passage,
    terms: UNBOUND32,
    bounds: UNBOUND32,
    types: UNBOUND8,
    firstSentence,
    mentions,
    context,
  };
}

/**
 * `entry` (bound to another engine's tables) appended to `tables`: its terms,
 * and its cached answer kinds unless its `mentions` changed (they depend on them).
 */
export function appendEntry(entry: IndexedPassage, tables: TablesBuilder, mentions: string[][] | null): IndexedPassage {
  const first = entry.firstSentence;
  const sentences = sentenceCount(entry.passage);
  const types = mentions === entry.mentions ? entry.types.subarray(first, first + sentences) : undefined;
  const starts = startsOf(entry);
  const at = tables.add(termsOf(entry), starts, types, starts[0]);
  return makeEntry(entry.document, entry.passage, at, mentions, entry.context);
}

/**
 * Shares equal mention lists: most sentences mention nobody or the article's
 * one or two people, so 100k passages hold a few thousand distinct lists
 * instead of half a million small arrays. Shared lists are never changed
 * (mentions are made whole by indexPassage or mentionsIn, then only read), and
 * a passage's shared lists are frozen: what marks them shared (a WeakSet of
 * 60,000 of them cost more than the mark).
 */
export class MentionPool {
  readonly #lists = new Map<string, string[]>();
  readonly #passages = new Map<string, string[][]>();

  /** The shared equal of a passage's lists (null stays null). */
  passage(lists: string[][] | null): string[][] | null {
    // Already shared (an update's kept passages): taken as they are.
    if (lists === null || Object.isFrozen(lists)) return lists;
    const keys = lists.map((list) => list.join("\u0001"));
    const key = keys.join("\u0002");
    let shared = this.#passages.get(key);
    if (!shared) {
      shared = lists.map((list, i) => {
        let same = this.#lists.get(keys[i]!);
        if (!same) this.#lists.set(keys[i]!, (same = list));
        return same;
      });
      this.#passages.set(key, Object.freeze(shared) as string[][]);
    }
    return shared;
  }
}

/** Every passage's mention lists as flat arrays (a snapshot's part; see packMentions). */
export interface PackedMentions {
  /** Per passage, how many lists it has (one a sentence), or NO_MENTIONS for null. */
  counts: Uint32Array;
  /** Per list, its length; then each mention as an index into `names`. */
  lengths: Uint32Array;
  names: Uint32Array;
  people: string[];
}

const NO_MENTIONS = 0xffffffff;

/** The passages' mention lists as a few flat arrays (V8 reads 100k small arrays back one object at a time). */
export function packMentions(all: readonly (string[][] | null)[]): PackedMentions {
  const counts = new Uint32Array(all.length);
  const lengths: number[] = [];
  const names: number[] = [];
  const people: string[] = [];
  const ids = new Map<string, number>();
  all.forEach((lists, n) => {
    counts[n] = lists ? lists.length : NO_MENTIONS;
    for (const list of lists ?? []) {
      lengths.push(list.length);
      for (const name of list) {
        let id = ids.get(name);
        if (id === undefined) ids.set(name, (id = people.push(name) - 1));
        names.push(id);
      }
    }
  });
  return { counts, lengths: Uint32Array.from(lengths), names: Uint32Array.from(names), people };
}

/** The mention lists `packMentions` flattened, for `count` passages; throws on arrays that do not add up. */
export function unpackMentions(packed: PackedMentions, count: number): (string[][] | null)[] {
  const { counts, lengths, names, people } = packed;
  if (counts.length !== count || !Array.isArray(people)) throw new Error("the mention tables do not fit");
  const out = new Array<string[][] | null>(count);
  const pool = new MentionPool();
  let list = 0;
  let at = 0;
  for (let n = 0; n < count; n++) {
    const lists = counts[n]!;
    if (lists === NO_MENTIONS) {
      out[n] = null;
      continue;
    }
    const passage = new Array<string[]>(lists);
    for (let l = 0; l < lists; l++) {
      const length = lengths[list++];
      if (length === undefined || at + length > names.length) throw new Error("the mention tables are short");
      const found = new Array<string>(length);
      for (let i = 0; i < length; i++) {
        const name = people[names[at++]!];
        if (name === undefined) throw new Error("a mention names nobody");
        found[i] = name;
      }
      passage[l] = found;
    }
    out[n] = pool.passage(passage);
  }
  return out;
}

/** Interns term strings as small integers. */
export class TermTable {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];

  /** A table with the same ids, to extend without changing this one. */
  copy(): TermTable {
    const table = new TermTable();
    for (const [term, id] of this.ids) table.ids.set(term, id);
    // A loop, not push(...terms): a spread of ~150,000 arguments overflows the stack.
    for (const term of this.terms) table.terms.push(term);
    return table;
  }

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }
}

/**
 * Tokenises a passage, splits its terms by sentence, and reports its multi-word
 * names; with `tables`, appends its terms there (the entry is bound to them at
 * the builder's `finish`). `ids` and `sentenceStart` are the passage's own (relative).
 */
export function indexPassage(
  document: Document,
  passage: Passage,
  table: TermTable,
  surnames: ReadonlyMap<string, string>,
  context: Uint32Array,
  onName: (words: string[], terms: string[]) => void,
  cache?: WordCache,
  tables?: TablesBuilder,
): { entry: IndexedPassage; ids: Uint32Array; sentenceStart: Uint32Array; terms: string[]; words: string[] } {
  const text = passage.text;
  const tokens = tokenize(text, cache);
  const ids: number[] = [];
  const terms: string[] = [];
  const words: string[] = [];
  const sentences = sentenceCount(passage);
  const sentenceStart = new Uint32Array(sentences + 1);
  let mentions: string[][] | null = null;
  let s = 0;
  // A run of capitalised words ("United Nations Climate Change Conference"), for acronyms.
  let run: { words: string[]; terms: string[] } = { words: [], terms: [] };
  const endRun = () => {
    if (run.words.length >= 2) onName(run.words, run.terms);
    run = { words: [], terms: [] };
  };
  let previousEnd = -1;
  for (const token of tokens) {
    while (s < sentences - 1 && token.start >= sentenceEnd(passage, s)) {
      s++;
      sentenceStart[s] = ids.length;
    }
    const joined = previousEnd >= 0 && onlySpaces(text, previousEnd, token.start);
    previousEnd = token.end;
    if (token.capital && !token.stop) {
      if (!joined) endRun();
      run.words.push(token.word);
      run.terms.push(token.term);
    } else if (!(joined && token.stop && /^(?:of|and|for|the|on)$/.test(token.word))) endRun();
    const person = token.capital ? surnames.get(token.word) : undefined;
    if (person) {
      mentions ??= Array.from({ length: sentences }, (): string[] => []);
      if (!mentions[s]!.includes(person)) mentions[s]!.push(person);
    }
    if (token.stop) continue;
    ids.push(table.id(token.term));
    terms.push(token.term);
    words.push(token.word);
  }
  endRun();
  for (s++; s <= sentences; s++) sentenceStart[s] = ids.length;
  const termIds = Uint32Array.from(ids);
  return {
    entry: makeEntry(document, passage, tables ? tables.add(termIds, sentenceStart) : -1, mentions, context),
    ids: termIds,
    sentenceStart,
    terms,
    words,
  };
}

/**
 * The full names `passage` mentions per sentence, as `indexPassage` finds them
 * (a capitalised word that is a known surname), or null for none: what an
 * update recomputes for an unchanged passage when the corpus's surnames changed.
 */
export function mentionsIn(
  passage: Passage,
  surnames: ReadonlyMap<string, string>,
  cache?: WordCache,
): string[][] | null {
  const sentences = sentenceCount(passage);
  let mentions: string[][] | null = null;
  let s = 0;
  for (const token of tokenize(passage.text, cache)) {
    while (s < sentences - 1 && token.start >= sentenceEnd(passage, s)) s++;
    const person = token.capital ? surnames.get(token.word) : undefined;
    if (person) {
      mentions ??= Array.from({ length: sentences }, (): string[] => []);
      if (!mentions[s]!.includes(person)) mentions[s]!.push(person);
    }
  }
  return mentions;
}

/** The answer kinds sentence `s` offers, computed once. */
export function typesOf(entry: IndexedPassage, s: number): number {
  const at = entry.firstSentence + s;
  let bits = entry.types[at]!;
  if (bits === 0) {
    bits =
      COMPUTED |
      typeBits(
        sentenceText(entry.passage, s),
        (entry.mentions?.[s]?.length ?? 0) > 0,
        entry.document.people.length > 0,
      );
    entry.types[at] = bits;
  }
  return bits;
}

/** Names mentioned in sentence `s`. */
export function mentionsOf(entry: IndexedPassage, s: number): readonly string[] {
  return entry.mentions?.[s] ?? [];
}

/** Term ids of a framing text (title, lead, heading), without repeats. */
export function contextTerms(
  texts: readonly (string | null | undefined)[],
  table: TermTable,
  cache?: WordCache,
): Uint32Array {
  const ids = new Set<number>();
  for (const text of texts) {
    if (!text) continue;
    for (const token of tokenize(text, cache)) if (!token.stop) ids.add(table.id(token.term));
  }
  return Uint32Array.from(ids);
}

/** True when text[from, to) is non-empty and all spaces (a run of words continues). */
function onlySpaces(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 160 && c !== 9 && c !== 10) return false;
  }
  return true;
}
