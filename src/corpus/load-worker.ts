/**
 * Worker-thread entry: loads a data directory off the main thread and posts the
 * LoadResult back (documents are plain data, so they cross by structured clone).
 * Started by background.ts; never imported by the bot itself.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadCorpus } from "./loader.ts";

const { dir, maxBytes, maxFiles } = workerData as { dir: string; maxBytes?: number; maxFiles?: number };
try {
  const result = await loadCorpus(dir, { maxBytes, maxFiles, warn: () => undefined });
  parentPort!.postMessage({ ok: true, result });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
