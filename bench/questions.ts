/**
 * The question mix every engine answers, and the public dev set for top-1 accuracy.
 *
 * Users ask in natural language, with function words, odd word order and typos, so
 * the latency figures come from questions shaped like that — not from single keywords,
 * which would flatter every engine. The mix is a pure function of the corpus and a
 * seed, hence the same for every engine and every run.
 */
import { readFile } from "node:fs/promises";
import type { Document } from "../src/corpus/types.ts";
import { Rng } from "./corpus.ts";
import { QUESTION_TEMPLATES, STOPWORDS } from "./words.ts";

export interface DevQuestion {
  id: string;
  /** "fact", "paraphrase", "typo", "quote" or "none" in the shipped sets; other sets may add kinds. */
  kind: string;
  q: string;
  /** Any one of these phrases in the answer sentence makes the answer right (absent for "none"). */
  expect?: string[];
  speaker?: string;
}

export async function readDevQuestions(file: string): Promise<DevQuestion[]> {
  const text = await readFile(file, "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as DevQuestion);
}

const WORD = /[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d+/g;

/** One realistic typo: a dropped, doubled, swapped or replaced letter. */
function typo(word: string, rng: Rng): string {
  const i = rng.range(1, word.length - 2);
  switch (rng.int(4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    default:
      return word.slice(0, i) + "aeiou"[rng.int(5)] + word.slice(i + 1);
  }
}

/**
 * `count` questions made from random sentences of the corpus: 3–6 of a sentence's
 * content words, in order, wrapped in a question template; one in five with a typo,
 * three in ten typed all lower case.
 */
export function generateQuestions(documents: readonly Document[], count: number, seed: number): string[] {
  const rng = new Rng(seed);
  const passages = documents.flatMap((d) => d.passages);
  if (passages.length === 0) return [];
  const questions: string[] = [];
  for (let attempts = 0; questions.length < count && attempts < count * 20; attempts++) {
    const passage = rng.pick(passages);
    const sentence = rng.pick(passage.sentences);
    if (!sentence) continue;
    const content = (sentence.text.match(WORD) ?? []).filter((w) => w.length >= 3 && !STOPWORDS.has(w.toLowerCase()));
    if (content.length < 3) continue;
    const k = rng.range(3, Math.min(6, content.length));
    const picked = new Set<number>();
    while (picked.size < k) picked.add(rng.int(content.length));
    let words = [...picked].sort((a, b) => a - b).map((i) => content[i]!);
    if (rng.chance(0.2)) {
      const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
      if (long.length > 0) {
        const [w, i] = rng.pick(long);
        words[i] = typo(w, rng);
      }
    }
    if (rng.chance(0.3)) words = words.map((w) => w.toLowerCase());
    questions.push(rng.pick(QUESTION_TEMPLATES).replace("{}", words.join(" ")));
  }
  return questions;
}

/**
 * The fixed mix for one corpus: the dev questions plus generated ones up to `total`,
 * shuffled deterministically so slow and fast questions interleave.
 */
export function questionMix(
  documents: readonly Document[],
  dev: readonly DevQuestion[],
  seed: number,
  total = 200,
): string[] {
  const mix = [...dev.map((d) => d.q), ...generateQuestions(documents, Math.max(0, total - dev.length), seed)];
  const rng = new Rng(seed ^ 0x5bd1e995);
  for (let i = mix.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [mix[i], mix[j]] = [mix[j]!, mix[i]!];
  }
  return mix;
}

/** Lower case, straight quotes, single spaces: so "Children’s" in an answer matches "Children's" expected. */
export function normalizeForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘ʼ`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

export interface Top1Result {
  /** Share of all dev questions answered right (answerable: expected phrase in the answer; none: abstained). */
  top1: number;
  /** Share of answerable questions answered right. */
  answerable: number;
  /** Share of "none" questions where the engine abstained. */
  abstained: number;
  /** Ids of the questions answered wrong, for the report. */
  wrong: string[];
}

/** Scores one engine's answer texts (null = abstained) on the dev set. */
export function scoreTop1(dev: readonly DevQuestion[], answerText: (q: string) => string | null): Top1Result {
  let right = 0;
  let answerableRight = 0;
  let answerable = 0;
  let noneRight = 0;
  let none = 0;
  const wrong: string[] = [];
  for (const d of dev) {
    const text = answerText(d.q);
    let ok: boolean;
    if (d.kind === "none" || !d.expect || d.expect.length === 0) {
      none++;
      ok = text === null;
      if (ok) noneRight++;
    } else {
      answerable++;
      const got = text === null ? null : normalizeForMatch(text);
      ok = got !== null && d.expect.some((e) => got.includes(normalizeForMatch(e)));
      if (ok) answerableRight++;
    }
    if (ok) right++;
    else wrong.push(d.id);
  }
  return {
    top1: dev.length ? right / dev.length : Number.NaN,
    answerable: answerable ? answerableRight / answerable : Number.NaN,
    abstained: none ? noneRight / none : Number.NaN,
    wrong,
  };
}
