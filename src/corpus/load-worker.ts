/**
 * Worker-thread entry: parses the files the loader sends, one message each, and
 * posts each document back packed (packed.ts: a few arrays cross by structured
 * clone faster than a document's objects; the loader unpacks it). Started by
 * background.ts; never imported by the bot itself.
 */
import { parentPort } from "node:worker_threads";
import { parseJob, type ParseJob } from "./loader.ts";
import { packDocument } from "./packed.ts";

parentPort!.on("message", ({ n, job }: { n: number; job: ParseJob }) => {
  const outcome = parseJob(job);
  parentPort!.postMessage({ n, outcome: "error" in outcome ? outcome : packDocument(outcome) });
});
