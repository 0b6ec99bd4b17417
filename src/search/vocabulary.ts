/**
 * The corpus vocabulary: document frequencies for IDF, and the ways a
 * question's word can reach an article's word when it is not spelt the same —
 * typo corrections (edit distance over a deletion index, as in SymSpell),
 * prefix relatives ("ruritanian" ~ "ruritania") and curated synonyms.
 */
import {
  MAX_TYPO_WORD_LENGTH,
  MIN_TYPO_LENGTH,
  isPrefixRelative,
  shortTypoFits,
  typoDistance,
} from "../language/words.ts";
import { lowerBound } from "../util/sorted.ts";
import { SYNONYM_GROUPS } from "./lexicon.ts";
import { DEFAULT_OPTIONS, DEFAULT_WEIGHTS, type MatchWeights } from "./options.ts";
import { wordnetRelated } from "./wordnet.ts";
import { fold, stem } from "./text.ts";

export interface Variant {
  term: string;
  /** How much a match on this term counts, 1 for the word itself. */
  weight: number;
  /** For a typo correction: the corpus word as written that it corrects to. */
  word?: string;
}

/** A sealed vocabulary's tables (plain Maps and arrays), for the engine snapshot. */
export interface VocabularySnapshot {
  df: Map<string, number>;
  sf: Map<string, number>;
  passages: number;
  sentences: number;
  sorted: string[];
  words: Map<string, string>;
  deletes: Map<string, string | string[]>;
  acronyms: Map<string, string[]>;
}

export class Vocabulary {
  /** Passages containing each term. */
  readonly df = new Map<string, number>();
  /** Number of passages. */
  passages = 0;
  /** Sentences containing each term: within a long passage, only these tell its sentences apart. */
  readonly sf = new Map<string, number>();
  /** Number of sentences. */
  sentences = 0;
  #sfById = new Int32Array(0);
  #sentenceCounted = new Int32Array(0);
  #sorted: string[] = [];
  /** Surface word -> its stem, for typo matching on words as written ("goverment" ~ "government"). */
  #words = new Map<string, string>();
  /** Build-time counters by term id (see addPassage), dropped once sealed. */
  #dfById = new Int32Array(0);
  #counted = new Int32Array(0);
  #deletes = new Map<string, string | string[]>();
  #synonyms: Map<string, string[]>;
  /** Initials of capitalised names in the corpus -> the names' terms ("un" -> united, nation). */
  #acronyms = new Map<string, string[]>();

  /** How much each kind of match counts (options.ts). */
  readonly weights: Readonly<MatchWeights>;

  /** Whether WordNet's related words are used (EngineOptions.relatedWords). */
  readonly #wordnet: boolean;

  /** Share of the IDF computed over sentences rather than passages, 0..1. */
  readonly sentenceIdf: number;

  /** Shortest word prefix relatives are looked for (EngineOptions.minRelativeLength). */
  readonly #minRelativeLength: number;

  constructor(
    weights: Readonly<MatchWeights> = DEFAULT_WEIGHTS,
    relatedWords: "curated" | "wordnet" | "both" = "both",
    sentenceIdf = 0,
    minRelativeLength = DEFAULT_OPTIONS.minRelativeLength,
  ) {
    this.weights = weights;
    this.#minRelativeLength = minRelativeLength;
    this.sentenceIdf = sentenceIdf;
    this.#wordnet = relatedWords !== "curated";
    this.#synonyms = relatedWords === "wordnet" ? new Map<string, string[]>() : synonymIndex();
  }

