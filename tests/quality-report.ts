/**
 * `npm run quality`: answer quality on every question set in tests/ (see
 * tests/support/evaluate.ts): per kind, top-1 on answerable questions, refused
 * answerable, abstained on unanswerable, and the AUC of the confidence between
 * right and wrong top answers; MiniSearch BM25 on the same questions beside
 * ours. `--misses` lists what ours gets wrong; `--sets a,b` picks sets.
 */
import { minisearchAdapter } from "../bench/engines.ts";
import { createEngine } from "../src/search/engine.ts";
import type { Answer } from "../src/search/types.ts";
import { evaluate, loadSets, type Outcome, type Summary, summarize } from "./support/evaluate.ts";

const setsArg = process.argv
  .find((a) => a.startsWith("--sets="))
  ?.slice(7)
  .split(",");
const sets = await loadSets(setsArg);
const kinds = ["fact", "paraphrase", "typo", "quote", "none"];
const pct = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);

console.log(
  `| set | system | ${kinds.join(" | ")} | all | top-1 answerable | refused answerable | abstained unanswerable | AUC |`,
);
console.log(`|---|---|${kinds.map(() => "---").join("|")}|---|---|---|---|---|`);
const misses: Outcome[] = [];
for (const set of sets) {
  const ours = evaluate(set, (documents) => {
    const engine = createEngine(documents);
    const open = createEngine(documents, { minConfidence: 0 });
    return { answer: (q) => engine.answer(q), unfiltered: (q) => open.answer(q) };
  });
  misses.push(...ours.filter((o) => !o.right));
  row(set.name, "ours", summarize(ours));
  const bm25 = evaluate(set, (documents) => {
    const built = minisearchAdapter().build(documents);
    return {
      answer(q): Answer[] {
        const text = built.answerText(q);
        return text === null ? [] : [{ sentence: { text }, speaker: null, confidence: 1 } as unknown as Answer];
      },
    };
  });
  row(set.name, "MiniSearch BM25", summarize(bm25), true);
}

function row(name: string, system: string, s: Summary, noAuc = false): void {
  const cells = kinds.map((k) => (s.kinds.has(k) ? `${s.kinds.get(k)!.right}/${s.kinds.get(k)!.total}` : "–"));
  const right = [...s.kinds.values()].reduce((n, k) => n + k.right, 0);
  const total = [...s.kinds.values()].reduce((n, k) => n + k.total, 0);
  console.log(
    `| ${name} | ${system} | ${cells.join(" | ")} | ${right}/${total} | ${pct(s.top1, s.answerable)} | ${pct(s.refused, s.answerable)} | ${pct(s.abstained, s.unanswerable)} | ${noAuc || s.auc === null ? "–" : s.auc.toFixed(3)} |`,
  );
}

if (process.argv.includes("--misses")) {
  console.log("\nMisses (ours):");
  for (const o of misses)
    console.log(`${o.set} ${o.question.id} (${o.question.kind}) ${o.question.q}\n    -> ${o.top ?? "(abstained)"}`);
}
