/**
 * File stamps (issue 13): a load reads and hashes only the files whose stamp
 * (size, mtime, ctime, inode) is not the one recorded with their hash; a file
 * changed within 2 s of being read (git's "racily clean" case) gets no stamp
 * and is read again, until it has settled.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { settleStamps, type LoadedFile } from "../../src/corpus/loader.ts";
import { Library } from "../../src/library/library.ts";

const temps: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const ARTICLES: Record<string, string> = {
  "a.md": "# Ferry\n\nThe ferry between Kelmar and Osk carried 312 passengers on its first crossing.\n",
  "b.md": "# Bridge\n\nThe bridge at Tolv opened to walkers in the spring.\n",
  "c.md": "# Harbour\n\nThe harbour at Osk was dredged to a depth of nine metres.\n",
};

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "qa-stamps-"));
  temps.push(dir);
  const data = path.join(dir, "data");
  await mkdir(data);
  for (const [name, text] of Object.entries(ARTICLES)) await writeFile(path.join(data, name), text);
  return data;
}

/** Past the 2 s in which a change leaves a file racy (see stampOf). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_100));

const sha1 = (bytes: Uint8Array) => createHash("sha1").update(bytes).digest("hex");

describe("file stamps", () => {
  it("a racy file is read at every load; a settled one is not read again; a touched one is read, not parsed", async () => {
    const data = await dataDir();
    const { library, report: first } = await Library.open(data, { thread: "main" });
    expect(first.read).toBe(3);
    // Written again just now (the same bytes): racy, so read again although the library holds their hashes.
    for (const [name, text] of Object.entries(ARTICLES)) await writeFile(path.join(data, name), text);
    const racy = await library.reload();
    expect([racy.read, racy.parsed]).toEqual([3, 0]);
    await settle();
    const settled = await library.reload();
    expect([settled.parsed, settled.reused]).toEqual([0, 3]);
    await library.flush();
    const quiet = await library.reload();
    expect([quiet.read, quiet.parsed, quiet.reused]).toEqual([0, 0, 3]);
    // A touch moves the stamp, not the bytes: read and hashed, the document reused.
    const later = new Date(Date.now() - 5_000);
    await utimes(path.join(data, "b.md"), later, later);
    await settle();
    const touched = await library.reload();
    expect([touched.read, touched.parsed, touched.reused]).toEqual([1, 0, 3]);
  }, 30_000);

  it("a load that found its files racy stamps them once they have settled: the next reload reads none", async () => {
    const data = await dataDir();
    await settle();
    const files = Object.keys(ARTICLES).length;
    // The load's clock (one reading a file) says the files were written just now; every later reading is real.
    const now = Date.now.bind(Date);
    const writtenAt = now() - 2_100;
    let readings = 0;
    vi.spyOn(Date, "now").mockImplementation(() => (++readings <= files ? writtenAt + 500 : now()));
    const { library, report: first } = await Library.open(data, { thread: "main" });
    expect(first.read).toBe(files);
    // The library settled the stamps after the load (settleStamps): nothing is read again.
    const next = await library.reload();
    expect([next.read, next.parsed, next.reused]).toEqual([0, 0, files]);
  }, 10_000);

  it("settleStamps stamps a file racy when loaded once it has settled, only if its bytes are those loaded", async () => {
    const data = await dataDir();
    await settle();
    const loaded = (file: string, hash: string): LoadedFile => ({
      file,
      hash,
      document: { id: file } as LoadedFile["document"],
    });
    const a = loaded("a.md", sha1(await readFile(path.join(data, "a.md"))));
    // Changed after its read: the bytes on disk are not those loaded.
    const b = loaded("b.md", sha1(Buffer.from("other bytes")));
    // Changed just now: still racy.
    await writeFile(path.join(data, "c.md"), ARTICLES["c.md"]!);
    const c = loaded("c.md", sha1(await readFile(path.join(data, "c.md"))));
    const gone = loaded("gone.md", a.hash);
    expect(await settleStamps(data, [a, b, c, gone])).toBe(1);
    expect(a.stamp).toBeDefined();
    expect([b.stamp, c.stamp, gone.stamp]).toEqual([undefined, undefined, undefined]);
  }, 10_000);
});
