/**
 * Times loading each pathological article beside the shipped one, for the
 * issue's before/after figures: `npx tsx tests/hardening/support/measure-pathological.ts [index] [n]`.
 * One case per process, so a case that exhausts the heap does not hide the others.
 */
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadCorpus } from "../../../src/corpus/loader.ts";
import { createEngine } from "../../../src/search/engine.ts";
import { PATHOLOGICAL } from "./pathological.ts";

const SEED = path.resolve(import.meta.dirname, "../../../data");
const index = Number(process.argv[2] ?? 0);
const item = PATHOLOGICAL[index]!;
const n = Number(process.argv[3] ?? item.size);
const dir = await mkdtemp(path.join(tmpdir(), "pathological-"));
for (const name of await readdir(SEED)) await copyFile(path.join(SEED, name), path.join(dir, name));
const text = item.make(n);
await writeFile(path.join(dir, item.file), text);
const t0 = performance.now();
const loaded = await loadCorpus(dir, { warn: () => undefined });
const t1 = performance.now();
const engine = createEngine(loaded.documents);
const t2 = performance.now();
const answer = engine.answer("Who is the President of Azerbaijan?")[0];
await rm(dir, { recursive: true, force: true });
const heap = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
console.log(
  `${item.name} (n=${n}, ${Math.round(text.length / 1024)} KB): parse ${Math.round(t1 - t0)} ms, index ${Math.round(t2 - t1)} ms, heap ${heap} MB, docs ${loaded.documents.length}, answer ok ${JSON.stringify(answer).includes("Aliyev")}`,
);
