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
 * Run directly as `node --import tsx bench/coldstart.ts --child <dataDir>` it is the child.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { percentile } from "./stats.ts";

const MARKER = "COLDSTART-READY";

export interface ColdStartResult {
  /** Median wall time spawn -> ready, ms. */
  ms: number;
  runs: number[];
  /** The child's own view: module import, open (load + build), first answer, all in ms. */
  child: { importMs: number; openMs: number; answerMs: number; passages: number; failures: number };
}

/** Raised when a start takes longer than the caller allows; the child is killed. */
export class ColdStartTimeout extends Error {}

/** Spawns one child and resolves with spawn-to-marker wall time. */
function runOnce(dataDir: string, timeoutMs: number): Promise<{ ms: number; child: ColdStartResult["child"] }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child", dataDir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const timer = setTimeout(() => {
      done = true;
      child.kill("SIGKILL");
      reject(new ColdStartTimeout(`not ready after ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    let out = "";
    let err = "";
    let done = false;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith(MARKER));
      if (line && !done) {
        done = true;
        clearTimeout(timer);
        child.kill();
        const ms = performance.now() - started;
        resolve({ ms, child: JSON.parse(line.slice(MARKER.length)) as ColdStartResult["child"] });
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
export async function measureColdStart(dataDir: string, runs: number, warmup = true, timeoutMs = 120_000): Promise<ColdStartResult> {
  if (warmup) await runOnce(dataDir, timeoutMs);
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await runOnce(dataDir, timeoutMs));
  const times = results.map((r) => r.ms);
  const sorted = [...times].sort((a, b) => a - b);
  return { ms: percentile(sorted, 50), runs: times, child: results[0]!.child };
}

async function child(dataDir: string): Promise<void> {
  const t0 = performance.now();
  const { Library } = await import("../src/library/library.ts");
  const t1 = performance.now();
  const { library, report } = await Library.open(dataDir);
  const t2 = performance.now();
  library.engine.answer("What was discussed at the meeting?");
  const t3 = performance.now();
  const info = {
    importMs: Math.round(t1 - t0),
    openMs: Math.round(t2 - t1),
    answerMs: Math.round((t3 - t2) * 10) / 10,
    passages: report.stats.passages,
    failures: report.failures.length,
  };
  process.stdout.write(`${MARKER}${JSON.stringify(info)}\n`);
}

if (process.argv[2] === "--child" && process.argv[3]) {
  await child(process.argv[3]);
}
