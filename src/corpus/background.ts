/**
 * Loading a data directory without holding the event loop: the parsing runs in
 * a worker thread, so the bot keeps answering while a large or hostile data set
 * is read. The worker file sits next to this module: `.ts` under tsx and vitest
 * (registered with tsx's loader inside the worker), `.js` when compiled.
 * If no worker can be started, it loads in this thread, yielding between files.
 */
import { Worker } from "node:worker_threads";
import { loadCorpus, type LoadOptions } from "./loader.ts";
import type { LoadResult } from "./types.ts";

export interface BackgroundLoadOptions extends LoadOptions {
  /** Give up (and stop the worker) after this long (default 120 s): a load that takes longer is a bug or an attack. */
  timeoutMs?: number;
}

/** Loads `dir` in a worker thread; rejects when the load fails or times out. */
export async function loadCorpusInBackground(dir: string, options: BackgroundLoadOptions = {}): Promise<LoadResult> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let worker: Worker;
  try {
    worker = startWorker({ dir, maxBytes: options.maxBytes, maxFiles: options.maxFiles });
  } catch {
    return loadCorpus(dir, options);
  }
  const timeoutMs = options.timeoutMs ?? 120_000;
  const result = await new Promise<LoadResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`loading took longer than ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    worker.once("message", (message: { ok: true; result: LoadResult } | { ok: false; message: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.ok) resolve(message.result);
      else reject(new Error(message.message));
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`loader worker stopped (exit code ${code})`));
    });
  });
  for (const failure of result.failures) warn(`skipped ${failure.file}: ${failure.reason}`);
  return result;
}

function startWorker(data: { dir: string; maxBytes?: number; maxFiles?: number }): Worker {
  const here = import.meta.url;
  // A hostile file that still exhausts memory stops the worker, not the bot.
  const resourceLimits = { maxOldGenerationSizeMb: 2048 };
  if (here.endsWith(".js")) return new Worker(new URL("./load-worker.js", here), { workerData: data, resourceLimits });
  // Source files: Node cannot run .ts by itself, so the worker registers tsx's loader first.
  const entry = new URL("./load-worker.ts", here).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: data, resourceLimits });
}
