/**
 * Data faults that need a hook inside the reload: files that change while the
 * loader reads the directory, read errors (EACCES cannot be staged with chmod
 * when tests run as root, so it is injected here), an index build that throws,
 * and the serialisation of concurrent reloads. `node:fs/promises` and the
 * engine are wrapped (pass-through unless a test sets a hook).
 */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Library } from "../../src/library/library.ts";
import { BRIDGE_ARTICLE, INVALID_UTF8, removeDir, tempDataDir } from "../support/articles.ts";
import { Harness } from "../support/harness.ts";
import { ADMIN, ALICE, Updates } from "../support/updates.ts";

const hooks = vi.hoisted(() => ({
  /** Runs before the loader reads a file (path given). */
  beforeRead: null as null | ((file: string) => Promise<void>),
  /** Makes readFile / readdir fail for a path when it returns an error. */
  failRead: null as null | ((file: string) => Error | undefined),
  failList: null as null | ((dir: string) => Error | undefined),
  failBuild: false,
  /** When set, the sliced update runs a pause after every step, and the pause after this many throws. */
  failAfterPauses: 0,
  pausesSeen: 0,
  reading: 0,
  maxReading: 0,
}));

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const readFile = (async (
    file: Parameters<typeof actual.readFile>[0],
    options?: Parameters<typeof actual.readFile>[1],
  ) => {
    const name = String(file);
    hooks.reading += 1;
    hooks.maxReading = Math.max(hooks.maxReading, hooks.reading);
    try {
      if (hooks.beforeRead) await hooks.beforeRead(name);
      const error = hooks.failRead?.(name);
      if (error) throw error;
      // Yield once so that overlapping loads would show in `maxReading`.
      await new Promise((resolve) => setImmediate(resolve));
      return await actual.readFile(file, options);
    } finally {
      hooks.reading -= 1;
    }
  }) as typeof actual.readFile;
  const readdir = (async (dir: string, options?: unknown) => {
    const error = hooks.failList?.(String(dir));
    if (error) throw error;
    return actual.readdir(dir, options as never);
  }) as typeof actual.readdir;
  return { ...actual, default: { ...actual, readFile, readdir }, readFile, readdir };
});

vi.mock("../../src/search/engine.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/search/engine.ts")>();
  return {
    ...actual,
    createEngine: (...args: Parameters<typeof actual.createEngine>) => {
      if (hooks.failBuild) throw new Error("injected build failure");
      return actual.createEngine(...args);
    },
    // A reload updates the served engine (or builds one) through updateEngine.
    updateEngine: (...args: Parameters<typeof actual.updateEngine>) => {
      if (hooks.failBuild) throw new Error("injected build failure");
      return actual.updateEngine(...args);
    },
    updateEngineInSlices: (...args: Parameters<typeof actual.updateEngineInSlices>) => {
      if (hooks.failBuild) throw new Error("injected build failure");
      const [previous, documents, options, report, pause] = args;
      if (!hooks.failAfterPauses) return actual.updateEngineInSlices(...args);
      const failing = async () => {
        if (++hooks.pausesSeen >= hooks.failAfterPauses)
          throw new Error(`injected failure at pause ${hooks.pausesSeen}`);
        await pause();
      };
      return actual.updateEngineInSlices(previous, documents, options, report, failing, 0);
    },
  };
});

const dirs: string[] = [];
afterEach(async () => {
  hooks.beforeRead = null;
  hooks.failRead = null;
  hooks.failList = null;
  hooks.failBuild = false;
  hooks.failAfterPauses = 0;
  hooks.pausesSeen = 0;
  hooks.maxReading = 0;
  await Promise.all(dirs.splice(0).map(removeDir));
});

function note(n: number): string {
  return `# Harbour note ${n}\n\nThe harbour of Kelmar${n} counted ${n} fishing boats on the first day of spring.\n`;
}

function eacces(file: string): Error {
  return Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: "EACCES" });
}

async function setup(files: Record<string, string | Uint8Array>) {
  const dir = await tempDataDir(files);
  dirs.push(dir);
  // The file-system hooks live in this thread: parse here, not in the loader's worker.
  const { library } = await Library.open(dir, { thread: "main" });
  return { dir, library, h: new Harness({ library }) };
}

async function adminReload(h: Harness, u: Updates): Promise<string> {
  const replies = await h.replies(u.privateText("/reload", ADMIN));
  expect(replies).toHaveLength(1);
  return replies[0]!.payload.text as string;
}

