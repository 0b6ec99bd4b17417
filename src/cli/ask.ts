/**
 * `npm run ask -- "question"`: answers for a person.
 * `npm run --silent ask -- --json`: questions on stdin, one a line; one JSON
 * object a line on stdout, in order (logs go to stderr). Reads DATA_DIR like the bot.
 */
import "dotenv/config";
import { createInterface } from "node:readline";
import { loadCorpus } from "../corpus/loader.ts";
import { createEngine } from "../search/engine.ts";
import type { Answer, AnswerEngine } from "../search/types.ts";

interface JsonAnswer {
  document: string;
  section: string | null;
  passage: string;
  sentence: string;
  speaker: string | null;
  score: number;
}

/** The `--json` line for one question: the contract other tools rely on. */
export function toJsonLine(question: string, answers: readonly Answer[]): string {
  const out: JsonAnswer[] = answers.map((a) => ({
    document: a.document.title,
    section: a.section,
    passage: a.passage.text,
    sentence: a.sentence.text,
    speaker: a.speaker,
    score: a.score,
  }));
  return JSON.stringify({ question, answers: out });
}

function printForPerson(question: string, answers: readonly Answer[]): void {
  console.log(`Q: ${question}`);
  if (answers.length === 0) {
    console.log("  The articles do not answer this.\n");
    return;
  }
  for (const [i, a] of answers.entries()) {
    const where = [a.document.title, a.document.date, a.section].filter(Boolean).join(" · ");
    console.log(`  ${i + 1}. [${a.score.toFixed(3)}] ${a.sentence.text}${a.speaker ? `  — ${a.speaker}` : ""}`);
    console.log(`     ${where}`);
  }
  console.log("");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const questions = args.filter((a) => a !== "--json");
  const dataDir = process.env.DATA_DIR || "./data";
  const { documents, failures } = await loadCorpus(dataDir, { warn: (m) => console.error(m) });
  if (documents.length === 0) {
    console.error(`No article could be loaded from ${dataDir}${failures.length ? ` (${failures.length} skipped)` : ""}.`);
  }
  const engine: AnswerEngine = createEngine(documents);

  if (json || questions.length === 0) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const question = line.trim();
      if (!question) continue;
      const answers = engine.answer(question);
      if (json) process.stdout.write(`${toJsonLine(question, answers)}\n`);
      else printForPerson(question, answers);
    }
    return;
  }
  for (const question of questions) printForPerson(question, engine.answer(question));
}

main().catch((error: unknown) => {
  console.error(`ask: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
