/**
 * The answer path's tail at 100k passages (issue 13): p50/p99 of `npm run bench`'s timed call
 * (answer + the bot's rendered reply), young-generation GCs per 1,000 questions and bytes
 * allocated per question (V8's GC profiler), CPU-time percentiles (what the machine's load does not
 * inflate), and a digest of every answer and confidence feature, so a speed-only
 * change can show that it changed no answer (compare the digest before and after).
 *
 *   npx tsx bench/tail.ts [--passages 100000] [--rounds 3] [--semi-space 32] [--digest-only] [--slowest 10]
 *
 * `--slowest N` instead times each distinct question alone (the fastest of 15 runs, so neither a
 * GC nor the machine's load counts) and prints the N slowest: what p99 is made of besides GCs.
 *
 * Same corpus, questions and loop budget as `npm run bench`'s 100k row; `--rounds` repeats
 * the timed loop on the same engine (the median round is reported beside each round).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import type { Answer } from "../src/search/types.ts";
import { buildTemplates, countPassages, generateArticles, readArticles, toDocuments } from "./corpus.ts";
import { importSrc, loadProduct } from "./product.ts";
import { questionMix, readDevQuestions } from "./questions.ts";
import { percentile, round, timeLoop } from "./stats.ts";
import { option } from "./args.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const value = (name: string) => option(name, argv);

// --semi-space N: the same run in a child with a larger young generation (--max-semi-space-size=N; `npm start` uses V8's default).
const semiSpace = value("--semi-space");
if (semiSpace && !process.execArgv.some((f) => f.startsWith("--max-semi-space-size"))) {
  const child = spawnSync(
    process.execPath,
    [`--max-semi-space-size=${semiSpace}`, "--import", "tsx", fileURLToPath(import.meta.url), ...argv],
    { stdio: "inherit", cwd: ROOT },
  );
  process.exit(child.status ?? 1);
}

const passages = Number(value("--passages") ?? 100_000);
const rounds = Number(value("--rounds") ?? 3);
const seed = Number(value("--seed") ?? 20240311);

const product = await loadProduct();
const { inspect } = await import("../src/search/engine.ts");
const answering = await importSrc<{ renderPage: (a: readonly Answer[], i: number) => string; MAX_ANSWERS: number }>(
  "src/bot/answering.ts",
  {},
);
if (!product.createEngine || !product.loadCorpus || !answering) throw new Error("product incomplete");
const article = await readArticles(path.join(ROOT, "data"), product.loadCorpus);
const dev = await readDevQuestions(path.join(ROOT, "tests/dev-questions.jsonl"));
const docs = toDocuments(generateArticles(buildTemplates(article), passages, seed + passages));
const questions = questionMix(docs, dev, seed + passages);
const engine = product.createEngine(docs);
const limit = answering.MAX_ANSWERS;

// Digest: every inspected answer (unrounded features, sentence-model features) and every answer() reply.
const hash = createHash("sha256");
for (const q of questions) {
  for (const r of inspect(engine, q, { limit })) {
    const a = r.answer;
    hash.update(JSON.stringify([a.document.id, a.passage.index, a.sentence.id, a.score, a.confidence]));
    hash.update(JSON.stringify([r.features, r.sentences ?? null]));
  }
  for (const a of engine.answer(q, { limit })) hash.update(`${a.sentence.id}:${a.score}:${a.confidence};`);
}
const digest = hash.digest("hex").slice(0, 16);
console.log(
  `${countPassages(docs)} passages, ${questions.length} questions, digest ${digest}` +
    `  (node ${process.execArgv.filter((f) => f.startsWith("--max-semi")).join(" ") || "default young generation"})`,
);
if (argv.includes("--digest-only")) process.exit(0);

const query = (q: string) => {
  const answers = engine.answer(q, { limit });
  return answers.length > 0 ? answering.renderPage(answers, 0) : answers;
};

interface GcEvent {
  gcType: string;
  /** µs */
  cost: number;
  beforeGC: { heapStatistics: { usedHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number } };
}

/**
 * Runs `loop` under V8's GC profiler: young-generation collections (scavenges) and bytes
 * allocated, the heap's growth between collections summed over the loop.
 */
