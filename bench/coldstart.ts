/**
 * Cold start: wall time from spawning a fresh Node process to "ready to answer".
 *
 * The child is started the way the product runs (`npm start`: plain node on the compiled
 * dist/, built first when stale, as the tests' global set-up does; no TypeScript loader,
 * whose modules would count in the RSS measured), opens the data directory through the
 * built `Library.open` — the product's own path: loadCorpus then createEngine — answers
 * one question, and prints a marker (coldstart-child.ts, compiled to JavaScript here).
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
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import buildDist from "../tests/support/build.ts";
import { COST, MARKER } from "./coldstart-child.ts";
import { percentile } from "./stats.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let compiled: string | null = null;

/**
 * dist/ built if stale, and coldstart-child.ts with the bench modules it
 * imports compiled to JavaScript in a temporary folder (once a process,
 * removed at exit); returns the child's path.
 */
function childScript(): string {
  if (compiled) return compiled;
  buildDist();
  const out = mkdtempSync(path.join(os.tmpdir(), "qa-coldstart-child-"));
  process.on("exit", () => rmSync(out, { recursive: true, force: true }));
  writeFileSync(path.join(out, "package.json"), '{ "type": "module" }\n');
  const pending = ["coldstart-child"];
  const done = new Set<string>();
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (done.has(name)) continue;
    done.add(name);
    const source = readFileSync(path.join(ROOT, "bench", `${name}.ts`), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        rewriteRelativeImportExtensions: true,
        verbatimModuleSyntax: false,
      },
      fileName: `${name}.ts`,
    });
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, `${name}.js`), outputText);
    // Its relative imports (bench modules only: the product is imported from dist/ at run time).
    for (const [, next] of outputText.matchAll(/from "\.\/([\w-]+)\.js"/g)) pending.push(next!);
  }
  compiled = path.join(out, "coldstart-child.js");
  return compiled;
}

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
  /** Only with a snapshot folder: the served engine's cost and answers (memory after a forced GC). */
  rssMB?: number;
  rssPerPassageKB?: number;
  heapUsedMB?: number;
  heapTotalMB?: number;
  externalMB?: number;
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
    // Compiled (and dist/ built) before the clock starts.
    const script = childScript();
    const started = performance.now();
    const flags = [...(options.nodeFlags ?? []), ...(options.snapshotDir ? ["--expose-gc"] : [])];
    const extra = options.snapshotDir ? ["--snapshot", options.snapshotDir] : [];
    const library = path.join(ROOT, "dist", "library", "library.js");
    const dev = path.join(ROOT, "tests", "dev-questions.jsonl");
    const child = spawn(process.execPath, [...flags, script, library, dev, dataDir, ...extra], {
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
