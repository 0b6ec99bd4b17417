/**
 * Dumps every question's top answer with its confidence features, to see which
 * features push refused answerables down and keep unanswerables up.
 *   npx tsx bench/fit-confidence-dump.ts [--sets=squad-alone] > dump.jsonl
 */
import { createEngine, inspect } from "../src/search/engine.ts";
import { judge, loadSets } from "../tests/support/evaluate.ts";

const names = process.argv
  .find((a) => a.startsWith("--sets="))
  ?.slice(7)
  .split(",") ?? ["dev", "heldout", "heldout2", "heldout3", "squad-alone"];
for (const set of await loadSets(names)) {
  for (const [index, run] of set.runs.entries()) {
    const engine = createEngine(run.documents);
    for (const question of run.questions) {
      const top = inspect(engine, question.q, { limit: 3, minConfidence: 0 });
      const first = top[0];
      const right = first && question.kind !== "none" ? judge(set, question, [first.answer]) : false;
      const rank = top.findIndex((t) => question.kind !== "none" && judge(set, question, [t.answer]));
      console.log(
        JSON.stringify({
          set: set.name,
          run: index,
          kind: question.kind,
          q: question.q,
          expect: question.expect,
          right,
          rightAt: rank,
          confidence: first?.answer.confidence ?? 0,
          features: first?.features,
          sentence: first?.answer.sentence.text,
          second: top[1]?.answer.confidence,
        }),
      );
    }
  }
}
