/**
 * The snapshot of the parsed corpus (issue 13): a start or reload parses only
 * new or changed files; a missing, stale or corrupt snapshot is rebuilt; and the
 * answers are the same with the snapshot as from a fresh parse, on the shipped
 * article plus the held-out fixtures.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import type { BigIntStats } from "node:fs";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PARSER_VERSION, stampOf } from "../../src/corpus/loader.ts";
import { Library } from "../../src/library/library.ts";
import { SnapshotStore, parseEntry } from "../../src/library/snapshot.ts";
import type { AnswerEngine } from "../../src/search/types.ts";
import { readQuestions } from "../support/questions.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SETS = ["heldout", "heldout2", "heldout3"]
  .map((name) => path.join(ROOT, "tests/fixtures", name))
  .filter((dir) => existsSync(dir));
const QUESTIONS = [
  ...readQuestions(path.join(ROOT, "tests/dev-questions.jsonl")),
  ...SETS.flatMap((dir) => readQuestions(path.join(dir, "questions.jsonl"))),
].map((q) => q.q);

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function temp(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "qa-snapshot-"));
  temps.push(dir);
  return dir;
}

/** The shipped article and every held-out article (prefixed by set: names repeat across sets). */
async function archive(): Promise<{ data: string; snapshot: string }> {
  const root = await temp();
  const data = path.join(root, "data");
  await copyDir(path.join(ROOT, "data"), data, "");
  for (const set of SETS) await copyDir(path.join(set, "articles"), data, `${path.basename(set)}-`);
  return { data, snapshot: path.join(root, "state", "snapshot") };
}

async function copyDir(from: string, to: string, prefix: string): Promise<void> {
  await import("node:fs/promises").then((fs) => fs.mkdir(to, { recursive: true }));
  for (const name of await readdir(from)) await copyFile(path.join(from, name), path.join(to, prefix + name));
}

/** Everything a user sees of the answers, as comparable data. */
function answersOf(engine: AnswerEngine): unknown[] {
  return QUESTIONS.map((q) =>
    engine.answer(q).map((a) => ({
      doc: a.document.id,
      passage: a.passage.id,
      sentence: a.sentence.id,
      text: a.sentence.text,
      speaker: a.speaker,
      score: a.score,
    })),
  );
}

const open = (data: string, snapshotDir?: string) => Library.open(data, { thread: "main", snapshotDir });

/** The snapshot's entries (one a data file), sorted. */
async function entries(snapshot: string): Promise<string[]> {
  return (await readdir(snapshot)).filter((name) => name.endsWith(".v8") && !name.startsWith("engine-")).sort();
}

/** The engine snapshot's file (one at a time). */
async function engineFile(snapshot: string): Promise<string> {
  const [name, ...more] = (await readdir(snapshot)).filter((n) => n.startsWith("engine-") && n.endsWith(".v8"));
  expect(more).toEqual([]);
  return path.join(snapshot, name!);
}

