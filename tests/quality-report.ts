/**
 * `npm run quality`: answer quality per question kind on every question set
 * in tests/ (the dev set over data/, each held-out set over its own articles
 * loaded together with data/). Prints a Markdown table and the misses.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadCorpus } from "../src/corpus/loader.ts";
import type { Document } from "../src/corpus/types.ts";
import { createEngine } from "../src/search/engine.ts";
import { isRight, readQuestions } from "./support/questions.ts";

const root = new URL("..", import.meta.url).pathname;
const quiet = { warn: () => {} };
const seed = (await loadCorpus(join(root, "data"), quiet)).documents;
const sets: Array<[string, string, Document[]]> = [["dev", join(root, "tests/dev-questions.jsonl"), seed]];
for (const name of ["heldout", "heldout2", "heldout3"]) {
  const dir = join(root, "tests/fixtures", name);
  if (!existsSync(dir)) continue;
  const articles = (await loadCorpus(join(dir, "articles"), quiet)).documents;
  sets.push([name, join(dir, "questions.jsonl"), [...seed, ...articles]]);
}

const kinds = ["fact", "paraphrase", "typo", "quote", "none"];
console.log(`| set | ${kinds.join(" | ")} | all |`);
console.log(`|---|${kinds.map(() => "---").join("|")}|---|`);
const misses: string[] = [];
for (const [name, file, documents] of sets) {
  const engine = createEngine(documents);
  const tally = new Map<string, [number, number]>();
  for (const question of readQuestions(file)) {
    const answers = engine.answer(question.q);
    const best = answers[0];
    const right = isRight(question, answers.map((a) => ({ sentence: a.sentence.text, speaker: a.speaker })));
    const [ok, total] = tally.get(question.kind) ?? [0, 0];
    tally.set(question.kind, [ok + (right ? 1 : 0), total + 1]);
    if (!right) misses.push(`${name} ${question.id} (${question.kind}) ${question.q}\n    -> ${best ? best.sentence.text : "(abstained)"}`);
  }
  const all = [...tally.values()].reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
  const cell = ([ok, total]: [number, number]) => `${ok}/${total}`;
  console.log(`| ${name} | ${kinds.map((k) => (tally.has(k) ? cell(tally.get(k)!) : "–")).join(" | ")} | ${cell(all as [number, number])} |`);
}
if (process.argv.includes("--misses")) console.log(`\nMisses:\n${misses.join("\n")}`);