function underGcProfiler<T>(loop: () => T): {
  result: T;
  scavenges: number;
  /** Mean and longest young-generation pause, µs. */
  scavengeUs: number;
  maxScavengeUs: number;
  /** Other collections (mark-compact, incremental marking steps). */
  others: number;
  allocated: number;
} {
  const profiler = new v8.GCProfiler();
  const startUsed = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  const result = loop();
  const endUsed = v8.getHeapStatistics().used_heap_size;
  const events = (profiler.stop()?.statistics ?? []) as GcEvent[];
  let allocated = 0;
  let after = startUsed;
  for (const e of events) {
    allocated += e.beforeGC.heapStatistics.usedHeapSize - after;
    after = e.afterGC.heapStatistics.usedHeapSize;
  }
  allocated += endUsed - after;
  const young = events.filter((e) => e.gcType === "Scavenge");
  return {
    result,
    scavenges: young.length,
    scavengeUs: young.length > 0 ? young.reduce((n, e) => n + e.cost, 0) / young.length : 0,
    maxScavengeUs: Math.max(0, ...young.map((e) => e.cost)),
    others: events.length - young.length,
    allocated,
  };
}

/** The loop of stats.ts timeLoop, timing each call's process CPU time too (a busy machine's preemption is not in it). */
function cpuLoop(inputs: readonly string[], fn: (q: string) => unknown, calls: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = process.cpuUsage();
    fn(inputs[i % inputs.length]!);
    const t = process.cpuUsage(t0);
    samples.push(t.user + t.system);
  }
  return samples.sort((a, b) => a - b);
}

const slowest = Number(value("--slowest") ?? 0);
if (slowest > 0) {
  for (let i = 0; i < 400; i++) query(questions[i % questions.length]!);
  const times = questions.map((q) => {
    let best = Infinity;
    for (let r = 0; r < 15; r++) {
      const t0 = performance.now();
      query(q);
      best = Math.min(best, performance.now() - t0);
    }
    return { q, us: best * 1000 };
  });
  const sorted = [...times].sort((a, b) => b.us - a.us);
  const total = times.reduce((n, t) => n + t.us, 0);
  console.log(`fastest-of-15 per distinct question: mean ${round(total / times.length, 1)} µs; slowest ${slowest}:`);
  for (const { q, us } of sorted.slice(0, slowest)) console.log(`${round(us, 1).toString().padStart(8)} µs  ${q}`);
  process.exit(0);
}

const budget = { warmup: 200, minCalls: 2_000, minMs: 1_000, maxMs: 5_000 };
const results: { p50Us: number; p99Us: number; cpuP50: number; cpuP99: number }[] = [];
for (let r = 0; r < rounds; r++) {
  const {
    result: lat,
    scavenges,
    scavengeUs,
    maxScavengeUs,
    others,
    allocated,
  } = underGcProfiler(() => timeLoop(questions, query, budget));
  const calls = lat.count + budget.warmup;
  const cpu = cpuLoop(questions, query, 2_000);
  const row = {
    p50Us: round(lat.p50Us, 1),
    p99Us: round(lat.p99Us, 1),
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
  };
  results.push(row);
  console.log(
    `round ${r + 1}: p50 ${row.p50Us} µs  p99 ${row.p99Us} µs  (${lat.count} queries)  ` +
      `young GCs ${round((scavenges * 1000) / calls, 1)} per 1k questions (mean ${Math.round(scavengeUs)} µs, max ${Math.round(maxScavengeUs)} µs; ${others} other GCs)  ` +
      `allocated ${round(allocated / calls / 1024, 1)} KB/question  cpu p50 ${row.cpuP50} µs  cpu p99 ${row.cpuP99} µs`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(
  `median of ${rounds}: p50 ${median(results.map((r) => r.p50Us))} µs  p99 ${median(results.map((r) => r.p99Us))} µs  ` +
    `cpu p50 ${median(results.map((r) => r.cpuP50))} µs  cpu p99 ${median(results.map((r) => r.cpuP99))} µs  load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
);
