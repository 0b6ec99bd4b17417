/**
 * Text to terms, the same way for articles and questions: Unicode folding,
 * words with their offsets, stop words flagged, and Porter stems (with
 * irregular forms mapped first) so inflections do not decide the ranking.
 */
import { stemmer } from "stemmer";
import { FUNCTION_WORDS, IRREGULAR, QUESTION_WORDS } from "./lexicon.ts";

export interface Token {
  /** The folded word as written ("marsh", "2020", "ruritanian"). */
  word: string;
  /** Its stem, the unit of matching ("restor", "2020"). */
  term: string;
  /** Offsets in the original text. */
  start: number;
  end: number;
  /** A function word (ignored for matching). */
  stop: boolean;
  /** Written with a capital letter. */
  capital: boolean;
}

/** Lower case, no diacritics, typographic quotes and dashes made plain. */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[‐-―]/g, "-")
    .toLowerCase();
}

/**
 * Irregular forms as a Map: a plain-object look-up finds Object.prototype's
 * members, so "constructor" stemmed to "function Object() { [native code] }".
 */
const IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map(Object.entries(IRREGULAR));

/** The stem of one folded word. */
export function stem(word: string): string {
  const base = IRREGULAR_FORMS.get(word) ?? word;
  return /\d/.test(base) ? base.replace(/[.,]/g, "") : stemmer(base);
}

/** A word's folded form, stem and stop flag (what WordCache keeps). */
export interface WordInfo {
  word: string;
  term: string;
  stop: boolean;
}

/** A raw word's folded form, stem and stop flag. */
function wordInfo(raw: string): WordInfo {
  let word = fold(raw);
  // Possessives and contractions: "marsh's" -> "marsh"; keep "don't" whole for the stop list.
  if (word.endsWith("'s")) word = word.slice(0, -2);
  const stop = FUNCTION_WORDS.has(word);
  if (word.includes("'") && !stop) word = word.replace(/'/g, "");
  return { word, term: stem(word), stop };
}

/**
 * Raw word -> its folded form, stem and stop flag: words repeat, folding and
 * stemming them once is enough. Each engine owns one (no cache is shared
 * between engines); bounded, so a stream of new words cannot grow it forever.
 */
export class WordCache {
  readonly #words = new Map<string, WordInfo>();
  /**
   * The same words for `infoAt`: an open-addressing table keyed by the words' characters, so a
   * word is found where it stands in a text, without cutting it out (the answer path reads
   * every word of ten sentences a question). `#slots[h]` is 1 + an index into `#keys`/`#infos`.
   */
  #slots = new Int32Array(1 << 12);
  #keys: string[] = [];
  #infos: WordInfo[] = [];

  info(raw: string): WordInfo {
    let info = this.#words.get(raw);
    if (info === undefined) {
      info = wordInfo(raw);
      if (this.#words.size > 500_000) this.#clear();
      this.#words.set(raw, info);
    }
    return info;
  }

  /** `info(text.slice(start, end))`, without the slice once the word has been seen. */
  infoAt(text: string, start: number, end: number): WordInfo {
    const mask = this.#slots.length - 1;
    const h = hashOf(text, start, end);
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const slot = this.#slots[at]!;
      if (slot === 0) break;
      const key = this.#keys[slot - 1]!;
      if (key.length === end - start && sameAt(key, text, start)) return this.#infos[slot - 1]!;
    }
    const raw = text.slice(start, end);
    const info = this.info(raw);
    if (this.#keys.length * 2 >= this.#slots.length) this.#grow();
    this.#keys.push(raw);
    this.#infos.push(info);
    this.#place(h, this.#keys.length);
    return info;
  }

  #place(h: number, slot: number): void {
    const mask = this.#slots.length - 1;
    let at = h & mask;
    while (this.#slots[at] !== 0) at = (at + 1) & mask;
    this.#slots[at] = slot;
  }

  #grow(): void {
    this.#slots = new Int32Array(this.#slots.length * 2);
    this.#keys.forEach((key, i) => this.#place(hashOf(key, 0, key.length), i + 1));
  }

  /** Bounded: a stream of new words cannot grow the cache forever. */
  #clear(): void {
    this.#words.clear();
    this.#slots = new Int32Array(1 << 12);
    this.#keys = [];
    this.#infos = [];
  }
}

