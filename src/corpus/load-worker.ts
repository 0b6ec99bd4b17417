/**
 * Worker-thread entry: parses the files the loader sends, one message each, and
 * posts each document back (documents are plain data, so they cross by
 * structured clone). Started by background.ts; never imported by the bot itself.
 */
import { parentPort } from "node:worker_threads";
import { parseJob, type ParseJob } from "./loader.ts";

parentPort!.on("message", ({ n, job }: { n: number; job: ParseJob }) => {
  parentPort!.postMessage({ n, outcome: parseJob(job) });
});
