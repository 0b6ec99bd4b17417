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
import { lowerBound, mergeSorted } from "../util/sorted.ts";
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
  wordCount: Map<string, number>;
  deletes: Map<string, string | string[]>;
  acronyms: Map<string, AcronymSource[]>;
}

/** A multi-word name an acronym may stand for, and the document (by id) that first spells it out. */
export interface AcronymSource {
  source: string;
  terms: string[];
}

/** What one passage adds to the counts (addPassage's arguments), for `Vocabulary.updated`. */
export interface PassageCounts {
  termIds: Uint16Array | Uint32Array;
  terms: readonly string[];
  words: readonly string[];
  sentenceStart: Uint32Array;
}

/** The passages and names that left and joined the corpus (see `Vocabulary.updated`). */
export interface VocabularyChange {
  removed: readonly PassageCounts[];
  added: readonly PassageCounts[];
  /** Ids of the documents gone or replaced: their names no longer count. */
  removedSources: ReadonlySet<string>;
  /** Names spelt out by the added documents, as `addName` would have been called. */
  names: readonly { words: readonly string[]; terms: readonly string[]; source: string }[];
  /** Position of each document of the next corpus, by id (ties between acronyms go to the earliest). */
  position: ReadonlyMap<string, number>;
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
  /**
   * Occurrences of each surface word that is not its own stem: a word leaves
   * `#words` when its last occurrence does (an incremental update, `updated`).
   */
  #wordCount = new Map<string, number>();
  /** Build-time counters by term id (see addPassage), dropped once sealed. */
  #dfById = new Int32Array(0);
  #counted = new Int32Array(0);
  #deletes = new Map<string, string | string[]>();
  #synonyms: ReadonlyMap<string, readonly string[]>;
  /**
   * Initials of capitalised names in the corpus -> the names they may stand for
   * ("un" -> united, nation), one per document, in document order: the first
   * is the one used, and the next takes over when its document goes.
   */
  #acronyms = new Map<string, AcronymSource[]>();

  /** How much each kind of match counts (options.ts). */
  readonly weights: Readonly<MatchWeights>;