/** FNV-1a of `text`'s characters from `start` to `end`: where infoAt looks a word up and #grow re-places it. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h;
}

/** `key` stands in `text` at `start`. */
function sameAt(key: string, text: string, start: number): boolean {
  for (let k = 0; k < key.length; k++) if (key.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/**
 * Words of `text` with offsets into `text` itself: runs of letters and digits,
 * with an apostrophe between letters ("Marsh's") and a point or comma between
 * digits ("3.5", "1,000") kept inside the word. A hand-written scanner: this
 * runs over every word of every article at build time (pass the engine's
 * `cache` there).
 */
export function tokenize(text: string, cache?: WordCache): Token[] {
  const tokens: Token[] = [];
  for (let i = nextWord(text, 0); i >= 0; i = nextWord(text, scanned.end)) {
    const raw = scanned.raw;
    const { word, term, stop } = cache ? cache.info(raw) : wordInfo(raw);
    const first = raw.charCodeAt(0);
    const capital = (first >= 65 && first <= 90) || (first > 127 && CAPITAL.test(raw));
    tokens.push({ word, term, start: i, end: scanned.end, stop, capital });
  }
  return tokens;
}

/**
 * The words of `text` as tokenize reads them (folded form, stem, stop flag; no offsets), put in
 * `out` from its start: how many. For the answer path, which reads a few sentences' words per
 * question and keeps none: with `cache`, it allocates only the text of a word the cache has not
 * seen, and an acronym joined to its number ("G 20"): a word seen before is found where it stands.
 */
export function wordsOf(text: string, out: WordInfo[], cache?: WordCache): number {
  let n = 0;
  for (let i = nextWord(text, 0, false); i >= 0; i = nextWord(text, scanned.end, false)) {
    // (An acronym and its number, "G 20", are one word not written as one: cut out and joined.)
    if (!cache) out[n++] = wordInfo(scanned.raw || text.slice(i, scanned.end));
    else out[n++] = scanned.raw ? cache.info(scanned.raw) : cache.infoAt(text, i, scanned.end);
  }
  return n;
}

/**
 * What nextWord found: its end and its raw text, "" when that is `text`'s slice up to the end
 * and the caller did not ask for it (an acronym's number joined, "G 20" -> "G20", is always set).
 */
const scanned = { raw: "", end: 0 };

/**
 * Where the next word of `text` at or after `from` starts (-1: none), with its end and (when
 * `cut`, or when it is not a plain slice) its text in `scanned`.
 */
function nextWord(text: string, from: number, cut = true): number {
  const n = text.length;
  let i = from;
  while (i < n && !isWordChar(text, i)) i++;
  if (i >= n) return -1;
  const start = i;
  i += charLength(text, i);
  while (i < n) {
    if (isWordChar(text, i)) {
      i += charLength(text, i);
      continue;
    }
    const c = text.charCodeAt(i);
    const joinsLetters = (c === 39 || c === 0x2019) && isLetterAt(text, i - 1) && isLetterAt(text, i + 1);
    const joinsDigits = (c === 46 || c === 44) && isDigitAt(text, i - 1) && isDigitAt(text, i + 1);
    if (!joinsLetters && !joinsDigits) break;
    i++;
  }
  // "G 20", "G-20", "F-16": an acronym and its number are one name, as in "G20".
  const number = acronymNumberEnd(text, start, i);
  if (number > i) {
    scanned.raw = text.slice(start, i) + text.slice(i + 1, number);
    i = number;
  } else scanned.raw = cut ? text.slice(start, i) : "";
  scanned.end = i;
  return start;
}

const CAPITAL = /^\p{Lu}/u;

/** `text[start, end)` is `[A-Z]{1,6}` (read in place: this is asked after every word followed by a space). */
function isAcronym(text: string, start: number, end: number): boolean {
  if (end - start < 1 || end - start > 6) return false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/**
 * When text[start, end) is an acronym ("COP", "G") followed by one space or
 * hyphen and a number of 1–3 digits that ends there, the end of that number; else `end`.
 */
function acronymNumberEnd(text: string, start: number, end: number): number {
  const separator = text.charCodeAt(end);
  if ((separator !== 32 && separator !== 45) || !isAcronym(text, start, end)) return end;
  let j = end + 1;
  while (j < text.length && j - end - 1 < 4 && isDigitAt(text, j)) j++;
  const digits = j - end - 1;
  // Up to three digits: "UN 2030" is an organisation and a year, not one name.
  if (digits < 1 || digits > 3 || (j < text.length && isWordChar(text, j))) return end;
  // "1,000" or "3.5" after it is a figure, not part of a name.
  if ((text[j] === "," || text[j] === ".") && isDigitAt(text, j + 1)) return end;
  return j;
}
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]/u;
const LETTER = /^\p{L}/u;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));
}

function charLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function isLetterAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(text.charAt(i));
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return i >= 0 && i < text.length && c >= 48 && c <= 57;
}

/** True for a word that only frames a question ("tell", "please", "happened"). */
export function isQuestionWord(word: string): boolean {
  return QUESTION_WORDS.has(word);
}
