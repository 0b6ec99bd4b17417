/**
 * Fits the sentence model (src/search/sentence-model.ts): which sentence of a
 * candidate passage holds the answer. A conditional logit (bench/logistic.ts) over the sentences of the top
 * passages (up to 3 per question) of answerable questions whose passage holds
 * the answer in some but not all of its sentences; it learns which sentence
 * holds it. Same split as bench/fit-confidence.ts: the SQuAD slice's
 * 1st, 3rd, ... articles, heldout and heldout2 fit; the others check.
 *
 *   npx tsx bench/fit-sentence.ts            # fit, print before/after on every set and the model
 *   npx tsx bench/fit-sentence.ts --write    # ... and write the model into sentence-model.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createEngine, inspect } from "../src/search/engine.ts";
import {
  SENTENCE_MODEL,
  type SentenceFeatures,
  type SentenceModel,
  chooseSentence,
} from "../src/search/sentence-model.ts";
import { judge, loadSets, type QuestionSet, ROOT, type Run } from "../tests/support/evaluate.ts";
import { conditionalLogit } from "./logistic.ts";

const KEYS = Object.keys(SENTENCE_MODEL.weights) as (keyof SentenceFeatures)[];
const PASSAGES = Number(process.argv.find((a) => a.startsWith("--passages="))?.slice(11) ?? 3);
const L2 = Number(process.argv.find((a) => a.startsWith("--l2="))?.slice(5) ?? 0.3);

/** One candidate passage: its sentences' features, which of them hold the answer, and its rank. */
interface Group {
  set: string;
  rank: number;
  features: SentenceFeatures[];
  right: boolean[];
}

function groups(set: QuestionSet, name: string, runs: readonly Run[]): Group[] {
  const out: Group[] = [];
  for (const run of runs) {
    const engine = createEngine(run.documents);
    for (const question of run.questions) {
      if (question.kind === "none") continue;
      inspect(engine, question.q, { limit: PASSAGES, minConfidence: 0 }).forEach(({ answer, sentences }, rank) => {
        if (!sentences) return;
        const right = answer.passage.sentences.map((sentence) =>
          judge(set, question, [{ ...answer, sentence, speaker: sentence.speaker }]),
        );
        out.push({ set: name, rank, features: sentences, right });
      });
    }
  }
  return out;
}

/** Of the top passages that hold the answer in one of their sentences, how often `model` picks such a sentence. */
function accuracy(data: readonly Group[], model: SentenceModel, topOnly: boolean): string {
  const useful = data.filter((g) => g.right.some(Boolean) && (!topOnly || g.rank === 0));
  const hits = useful.filter((g) => g.right[chooseSentence(g.features, model)]).length;
  return `${hits}/${useful.length}`;
}

const sets = await loadSets(["dev", "heldout", "heldout2", "heldout3", "squad-alone"]);
const byName = new Map(sets.map((s) => [s.name, s]));
const squad = byName.get("squad-alone")!;
const named = (name: string) => groups(byName.get(name)!, name, byName.get(name)!.runs);
const half = (parity: number, label: string) =>
  groups(
    squad,
    label,
    squad.runs.filter((_, i) => i % 2 === parity),
  );
const fitData = [...half(0, "squad (fit half)"), ...named("heldout"), ...named("heldout2")];
const checkData = [...half(1, "squad (check half)"), ...named("dev"), ...named("heldout3")];
const informative = fitData
  .filter((g) => g.right.some(Boolean) && !g.right.every(Boolean))
  .map((g) => ({ x: g.features.map((f) => KEYS.map((k) => f[k])), right: g.right }));
const w = conditionalLogit(informative, KEYS.length, L2);
const model: SentenceModel = {
  intercept: 0,
  weights: Object.fromEntries(KEYS.map((k, i) => [k, w[i]!])) as SentenceModel["weights"],
};
const ranker: SentenceModel = {
  intercept: 0,
  weights: Object.fromEntries(KEYS.map((k) => [k, k === "picked" ? 1 : 0])) as SentenceModel["weights"],
};

console.log(
  `${informative.length} passages fitted. Right sentence chosen, top passage only (all top-${PASSAGES} passages):`,
);
console.log("| set | ranker | model |\n|---|---|---|");
for (const name of [...new Set([...fitData, ...checkData].map((g) => g.set))]) {
  const data = [...fitData, ...checkData].filter((g) => g.set === name);
  const cell = (m: SentenceModel) => `${accuracy(data, m, true)} (${accuracy(data, m, false)})`;
  console.log(
    `| ${fitData.some((g) => g.set === name) ? "fit" : "check"}: ${name} | ${cell(ranker)} | ${cell(model)} |`,
  );
}
const text = `export const SENTENCE_MODEL: SentenceModel = ${JSON.stringify(model, null, 2).replace(/"(\w+)":/g, "$1:")};`;
console.log(`\n${text}`);

if (process.argv.includes("--write")) {
  const file = join(ROOT, "src/search/sentence-model.ts");
  const updated = readFileSync(file, "utf8").replace(
    /export const SENTENCE_MODEL: SentenceModel = \{[\s\S]*?\n\};/,
    text,
  );
  writeFileSync(file, updated);
  console.log(`\nwrote ${file}`);
}
