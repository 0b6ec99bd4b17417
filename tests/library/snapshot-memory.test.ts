/**
 * What a restart keeps in memory from the snapshot (issue 13): the engine's
 * tables read back own their bytes, rather than views that would keep the
 * whole file they were read from alive (Node's deserialiser makes views).
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import { SnapshotStore } from "../../src/library/snapshot.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

it("the engine snapshot's per-passage tables read back hold their own bytes, not the file's", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "qa-snapshot-memory-"));
  temps.push(root);
  const snapshotDir = path.join(root, "snapshot");
  await Library.open(path.join(ROOT, "data"), { thread: "main", snapshotDir });
  const name = (await readdir(snapshotDir)).find((n) => n.startsWith("engine-") && n.endsWith(".v8"))!;
  const key = name.slice("engine-".length, -".v8".length);
  const fileBytes = (await stat(path.join(snapshotDir, name))).size;

  const warnings: string[] = [];
  const saved = await new SnapshotStore(snapshotDir).getEngine(key, (line) => warnings.push(line));
  expect(warnings).toEqual([]);
  const entries = saved!.tables.entries;
  expect(entries.length).toBeGreaterThan(3);
  for (const table of ["terms", "sentenceStart", "context"] as const) {
    const total = entries.reduce((sum, e) => sum + e[table].byteLength, 0);
    // One flat array a table, each passage's a view into it: the buffer is that table's size, far below the file's.
    expect(entries.every((e) => e[table].buffer === entries[0]![table].buffer)).toBe(true);
    expect(entries[0]![table].buffer.byteLength).toBe(total);
    expect(total).toBeLessThan(fileBytes / 2);
  }
});
