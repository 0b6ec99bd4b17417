/**
 * The corpus vocabulary: document frequencies for IDF, and the ways a
 * question's word can reach an article's word when it is not spelt the same —
 * typo corrections (edit distance over a deletion index, as in SymSpell),
 * prefix relatives ("kazakh" ~ "kazakhstan") and curated synonyms.
 */
import { SYNONYM_GROUPS } from "./lexicon.ts";
import { fold, stem } from "./text.ts";

export interface Variant {
  term: string;
  /** How much a match on this term counts, 1 for the word itself. */
  weight: number;
}

/** Weights of the ways a question word can match. */
export const WEIGHTS = { exact: 1, typo1: 0.85, typo2: 0.7, prefix: 0.7, synonym: 0.75, acronym: 0.9, roleWord: 0.5 } as const;

/** Two to six capitalised words, allowing "of", "and", "for", "the" between them. */
const NAME_RUN = /\p{Lu}[\p{L}]+(?:\s+(?:(?:of|and|for|the|on)\s+)?\p{Lu}[\p{L}]+){1,5}/gu;

const MIN_FUZZY_LENGTH = 4;

export class Vocabulary {
  /** Passages containing each term. */
  readonly df = new Map<string, number>();
  /** Number of passages. */
  passages = 0;
  #sorted: string[] = [];
  /** Surface word -> its stem, for typo matching on words as written ("turnvoer" ~ "turnover"). */
  #words = new Map<string, string>();
  #deletes = new Map<string, string | string[]>();
  #synonyms: Map<string, string[]>;
  /** Initials of capitalised names in the corpus -> the names' terms ("un" -> united, nation). */
  #acronyms = new Map<string, string[]>();

  constructor() {
    this.#synonyms = synonymIndex();
  }

  /** Counts one passage's distinct terms, and remembers the words they were written as. */
  addPassage(terms: readonly string[], words: readonly string[]): void {
    this.passages++;
    for (const term of new Set(terms)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    for (let i = 0; i < words.length; i++) {
      if (!this.#words.has(words[i]!)) this.#words.set(words[i]!, terms[i]!);
    }
  }

  /** Remembers the initials of multi-word names ("United Nations" -> "un"), for questions that abbreviate. */
  addNames(text: string): void {
    for (const match of text.matchAll(NAME_RUN)) {
      const words = match[0].split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
      if (words.length < 2) continue;
      const acronym = words.map((w) => w[0]!.toLowerCase()).join("");
      if (this.#acronyms.has(acronym) || this.df.has(acronym)) continue;
      this.#acronyms.set(acronym, words.map((w) => stem(fold(w))));
    }
  }

  /** The terms of the name an acronym stands for, if the corpus spells one out. */
  expansion(acronym: string): Variant[] {
    return (this.#acronyms.get(acronym) ?? []).map((term) => ({ term, weight: WEIGHTS.acronym }));
  }

  /** Builds the lookup structures once all passages are counted. */
  seal(): void {
    this.#sorted = [...this.df.keys()].sort();
    for (const word of this.#words.keys()) {
      if (word.length < MIN_FUZZY_LENGTH || /\d/.test(word)) continue;
      for (const key of deletions(word)) {
        const slot = this.#deletes.get(key);
        if (slot === undefined) this.#deletes.set(key, word);
        else if (typeof slot === "string") this.#deletes.set(key, [slot, word]);
        else slot.push(word);
      }
    }
  }

  has(term: string): boolean {
    return this.df.has(term);
  }

  /** BM25's IDF; an unknown term gets the highest value a term could have. */
  idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.passages - df + 0.5) / (df + 0.5));
  }

  /** The IDF of a term the corpus does not contain. */
  get unknownIdf(): number {
    return Math.log(1 + (this.passages + 0.5) / 0.5);
  }

  /**
   * Stems of the corpus words within edit distance 1 (2 for words of 7+
   * letters) of `word` as written; only the closest ones.
   */
  corrections(word: string): Variant[] {
    if (word.length < MIN_FUZZY_LENGTH - 1 || /\d/.test(word)) return [];
    // Three letters: only a dropped letter ("kel" -> "kell"); shorter words have too many neighbours.
    const short = word.length < MIN_FUZZY_LENGTH;
    const maxDistance = word.length >= 7 ? 2 : 1;
    const found = new Map<string, number>();
    const keys = new Set([word, ...deletions(word)]);
    if (maxDistance === 2) for (const key of [...keys]) for (const k of deletions(key)) keys.add(k);
    for (const key of keys) {
      const candidates = [...this.#lookup(key)];
      if (this.#words.has(key)) candidates.push(key);
      for (const candidate of candidates) {
        if (found.has(candidate) || candidate === word) continue;
        if (short && !(candidate.length === word.length + 1 && candidate.startsWith(word.slice(0, 2)))) continue;
        const distance = damerau(word, candidate, maxDistance);
        if (distance <= maxDistance) found.set(candidate, distance);
      }
    }
    if (found.size === 0) return [];
    const best = Math.min(...found.values());
    const out = new Map<string, number>();
    for (const [candidate, distance] of found) {
      if (distance !== best) continue;
      out.set(this.#words.get(candidate)!, distance === 1 ? WEIGHTS.typo1 : WEIGHTS.typo2);
    }
    return [...out].map(([term, weight]) => ({ term, weight }));
  }

  /** Corpus terms that extend `term` or that it extends, sharing most letters ("kazakh"/"kazakhstan"). */
  relatives(term: string): Variant[] {
    if (term.length < 5 || /\d/.test(term)) return [];
    const out: Variant[] = [];
    for (let i = lowerBound(this.#sorted, term); i < this.#sorted.length; i++) {
      const other = this.#sorted[i]!;
      if (!other.startsWith(term)) break;
      if (other !== term && term.length >= other.length * 0.5) out.push({ term: other, weight: WEIGHTS.prefix });
    }
    for (let n = term.length - 1; n >= 5 && n >= term.length * 0.5; n--) {
      const prefix = term.slice(0, n);
      if (this.df.has(prefix)) out.push({ term: prefix, weight: WEIGHTS.prefix });
    }
    return out;
  }

  /** Curated synonyms of `term` that occur in the corpus. */
  synonyms(term: string): Variant[] {
    return (this.#synonyms.get(term) ?? [])
      .filter((other) => this.df.has(other))
      .map((other) => ({ term: other, weight: WEIGHTS.synonym }));
  }

  /** Curated synonyms of `term`, whether or not the corpus has them. */
  synonymsOf(term: string): readonly string[] {
    return this.#synonyms.get(term) ?? [];
  }

  *#lookup(key: string): Iterable<string> {
    const slot = this.#deletes.get(key);
    if (slot === undefined) return;
    if (typeof slot === "string") yield slot;
    else yield* slot;
  }
}

/** Each string with one character removed. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance, giving up above `max`. */
export function damerau(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

let cachedSynonyms: Map<string, string[]> | null = null;

/** Stem -> stems of the other words in its synonym groups (not transitive). */
function synonymIndex(): Map<string, string[]> {
  if (cachedSynonyms) return cachedSynonyms;
  const index = new Map<string, Set<string>>();
  for (const group of SYNONYM_GROUPS) {
    const stems = [...new Set(group.filter((word) => !word.includes(" ")).map((word) => stem(fold(word))))];
    for (const s of stems) {
      const set = index.get(s) ?? new Set<string>();
      for (const other of stems) if (other !== s) set.add(other);
      index.set(s, set);
    }
  }
  cachedSynonyms = new Map([...index].map(([k, v]) => [k, [...v]]));
  return cachedSynonyms;
}
