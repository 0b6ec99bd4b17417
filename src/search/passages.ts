/**
 * The per-passage data ranking needs, computed once at build time: each
 * sentence's content terms (as ids, to keep 100k passages small), the kinds
 * of answer each sentence offers, and who it mentions.
 */
import type { Document, Passage } from "../corpus/types.ts";
import { type AnswerType, sentenceTypes } from "./answerType.ts";
import { tokenize } from "./text.ts";

export interface IndexedPassage {
  document: Document;
  passage: Passage;
  /** Term ids of the passage's content words, in order. */
  terms: Uint32Array;
  /** `sentenceStart[i]` is where sentence i begins in `terms`; one extra entry at the end. */
  sentenceStart: Uint32Array;
  /** Answer kinds each sentence can give. */
  types: Set<AnswerType>[];
  /** Full names mentioned per sentence (by surname or full name). */
  mentions: string[][];
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

/** Tokenises a passage and splits its terms by sentence. */
export function indexPassage(
  document: Document,
  passage: Passage,
  table: TermTable,
  surnames: ReadonlyMap<string, string>,
  context: Uint32Array,
): { entry: IndexedPassage; terms: string[]; words: string[] } {
  const tokens = tokenize(passage.text);
  const ids: number[] = [];
  const terms: string[] = [];
  const words: string[] = [];
  const sentenceStart = new Uint32Array(passage.sentences.length + 1);
  const mentions: string[][] = passage.sentences.map(() => []);
  let s = 0;
  for (const token of tokens) {
    while (s < passage.sentences.length - 1 && token.start >= passage.sentences[s]!.end) {
      s++;
      sentenceStart[s] = ids.length;
    }
    const person = surnames.get(token.word);
    if (person && !mentions[s]!.includes(person)) mentions[s]!.push(person);
    if (token.stop) continue;
    ids.push(table.id(token.term));
    terms.push(token.term);
    words.push(token.word);
  }
  for (s++; s <= passage.sentences.length; s++) sentenceStart[s] = ids.length;
  const types = passage.sentences.map((sentence, i) => sentenceTypes(sentence.text, mentions[i]!.length > 0));
  return {
    entry: { document, passage, terms: Uint32Array.from(ids), sentenceStart, types, mentions, context },
    terms,
    words,
  };
}

/** Term ids of a framing text (title, lead, heading), without repeats. */
export function contextTerms(texts: readonly (string | null | undefined)[], table: TermTable): Uint32Array {
  const ids = new Set<number>();
  for (const text of texts) {
    if (!text) continue;
    for (const token of tokenize(text)) if (!token.stop) ids.add(table.id(token.term));
  }
  return Uint32Array.from(ids);
}
