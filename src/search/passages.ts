/**
 * The per-passage data ranking needs, computed once at build time: each
 * sentence's content terms (as ids, to keep 100k passages small), the kinds
 * of answer each sentence offers, and who it mentions.
 */
import type { Document, Passage } from "../corpus/types.ts";
import { COMPUTED, typeBits } from "./answerType.ts";
import { type WordCache, tokenize } from "./text.ts";

export interface IndexedPassage {
  document: Document;
  passage: Passage;
  /** Term ids of the passage's content words, in order. */
  terms: Uint32Array;
  /** `sentenceStart[i]` is where sentence i begins in `terms`; one extra entry at the end. */
  sentenceStart: Uint32Array;
  /**
   * Answer kinds each sentence can give, as bit sets (see answerType.ts);
   * computed on first use, since only candidates ever need them.
   */
  types: Uint8Array;
  /** Full names mentioned per sentence (by surname), or null when the passage mentions nobody. */
  mentions: string[][] | null;
  /**
   * Term ids of what frames the passage: the document's title and lead
   * sentence and the section heading. Shared by the passages of a section.
   */
  context: Uint32Array;
}

/** Interns term strings as small integers. */
export class TermTable {
  readonly ids = new Map<string, number>();
  readonly terms: string[] = [];

  /** A table with the same ids, to extend without changing this one. */
  copy(): TermTable {
    const table = new TermTable();
    for (const [term, id] of this.ids) table.ids.set(term, id);
    table.terms.push(...this.terms);
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

/** Tokenises a passage, splits its terms by sentence, and reports its multi-word names. */
export function indexPassage(
  document: Document,
  passage: Passage,
  table: TermTable,
  surnames: ReadonlyMap<string, string>,
  context: Uint32Array,
  onName: (words: string[], terms: string[]) => void,
  cache?: WordCache,
): { entry: IndexedPassage; terms: string[]; words: string[] } {
  const text = passage.text;
  const tokens = tokenize(text, cache);
  const ids: number[] = [];
  const terms: string[] = [];
  const words: string[] = [];
  const sentenceCount = passage.sentences.length;
  const sentenceStart = new Uint32Array(sentenceCount + 1);
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
    while (s < sentenceCount - 1 && token.start >= passage.sentences[s]!.end) {
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
      mentions ??= passage.sentences.map(() => []);
      if (!mentions[s]!.includes(person)) mentions[s]!.push(person);
    }
    if (token.stop) continue;
    ids.push(table.id(token.term));
    terms.push(token.term);
    words.push(token.word);
  }
  endRun();
  for (s++; s <= sentenceCount; s++) sentenceStart[s] = ids.length;
  return {
    entry: {
      document,
      passage,
      terms: Uint32Array.from(ids),
      sentenceStart,
      types: new Uint8Array(sentenceCount),
      mentions,
      context,
    },
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
  const sentenceCount = passage.sentences.length;
  let mentions: string[][] | null = null;
  let s = 0;
  for (const token of tokenize(passage.text, cache)) {
    while (s < sentenceCount - 1 && token.start >= passage.sentences[s]!.end) s++;
    const person = token.capital ? surnames.get(token.word) : undefined;
    if (person) {
      mentions ??= passage.sentences.map(() => []);
      if (!mentions[s]!.includes(person)) mentions[s]!.push(person);
    }
  }
  return mentions;
}

/** The answer kinds sentence `s` offers, computed once. */
export function typesOf(entry: IndexedPassage, s: number): number {
  let bits = entry.types[s]!;
  if (bits === 0) {
    const sentence = entry.passage.sentences[s]!;
    bits = COMPUTED | typeBits(sentence.text, (entry.mentions?.[s]?.length ?? 0) > 0, entry.document.people.length > 0);
    entry.types[s] = bits;
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
