/**
 * Rules about English words shared by the corpus parser and the search engine,
 * each written once.
 */

/**
 * Longest word that typo matching considers, in questions and in articles. No
 * real word is longer; a pasted blob would cost a deletion entry per letter,
 * each as long as the word (memory grows with the square of its length).
 */
export const MAX_WORD_LENGTH = 24;

/**
 * Two words that are one the prefix of the other, the shorter covering at
 * least half of the longer and at least `minLength` letters: a demonym and its
 * country ("kazakh"/"kazakhstan"), a word and its derivation. Equal words are
 * not relatives here (callers check equality themselves).
 */
export function isPrefixRelative(a: string, b: string, minLength = 4): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= minLength && short.length < long.length && long.startsWith(short) && short.length >= long.length * 0.5;
}
