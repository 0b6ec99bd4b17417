/**
 * Text to terms, the same way for articles and questions: Unicode folding,
 * words with their offsets, stop words flagged, and Porter stems (with
 * irregular forms mapped first) so inflections do not decide the ranking.
 */
import { stemmer } from "stemmer";
import { FUNCTION_WORDS, IRREGULAR, QUESTION_WORDS } from "./lexicon.ts";

export interface Token {
  /** The folded word as written ("aliyev", "2020", "kazakh"). */
  word: string;
  /** Its stem, the unit of matching ("restor", "2020"). */
  term: string;
  /** Offsets in the original text. */
  start: number;
  end: number;
  /** A function word (ignored for matching). */
  stop: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[.,][\p{N}]+)*/gu;
const stemCache = new Map<string, string>();

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

/** The stem of one folded word. */
export function stem(word: string): string {
  let cached = stemCache.get(word);
  if (cached === undefined) {
    const base = IRREGULAR[word] ?? word;
    cached = /\d/.test(base) ? base.replace(/[.,]/g, "") : stemmer(base);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, cached);
  }
  return cached;
}

/** Words of `text` with offsets into `text` itself. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let word = fold(match[0]);
    // Possessives and contractions: "aliyev's" -> "aliyev"; keep "don't" whole for the stop list.
    if (word.endsWith("'s")) word = word.slice(0, -2);
    const stop = FUNCTION_WORDS.has(word);
    if (word.includes("'") && !stop) word = word.replace(/'/g, "");
    tokens.push({ word, term: stem(word), start: match.index, end: match.index + match[0].length, stop });
  }
  return tokens;
}

/** True for a word that only frames a question ("tell", "please", "happened"). */
export function isQuestionWord(word: string): boolean {
  return QUESTION_WORDS.has(word);
}