describe("the snapshot of the parsed corpus", () => {
  it("missing: the first start parses every file and saves it; a restart parses none and answers the same, score for score", async () => {
    const { data, snapshot } = await archive();
    const files = (await readdir(data)).length;
    const fresh = await open(data);
    const first = await open(data, snapshot);
    expect(first.report.parsed).toBe(files);
    expect(first.report.reused).toBe(0);
    expect(await entries(snapshot)).toHaveLength(files);
    expect(first.report.index).toBe("built");

    const restart = await open(data, snapshot);
    expect(restart.report.ok).toBe(true);
    expect(restart.report.parsed).toBe(0);
    expect(restart.report.reused).toBe(files);
    expect(restart.report.warnings).toEqual([]);
    // FlexSearch's index is imported, not built: the answers must not tell.
    expect(restart.report.index).toBe("restored");
    const expected = answersOf(fresh.library.engine);
    expect(expected.flat().length).toBeGreaterThan(QUESTIONS.length / 2);
    expect(answersOf(restart.library.engine)).toEqual(expected);
    expect(restart.library.engine.stats()).toEqual(fresh.library.engine.stats());
    // Sentence and quote texts left out of the file come back as the same strings.
    expect(restart.library.engine.documents).toEqual(fresh.library.engine.documents);
  });

  it("stale: entries from another parser version are not used, and are replaced", async () => {
    const { data, snapshot } = await archive();
    const files = (await readdir(data)).length;
    await open(data, snapshot);
    for (const name of await entries(snapshot)) {
      const file = path.join(snapshot, name);
      const bytes = await readFile(file);
      const newline = bytes.indexOf(10);
      const header = JSON.parse(bytes.subarray(0, newline).toString()) as { parser: number };
      header.parser = PARSER_VERSION + 1;
      await writeFile(file, Buffer.concat([Buffer.from(JSON.stringify(header) + "\n"), bytes.subarray(newline + 1)]));
    }

    const restart = await open(data, snapshot);
    expect(restart.report.reused).toBe(0);
    expect(restart.report.parsed).toBe(files);
    expect(restart.report.warnings).toEqual([]);
    const again = await open(data, snapshot);
    expect(again.report.parsed).toBe(0);
    expect(again.report.reused).toBe(files);
  });

  it("corrupt: a flipped byte or a cut entry is set aside with a warning and its file parsed again; answers unchanged", async () => {
    const { data, snapshot } = await archive();
    const fresh = await open(data);
    await open(data, snapshot);
    const [first, second] = await entries(snapshot);
    const good = await readFile(path.join(snapshot, first!));
    const header = JSON.parse(good.subarray(0, good.indexOf(10)).toString()) as { file: string; id: string };

    const flipped = Buffer.from(good);
    const at = flipped.length - 100;
    flipped[at] = flipped[at]! ^ 0x20;
    expect(parseEntry(good, header.file, header.id)).toMatchObject({ state: "fresh" });
    expect(parseEntry(flipped, header.file, header.id)).toEqual({ state: "corrupt", reason: "checksum mismatch" });
    expect(parseEntry(good.subarray(0, good.length - 10), header.file, header.id)).toMatchObject({ state: "corrupt" });
    expect(parseEntry(Buffer.from("garbage without a header"), header.file, header.id)).toMatchObject({
      state: "corrupt",
    });
    expect(parseEntry(good, "other.txt", header.id)).toMatchObject({ state: "corrupt" });

    await writeFile(path.join(snapshot, first!), flipped);
    const cut = await readFile(path.join(snapshot, second!));
    await writeFile(path.join(snapshot, second!), cut.subarray(0, cut.length >> 1));
    const restart = await open(data, snapshot);
    expect(restart.report.ok).toBe(true);
    expect(restart.report.parsed).toBe(2);
    expect(restart.report.warnings).toHaveLength(2);
    expect(restart.report.warnings!.join("\n")).toMatch(/is corrupt \(checksum mismatch\); set aside as .*\.corrupt/);
    expect(await readFile(path.join(snapshot, `${first}.corrupt`))).toEqual(flipped);
    expect(answersOf(restart.library.engine)).toEqual(answersOf(fresh.library.engine));
    expect(restart.library.engine.documents).toEqual(fresh.library.engine.documents);

    // Both entries were written again, whole.
    const again = await open(data, snapshot);
    expect(again.report.parsed).toBe(0);
    expect(again.report.warnings).toEqual([]);
    expect(again.report.index).toBe("restored");

    // A damaged engine snapshot: set aside, the index built, answers unchanged.
    const engine = await engineFile(snapshot);
    const bytes = await readFile(engine);
    bytes[bytes.length - 7] = bytes[bytes.length - 7]! ^ 0x01;
    await writeFile(engine, bytes);
    const rebuilt = await open(data, snapshot);
    expect(rebuilt.report.index).toBe("built");
    expect(rebuilt.report.warnings!.join("\n")).toMatch(/engine snapshot .* is corrupt \(checksum mismatch\)/);
    expect(answersOf(rebuilt.library.engine)).toEqual(answersOf(fresh.library.engine));
  });

  it("an engine snapshot of another format is not used, is rewritten by the next start, and the start after restores it", async () => {
    const { data, snapshot } = await archive();
    const fresh = await open(data);
    await open(data, snapshot);
    const engine = await engineFile(snapshot);
    const bytes = await readFile(engine);
    const newline = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, newline).toString()) as { format: string };
    header.format = "qa-engine-snapshot/0";
    await writeFile(engine, Buffer.concat([Buffer.from(JSON.stringify(header) + "\n"), bytes.subarray(newline + 1)]));

    const rebuilt = await open(data, snapshot);
    expect(rebuilt.report.index).toBe("built");
    const rewritten = await readFile(await engineFile(snapshot));
    expect(rewritten.subarray(0, rewritten.indexOf(10)).toString()).not.toContain("qa-engine-snapshot/0");
    const again = await open(data, snapshot);
    expect(again.report.index).toBe("restored");
    expect(again.report.warnings).toEqual([]);
    expect(answersOf(again.library.engine)).toEqual(answersOf(fresh.library.engine));
  });

  it("an engine snapshot that reads back whole but does not fit is rebuilt and rewritten by the next start", async () => {
    const { data, snapshot } = await archive();
    const fresh = await open(data);
    await open(data, snapshot);
    const file = await engineFile(snapshot);
    const key = path
      .basename(file)
      .replace(/^engine-/, "")
      .replace(/\.v8$/, "");
    const store = new SnapshotStore(snapshot);
    const saved = (await store.getEngine(key, () => undefined))!;
    // Valid checksum, wrong contents: the people index for fewer documents than are served.
    await store.saveEngine(key, { ...saved, tables: { ...saved.tables, people: saved.tables.people.slice(1) } });

    const rebuilt = await open(data, snapshot);
    expect(rebuilt.report.index).toBe("built");
    expect(answersOf(rebuilt.library.engine)).toEqual(answersOf(fresh.library.engine));
    const again = await open(data, snapshot);
    expect(again.report.index).toBe("restored");
    expect(answersOf(again.library.engine)).toEqual(answersOf(fresh.library.engine));
  });

  it("a changed, an added and a removed file: a restart parses the two new versions only and equals a fresh load", async () => {
    const { data, snapshot } = await archive();
    await open(data, snapshot);
    const names = (await readdir(data)).sort();
    const changed = names.find((n) => n.endsWith(".md")) ?? names[0]!;
    const removed = names.find((n) => n !== changed)!;
    await writeFile(
      path.join(data, changed),
      (await readFile(path.join(data, changed), "utf8")) +
        "\n\nA late correction: the harbour committee met again on Tuesday.\n",
    );
    await rm(path.join(data, removed));
    await writeFile(
      path.join(data, "zz-added.md"),
      "# Added note\n\nThe ferry between Kelmar and Osk carried 312 passengers on its first crossing.\n",
    );

    const restart = await open(data, snapshot);
    expect(restart.report.parsed).toBe(2);
    expect(restart.report.reused).toBe(names.length - 2);
    expect(restart.report.index).toBe("built");
    // The entries of the removed file and of the changed file's old bytes are gone.
    expect(await entries(snapshot)).toHaveLength(names.length);
    const fresh = await open(data);
    expect(restart.library.engine.documents.map((d) => d.file)).toEqual(
      fresh.library.engine.documents.map((d) => d.file),
    );
    expect(restart.library.engine.documents.map((d) => d.file)).not.toContain(removed);
    expect(answersOf(restart.library.engine)).toEqual(answersOf(fresh.library.engine));
    expect(
      restart.library.engine.answer("How many passengers did the ferry carry on its first crossing?")[0]?.sentence.text,
    ).toContain("312");
  });

  it("a file added before others shifts their ids: those are parsed again, not served with stale ids", async () => {
    const root = await temp();
    const data = path.join(root, "data");
    const snapshot = path.join(root, "snapshot");
    await copyDir(path.join(ROOT, "data"), data, "");
    await writeFile(
      path.join(data, "note.md"),
      "# Note\n\nThe harbour of Kelmar counted 40 fishing boats in spring.\n",
    );
    await open(data, snapshot);
    // "note.markdown" sorts before "note.md" and takes the id "note"; note.md becomes "note-2".
    await writeFile(path.join(data, "note.markdown"), "# Other note\n\nThe mill at Osk ground 12 tonnes of grain.\n");
    const restart = await open(data, snapshot);
    const fresh = await open(data);
    expect(restart.report.parsed).toBe(2);
    expect(restart.library.engine.documents.map((d) => [d.file, d.id, d.passages[0]!.id])).toEqual(
      fresh.library.engine.documents.map((d) => [d.file, d.id, d.passages[0]!.id]),
    );
  });

  it("a /reload in the worker parses only the changed file and saves the snapshot for the next start", async () => {
    const { data, snapshot } = await archive();
    const { library } = await Library.open(data, { snapshotDir: snapshot });
    const names = (await readdir(data)).sort();
    const changed = names.find((n) => n.endsWith(".txt"))!;
    await writeFile(
      path.join(data, changed),
      (await readFile(path.join(data, changed), "utf8")) +
        "\n\nOne more paragraph about the 77 new lanterns on the quay.\n",
    );
    const report = await library.reload();
    expect(report.ok, report.reason).toBe(true);
    expect(report.parsed).toBe(1);
    expect(report.reused).toBe(names.length - 1);
    expect(library.engine.answer("How many new lanterns are on the quay?")[0]?.sentence.text).toContain("77");

    const unchanged = await library.reload();
    expect(unchanged.parsed).toBe(0);
    // A reload saves after it reports; a process about to stop waits for it.
    await library.flush();
    const restart = await open(data, snapshot);
    expect(restart.report.parsed).toBe(0);
    expect(restart.report.index).toBe("restored");
    expect(answersOf(restart.library.engine)).toEqual(answersOf(library.engine));
  });
});