describe("files changing during a reload", () => {
  it("a file deleted, emptied or corrupted mid-reload is named; the rest load; a file added mid-reload comes with the next reload", async () => {
    const { dir, h, library } = await setup({
      "a.md": BRIDGE_ARTICLE,
      "b.md": note(1),
      "c.md": note(2),
      "d.md": note(3),
      "e.md": note(4),
    });
    const u = new Updates();
    expect(library.engine.stats().documents).toBe(5);
    let changed = false;
    hooks.beforeRead = async (file) => {
      if (changed || !file.endsWith(`${path.sep}a.md`)) return;
      changed = true;
      await rm(path.join(dir, "c.md"));
      await writeFile(path.join(dir, "d.md"), "");
      await writeFile(path.join(dir, "e.md"), INVALID_UTF8);
      await writeFile(path.join(dir, "f.md"), note(5));
    };
    const text = await adminReload(h, u);
    expect(changed).toBe(true);
    expect(text).toMatch(/Reloaded in \d+ ms/);
    expect(text).toContain("Documents: 2 (-3)");
    for (const name of ["c.md", "d.md", "e.md"]) expect(text).toContain(name);
    expect(library.engine.documents.map((d) => d.file).sort()).toEqual(["a.md", "b.md"]);

    hooks.beforeRead = null;
    expect(await adminReload(h, u)).toContain("Documents: 3 (+1)");
    expect(library.engine.documents.map((d) => d.file).sort()).toEqual(["a.md", "b.md", "f.md"]);
  });

  it("an unreadable file (EACCES) is named with its reason; an unreadable DATA_DIR keeps the previous index", async () => {
    const { dir, h, library } = await setup({ "a.md": BRIDGE_ARTICLE, "locked.md": note(1) });
    const u = new Updates();
    hooks.failRead = (file) => (file.endsWith("locked.md") ? eacces(file) : undefined);
    let text = await adminReload(h, u);
    expect(text).toMatch(/locked\.md<\/code> — EACCES: permission denied/);
    expect(library.engine.stats().documents).toBe(1);
    const engine = library.engine;

    hooks.failList = (listed) => (listed === dir ? eacces(listed) : undefined);
    text = await adminReload(h, u);
    expect(text).toMatch(/Reload failed/);
    expect(text).toContain("EACCES");
    expect(library.engine).toBe(engine);
    expect((await h.replies(u.privateText("How much did the bridge cost?", ALICE)))[0]!.payload.text).not.toContain(
      "does not say",
    );
  });

  it("an index build that throws keeps the previous index and says why", async () => {
    const { h, library } = await setup({ "a.md": BRIDGE_ARTICLE });
    const u = new Updates();
    const engine = library.engine;
    hooks.failBuild = true;
    const text = await adminReload(h, u);
    expect(text).toMatch(/Reload failed.*index build failed: injected build failure/s);
    expect(library.engine).toBe(engine);
  });
  it("an update that fails midway (after some slices) keeps the served engine answering as before, and the next reload works", async () => {
    const { dir, h, library } = await setup({ "a.md": BRIDGE_ARTICLE, "b.md": note(1), "c.md": note(2) });
    const u = new Updates();
    const engine = library.engine;
    const ask = (q: string) => JSON.stringify(library.engine.answer(q).map((a) => [a.sentence.id, a.score]));
    const questions = ["How much did the bridge cost?", "How many fishing boats did Kelmar1 count?"];
    const before = questions.map(ask);
    await rm(path.join(dir, "b.md"));
    await writeFile(path.join(dir, "c.md"), note(7));
    await writeFile(path.join(dir, "d.md"), note(3));
    hooks.failAfterPauses = 4;
    const failed = await library.reload();
    expect(hooks.pausesSeen).toBe(4);
    expect(failed.ok).toBe(false);
    expect(failed.reason).toMatch(/index build failed: injected failure at pause 4/);
    expect(library.engine).toBe(engine);
    expect(questions.map(ask)).toEqual(before);
    expect(library.engine.documents.map((d) => d.file)).toEqual(["a.md", "b.md", "c.md"]);

    // Consistent: the next reload (no failure) sees every change since the served load, not since the failed one.
    hooks.failAfterPauses = 0;
    const text = await adminReload(h, u);
    expect(text).toMatch(/Reloaded in \d+ ms/);
    expect(library.engine.documents.map((d) => d.file)).toEqual(["a.md", "c.md", "d.md"]);
    expect(library.engine.answer("How many fishing boats did Kelmar7 count?")[0]?.sentence.text).toContain("7");
    expect(library.engine.answer("How many fishing boats did Kelmar1 count?")[0]?.sentence.text ?? "").not.toContain(
      "Kelmar1 ",
    );
  });
});

describe("concurrent reloads", () => {
  it("are serialised (never two loads at once), each gets its own report, and a failed one does not block the next", async () => {
    const { dir, library } = await setup(
      Object.fromEntries(Array.from({ length: 40 }, (_, n) => [`n${n}.md`, note(n)])),
    );
    hooks.maxReading = 0;
    let failOnce = true;
    hooks.failList = (listed) => {
      if (listed !== dir || !failOnce) return undefined;
      failOnce = false;
      return eacces(listed);
    };
    const reports = await Promise.all([library.reload(), library.reload(), library.reload(), library.reload()]);
    expect(hooks.maxReading, "one file read at a time: loads did not overlap").toBe(1);
    expect(reports.map((r) => r.ok)).toEqual([false, true, true, true]);
    for (const r of reports.slice(1)) expect(r.stats.documents).toBe(40);
    expect(library.engine.stats().documents).toBe(40);
  });
});
