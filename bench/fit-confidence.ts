/**
 * Fits the confidence model (src/search/confidence.ts) on some public question
 * sets and checks it on the others, so the coefficients are measured, not
 * chosen. A question's label is whether the engine's top answer is right (for
 * an unanswerable question, any answer is wrong).
 *
 *   npx tsx bench/fit-confidence.ts            # fit, print train/held-out figures and the model
 *   npx tsx bench/fit-confidence.ts --write    # ... and write the model into confidence.ts
 *
 * Split: the SQuAD slice's articles alternate between fit and check (sorted by
 * name: 1st, 3rd, ... fit); heldout and heldout2 fit; dev and heldout3 check.
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
 * What the model is fitted to predict. "right" (default): the top answer is
 * right. The abstention targets separate answerable from unanswerable
 * questions, so a wrong answer to an answerable question counts
 * `WRONG_ANSWERABLE` (between 0 and 1) in the fit; the AUC is still measured on right vs wrong.
 */
const WRONG_ANSWERABLE = Number(process.argv.find((a) => a.startsWith("--wrong="))?.slice(8) ?? 0);

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
function report(label: string, data: Sample[], model: ConfidenceModel, threshold: number): string {
  const answerable = data.filter((d) => !d.none);
  const unanswerable = data.filter((d) => d.none);
  const p = (d: Sample) => predict(model, d.x);
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
const fitRuns = squad.runs.filter((_, i) => i % 2 === 0);
const checkRuns = squad.runs.filter((_, i) => i % 2 === 1);
const train = [
  ...samples(squad, "squad (fit half)", fitRuns),
  ...samples(byName.get("heldout")!, "heldout"),
  ...samples(byName.get("heldout2")!, "heldout2"),
];
const check = {
  "squad (check half)": samples(squad, "squad (check half)", checkRuns),
  dev: samples(byName.get("dev")!, "dev"),
  heldout3: samples(byName.get("heldout3")!, "heldout3"),
};
const model = fit(train);
const threshold = DEFAULT_OPTIONS.minConfidence;
console.log(`Threshold (DEFAULT_OPTIONS.minConfidence): ${threshold}\n`);
console.log("| set | top-1 answerable | refused answerable | abstained unanswerable | AUC |\n|---|---|---|---|---|");
for (const name of ["squad (fit half)", "heldout", "heldout2"])
  console.log(
    report(
      `fit: ${name}`,
      train.filter((d) => d.set === name),
      model,
      threshold,
    ),
  );
for (const [name, data] of Object.entries(check)) console.log(report(`check: ${name}`, data, model, threshold));
console.log("\nThresholds on the fit sets (top-1 / refused / abstained):");
for (const t of [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) {
  console.log(t, report("fit", train, model, t), report("check", Object.values(check).flat(), model, t));
  console.log(
    t,
    report(
      "fit squad",
      train.filter((d) => d.set.startsWith("squad")),
      model,
      t,
    ),
    report("check squad", check["squad (check half)"], model, t),
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
