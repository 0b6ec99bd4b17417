/**
 * A reload that loses most documents because the data folder vanished while it
 * ran keeps the previous index and says why (issue 10: "a data folder deleted
 * during a reload left a 1-of-60-documents index in service as a success").
 * Parsed in this thread so the deletion can be timed between two files.
 */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import { PATHOLOGICAL } from "./support/pathological.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

function note(n: number): string {
  return `# Harbour note ${n}\n\nThe harbour of Kelmar${n} counted ${n} fishing boats on the first day of spring.\n`;
}

describe("a data folder that vanishes during a reload", () => {
  it("keeps the previous index (60 documents) instead of serving the one that was read", async () => {
    const files: Record<string, string> = { "bridge.md": BRIDGE_ARTICLE };
    for (let n = 1; n < 60; n++) files[`note-${String(n).padStart(2, "0")}.md`] = note(n);
    const dir = await tempDataDir(files);
    dirs.push(dir);
    const { library, report: first } = await Library.open(dir, { thread: "main" });
    expect(first.stats.documents).toBe(60);

    // Read first (names sort before the rest): slow enough that the folder goes meanwhile.
    const big = PATHOLOGICAL.find((p) => p.file === "big-paragraph.txt")!;
    await writeFile(path.join(dir, "000-big.txt"), big.make(3_000));
    const reload = library.reload();
    setTimeout(() => void rm(dir, { recursive: true, force: true }), 20);
    const report = await reload;

    expect(report.ok).toBe(false);
    expect(report.reason).toMatch(/disappeared/);
    expect(report.stats.documents).toBe(60);
    expect(library.engine.stats().documents).toBe(60);
  });

  it("serves a reload that lost documents an admin removed (the folder is still there)", async () => {
    const files: Record<string, string> = { "bridge.md": BRIDGE_ARTICLE };
    for (let n = 1; n < 10; n++) files[`note-${n}.md`] = note(n);
    const dir = await tempDataDir(files);
    dirs.push(dir);
    const { library } = await Library.open(dir);
    for (let n = 1; n < 10; n++) await rm(path.join(dir, `note-${n}.md`));
    const report = await library.reload();
    expect(report.ok, report.reason).toBe(true);
    expect(library.engine.stats().documents).toBe(1);
  });
});
