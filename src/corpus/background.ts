/**
 * Loading a data directory without holding the event loop: this thread lists,
 * reads and hashes the files (I/O), and the parsing of new or changed files runs
 * in a worker thread, so the bot keeps answering while a large or hostile data
 * set is read. The worker file sits next to this module: `.ts` under tsx and
 * vitest (registered with tsx's loader inside the worker), `.js` when compiled.
 * If no worker can be started, it parses in this thread, yielding between files.
 */
import { Worker } from "node:worker_threads";
import { loadIncrementally, type IncrementalLoad, type IncrementalLoadOptions, type ParseJob, type ParseOutcome } from "./loader.ts";

export interface BackgroundLoadOptions extends Omit<IncrementalLoadOptions, "parse"> {
  /** Give up (and stop the worker) after this long (default 120 s): a load that takes longer is a bug or an attack. */
  timeoutMs?: number;
}

type Reply = { n: number; outcome: ParseOutcome };

/** Loads `dir`, parsing in a worker thread; rejects when the parser dies or the load times out. */
export async function loadCorpusInBackground(dir: string, options: BackgroundLoadOptions = {}): Promise<IncrementalLoad> {
  let worker: Worker;
  try {
    worker = startWorker();
  } catch {
    return loadIncrementally(dir, options);
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pending = new Map<number, { resolve: (outcome: ParseOutcome) => void; reject: (error: Error) => void }>();
  let dead: Error | null = null;
  const die = (error: Error) => {
    dead ??= error;
    for (const job of pending.values()) job.reject(dead);
    pending.clear();
    void worker.terminate();
  };
  const timer = setTimeout(() => die(new Error(`loading took longer than ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  worker.on("message", (reply: Reply) => {
    pending.get(reply.n)?.resolve(reply.outcome);
    pending.delete(reply.n);
  });
  worker.once("error", (error) => die(error));
  worker.once("exit", (code) => die(new Error(`loader worker stopped (exit code ${code})`)));
  const parse = (job: ParseJob, n: number) =>
    new Promise<ParseOutcome>((resolve, reject) => {
      if (dead) return reject(dead);
      pending.set(n, { resolve, reject });
      worker.postMessage({ n, job });
    });
  try {
    const result = await loadIncrementally(dir, { ...options, parse });
    if (dead) throw dead;
    return result;
  } finally {
    clearTimeout(timer);
    dead ??= new Error("load finished");
    void worker.terminate();
  }
}

function startWorker(): Worker {
  const here = import.meta.url;
  // A hostile file that still exhausts memory stops the worker, not the bot.
  const resourceLimits = { maxOldGenerationSizeMb: 2048 };
  if (here.endsWith(".js")) return new Worker(new URL("./load-worker.js", here), { resourceLimits });
  // Source files: Node cannot run .ts by itself, so the worker registers tsx's loader first.
  const entry = new URL("./load-worker.ts", here).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}
