/**
 * The candidate step, held by FlexSearch: an inverted index over each
 * passage's terms (already folded and stemmed by text.ts, so FlexSearch's own
 * encoder only splits on spaces).
 *
 * FlexSearch has no relevance score, and merging long posting lists in one
 * multi-term query costs time in proportion to their length. So each term is
 * looked up on its own (a single-term lookup is a slice of one posting list),
 * rarest first and within a budget of postings, and the passages are counted
 * here by the weight of the terms they hold. Ranking proper happens in rank.ts.
 */
import { Encoder, Index } from "flexsearch";

/** A term to look up, how much it counts, and which question concept it serves. */
export interface WeightedTerm {
  term: string;
  /** How many passages contain it (its posting list's length). */
  df: number;
  weight: number;
  concept: number;
}

/** Terms are letters and digits already (text.ts strips apostrophes and number punctuation); spaces would split one. */
function flexTerm(term: string): string {
  return term.includes(" ") ? term.replace(/ /g, "") : term;
}

export class CandidateIndex {
  readonly #index: Index;

  constructor() {
    // Terms arrive folded and stemmed: split on single spaces, nothing else to do (and nothing to cache).
    const encoder = new Encoder({ normalize: false, dedupe: false, numeric: false, cache: false, split: " " });
    this.#index = new Index({ tokenize: "strict", encoder, resolution: 1, cache: false });
  }

  add(id: number, terms: readonly string[]): void {
    if (terms.length > 0) this.#index.add(id, [...new Set(terms.map(flexTerm))].join(" "));
  }

  /**
   * Ids of the passages holding the most weight of `terms`, at most `limit`.
   * Terms are read rarest first until `budget` postings have been read; the
   * rarest term is always read (its first `budget` postings at most).
   */
  search(terms: readonly WeightedTerm[], budget: number, limit: number): number[] {
    const sorted = [...terms].filter((t) => t.df > 0).sort((a, b) => a.df - b.df);
    // Per passage: the best weight seen for each concept, summed.
    const scores = new Map<number, Map<number, number>>();
    let read = 0;
    for (const { term, df, weight, concept } of sorted) {
      if (read > 0 && read + df > budget) break;
      // Even the rarest term is read only up to the budget: a term in that many
      // passages picks none of them out, and its whole list would cost too much.
      const take = Math.min(df, budget);
      read += take;
      const ids = this.#index.search(flexTerm(term), { limit: take }) as number[];
      for (const id of ids) {
        let perConcept = scores.get(id);
        if (!perConcept) scores.set(id, (perConcept = new Map()));
        if (weight > (perConcept.get(concept) ?? 0)) perConcept.set(concept, weight);
      }
    }
    const ranked: Array<[number, number]> = [];
    for (const [id, perConcept] of scores) {
      let total = 0;
      for (const w of perConcept.values()) total += w;
      ranked.push([id, total]);
    }
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return ranked.slice(0, limit).map(([id]) => id);
  }
}
