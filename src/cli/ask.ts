/**
 * `npm run ask -- "question"`: answers for a person.
 * `npm run --silent ask -- --json`: questions on stdin, one a line; one JSON
 * object a line on stdout, in order (logs go to stderr). Reads DATA_DIR like the bot.
 * `npm run ask -- --explain "question"`: how the engine reads the question.
 */
import "dotenv/config";
import { createInterface } from "node:readline";
import { resolve } from "node:path";
import { Library } from "../library/library.ts";
import { snapshotDirIn } from "../library/snapshot.ts";
import type { Answer, AnswerEngine } from "../search/types.ts";

interface JsonAnswer {
  document: string;
  section: string | null;
  passage: string;
  sentence: string;
  speaker: string | null;
  score: number;
  /** Probability-like chance (0..1) that the answer is right; "answers": [] means the engine abstained. */
  confidence: number;
}

export const USAGE = `Usage:
  npm run ask -- "question" ["question" ...]   answers, for a person
  npm run --silent ask -- --json               questions on stdin, one a line; one JSON object a line on stdout:
                                               {"question", "answers": [{"document", "section", "passage",
                                               "sentence", "speaker", "score", "confidence"}]} ([] = abstains)
  npm run ask -- --explain "question"          how the engine reads the question (concepts, weights, intent)
  npm run ask -- --help                        this text
Reads the articles in DATA_DIR (default ./data).`;

/** The `--json` line for one question: the contract other tools rely on. */
export function toJsonLine(question: string, answers: readonly Answer[]): string {
  const out: JsonAnswer[] = answers.map((a) => ({
    document: a.document.title,
    section: a.section,
    passage: a.passage.text,
    sentence: a.sentence.text,
    speaker: a.speaker,
    score: a.score,
    confidence: a.confidence,
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
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return;
  }
  const json = args.includes("--json");
  const explain = args.includes("--explain");
  const unknown = args.find((a) => a.startsWith("--") && !["--json", "--explain"].includes(a));
  if (unknown) {
    console.error(`ask: unknown option ${unknown}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const questions = args.filter((a) => a !== "--json" && a !== "--explain");
  const dataDir = process.env.DATA_DIR || "./data";
  // The bot's snapshot of the parsed corpus (STATE_DIR/snapshot): only changed files are parsed.
  const { library, report } = await Library.open(dataDir, {
    snapshotDir: snapshotDirIn(resolve(process.env.STATE_DIR || "./state")),
  });
  for (const line of [...(report.warnings ?? []), ...report.failures.map((f) => `skipped ${f.file}: ${f.reason}`)])
    console.error(line);
  if (!report.ok) {
    console.error(
      `No article could be loaded from ${dataDir}${report.failures.length ? ` (${report.failures.length} skipped)` : ""}.`,
    );
  }
  const engine: AnswerEngine = library.engine;
  if (explain) {
    for (const question of questions) console.log(JSON.stringify(explained(engine, question), null, 2));
    return;
  }

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

/** The engine's reading of a question, as plain JSON (variant maps as objects). */
function explained(engine: AnswerEngine, question: string): unknown {
  const query = engine.explain(question);
  return { ...query, concepts: query.concepts.map((c) => ({ ...c, variants: Object.fromEntries(c.variants) })) };
}

main().catch((error: unknown) => {
  console.error(`ask: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
