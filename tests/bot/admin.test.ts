import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/bot/commands.ts";
import type { FileFetcher } from "../../src/bot/deps.ts";
import { createStats } from "../../src/bot/stats.ts";
import { safeFileName, saveArticle, saveFailureReason, type SaveFs } from "../../src/bot/upload.ts";
import { Library } from "../../src/library/library.ts";
import { BRIDGE_ARTICLE, INVALID_UTF8, removeDir, tempDataDir } from "../support/articles.ts";
import { Harness } from "../support/harness.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary } from "../support/fixtures.ts";
import { ADMIN, ALICE, GROUP, Updates } from "../support/updates.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

async function realHarness(files: Record<string, string | Uint8Array>, fetcher?: FileFetcher) {
  const dir = await tempDataDir(files);
  dirs.push(dir);
  const { library } = await Library.open(dir);
  return { dir, library, h: new Harness({ library, ...(fetcher ? { files: fetcher } : {}) }) };
}

/** A FileFetcher serving in-memory files by file_id. */
function memoryFiles(files: Record<string, Uint8Array | string>): FileFetcher {
  return async (_api, fileId) => {
    const content = files[fileId];
    if (content === undefined) throw new Error("no such file");
    return typeof content === "string" ? new TextEncoder().encode(content) : content;
  };
}