  /** Whether WordNet's related words are used (EngineOptions.relatedWords). */
  readonly #relatedWords: "curated" | "wordnet" | "both";

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
    this.#relatedWords = relatedWords;
    this.#synonyms = relatedWords === "wordnet" ? new Map<string, string[]>() : (SYNONYMS ??= synonymIndex());
  }

  /**
   * Counts one passage: its term ids (from the engine's term table) and the
   * words they were written as. Counting by id into a typed array, with a
   * stamp per id instead of a Set per passage, keeps the build fast.
   */
  addPassage(
    termIds: Uint16Array | Uint32Array,
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
      if (word !== terms[i]) {
        const count = this.#wordCount.get(word);
        this.#wordCount.set(word, (count ?? 0) + 1);
        if (count === undefined) this.#words.set(word, terms[i]!);
      }
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

  /**
   * Remembers the initials of a multi-word name ("United Nations" -> "un"), for
   * questions that abbreviate; `source` is the document's id (its first such
   * name counts). Documents are added in order.
   */
  addName(words: readonly string[], terms: readonly string[], source = ""): void {
    const acronym = acronymOf(words);
    if (acronym === null) return;
    const list = this.#acronyms.get(acronym);
    if (!list) this.#acronyms.set(acronym, [{ source, terms: [...terms] }]);
    else if (list.at(-1)!.source !== source) list.push({ source, terms: [...terms] });
  }

  /** The terms of the name an acronym stands for, if the corpus spells one out (and does not use it as a word). */
  expansion(acronym: string): Variant[] {
    if (this.df.has(acronym)) return [];
    return (this.#acronyms.get(acronym)?.[0]?.terms ?? []).map((term) => ({ term, weight: this.weights.acronym }));
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
    // A word that is its own stem was not stored: add those now.
    for (const term of this.df.keys()) if (!this.#words.has(term)) this.#words.set(term, term);
    this.#sorted = [...this.df.keys()].sort();
    for (const word of this.#words.keys()) addDeletions(this.#deletes, word);
  }

  /**
   * The vocabulary of the next corpus: this one's tables copied, then the
   * counts of the removed passages taken off and the added ones' put on, so
   * that every table holds what sealing a fresh count of the next corpus would
   * (the deletion slots and `#words` may list the same words in another order:
   * `corrections` does not depend on it). This vocabulary is left as it was.
   * A step between the copies of its tables and every 200 passages counted, so
   * a caller can let other work run between steps (see updateEngineInSlices).
   */
  *updated(change: VocabularyChange): Generator<void, Vocabulary> {
    const next = new Vocabulary(this.weights, this.#relatedWords, this.sentenceIdf, this.#minRelativeLength);
    const df = next.df;
    const sf = next.sf;
    for (const [term, n] of this.df) df.set(term, n);
    yield;
    for (const [term, n] of this.sf) sf.set(term, n);
    yield;
    next.passages = this.passages;
    next.sentences = this.sentences;
    const wordCount = new Map(this.#wordCount);
    /** Surface words whose count changed, with their stem. */
    const touched = new Map<string, string>();
    /** Terms whose df went to or from 0. */
    const flipped = new Set<string>();
    const count = (passage: PassageCounts, sign: 1 | -1) => {
      const { termIds, terms, words, sentenceStart } = passage;
      next.passages += sign;
      const inPassage = new Set<number>();
      let inSentence = new Set<number>();
      let s = 0;
      for (let i = 0; i < termIds.length; i++) {
        const id = termIds[i]!;
        const term = terms[i]!;
        if (!inPassage.has(id)) {
          inPassage.add(id);
          const n = (df.get(term) ?? 0) + sign;
          if (n > 0) df.set(term, n);
          else df.delete(term);
          if (n === 0 || (n === 1 && sign > 0)) flipped.add(term);
        }
        // The sentences addPassage counts: each start reached by a term (see there).
        while (s < sentenceStart.length - 1 && i >= sentenceStart[s]!) {
          s++;
          next.sentences += sign;
          inSentence = new Set<number>();
        }
        if (!inSentence.has(id)) {
          inSentence.add(id);
          const n = (sf.get(term) ?? 0) + sign;
          if (n > 0) sf.set(term, n);
          else sf.delete(term);
        }
        const word = words[i]!;
        if (word !== term) {
          const n = (wordCount.get(word) ?? 0) + sign;
          if (n > 0) wordCount.set(word, n);
          else wordCount.delete(word);
          touched.set(word, term);
        }
      }
    };
    let counted = 0;
    for (const [passages, sign] of [
      [change.removed, -1],
      [change.added, 1],
    ] as const) {
      for (const passage of passages) {
        count(passage, sign);
        if (++counted % 200 === 0) yield;
      }
    }
    next.#wordCount = wordCount;
    yield;

    // `#words`: a surface word while it occurs, else a term while some passage holds it.
    const words = new Map(this.#words);
    yield;
    const deletes = new Map(this.#deletes);
    yield;
    const copied = new Set<string>();
    const keys = new Set([...touched.keys(), ...flipped]);
    for (const key of keys) {
      const before = words.get(key);
      const stemOf = touched.get(key) ?? words.get(key);
      const now = wordCount.has(key) ? stemOf : df.has(key) ? key : undefined;
      if (now === before) continue;
      if (now === undefined) {
        words.delete(key);
        removeDeletions(deletes, key, copied);
      } else {
        if (before === undefined) addDeletions(deletes, key, copied);
        words.set(key, now);
      }
    }
    next.#words = words;
    next.#deletes = deletes;

    // The sorted terms: the gone ones dropped, the new ones merged in.
    const born: string[] = [];
    for (const term of flipped) if (df.has(term) && !this.df.has(term)) born.push(term);
    born.sort();
    yield;
    const kept = this.#sorted.filter((term) => !flipped.has(term) || df.has(term));
    next.#sorted = mergeSorted(kept, born);
    yield;

    // Acronyms: the gone documents' names dropped, the added ones' placed by document position.
    const acronyms = new Map<string, AcronymSource[]>();
    for (const [acronym, list] of this.#acronyms) {
      const left = change.removedSources.size > 0 ? list.filter((a) => !change.removedSources.has(a.source)) : list;
      if (left.length > 0) acronyms.set(acronym, left);
    }
    const position = (source: string) => change.position.get(source) ?? Number.MAX_SAFE_INTEGER;
    for (const { words: nameWords, terms, source } of change.names) {
      const acronym = acronymOf(nameWords);
      if (acronym === null) continue;
      const list = acronyms.get(acronym);
      if (!list) {
        acronyms.set(acronym, [{ source, terms: [...terms] }]);
        continue;
      }
      if (list.some((a) => a.source === source)) continue;
      const at = list.findIndex((a) => position(a.source) > position(source));
      const copy = [...list];
      copy.splice(at < 0 ? copy.length : at, 0, { source, terms: [...terms] });
      acronyms.set(acronym, copy);
    }
    next.#acronyms = acronyms;
    return next;
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
      wordCount: this.#wordCount,
      deletes: this.#deletes,
      acronyms: this.#acronyms,
    };
  }

  /**
   * A sealed vocabulary from `toSnapshot`'s tables; the options as for the
   * constructor. `intern` gives the one copy of a term the engine keeps (its
   * term table's): a snapshot read back holds a string per occurrence, five of
   * each term here (the counts' keys, the sorted list, the words' stems).
   */
  static fromSnapshot(
    snapshot: VocabularySnapshot,
    weights?: Readonly<MatchWeights>,
    relatedWords?: "curated" | "wordnet" | "both",
    sentenceIdf?: number,
    minRelativeLength?: number,
    intern: (term: string) => string = (term) => term,
  ): Vocabulary {
    const vocabulary = new Vocabulary(weights, relatedWords, sentenceIdf, minRelativeLength);
    for (const [term, n] of snapshot.df) vocabulary.df.set(intern(term), n);
    for (const [term, n] of snapshot.sf) vocabulary.sf.set(intern(term), n);
    vocabulary.passages = snapshot.passages;
    vocabulary.sentences = snapshot.sentences;
    vocabulary.#sorted = snapshot.sorted.map(intern);
    for (const [word, term] of snapshot.words) snapshot.words.set(word, intern(term));
    vocabulary.#words = snapshot.words;
    vocabulary.#wordCount = snapshot.wordCount;
    vocabulary.#deletes = snapshot.deletes;
    vocabulary.#acronyms = snapshot.acronyms;
    // Read back, each occurrence is a string of its own: one copy of each term and document id.
    const sources = new Map<string, string>();
    for (const list of snapshot.acronyms.values()) {
      for (const name of list) {
        for (let i = 0; i < name.terms.length; i++) name.terms[i] = intern(name.terms[i]!);
        const source = sources.get(name.source);
        if (source === undefined) sources.set(name.source, name.source);
        else name.source = source;
      }
    }
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
    // In the words' own order, not the tables': an updated vocabulary lists them in another (see `updated`).
    const closest = [...found].filter(([, distance]) => distance === best).map(([candidate]) => candidate);
    const weight = best === 1 ? this.weights.typo1 : this.weights.typo2;
    for (const candidate of closest.sort(byCodeUnit)) {
      const term = this.#words.get(candidate)!;
      if (!out.has(term)) out.set(term, { term, weight, word: candidate });
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
    if (this.#relatedWords === "curated" || this.#synonyms.has(term)) return [];
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

/** The acronym of a name of 2 to 6 words ("United Nations" -> "un"), else null. */
function acronymOf(words: readonly string[]): string | null {
  if (words.length < 2 || words.length > 6) return null;
  return words.map((w) => w[0]!).join("");
}

/** Whether a word is looked up by its deletions: capped like questions (a 100,000-letter "word" would need 100,000 entries of 100,000 letters). */
function typoKeyed(word: string): boolean {
  return !(word.length < MIN_TYPO_LENGTH || word.length > MAX_TYPO_WORD_LENGTH || /\d/.test(word));
}

/**
 * Files `word` under each of its deletions. `copied`: the slots already this
 * table's own; any other array slot is shared with an earlier table and copied
 * before it changes (absent when building, when nothing is shared).
 */
function addDeletions(deletes: Map<string, string | string[]>, word: string, copied?: Set<string>): void {
  if (!typoKeyed(word)) return;
  for (const key of deletions(word)) {
    const slot = deletes.get(key);
    if (slot === undefined) deletes.set(key, word);
    else if (typeof slot === "string") {
      deletes.set(key, [slot, word]);
      copied?.add(key);
    } else if (!copied || copied.has(key)) slot.push(word);
    else {
      deletes.set(key, [...slot, word]);
      copied.add(key);
    }
  }
}

/** Takes `word` out of its deletions' slots (see addDeletions for `copied`). */
function removeDeletions(deletes: Map<string, string | string[]>, word: string, copied: Set<string>): void {
  if (!typoKeyed(word)) return;
  for (const key of new Set(deletions(word))) {
    const slot = deletes.get(key);
    if (slot === undefined) continue;
    if (typeof slot === "string") {
      if (slot === word) deletes.delete(key);
      continue;
    }
    const left = slot.filter((w) => w !== word);
    if (left.length === 0) deletes.delete(key);
    else if (left.length === 1) deletes.set(key, left[0]!);
    else {
      deletes.set(key, left);
      copied.add(key);
    }
  }
}

/** Sorts strings as `Array.prototype.sort` does by default (UTF-16 code units). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Each string with one character removed (the keys of SymSpell-style typo look-ups). */
export function deletions(word: string): string[] {
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

/** synonymIndex(), built once (a few ms) and shared: no vocabulary changes it. */
let SYNONYMS: ReadonlyMap<string, readonly string[]> | undefined;

/** Stem -> stems of the other words in its synonym groups (not transitive). */
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
