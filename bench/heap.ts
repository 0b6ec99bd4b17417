/**
 * What the bytes of a restarted library are (issue 13): opens a synthetic archive
 * twice through Library.open with a snapshot folder (the second open is a restart),
 * then reports the heap per passage after a forced GC: the documents alone (the
 * loader's output), then with the engine, each with the ArrayBuffers they hold
 * beside the heap (typed arrays' data: sentence tables, term tables, postings,
 * outside V8's heap but in the RSS), and a heap snapshot's self sizes grouped
 * by kind (constructor or string type), per passage: of the whole heap, and of
 * what the engine adds (a snapshot with the restarted library less one with the
 * documents alone).
 *
 *   node --expose-gc --import tsx bench/heap.ts [--passages 20000] [--top 25]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeHeapSnapshot } from "node:v8";
import { readFile } from "node:fs/promises";
import { buildTemplates, generateArticles, readArticles, writeArticles } from "./corpus.ts";
import { loadProduct } from "./product.ts";
import { forceGc } from "./stats.ts";
import { option } from "./args.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Self sizes of a V8 heap snapshot grouped by node type and name (strings by type only). */
async function breakdown(file: string): Promise<Map<string, { bytes: number; count: number }>> {
  const snap = JSON.parse(await readFile(file, "utf8")) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [t, n, s] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const groups = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + t!]!]!;
    const name = snap.strings[snap.nodes[i + n!]!]!;
    const key =
      type === "string" || type === "concatenated string" || type === "sliced string"
        ? type
        : type === "object" || type === "closure" || type === "native"
          ? `${type} ${name.slice(0, 40)}`
          : `${type} ${name.slice(0, 30)}`;
    const g = groups.get(key) ?? { bytes: 0, count: 0 };
    g.bytes += snap.nodes[i + s!]!;
    g.count++;
    groups.set(key, g);
  }
  return groups;
}

/** Writes the synthetic archive (the generator's data is garbage once written: not in the heap measured). */
async function writeCorpus(data: string, passages: number): Promise<void> {
  const product = await loadProduct();
  const templates = buildTemplates(await readArticles(path.join(ROOT, "data"), product.loadCorpus));
  await writeArticles(generateArticles(templates, passages, 20240311 + passages), data);
}

async function main(): Promise<void> {
  const passages = Number(option("--passages") ?? 20_000);
  const top = Number(option("--top") ?? 25);
  const work = await mkdtemp(path.join(os.tmpdir(), "qa-bench-heap-"));
  try {
    const data = path.join(work, "data");
    const snapshotDir = path.join(work, "snapshot");
    await writeCorpus(data, passages);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const { Library } = await import("../src/library/library.ts");
    const { loadIncrementally } = await import("../src/corpus/loader.ts");
    const { SnapshotStore } = await import("../src/library/snapshot.ts");
    await Library.open(data, { snapshotDir });
    await forceGc();
    const used = () => {
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return { heap: heapUsed, buffers: arrayBuffers };
    };
    const base = used();
    // The documents alone, read back from the snapshot as a restart does.
    const store = new SnapshotStore(snapshotDir);
    await store.readStamps();
    const loaded = await loadIncrementally(data, {
      reuse: (file, hash, id) => store.get(file, hash, id, () => undefined),
      knownHash: (file, stamp) => store.hashFor(file, stamp),
    });
    await forceGc();
    const docs = used();
    const count = loaded.documents.reduce((sum, d) => sum + d.passages.length, 0);
    const docsFile = writeHeapSnapshot(path.join(work, "documents.heapsnapshot"));
    const { library } = await Library.open(data, { snapshotDir });
    await forceGc();
    const both = used();
    const kb = (bytes: number) => (bytes / 1024 / count).toFixed(2);
    const cost = (to: { heap: number; buffers: number }, from: { heap: number; buffers: number }) =>
      `${kb(to.heap - from.heap + to.buffers - from.buffers)} KB/passage (heap ${kb(to.heap - from.heap)} + array buffers ${kb(to.buffers - from.buffers)})`;
    console.log(`${count} passages, ${loaded.parsed} parsed, ${loaded.reused} reused`);
    console.log(`documents alone: ${cost(docs, base)}`);
    console.log(`restarted library (its own documents + engine): ${cost(both, docs)}`);
    console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (holds both copies of the documents)`);
    loaded.documents.length = 0;
    loaded.files.clear();
    await forceGc();
    const file = writeHeapSnapshot(process.env.HEAP_OUT ?? path.join(work, "heap.heapsnapshot"));
    const groups = [...(await breakdown(file)).entries()].sort((a, b) => b[1].bytes - a[1].bytes);
    const total = groups.reduce((sum, [, g]) => sum + g.bytes, 0);
    console.log(`heap snapshot total ${kb(total)} KB/passage; top groups (bytes per passage, objects per passage):`);
    const line = (key: string, g: { bytes: number; count: number }) =>
      `  ${(g.bytes / count).toFixed(0).padStart(6)} B  ${(g.count / count).toFixed(2).padStart(6)}  ${key}`;
    for (const [key, g] of groups.slice(0, top)) console.log(line(key, g));
    // What the engine adds: the same groups, less the documents-alone heap's.
    const alone = await breakdown(docsFile);
    const added = groups
      .map(([key, g]): [string, { bytes: number; count: number }] => {
        const d = alone.get(key) ?? { bytes: 0, count: 0 };
        return [key, { bytes: g.bytes - d.bytes, count: g.count - d.count }];
      })
      .sort((a, b) => b[1].bytes - a[1].bytes);
    const engineTotal = added.reduce((sum, [, g]) => sum + g.bytes, 0);
    console.log(`the engine adds ${kb(engineTotal)} KB/passage; top groups:`);
    for (const [key, g] of added.slice(0, top)) console.log(line(key, g));
    void library;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