describe("admin commands", () => {
  it("non-admins get a polite refusal for /reload and /stats, and nothing changes", async () => {
    const library = new StubLibrary(new StubEngine([LIGHTHOUSE]));
    const h = new Harness({ library });
    const u = new Updates();
    for (const text of ["/reload", "/stats"]) {
      expect((await h.reply(u.privateText(text, ALICE))).payload.text).toMatch(/only the bot's admins/);
      expect((await h.reply(u.groupText(`${text}@TestArticleBot`, ALICE))).payload.text).toMatch(
        /only the bot's admins/,
      );
    }
    expect(library.reloads).toBe(0);
  });

  it("admin /reload reports documents, passages, quotes, time and failed files; in groups too", async () => {
    const { dir, h } = await realHarness({ "bridge.md": BRIDGE_ARTICLE });
    const u = new Updates();
    const { writeFile } = await import("node:fs/promises");
    await writeFile(path.join(dir, "second.md"), BRIDGE_ARTICLE.replace("Valley towns open", "Second copy:"));
    await writeFile(path.join(dir, "broken.txt"), INVALID_UTF8);
    const text = (await h.reply(u.privateText("/reload", ADMIN))).payload.text as string;
    expect(text).toMatch(/Reloaded in \d+ ms/);
    expect(text).toContain("Documents: 2 (+1)");
    expect(text).toMatch(/Passages: \d+ \(\+\d+\)/);
    expect(text).toMatch(/Quotes: \d+/);
    expect(text).toContain("broken.txt");
    const group = (await h.reply(u.groupText("/reload@TestArticleBot", ADMIN))).payload.text as string;
    expect(group).toContain("Documents: 2 (±0)");
  });

  it("when nothing loads, the old index stays and keeps answering", async () => {
    const { dir, h, library } = await realHarness({ "bridge.md": BRIDGE_ARTICLE });
    const u = new Updates();
    const before = (await h.reply(u.privateText("How much did the bridge cost?"))).payload.text;
    expect(before).toContain("40 million crowns");
    const { rm, writeFile } = await import("node:fs/promises");
    await rm(path.join(dir, "bridge.md"));
    await writeFile(path.join(dir, "bad.md"), INVALID_UTF8);
    const text = (await h.reply(u.privateText("/reload", ADMIN))).payload.text as string;
    expect(text).toMatch(/Reload failed/);
    expect(text).toContain("previous index: 1 document,");
    expect(text).toContain("bad.md");
    expect(library.engine.stats().documents).toBe(1);
    expect((await h.reply(u.privateText("How much did the bridge cost?"))).payload.text).toBe(before);
  });

  it("admin /stats shows documents, passages, quotes, questions, abstentions, last reload and uptime", async () => {
    const { h } = await realHarness({ "bridge.md": BRIDGE_ARTICLE });
    const u = new Updates();
    await h.send(u.privateText("How much did the bridge cost?"));
    await h.send(u.privateText("What is the capital of Mars?"));
    const text = (await h.reply(u.privateText("/stats", ADMIN))).payload.text as string;
    expect(text).toMatch(/Documents: 1\b/);
    expect(text).toMatch(/Passages: \d+/);
    expect(text).toMatch(/Quotes: \d+/);
    expect(text).toContain("Questions answered: 1");
    expect(text).toContain("Abstentions: 1");
    expect(text).toMatch(/Last reload: \d{4}-\d{2}-\d{2} /);
    expect(text).toMatch(/Uptime: \d+ s/);
  });

  it("/stats describes the index serving the update, even when a reload finishes while it reads the counters", async () => {
    const library = new StubLibrary(new StubEngine([LIGHTHOUSE]));
    const stats = createStats();
    const read = stats.read.bind(stats);
    // A reload (here: two documents) lands while /stats awaits its counters.
    stats.read = async () => {
      library.engine = new StubEngine([LIGHTHOUSE, LIGHTHOUSE]);
      return read();
    };
    const h = new Harness({ library, state: { stats } });
    const text = (await h.reply(new Updates().privateText("/stats", ADMIN))).payload.text as string;
    expect(text).toMatch(/Documents: 1\b/);
    expect(library.engine.stats().documents).toBe(2);
  });

  it("every admin command of the command table is refused to non-admins and served to admins", async () => {
    const admin = Object.values(COMMANDS).filter((c) => "admin" in c && c.admin);
    expect(admin.map((c) => c.command).sort()).toEqual(["reload", "stats"]);
    const h = new Harness({ library: new StubLibrary(new StubEngine([LIGHTHOUSE])) });
    const u = new Updates();
    for (const { command } of admin) {
      expect((await h.reply(u.privateText(`/${command}`, ALICE))).payload.text).toMatch(/only the bot's admins/);
      expect((await h.reply(u.privateText(`/${command}`, ADMIN))).payload.text).not.toMatch(/only the bot's admins/);
    }
  });

  it("an admin's .md file is saved in DATA_DIR and reloaded; then it answers from it", async () => {
    const { dir, h } = await realHarness(
      { "seedless.md": BRIDGE_ARTICLE },
      memoryFiles({
        F1: BRIDGE_ARTICLE.replace(/bridge/g, "tunnel").replace(
          /Valley towns open the new river tunnel/g,
          "Mountain tunnel opens",
        ),
      }),
    );
    const u = new Updates();
    const replies = await h.replies(u.document("F1", "../../etc/Mountain tunnel!.md", 500, ADMIN));
    expect(replies[0]!.payload.text).toContain("Saved <code>Mountain_tunnel_.md</code>");
    expect(replies[1]!.payload.text).toContain("Documents: 2 (+1)");
    expect((await readdir(dir)).sort()).toEqual(["Mountain_tunnel_.md", "seedless.md"]);
    expect(await readFile(path.join(dir, "Mountain_tunnel_.md"), "utf8")).toContain("tunnel");
    expect((await h.reply(u.privateText("How much did the tunnel cost?"))).payload.text).toContain(
      "Mountain tunnel opens",
    );
  });

  it("a non-admin's file is refused and nothing is written", async () => {
    let fetched = 0;
    const { dir, h } = await realHarness({ "bridge.md": BRIDGE_ARTICLE }, async () => {
      fetched += 1;
      return new Uint8Array([65]);
    });
    const reply = await h.reply(new Updates().document("F1", "evil.md", 10, ALICE));
    expect(reply.payload.text).toMatch(/only the bot's admins/);
    expect(fetched).toBe(0);
    expect(await readdir(dir)).toEqual(["bridge.md"]);
  });

  it("uploads that are the wrong type, too big, empty or not UTF-8 are refused with a reason", async () => {
    const { dir, h } = await realHarness(
      { "bridge.md": BRIDGE_ARTICLE },
      memoryFiles({ BIN: INVALID_UTF8, EMPTY: "  \n", OK: "x" }),
    );
    const u = new Updates();
    expect((await h.reply(u.document("OK", "photo.jpg", 10))).payload.text).toMatch(/Only \.txt or \.md/);
    expect((await h.reply(u.document("OK", "huge.txt", 50 * 1024 * 1024))).payload.text).toMatch(/too big/);
    expect((await h.reply(u.document("BIN", "bin.txt", 11))).payload.text).toMatch(/not valid UTF-8/);
    expect((await h.reply(u.document("EMPTY", "empty.txt", 3))).payload.text).toMatch(/empty/);
    expect((await h.reply(u.document("GONE", "gone.txt", 3))).payload.text).toMatch(/could not download/);
    expect(await readdir(dir)).toEqual(["bridge.md"]);
  });

  it("documents in groups are ignored (files are taken in private chats only)", async () => {
    const { h } = await realHarness({ "bridge.md": BRIDGE_ARTICLE });
    const u = new Updates();
    const update = u.document("F1", "x.md", 10, ADMIN);
    (update.message as { chat: unknown }).chat = GROUP;
    expect(await h.send(update)).toEqual([]);
  });
});

/** An article of its own: BRIDGE_ARTICLE with the figure changed. */
const variant = (n: number) => BRIDGE_ARTICLE.replace(/40 million/g, `${40 + n} million`);

function captioned(update: ReturnType<Updates["document"]>, caption: string) {
  Object.assign(update.message!, { caption });
  return update;
}

describe("uploads never lose an article", () => {
  it("a file with one control byte is refused at upload (the loader would skip it at every reload)", async () => {
    const { dir, h } = await realHarness(
      { "bridge.md": BRIDGE_ARTICLE },
      memoryFiles({ CTRL: `${BRIDGE_ARTICLE}\u0007` }),
    );
    const reply = await h.reply(new Updates().document("CTRL", "ctrl.md", 600));
    expect(reply.payload.text).toMatch(/did not add it/);
    expect(reply.payload.text).not.toMatch(/Saved/);
    expect(await readdir(dir)).toEqual(["bridge.md"]);
  });

  it("distinct names that map to one safe name, or differ in case and path, never overwrite each other", async () => {
    const files = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`F${n}`, variant(n)]));
    const { dir, h } = await realHarness({ "bridge.md": BRIDGE_ARTICLE }, memoryFiles(files));
    const u = new Updates();
    for (const [id, name] of [
      ["F1", "same name.md"],
      ["F2", "same?name.md"],
      ["F3", "same_name.md"],
      ["F4", "x.MD"],
      ["F5", "C:\\x.md"],
    ]) {
      await h.replies(u.document(id!, name!, 600));
    }
    expect((await readdir(dir)).sort()).toEqual([
      "bridge.md",
      "same_name-2.md",
      "same_name-3.md",
      "same_name.md",
      "x-2.md",
      "x.md",
    ]);
    const contents = await Promise.all(
      ["same_name.md", "same_name-2.md", "same_name-3.md", "x.md", "x-2.md"].map((f) =>
        readFile(path.join(dir, f), "utf8"),
      ),
    );
    expect(contents).toEqual([1, 2, 3, 4, 5].map(variant));
  });

  it("the shipped article is kept unless the admin captions the upload /replace; an identical upload changes nothing", async () => {
    const { dir, h } = await realHarness(
      { "bridge.md": BRIDGE_ARTICLE },
      memoryFiles({ NEW: variant(7), SAME: BRIDGE_ARTICLE }),
    );
    const u = new Updates();
    const kept = await h.replies(u.document("NEW", "Bridge.md", 600));
    expect(kept[0]!.payload.text).toMatch(
      /Saved as <code>Bridge-2\.md<\/code>: <code>bridge\.md<\/code> already exists and was kept/,
    );
    expect(await readFile(path.join(dir, "bridge.md"), "utf8")).toBe(BRIDGE_ARTICLE);
    const same = await h.replies(u.document("SAME", "bridge.md", 600));
    expect(same).toHaveLength(1);
    expect(same[0]!.payload.text).toMatch(/already holds exactly this file/);
    const replaced = await h.replies(captioned(u.document("NEW", "bridge.md", 600), "/replace"));
    expect(replaced[0]!.payload.text).toMatch(/Replaced <code>bridge\.md<\/code>/);
    expect(await readFile(path.join(dir, "bridge.md"), "utf8")).toBe(variant(7));
    expect((await readdir(dir)).sort()).toEqual(["Bridge-2.md", "bridge.md"]);
  });

  it("a folder with the article's name: saved under a numbered name, and /replace gets a clear refusal", async () => {
    const { dir, h } = await realHarness({ "bridge.md": BRIDGE_ARTICLE }, memoryFiles({ F: variant(1) }));
    await mkdir(path.join(dir, "notes.md"));
    const u = new Updates();
    const refused = await h.replies(captioned(u.document("F", "notes.md", 600), "/replace"));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.payload.text).toMatch(
      /could not save <code>notes\.md<\/code>: a folder in the data folder has that name\. Nothing was changed/,
    );
    expect((await readdir(dir)).sort()).toEqual(["bridge.md", "notes.md"]);
    const numbered = await h.replies(u.document("F", "notes.md", 600));
    expect(numbered[0]!.payload.text).toMatch(/Saved as <code>notes-2\.md<\/code>/);
  });

  it("a disk-full or permission error is worded for the admin, and leaves no temporary file", async () => {
    const { dir } = await realHarness({ "bridge.md": BRIDGE_ARTICLE });
    const fs = await import("node:fs/promises");
    const failing = (code: string, at: "writeFile" | "link"): SaveFs => ({
      readdir: (d) => fs.readdir(d),
      readFile: (f) => fs.readFile(f),
      writeFile:
        at === "writeFile"
          ? async () => Promise.reject(Object.assign(new Error(code), { code }))
          : (f, d, o) => fs.writeFile(f, d, o),
      link:
        at === "link" ? async () => Promise.reject(Object.assign(new Error(code), { code })) : (a, b) => fs.link(a, b),
      rename: (a, b) => fs.rename(a, b),
      unlink: (f) => fs.unlink(f),
    });
    const bytes = new TextEncoder().encode(variant(1));
    const full = await saveArticle(dir, "new.md", bytes, { fs: failing("ENOSPC", "writeFile") }).catch(
      (e: unknown) => e,
    );
    expect(saveFailureReason(full)).toBe("the disk is full");
    const denied = await saveArticle(dir, "new.md", bytes, { fs: failing("EACCES", "link") }).catch((e: unknown) => e);
    expect(saveFailureReason(denied)).toBe("the bot is not allowed to write to the data folder");
    expect(saveFailureReason(Object.assign(new Error(), { code: "EROFS" }))).toMatch(/not allowed/);
    expect(saveFailureReason(new Error("odd"))).toBe("the file could not be written");
    expect(await readdir(dir)).toEqual(["bridge.md"]);
  });
});

describe("safeFileName", () => {
  it("keeps only a safe base name ending in .txt or .md", () => {
    expect(safeFileName("../../etc/passwd.md")).toBe("passwd.md");
    expect(safeFileName("..\\..\\win.TXT")).toBe("win.txt");
    expect(safeFileName(".hidden.md")).toBe("hidden.md");
    expect(safeFileName("статья.md")).toMatch(/^[A-Za-z0-9._-]+\.md$/);
    expect(safeFileName("a.exe")).toBeNull();
    expect(safeFileName("notes.md.exe")).toBeNull();
    expect(safeFileName(undefined)).toBeNull();
    expect(safeFileName("x".repeat(500) + ".md")!.length).toBeLessThanOrEqual(100);
  });
});
