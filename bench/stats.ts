/**
 * Timing and memory primitives shared by every benchmark.
 *
 * Latencies are kept as raw samples (not running averages) because the targets are
 * about the tail (p99), and a mean hides exactly the slow queries we care about.
 */

/** Nearest-rank percentile of an ascending-sorted sample; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index]!;
}

export interface LatencySummary {
  /** Number of timed calls. */
  count: number;
  p50Us: number;
  p99Us: number;
  /** Calls per second over the whole timed loop (count / wall time). */
  qps: number;
}

/** Summarises per-call latencies (µs) and the loop's wall time (ms). */
export function summarize(samplesUs: readonly number[], wallMs: number): LatencySummary {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Us: percentile(sorted, 50),
    p99Us: percentile(sorted, 99),
    qps: wallMs > 0 ? (sorted.length * 1000) / wallMs : Number.NaN,
  };
}

export interface LoopBudget {
  /** Calls run once, untimed, before measuring (JIT warm-up). */
  warmup: number;
  /** Stop after at least this many timed calls... */
  minCalls: number;
  /** ...and at least this much time, but never beyond maxMs. */
  minMs: number;
  maxMs: number;
}

/**
 * Calls `fn` on the inputs round-robin and times each call.
 *
 * Always completes at least one full pass over the inputs, so every question of the
 * fixed mix is in every engine's sample, whatever its speed.
 */
export function timeLoop<T>(inputs: readonly T[], fn: (input: T) => unknown, budget: LoopBudget): LatencySummary {
  if (inputs.length === 0) throw new Error("timeLoop: no inputs");
  for (let i = 0; i < budget.warmup; i++) fn(inputs[i % inputs.length]!);
  const samples: number[] = [];
  let sink = 0;
  const started = performance.now();
  let now = started;
  for (let i = 0; ; i++) {
    const t0 = performance.now();
    const out = fn(inputs[i % inputs.length]!);
    now = performance.now();
    samples.push((now - t0) * 1000);
    if (out != null) sink++;
    const elapsed = now - started;
    const fullPass = i + 1 >= inputs.length;
    if (fullPass && ((samples.length >= budget.minCalls && elapsed >= budget.minMs) || elapsed >= budget.maxMs)) break;
  }
  keep(sink);
  return summarize(samples, now - started);
}

/** Same as timeLoop for async calls (bot updates), awaited one after the other. */
export async function timeLoopAsync<T>(
  inputs: readonly T[],
  fn: (input: T) => Promise<unknown>,
  budget: LoopBudget,
): Promise<LatencySummary> {
  if (inputs.length === 0) throw new Error("timeLoopAsync: no inputs");
  for (let i = 0; i < budget.warmup; i++) await fn(inputs[i % inputs.length]!);
  const samples: number[] = [];
  const started = performance.now();
  let now = started;
  for (let i = 0; ; i++) {
    const t0 = performance.now();
    await fn(inputs[i % inputs.length]!);
    now = performance.now();
    samples.push((now - t0) * 1000);
    const elapsed = now - started;
    const fullPass = i + 1 >= inputs.length;
    if (fullPass && ((samples.length >= budget.minCalls && elapsed >= budget.minMs) || elapsed >= budget.maxMs)) break;
  }
  return summarize(samples, now - started);
}

let sinkHole = 0;
/** Keeps results observable so the JIT cannot drop a call as dead code. */
export function keep(value: number): void {
  sinkHole = (sinkHole + value) | 0;
}

/**
 * Forces full garbage collections; needs node --expose-gc (run.ts re-spawns itself with it).
 *
 * Yields to the event loop first: objects touched during the current job can survive a
 * gc() called from that same job (measured: ~40 MB of a freshly generated corpus'
 * garbage only went after a setImmediate), which made heap deltas come out negative.
 */
export async function forceGc(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== "function") throw new Error("global.gc is missing: run node with --expose-gc");
  await new Promise((resolve) => setImmediate(resolve));
  // Several passes: weak refs and finalizers can keep garbage alive for one cycle.
  for (let i = 0; i < 3; i++) gc();
}

/** Heap in use after a forced GC, in MB. */
export async function heapUsedMB(): Promise<number> {
  await forceGc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

/** Rounds for display and JSON: keeps 3 significant-ish digits without noise. */
export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
