/**
 * The cold-start child (see coldstart.ts): opens the data folder through the
 * BUILT library (dist/, what `npm start` runs on plain node), prints the ready
 * marker, and with a snapshot folder what the served engine costs. Compiled to
 * JavaScript by the parent and run on plain node, so no TypeScript loader's
 * modules and caches are in the RSS measured.
 *
 *   node --expose-gc <compiled>/coldstart-child.js <dist/library/library.js> <dev-questions.jsonl> <dataDir> [--snapshot <dir>]
 */
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { ChildReport } from "./coldstart.ts";
import { questionMix, readDevQuestions } from "./questions.ts";
import { forceGc, timeLoop } from "./stats.ts";
import type { AnswerEngine } from "../src/search/types.ts";
import type { Library as LibraryClass } from "../src/library/library.ts";

export const MARKER = "COLDSTART-READY";
/** With a snapshot folder the child prints this line after the timed marker: the served engine's cost. */
export const COST = "COLDSTART-COST";

async function child(
  libraryModule: string,
  devQuestions: string,
  dataDir: string,
  snapshotDir: string | undefined,
): Promise<void> {
  const t0 = performance.now();
  const { Library } = (await import(pathToFileURL(libraryModule).href)) as { Library: typeof LibraryClass };
  const t1 = performance.now();
  const { library, report } = await Library.open(dataDir, snapshotDir ? { snapshotDir } : {});
  const t2 = performance.now();
  library.engine.answer("What was discussed at the meeting?");
  const t3 = performance.now();
  const info: ChildReport = {
    importMs: Math.round(t1 - t0),
    openMs: Math.round(t2 - t1),
    answerMs: Math.round((t3 - t2) * 10) / 10,
    passages: report.stats.passages,
    failures: report.failures.length,
    parsed: report.parsed,
    reused: report.reused,
  };
  process.stdout.write(`${MARKER}${JSON.stringify(info)}\n`);
  if (snapshotDir) process.stdout.write(`${COST}${JSON.stringify(await servedCost(library.engine, devQuestions))}\n`);
}

/** RSS per passage (and the heap's part of it), latency over the question mix, and a digest of every answer. */
async function servedCost(engine: AnswerEngine, devQuestions: string): Promise<Partial<ChildReport>> {
  const dev = await readDevQuestions(devQuestions);
  const questions = questionMix(engine.documents, dev, 20240311);
  const hash = createHash("sha1");
  for (const q of questions) {
    for (const a of engine.answer(q))
      hash.update(`${q}\u0000${a.document.id}|${a.passage.id}|${a.sentence.id}|${a.speaker}|${a.score}\n`);
  }
  const digest = hash.digest("hex");
  await forceGc();
  const memory = process.memoryUsage();
  const passages = engine.stats().passages;
  const lat = timeLoop(questions, (q) => engine.answer(q), {
    warmup: 200,
    minCalls: 2_000,
    minMs: 1_000,
    maxMs: 5_000,
  });
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return {
    rssMB: mb(memory.rss),
    rssPerPassageKB: Math.round((memory.rss / 1024 / Math.max(1, passages)) * 100) / 100,
    heapUsedMB: mb(memory.heapUsed),
    heapTotalMB: mb(memory.heapTotal),
    externalMB: mb(memory.external),
    p50Us: Math.round(lat.p50Us),
    p99Us: Math.round(lat.p99Us),
    digest,
  };
}

// Only when run as the child (coldstart.ts imports the markers from here).
const [libraryModule, devQuestions, dataDir] = process.argv.slice(2);
if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  libraryModule &&
  devQuestions &&
  dataDir
) {
  const i = process.argv.indexOf("--snapshot");
  await child(libraryModule, devQuestions, dataDir, i > 0 ? process.argv[i + 1] : undefined);
}
