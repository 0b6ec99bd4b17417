/**
 * Fits the confidence model (src/search/confidence.ts) on some public question
 * sets and checks it on the others, so the coefficients are measured, not
 * chosen. A question's label is whether the engine's top answer is right (for
 * an unanswerable question, any answer is wrong).
 *
 *   npx tsx bench/fit-confidence.ts            # fit, print train/held-out figures and the model
 *   npx tsx bench/fit-confidence.ts --write    # ... and write the model into confidence.ts
 *   npx tsx bench/fit-confidence.ts --folds    # ... and each SQuAD article's figures
 *
 * Fit: every SQuAD article, heldout and heldout2; dev and heldout3 only check.
 * Overfitting check: each SQuAD article is also scored by a model fitted
 * without it (leave-one-article-out), and both figures are printed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConfidenceFeatures, ConfidenceModel } from "../src/search/confidence.ts";
import { createEngine, inspect } from "../src/search/engine.ts";
import { DEFAULT_OPTIONS } from "../src/search/options.ts";
import { logistic, sigmoid } from "./logistic.ts";
import { auc, judge, loadSets, type QuestionSet, ROOT } from "../tests/support/evaluate.ts";

interface Sample {
  set: string;
  x: number[];
  /** 1 when the top answer is right. */
  y: number;
  none: boolean;
}

/**
 * What the model is fitted to predict. A right top answer counts 1, any answer
 * to an unanswerable question 0, and a wrong top answer to an answerable
 * question `WRONG_ANSWERABLE`: the abstention targets are about answerable vs
 * unanswerable questions (refusing a wrong answer to an answerable question
 * still counts as refusing it), and SQuAD's span rule marks many sentences
 * that hold the answer's neighbourhood wrong. Chosen with `OWN_WEIGHT` and the
 * threshold by leave-one-article-out cross-validation (below).
 */
const WRONG_ANSWERABLE = Number(process.argv.find((a) => a.startsWith("--wrong="))?.slice(8) ?? 0.7);
/**
 * How many times our own fit sets (heldout, heldout2: 120 questions) count
 * against the SQuAD slice (378): without it the fit follows SQuAD's style and
 * loses our sets' off-topic questions.
 */
const OWN_WEIGHT = Number(process.argv.find((a) => a.startsWith("--own-weight="))?.slice(13) ?? 6);

const KEYS = Object.keys(DEFAULT_OPTIONS.confidence.weights) as (keyof ConfidenceFeatures)[];

/** The top answer's features and whether it is right, for every question of `set`. */
function samples(set: QuestionSet, name: string, runs = set.runs): Sample[] {
  const out: Sample[] = [];
  for (const run of runs) {
    const engine = createEngine(run.documents);
    for (const question of run.questions) {
      const top = inspect(engine, question.q, { limit: 2, minConfidence: 0 })[0];
      const none = question.kind === "none";
      const features = top?.features;
      // No answer at all (nothing matched): the model never sees it; it counts as abstained.
      if (!features) {
        out.push({ set: name, x: [], y: none ? 0 : 0, none });
        continue;
      }
      const right = !none && judge(set, question, [top.answer]);
      out.push({ set: name, x: KEYS.map((k) => features[k]), y: right ? 1 : 0, none });
    }
  }
  return out;
}

/** The logistic fit (bench/logistic.ts) of the top answer's rightness. */
function fit(data: Sample[], l2 = 1, steps = 30): ConfidenceModel {
  const rows = data
    .filter((d) => d.x.length > 0)
    .map((d) => ({ x: d.x, y: d.y === 1 ? 1 : d.none ? 0 : WRONG_ANSWERABLE }));
  const w = logistic(rows, KEYS.length, l2, steps);
  return {
    intercept: w[0]!,
    weights: Object.fromEntries(KEYS.map((k, i) => [k, w[i + 1]!])) as ConfidenceModel["weights"],
  };
}

function predict(model: ConfidenceModel, x: number[]): number {
  if (x.length === 0) return 0;
  return sigmoid(model.intercept + KEYS.reduce((z, k, i) => z + model.weights[k] * x[i]!, 0));
}