describe("file stamps: unchanged files are not read again", () => {
  const stats = (over: Partial<Record<"size" | "mtimeNs" | "ctimeNs" | "ino" | "dev", bigint>> = {}) => {
    const s = { size: 100n, mtimeNs: 1_000_000_000_000n, ctimeNs: 1_000_000_000_000n, ino: 7n, dev: 1n, ...over };
    return { ...s, mtimeMs: s.mtimeNs / 1_000_000n, ctimeMs: s.ctimeNs / 1_000_000n } as unknown as BigIntStats;
  };

  it("a stamp covers size, mtime, ctime and inode, and is withheld from a file changed in the last 2 s", () => {
    const now = 1_000_000 + 10_000;
    const base = stampOf(stats(), now);
    expect(base).toBeDefined();
    expect(stampOf(stats({ ctimeNs: 1_000_000_000_001n }), now)).not.toBe(base);
    expect(stampOf(stats({ size: 101n }), now)).not.toBe(base);
    expect(stampOf(stats({ ino: 8n }), now)).not.toBe(base);
    expect(stampOf(stats({ mtimeNs: 999_000_000_000n }), now)).not.toBe(base);
    expect(stampOf(stats(), 1_000_000 + 1_500)).toBeUndefined();
  });

  it("an edit that keeps a file's size and mtime is still seen (its ctime moved); the others are reused", async () => {
    const root = await temp();
    const data = path.join(root, "data");
    const snapshot = path.join(root, "snapshot");
    await mkdir(data);
    const before = "# Ferry\n\nThe ferry between Kelmar and Osk carried 312 passengers on its first crossing.\n";
    await writeFile(path.join(data, "a.md"), before);
    await writeFile(path.join(data, "b.md"), "# Bridge\n\nThe bridge at Tolv opened to walkers in the spring.\n");
    // A whole-second mtime, so setting it back below restores it to the nanosecond.
    const mtime = new Date("2024-03-01T10:00:00Z");
    await utimes(path.join(data, "a.md"), mtime, mtime);
    // Stamps are recorded only for files settled for 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await open(data, snapshot);
    expect((await readdir(snapshot)).includes("stamps.bin")).toBe(true);
    await writeFile(path.join(data, "a.md"), before.replace("312", "947"));
    await utimes(path.join(data, "a.md"), mtime, mtime);
    // Settled again, so the restart trusts stamps: only the ctime tells the edit.
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const restart = await open(data, snapshot);
    expect(restart.report.parsed).toBe(1);
    expect(restart.report.reused).toBe(1);
    expect(
      restart.library.engine.answer("How many passengers did the ferry carry on its first crossing?")[0]?.sentence.text,
    ).toContain("947");
  });
});
