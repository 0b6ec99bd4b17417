/**
 * How the snapshot's files are read back (issue 13): the engine's tables own
 * their bytes, rather than views that would keep the whole file they were read
 * from alive (Node's deserialiser makes views); and an entry's checksum, CRC-32
 * or sha1 as its header names, is checked either way.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import { SnapshotStore, parseEntry } from "../../src/library/snapshot.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function snapshotOfData(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "qa-snapshot-format-"));
  temps.push(root);
  const snapshotDir = path.join(root, "snapshot");
  await Library.open(path.join(ROOT, "data"), { thread: "main", snapshotDir });
  return snapshotDir;
}

it("an entry's checksum is checked whichever algorithm its header names (CRC-32 or sha1); any other is refused", async () => {
  const snapshotDir = await snapshotOfData();
  const name = (await readdir(snapshotDir)).find((n) => n.endsWith(".v8") && !n.startsWith("engine-"))!;
  const bytes = await readFile(path.join(snapshotDir, name));
  const newline = bytes.indexOf(10);
  const header = JSON.parse(bytes.subarray(0, newline).toString()) as { file: string; id: string; check: string };
  const payload = bytes.subarray(newline + 1);
  const framed = (check: string) => Buffer.concat([Buffer.from(JSON.stringify({ ...header, check }) + "\n"), payload]);
  expect(header.check).toMatch(/^(crc32|sha1):[0-9a-f]+$/);
  expect(parseEntry(bytes, header.file, header.id)).toMatchObject({ state: "fresh" });
  const sha1 = createHash("sha1").update(payload).digest("hex");
  expect(parseEntry(framed(`sha1:${sha1}`), header.file, header.id)).toMatchObject({ state: "fresh" });
  const wrong = { state: "corrupt", reason: "checksum mismatch" };
  expect(parseEntry(framed(`sha1:${"0".repeat(40)}`), header.file, header.id)).toEqual(wrong);
  expect(parseEntry(framed("crc32:0"), header.file, header.id)).toEqual(wrong);
  expect(parseEntry(framed(`md5:${sha1}`), header.file, header.id)).toEqual(wrong);
});

it("the engine snapshot's flat tables read back hold their own bytes, not the file's", async () => {
  const snapshotDir = await snapshotOfData();
  const name = (await readdir(snapshotDir)).find((n) => n.startsWith("engine-") && n.endsWith(".v8"))!;
  const key = name.slice("engine-".length, -".v8".length);
  const fileBytes = (await stat(path.join(snapshotDir, name))).size;

  const warnings: string[] = [];
  const saved = await new SnapshotStore(snapshotDir).getEngine(key, (line) => warnings.push(line));
  expect(warnings).toEqual([]);
  const tables = saved!.tables;
  expect(tables.contextOf.length).toBeGreaterThan(3);
  const flat = [tables.passageTerms, tables.bounds, tables.contextTerms, tables.contextStarts, tables.contextOf];
  for (const table of flat) {
    // Each flat table in its own buffer of its own size, far below the file's (not a view into the bytes read).
    expect(table.byteOffset).toBe(0);
    expect(table.buffer.byteLength).toBe(table.byteLength);
    expect(table.byteLength).toBeLessThan(fileBytes / 2);
  }
  expect(new Set(flat.map((t) => t.buffer)).size).toBe(flat.length);
});
