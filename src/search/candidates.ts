/**
 * The candidate step, held by FlexSearch: an inverted index over each
 * passage's terms (already folded and stemmed by text.ts, so FlexSearch's own
 * encoder only splits on spaces). FlexSearch has no relevance score; with
 * `suggest: true` it returns passages that match the most query terms first,
 * which is all we ask of it — ranking happens in rank.ts.
 */
import { Encoder, Index } from "flexsearch";

/** FlexSearch splits tokens on punctuation; our numeric terms may contain none, so strip it. */
function flexTerm(term: string): string {
  return term.replace(/[^\p{L}\p{N}]/gu, "");
}

export class CandidateIndex {
  readonly #index: Index;

  constructor() {
    const encoder = new Encoder({ normalize: false, dedupe: false, numeric: false });
    this.#index = new Index({ tokenize: "strict", encoder, resolution: 1, cache: false });
  }

  add(id: number, terms: readonly string[]): void {
    if (terms.length > 0) this.#index.add(id, [...new Set(terms.map(flexTerm))].join(" "));
  }

  /** Ids of passages sharing the most of `terms`, at most `limit`. */
  search(terms: readonly string[], limit: number): number[] {
    const query = [...new Set(terms.map(flexTerm).filter(Boolean))].join(" ");
    if (!query) return [];
    return this.#index.search(query, { limit, suggest: true }) as number[];
  }
}
