/**
 * Rules about English words shared by the corpus parser and the search engine,
 * each written once.
 */

/**
 * Longest word that typo matching considers, in questions and in articles. No
 * real word is longer; a pasted blob would cost a deletion entry per letter,
 * each as long as the word (memory grows with the square of its length).
 * (Not the engine's `maxWordLength` option, which cuts every word of a question.)
 */
export const MAX_TYPO_WORD_LENGTH = 24;

/**
 * Shortest word that may be a typo of another: shorter words have too many
 * neighbours one edit away ("cat", "car", "can"). Three-letter words get only a
 * dropped letter, checked by the callers.
 */
export const MIN_TYPO_LENGTH = 4;

/**
 * A three-letter word may be a typo only of a four-letter word that adds one
 * letter after its first two ("kel" of "kell"); callers still check the edit distance.
 */
export function shortTypoFits(word: string, candidate: string): boolean {
  return (
    word.length === MIN_TYPO_LENGTH - 1 &&
    candidate.length === word.length + 1 &&
    candidate.startsWith(word.slice(0, 2))
  );
}

/** Word length from which two edits (not one) are still a typo: "halvrosen" for "halvorsen". */
const TWO_EDITS_FROM = 7;

/** How many edits (Damerau: insert, delete, substitute, swap) a word of `length` letters may be off by and still be the same word. */
export function typoDistance(length: number): 1 | 2 {
  return length >= TWO_EDITS_FROM ? 2 : 1;
}

/**
 * Default shortest prefix that `isPrefixRelative` accepts. Matching a question's
 * words against the whole corpus vocabulary asks for more (EngineOptions.minRelativeLength).
 */
export const MIN_RELATIVE_LENGTH = 4;

/**
 * Two words that are one the prefix of the other, the shorter covering at
 * least half of the longer and at least `minLength` letters: a demonym and its
 * country ("ruritanian"/"ruritania"), a word and its derivation. Equal words are
 * not relatives here (callers check equality themselves).
 */
export function isPrefixRelative(a: string, b: string, minLength = MIN_RELATIVE_LENGTH): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return (
    short.length >= minLength &&
    short.length < long.length &&
    long.startsWith(short) &&
    short.length >= long.length * 0.5
  );
}
