import { mkdtempSync, writeFileSync, copyFileSync, symlinkSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decode, loadCorpus } from "../../src/corpus/loader.ts";

const seedPath = new URL("../../data/000_16ffc698107efaae.txt", import.meta.url);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "corpus-"));
}

describe("loading a data directory", () => {
  it("loads every .txt and .md file and skips other extensions", async () => {
    const dir = tempDir();
    copyFileSync(seedPath, join(dir, "seed.txt"));
    writeFileSync(join(dir, "note.md"), "# Short Note\n\nThe council met on Friday in Rome.\n");
    writeFileSync(join(dir, "ignore.json"), "{}");
    const { documents, failures } = await loadCorpus(dir, { warn: () => {} });
    expect(documents.map((d) => d.file).sort()).toEqual(["note.md", "seed.txt"]);
    expect(failures).toEqual([]);
  });

  it("skips empty, non-UTF-8 and binary files with a reason naming each, and loads the rest", async () => {
    const dir = tempDir();
    copyFileSync(seedPath, join(dir, "good.txt"));
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "blank.md"), "   \n\n  ");
    writeFileSync(join(dir, "latin1.txt"), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
    writeFileSync(join(dir, "binary.txt"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01, 0x02]));
    const warnings: string[] = [];
    const { documents, failures } = await loadCorpus(dir, { warn: (m) => warnings.push(m) });
    expect(documents.map((d) => d.file)).toEqual(["good.txt"]);
    expect(Object.fromEntries(failures.map((f) => [f.file, f.reason]))).toEqual({
      "binary.txt": "binary data, not text",
      "blank.md": "file is empty",
      "empty.txt": "file is empty",
      "latin1.txt": "not valid UTF-8 text",
    });
    expect(warnings).toHaveLength(4);
    expect(warnings.every((w) => /^skipped \S+: /.test(w))).toBe(true);
  });

  it("skips files above the size limit and survives a symlink loop", async () => {
    const dir = tempDir();
    copyFileSync(seedPath, join(dir, "good.txt"));
    writeFileSync(join(dir, "huge.txt"), "x ".repeat(8192));
    mkdirSync(join(dir, "sub"));
    symlinkSync(dir, join(dir, "sub", "loop"));
    const { documents, failures } = await loadCorpus(dir, { maxBytes: 8192, warn: () => {} });
    expect(documents.map((d) => d.file)).toEqual(["good.txt"]);
    expect(Object.fromEntries(failures.map((f) => [f.file, f.reason]))).toEqual({
      "huge.txt": "file is larger than 8 KB",
      "sub/loop": "symbolic link, not followed",
    });
  });

  it("rejects a directory that does not exist", async () => {
    await expect(loadCorpus(join(tempDir(), "missing"))).rejects.toThrow(/ENOENT/);
  });

  it("gives documents distinct ids even when file names collide", async () => {
    const dir = tempDir();
    copyFileSync(seedPath, join(dir, "a.txt"));
    writeFileSync(join(dir, "a.md"), "# Other\n\nAnother article about a harbour.\n");
    const { documents } = await loadCorpus(dir, { warn: () => {} });
    expect(new Set(documents.map((d) => d.id)).size).toBe(2);
  });
});

describe("decode", () => {
  it("strips nothing from valid text and reports control characters as binary", () => {
    expect(decode(new TextEncoder().encode("Hello – world"))).toBe("Hello – world");
    expect(decode(Uint8Array.from([0x68, 0x00, 0x69]))).toEqual({ error: "binary data, not text" });
  });
});