/** Top-1 on answerable, refused answerable, abstained on unanswerable at `threshold`, and AUC. */
function report(
  label: string,
  data: Sample[],
  model: ConfidenceModel,
  threshold: number,
  p = (d: Sample) => predict(model, d.x),
): string {
  const answerable = data.filter((d) => !d.none);
  const unanswerable = data.filter((d) => d.none);
  const right = answerable.filter((d) => d.y === 1 && p(d) >= threshold).length;
  const refused = answerable.filter((d) => p(d) < threshold).length;
  const abstained = unanswerable.filter((d) => p(d) < threshold).length;
  const a = auc(data.filter((d) => d.y === 1).map(p), data.filter((d) => d.y === 0).map(p));
  const pct = (n: number, t: number) => (t ? `${((100 * n) / t).toFixed(1)}%` : "–");
  return `| ${label} | ${pct(right, answerable.length)} | ${pct(refused, answerable.length)} | ${pct(abstained, unanswerable.length)} | ${a === null ? "–" : a.toFixed(3)} |`;
}

const sets = await loadSets(["dev", "heldout", "heldout2", "heldout3", "squad-alone"]);
const byName = new Map(sets.map((s) => [s.name, s]));
const squad = byName.get("squad-alone")!;
const own = [...samples(byName.get("heldout")!, "heldout"), ...samples(byName.get("heldout2")!, "heldout2")];
const ownWeighted = Array.from({ length: OWN_WEIGHT }, () => own).flat();
const articles = squad.runs.map((run, i) => samples(squad, `squad: ${run.documents[0]?.id ?? i + 1}`, [run]));
const check = {
  dev: samples(byName.get("dev")!, "dev"),
  heldout3: samples(byName.get("heldout3")!, "heldout3"),
};
const threshold = Number(
  process.argv.find((a) => a.startsWith("--threshold="))?.slice(12) ?? DEFAULT_OPTIONS.minConfidence,
);

// Leave one article out: each SQuAD article is scored by a model fitted without it (and with our own sets).
const crossValidated = new Map<Sample, number>();
for (const [i, held] of articles.entries()) {
  const model = fit([...ownWeighted, ...articles.filter((_, j) => j !== i).flat()]);
  for (const d of held) crossValidated.set(d, predict(model, d.x));
}
const model = fit([...ownWeighted, ...articles.flat()]);
const allSquad = articles.flat();
console.log(
  `Threshold (DEFAULT_OPTIONS.minConfidence): ${threshold}; wrong answerable counts ${WRONG_ANSWERABLE}; own sets x${OWN_WEIGHT}\n`,
);
console.log("| set | top-1 answerable | refused answerable | abstained unanswerable | AUC |\n|---|---|---|---|---|");
console.log(report("SQuAD alone, leave-one-article-out", allSquad, model, threshold, (d) => crossValidated.get(d)!));
console.log(report("SQuAD alone, fitted on all (shipped)", allSquad, model, threshold));
for (const [name, data] of [
  ["heldout (fit)", own.filter((d) => d.set === "heldout")],
  ["heldout2 (fit)", own.filter((d) => d.set === "heldout2")],
  ["dev (check)", check.dev],
  ["heldout3 (check)", check.heldout3],
] as const)
  console.log(report(name, data, model, threshold));
if (process.argv.includes("--folds")) {
  console.log("\nPer SQuAD article: scored by the model fitted without it | by the shipped model:");
  for (const held of articles)
    console.log(
      report(held[0]!.set, held, model, threshold, (d) => crossValidated.get(d)!),
      report("shipped", held, model, threshold),
    );
}
console.log("\nThresholds (SQuAD leave-one-article-out | SQuAD shipped model | our four sets, shipped model):");
for (const t of [0.3, 0.34, 0.36, 0.38, 0.4, 0.42, 0.44, 0.46]) {
  console.log(
    t,
    report("cv", allSquad, model, t, (d) => crossValidated.get(d)!),
    report("fit", allSquad, model, t),
    report("ours", [...own, ...check.dev, ...check.heldout3], model, t),
  );
}
const text = `export const CONFIDENCE_MODEL: ConfidenceModel = ${JSON.stringify(model, null, 2).replace(/"(\w+)":/g, "$1:")};`;
console.log(`\n${text}`);

if (process.argv.includes("--write")) {
  const file = join(ROOT, "src/search/confidence.ts");
  const source = readFileSync(file, "utf8");
  const updated = source.replace(/export const CONFIDENCE_MODEL: ConfidenceModel = \{[\s\S]*?\n\};/, text);
  writeFileSync(file, updated);
  console.log(`\nwrote ${file}`);
}
