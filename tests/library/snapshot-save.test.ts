/**
 * The snapshot save after a reload runs while questions are answered (issue
 * 13): the engine snapshot is taken in slices (FlexSearch's export chunk by
 * chunk) and its checksum a few MB at a time, with turns of the event loop
 * between them; what is saved is what a save in one go would save.
 */
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import { SnapshotStore, checksum, checksumInSlices } from "../../src/library/snapshot.ts";
import { engineSnapshot, engineSnapshotInSlices } from "../../src/search/engine.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = ["heldout", "heldout3", "squad"].map((name) => path.join(ROOT, "tests/fixtures", name, "articles"));
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

it("the engine snapshot taken in slices is the one taken at once, with a turn of the event loop per export chunk", async () => {
  const { library } = await Library.open(FIXTURES[2]!, { thread: "main" });
  let pauses = 0;
  const sliced = await engineSnapshotInSlices(library.engine, async () => {
    pauses++;
    await new Promise((resolve) => setImmediate(resolve));
  });
  const whole = engineSnapshot(library.engine);
  expect(sliced).toEqual(whole);
  expect(whole.candidates.parts.length).toBeGreaterThan(1);
  expect(pauses).toBe(whole.candidates.parts.length);
});

it("a checksum taken in slices equals the one taken at once, pausing between slices", async () => {
  const bytes = randomBytes(9 * 1024 * 1024 + 17);
  let pauses = 0;
  const sliced = await checksumInSlices(bytes, async () => void pauses++);
  expect(sliced).toBe(checksum(bytes));
  expect(pauses).toBe(2);
  expect(await checksumInSlices(new Uint8Array(0), async () => void pauses++)).toBe(checksum(new Uint8Array(0)));
});

it("an engine snapshot saved with pauses reads back whole", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "qa-snapshot-save-"));
  temps.push(dir);
  const { library } = await Library.open(FIXTURES[0]!, { thread: "main" });
  const store = new SnapshotStore(dir);
  const snapshot = engineSnapshot(library.engine);
  await store.saveEngine("k", snapshot, () => new Promise((resolve) => setImmediate(resolve)));
  const warnings: string[] = [];
  expect(await store.getEngine("k", (line) => warnings.push(line))).toEqual(snapshot);
  expect(warnings).toEqual([]);
});

it("a /reload that changed nothing updates the served index (no whole snapshot read back) and does not write the engine snapshot again", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "qa-snapshot-save-"));
  temps.push(root);
  const data = path.join(root, "data");
  const snapshotDir = path.join(root, "snapshot");
  await cp(FIXTURES[2]!, data, { recursive: true });
  const { library } = await Library.open(data, { thread: "main", snapshotDir });
  const engineFile = async () => {
    const name = (await readdir(snapshotDir)).find((n) => n.startsWith("engine-") && n.endsWith(".v8"))!;
    const info = await stat(path.join(snapshotDir, name), { bigint: true });
    return `${name} ${info.ino} ${info.mtimeNs}`;
  };
  const saved = await engineFile();
  const again = await library.reload();
  expect(again.ok).toBe(true);
  expect(again.index).toBe("updated");
  await library.flush();
  expect(await engineFile()).toBe(saved);
  // The next start still restores it.
  const restart = await Library.open(data, { thread: "main", snapshotDir });
  expect(restart.report.index).toBe("restored");
}, 60_000);