  /**
   * Counts one passage: its term ids (from the engine's term table) and the
   * words they were written as. Counting by id into a typed array, with a
   * stamp per id instead of a Set per passage, keeps the build fast.
   */
  addPassage(
    termIds: Uint32Array,
    terms: readonly string[],
    words: readonly string[],
    sentenceStart?: Uint32Array,
  ): void {
    const stamp = ++this.passages;
    let next = 0;
    for (let i = 0; i < termIds.length; i++) {
      const id = termIds[i]!;
      if (id >= this.#dfById.length) this.#grow(id + 1);
      if (this.#counted[id] !== stamp) {
        this.#counted[id] = stamp;
        this.#dfById[id]!++;
      }
      // Sentence frequency: a new sentence starts a new stamp.
      while (sentenceStart && next < sentenceStart.length - 1 && i >= sentenceStart[next]!) {
        next++;
        this.sentences++;
      }
      if (this.#sentenceCounted[id] !== this.sentences) {
        this.#sentenceCounted[id] = this.sentences;
        this.#sfById[id]!++;
      }
      const word = words[i]!;
      if (word !== terms[i] && !this.#words.has(word)) this.#words.set(word, terms[i]!);
    }
  }

  #grow(size: number): void {
    const length = Math.max(size, this.#dfById.length * 2, 1024);
    const df = new Int32Array(length);
    df.set(this.#dfById);
    const counted = new Int32Array(length);
    counted.set(this.#counted);
    const sf = new Int32Array(length);
    sf.set(this.#sfById);
    this.#sfById = sf;
    const sentenceCounted = new Int32Array(length);
    sentenceCounted.set(this.#sentenceCounted);
    this.#sentenceCounted = sentenceCounted;
    this.#dfById = df;
    this.#counted = counted;
  }

  /** Remembers the initials of a multi-word name ("United Nations" -> "un"), for questions that abbreviate. */
  addName(words: readonly string[], terms: readonly string[]): void {
    if (words.length < 2 || words.length > 6) return;
    const acronym = words.map((w) => w[0]!).join("");
    if (this.#acronyms.has(acronym)) return;
    this.#acronyms.set(acronym, [...terms]);
  }

  /** The terms of the name an acronym stands for, if the corpus spells one out. */
  expansion(acronym: string): Variant[] {
    return (this.#acronyms.get(acronym) ?? []).map((term) => ({ term, weight: this.weights.acronym }));
  }

  /** Builds the lookup structures once all passages are counted. */
  seal(termsById: readonly string[]): void {
    for (let id = 0; id < termsById.length && id < this.#dfById.length; id++) {
      if (this.#dfById[id]! > 0) this.df.set(termsById[id]!, this.#dfById[id]!);
      if (this.#sfById[id]! > 0) this.sf.set(termsById[id]!, this.#sfById[id]!);
    }
    this.#dfById = new Int32Array(0);
    this.#sfById = new Int32Array(0);
    this.#sentenceCounted = new Int32Array(0);
    this.#counted = new Int32Array(0);
    // An "acronym" that is a word of the corpus is that word.
    for (const acronym of this.#acronyms.keys()) if (this.df.has(acronym)) this.#acronyms.delete(acronym);
    // A word that is its own stem was not stored: add those now.
    for (const term of this.df.keys()) if (!this.#words.has(term)) this.#words.set(term, term);
    this.#sorted = [...this.df.keys()].sort();
    for (const word of this.#words.keys()) {
      // Capped like questions: a 100,000-letter "word" would need 100,000 entries of 100,000 letters.
      if (word.length < MIN_TYPO_LENGTH || word.length > MAX_TYPO_WORD_LENGTH || /\d/.test(word)) continue;
      for (const key of deletions(word)) {
        const slot = this.#deletes.get(key);
        if (slot === undefined) this.#deletes.set(key, word);
        else if (typeof slot === "string") this.#deletes.set(key, [slot, word]);
        else slot.push(word);
      }
    }
  }

  /** The sealed tables, shared, not copied: save them before anything else runs. */
  toSnapshot(): VocabularySnapshot {
    return {
      df: this.df,
      sf: this.sf,
      passages: this.passages,
      sentences: this.sentences,
      sorted: this.#sorted,
      words: this.#words,
      deletes: this.#deletes,
      acronyms: this.#acronyms,
    };
  }

  /** A sealed vocabulary from `toSnapshot`'s tables; the options as for the constructor. */
  static fromSnapshot(
    snapshot: VocabularySnapshot,
    weights?: Readonly<MatchWeights>,
    relatedWords?: "curated" | "wordnet" | "both",
    sentenceIdf?: number,
    minRelativeLength?: number,
  ): Vocabulary {
    const vocabulary = new Vocabulary(weights, relatedWords, sentenceIdf, minRelativeLength);
    for (const [term, n] of snapshot.df) vocabulary.df.set(term, n);
    for (const [term, n] of snapshot.sf) vocabulary.sf.set(term, n);
    vocabulary.passages = snapshot.passages;
    vocabulary.sentences = snapshot.sentences;
    vocabulary.#sorted = snapshot.sorted;
    vocabulary.#words = snapshot.words;
    vocabulary.#deletes = snapshot.deletes;
    vocabulary.#acronyms = snapshot.acronyms;
    return vocabulary;
  }

  has(term: string): boolean {
    return this.df.has(term);
  }

  /**
   * BM25's IDF, over passages blended with the same over sentences
   * (`sentenceIdf`, options.ts); an unknown term gets the highest value a term could have.
   */
  idf(term: string): number {
    const byPassage = bm25Idf(this.passages, this.df.get(term) ?? 0);
    if (this.sentenceIdf === 0 || this.sentences === 0) return byPassage;
    return (1 - this.sentenceIdf) * byPassage + this.sentenceIdf * bm25Idf(this.sentences, this.sf.get(term) ?? 0);
  }

  /** The IDF of a term the corpus does not contain. */
  get unknownIdf(): number {
    const byPassage = bm25Idf(this.passages, 0);
    if (this.sentenceIdf === 0 || this.sentences === 0) return byPassage;
    return (1 - this.sentenceIdf) * byPassage + this.sentenceIdf * bm25Idf(this.sentences, 0);
  }

  /**
   * Stems of the corpus words within `typoDistance` (language/words.ts) of
   * `word` as written; only the closest ones.
   */
  corrections(word: string): Variant[] {
    // No real word is this long: a pasted blob would cost millions of deletions.
    if (word.length < MIN_TYPO_LENGTH - 1 || word.length > MAX_TYPO_WORD_LENGTH || /\d/.test(word)) return [];
    // Three letters: only a dropped letter ("kel" -> "kell"); shorter words have too many neighbours.
    const short = word.length < MIN_TYPO_LENGTH;
    const maxDistance = typoDistance(word.length);
    const found = new Map<string, number>();
    const keys = new Set([word, ...deletions(word)]);
    if (maxDistance === 2) for (const key of [...keys]) for (const k of deletions(key)) keys.add(k);
    for (const key of keys) {
      const candidates = [...this.#lookup(key)];
      if (this.#words.has(key)) candidates.push(key);
      for (const candidate of candidates) {
        if (found.has(candidate) || candidate === word) continue;
        if (short && !shortTypoFits(word, candidate)) continue;
        const distance = damerau(word, candidate, maxDistance);
        if (distance <= maxDistance) found.set(candidate, distance);
      }
    }
    if (found.size === 0) return [];
    const best = Math.min(...found.values());
    const out = new Map<string, Variant>();
    for (const [candidate, distance] of found) {
      if (distance !== best) continue;
      const term = this.#words.get(candidate)!;
      if (!out.has(term))
        out.set(term, { term, weight: distance === 1 ? this.weights.typo1 : this.weights.typo2, word: candidate });
    }
    return [...out.values()];
  }

  /** Corpus terms that extend `term` or that it extends, sharing most letters ("ruritanian"/"ruritania"). */
  relatives(term: string): Variant[] {
    if (term.length < this.#minRelativeLength || term.length > MAX_TYPO_WORD_LENGTH || /\d/.test(term)) return [];
    const out: Variant[] = [];
    for (let i = lowerBound(this.#sorted, term); i < this.#sorted.length; i++) {
      const other = this.#sorted[i]!;
      if (!other.startsWith(term)) break;
      if (isPrefixRelative(term, other, this.#minRelativeLength))
        out.push({ term: other, weight: this.weights.prefix });
    }
    for (let n = term.length - 1; isPrefixRelative(term.slice(0, n), term, this.#minRelativeLength); n--) {
      const prefix = term.slice(0, n);
      if (this.df.has(prefix)) out.push({ term: prefix, weight: this.weights.prefix });
    }
    return out;
  }

  /** Curated synonyms of `term` that occur in the corpus. */
  synonyms(term: string): Variant[] {
    return (this.#synonyms.get(term) ?? [])
      .filter((other) => this.df.has(other))
      .map((other) => ({ term: other, weight: this.weights.synonym }));
  }

  /** WordNet's related words of `term` that occur in the corpus (none when WordNet is off or the curated list covers it). */
  related(term: string): Variant[] {
    // The curated synonyms override: a word they cover does not also take WordNet's senses.
    if (!this.#wordnet || this.#synonyms.has(term)) return [];
    return wordnetRelated(term)
      .filter((other) => other !== term && this.df.has(other))
      .map((other) => ({ term: other, weight: this.weights.related }));
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

function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Each string with one character removed. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance, giving up above `max` (three small rows per call: no state shared between engines). */
export function damerau(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  let before = new Int32Array(cols);
  let previous = new Int32Array(cols);
  let current = new Int32Array(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

/** Stem -> stems of the other words in its synonym groups (not transitive); built per vocabulary (a few ms). */
function synonymIndex(): Map<string, string[]> {
  const index = new Map<string, Set<string>>();
  for (const group of SYNONYM_GROUPS) {
    const stems = [...new Set(group.filter((word) => !word.includes(" ")).map((word) => stem(fold(word))))];
    for (const s of stems) {
      const set = index.get(s) ?? new Set<string>();
      for (const other of stems) if (other !== s) set.add(other);
      index.set(s, set);
    }
  }
  return new Map([...index].map(([k, v]) => [k, [...v]]));
}
