/**
 * Cold start: wall time from spawning a fresh Node process to "ready to answer".
 *
 * The child is started the way the product runs (node with the tsx loader, modules
 * compiled on import), opens the data directory through `Library.open` — the product's
 * own path: loadCorpus then createEngine — answers one question, and prints a marker.
 * The parent times spawn -> marker, so process start-up, module loading, reading the
 * files, parsing and index building are all included. For 100k passages the synthetic
 * corpus is first written as text files to a temporary data directory, so the child
 * does what a real start does (read and parse files), not the generator's work.
 *
 * With a snapshot folder the child opens the library with it (a first start fills it, a
 * restart reads it back), and after the timed ready line reports what the served engine costs: RSS per passage
 * after a forced GC, question latency (p50/p99 over the bench's question mix) and a
 * digest of every answer, so two starts can be shown to answer identically.
 *
 * Run directly as `node --expose-gc --import tsx bench/coldstart.ts --child <dataDir> [--snapshot <dir>]` it is the child.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { percentile } from "./stats.ts";

const MARKER = "COLDSTART-READY";
/** With a snapshot folder the child prints this line after the timed marker: the served engine's cost. */
const COST = "COLDSTART-COST";

export interface ColdStartResult {
  /** Median wall time spawn -> ready, ms. */
  ms: number;
  runs: number[];
  /** The child's own view: module import, open (load + build), first answer, all in ms. */
  child: ChildReport;
}

/** What the child measured of itself. */
export interface ChildReport {
  importMs: number;
  openMs: number;
  answerMs: number;
  passages: number;
  failures: number;
  /** Files parsed and reused (snapshot), when the library reports them. */
  parsed?: number;
  reused?: number;
  /** Only with a snapshot folder: the served engine's cost and answers. */
  rssMB?: number;
  rssPerPassageKB?: number;
  p50Us?: number;
  p99Us?: number;
  /** sha1 of the answers (document, passage, sentence, speaker, score) to the question mix. */
  digest?: string;
}

export interface StartOptions {
  /** Snapshot folder passed to Library.open (none: the start parses every file). */
  snapshotDir?: string;
  /** Extra node flags for the child (e.g. --max-semi-space-size=32). */
  nodeFlags?: string[];
}

/** Raised when a start takes longer than the caller allows; the child is killed. */
export class ColdStartTimeout extends Error {}

/** Spawns one child and resolves with spawn-to-marker wall time. */
function runOnce(
  dataDir: string,
  timeoutMs: number,
  options: StartOptions = {},
): Promise<{ ms: number; child: ChildReport }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const flags = [...(options.nodeFlags ?? []), ...(options.snapshotDir ? ["--expose-gc"] : [])];
    const extra = options.snapshotDir ? ["--snapshot", options.snapshotDir] : [];
    const child = spawn(
      process.execPath,
      [...flags, "--import", "tsx", fileURLToPath(import.meta.url), "--child", dataDir, ...extra],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const timer = setTimeout(() => {
      done = true;
      child.kill("SIGKILL");
      reject(new ColdStartTimeout(`not ready after ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    let out = "";
    let err = "";
    let done = false;
    let readyMs: number | null = null;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split("\n");
      const ready = lines.find((l) => l.startsWith(MARKER) && l.endsWith("}"));
      // Ready is timed when its line arrives; what the child measures afterwards is not.
      if (ready && readyMs === null) readyMs = performance.now() - started;
      const cost = options.snapshotDir ? lines.find((l) => l.startsWith(COST) && l.endsWith("}")) : "";
      if (ready && cost !== undefined && !done) {
        done = true;
        clearTimeout(timer);
        child.kill();
        const report = JSON.parse(ready.slice(MARKER.length)) as ChildReport;
        if (cost) Object.assign(report, JSON.parse(cost.slice(COST.length)) as Partial<ChildReport>);
        resolve({ ms: readyMs!, child: report });
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!done) reject(new Error(`cold-start child exited with ${code} before ready:\n${err.slice(-2000)}`));
    });
  });
}

/**
 * One untimed warm-up start unless told otherwise (fills tsx's compile cache and the OS
 * file cache, as on any server after the first start), then `runs` timed starts; the
 * median is reported.
 */
export async function measureColdStart(
  dataDir: string,
  runs: number,
  warmup = true,
  timeoutMs = 120_000,
): Promise<ColdStartResult> {
  if (warmup) await runOnce(dataDir, timeoutMs);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await runOnce(dataDir, timeoutMs));
  const times = results.map((r) => r.ms);
  const sorted = [...times].sort((a, b) => a - b);
  return { ms: percentile(sorted, 50), runs: times, child: results[0]!.child };
}

/**
 * One start, timed as the time to ready (the marker). With a snapshot folder, the
 * start is timed first; what follows (latency, RSS, digest) happens after the timer.
 */
export async function measureStart(
  dataDir: string,
  options: StartOptions,
  timeoutMs = 240_000,
): Promise<{ ms: number; child: ChildReport }> {
  return runOnce(dataDir, timeoutMs, options);
}

async function child(dataDir: string, snapshotDir: string | undefined): Promise<void> {
  const t0 = performance.now();
  const { Library } = await import("../src/library/library.ts");
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
  if (snapshotDir) process.stdout.write(`${COST}${JSON.stringify(await servedCost(library.engine))}\n`);
}

/** RSS per passage, latency over the question mix, and a digest of every answer. */
async function servedCost(engine: import("../src/search/types.ts").AnswerEngine): Promise<Partial<ChildReport>> {
  const { createHash } = await import("node:crypto");
  const path = await import("node:path");
  const { questionMix, readDevQuestions } = await import("./questions.ts");
  const { forceGc, timeLoop } = await import("./stats.ts");
  const dev = await readDevQuestions(path.resolve(import.meta.dirname, "../tests/dev-questions.jsonl"));
  const questions = questionMix(engine.documents, dev, 20240311);
  const hash = createHash("sha1");
  for (const q of questions) {
    for (const a of engine.answer(q))
      hash.update(`${q}\u0000${a.document.id}|${a.passage.id}|${a.sentence.id}|${a.speaker}|${a.score}\n`);
  }
  const digest = hash.digest("hex");
  await forceGc();
  const rss = process.memoryUsage().rss;
  const passages = engine.stats().passages;
  const lat = timeLoop(questions, (q) => engine.answer(q), {
    warmup: 200,
    minCalls: 2_000,
    minMs: 1_000,
    maxMs: 5_000,
  });
  return {
    rssMB: Math.round(rss / 2 ** 20),
    rssPerPassageKB: Math.round((rss / 1024 / Math.max(1, passages)) * 100) / 100,
    p50Us: Math.round(lat.p50Us),
    p99Us: Math.round(lat.p99Us),
    digest,
  };
}

if (process.argv[2] === "--child" && process.argv[3]) {
  const i = process.argv.indexOf("--snapshot");
  await child(process.argv[3], i > 0 ? process.argv[i + 1] : undefined);
}
