/**
 * Data faults on reload, through the admin's /reload over the real Library:
 * bad files are skipped and named in the reply, a failed reload keeps the
 * previous index serving, a half-built index is never served, questions sent
 * during a reload are all answered, and two admins reloading at once both get
 * a report.
 *
 * (Files that change while the loader reads them, and read errors as root
 * cannot produce them, are in data-races.test.ts, which mocks the file system.)
 */
import { chmod, mkdir, open, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import { BRIDGE_ARTICLE, INVALID_UTF8, removeDir, tempDataDir } from "../support/articles.ts";
import { type Call, Harness } from "../support/harness.ts";
import { ADMIN, ALICE, BOB, Updates } from "../support/updates.ts";
import { checkOutgoing } from "./support/telegram-rules.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

const ADMIN2 = { id: 1002, is_bot: false, first_name: "Ben", username: "ben_admin" } as const;
/** A question about BRIDGE_ARTICLE that its engine answers (checked, not assumed, below). */
const QUESTION = "How much did the bridge cost?";

async function setup(files: Record<string, string | Uint8Array>) {
  const dir = await tempDataDir(files);
  dirs.push(dir);
  const { library, report } = await Library.open(dir);
  const h = new Harness({ library, adminIds: [ADMIN.id, ADMIN2.id] });
  return { dir, library, report, h };
}

/** The text of the one reply to an admin's /reload, checked against Telegram's rules. */
async function reloadReply(h: Harness, u: Updates, admin: { id: number } = ADMIN): Promise<string> {
  const calls = await h.send(u.privateText("/reload", admin as typeof ADMIN));
  for (const c of calls) checkOutgoing(c.method, c.payload);
  const replies = calls.filter((c) => c.method === "sendMessage");
  expect(replies).toHaveLength(1);
  return replies[0]!.payload.text as string;
}

/** A small valid article about invented things, distinct per n. */
function note(n: number): string {
  return `# Harbour note ${n}\n\nThe harbour of Kelmar${n} counted ${n} fishing boats on the first day of spring.\n`;
}

describe("reload with bad files", () => {
  it("skips invalid UTF-8, binary, empty and oversized files and symlinks, naming each in the reply", async () => {
    const { dir, h, library } = await setup({ "bridge.md": BRIDGE_ARTICLE });
    const u = new Updates();
    await writeFile(path.join(dir, "good.md"), note(1));
    await writeFile(path.join(dir, "invalid.txt"), INVALID_UTF8);
    await writeFile(
      path.join(dir, "binary.md"),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    await writeFile(path.join(dir, "empty.md"), "");
    await writeFile(path.join(dir, "blank.txt"), " \n\t\n");
    // 50 MB without writing 50 MB: a sparse file of that size.
    const big = await open(path.join(dir, "huge.txt"), "w");
    await big.truncate(50 * 1024 * 1024);
    await big.close();
    // A symlink loop, a link to itself, a dangling link and a directory link to its parent.
    await symlink("loop-b.md", path.join(dir, "loop-a.md"));
    await symlink("loop-a.md", path.join(dir, "loop-b.md"));
    await symlink("self.md", path.join(dir, "self.md"));
    await symlink("nowhere.md", path.join(dir, "dangling.md"));
    await symlink(".", path.join(dir, "cycle"));
    // A directory with an article's name, and a deep tree.
    await mkdir(path.join(dir, "folder.md"));
    await mkdir(path.join(dir, "a/b/c/d"), { recursive: true });
    await writeFile(path.join(dir, "a/b/c/d/deep.md"), note(2));

    const text = await reloadReply(h, u);
    expect(text).toMatch(/Reloaded in \d+ ms/);
    expect(text).toContain("Documents: 3 (+2)");
    for (const bad of [
      "invalid.txt",
      "binary.md",
      "empty.md",
      "blank.txt",
      "huge.txt",
      "loop-a.md",
      "loop-b.md",
      "self.md",
      "dangling.md",
      "cycle",
    ]) {
      expect(text, `${bad} is named`).toContain(bad);
    }
    expect(library.engine.documents.map((d) => d.file).sort()).toEqual(["a/b/c/d/deep.md", "bridge.md", "good.md"]);
  });

  it("2,000 small files load in one reload, and a reply with hundreds of bad files still fits one message and names them", async () => {
    const { dir, h, library } = await setup({ "bridge.md": BRIDGE_ARTICLE });
    const u = new Updates();
    const writes: Promise<void>[] = [];
    for (let n = 0; n < 1_700; n++)
      writes.push(writeFile(path.join(dir, `note-${String(n).padStart(4, "0")}.md`), note(n)));
    for (let n = 0; n < 300; n++)
      writes.push(writeFile(path.join(dir, `bad-${String(n).padStart(3, "0")}.txt`), INVALID_UTF8));
    await Promise.all(writes);

    const text = await reloadReply(h, u);
    expect(text).toContain("Documents: 1701 (+1700)");
    expect(text).toContain("Skipped 300 files");
    expect(text).toContain("bad-000.txt");
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(library.engine.stats().documents).toBe(1701);
  }, 40_000);

  it("a vanished DATA_DIR, an emptied one, or a file in its place: reload fails, the previous index keeps answering", async () => {
    const { dir, h, library } = await setup({ "bridge.md": BRIDGE_ARTICLE });
    const u = new Updates();
    const before = (await h.reply(u.privateText(QUESTION))).payload.text as string;
    expect(library.engine.answer(QUESTION).length, "the question is answerable").toBeGreaterThan(0);
    const engine = library.engine;

    await rm(path.join(dir, "bridge.md"));
    let text = await reloadReply(h, u);
    expect(text).toMatch(/Reload failed/);
    expect(text).toContain("previous index: 1 document,");

    await rm(dir, { recursive: true });
    text = await reloadReply(h, u);
    expect(text).toMatch(/Reload failed/);
    expect(text).toMatch(/cannot read/);

    await writeFile(dir, "not a directory");
    text = await reloadReply(h, u);
    expect(text).toMatch(/Reload failed/);

    expect(library.engine).toBe(engine);
    expect((await h.reply(u.privateText(QUESTION))).payload.text).toBe(before);
    await rm(dir);
    await mkdir(dir);
  });

  it.skipIf(process.getuid?.() === 0)(
    "an unreadable file and an unreadable DATA_DIR (chmod 000) are named or keep the old index",
    async () => {
      // As root (CI containers) permissions do not stop reads, so this cannot be
      // staged; data-races.test.ts covers the same code path with an injected EACCES.
      const { dir, h } = await setup({ "bridge.md": BRIDGE_ARTICLE, "secret.md": note(1) });
      const u = new Updates();
      await chmod(path.join(dir, "secret.md"), 0o000);
      expect(await reloadReply(h, u)).toContain("secret.md");
      await chmod(dir, 0o000);
      try {
        expect(await reloadReply(h, u)).toMatch(/Reload failed/);
      } finally {
        await chmod(dir, 0o755);
        await chmod(path.join(dir, "secret.md"), 0o644);
      }
    },
  );
});

describe("reloads under load", () => {
  it("questions sent during a slow reload are all answered, only by the old or the new complete index", async () => {
    const { dir, h, library } = await setup({ "bridge.md": BRIDGE_ARTICLE });
    const u = new Updates();
    await Promise.all(Array.from({ length: 1_500 }, (_, n) => writeFile(path.join(dir, `note-${n}.md`), note(n))));
    const oldEngine = library.engine;
    const oldDocuments = oldEngine.stats().documents;
    expect(oldEngine.answer(QUESTION).length).toBeGreaterThan(0);

    let reloading = true;
    const reload = h.send(u.privateText("/reload", ADMIN)).finally(() => (reloading = false));
    const seen = new Set<unknown>();
    let duringReload = 0;
    let asked = 0;
    const users = [ALICE, BOB];
    while (reloading && asked < 2_000) {
      const from = users[asked % 2]!;
      const update = asked % 3 === 0 ? u.groupText(`/ask ${QUESTION}`, from) : u.privateText(QUESTION, from);
      const chat = update.message!.chat.id;
      const engine = library.engine;
      seen.add(engine);
      // Whatever is served is complete: the old index or the new one, never a part.
      expect([oldDocuments, 1_501]).toContain(engine.stats().documents);
      const calls: Call[] = await h.send(update);
      const replies = calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === chat);
      expect(replies, "every question gets exactly one reply").toHaveLength(1);
      expect(replies[0]!.payload.text).not.toContain("does not say");
      if (reloading) duringReload += 1;
      asked += 1;
    }
    const reloadCalls = await reload;
    expect(duringReload, "some questions were answered while the reload ran").toBeGreaterThan(0);
    const report = reloadCalls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === ADMIN.id);
    expect(report).toHaveLength(1);
    expect(report[0]!.payload.text).toContain("Documents: 1501 (+1500)");
    expect([...seen].every((e) => e === oldEngine || e === library.engine)).toBe(true);
  }, 40_000);

  it("two admins reloading at once both get a report; the reloads run one after the other", async () => {
    const { dir, h, library } = await setup({ "bridge.md": BRIDGE_ARTICLE });
    const u = new Updates();
    await Promise.all(Array.from({ length: 300 }, (_, n) => writeFile(path.join(dir, `note-${n}.md`), note(n))));
    const [first, second] = await Promise.all([
      h.send(u.privateText("/reload", ADMIN)),
      h.send(u.privateText("/reload", ADMIN2)),
    ]);
    // h.send returns every call made meanwhile, so pick each admin's own reply.
    const texts = [
      [first, ADMIN.id],
      [second, ADMIN2.id],
    ].map(([calls, id]) =>
      (calls as Call[])
        .filter((c) => c.method === "sendMessage" && c.payload.chat_id === id)
        .map((c) => c.payload.text as string),
    );
    expect(texts[0]).toHaveLength(1);
    expect(texts[1]).toHaveLength(1);
    const all = texts.flat().join("\n");
    // One reload added the 300 notes, the next found nothing new: serialised, not interleaved.
    expect(all).toContain("Documents: 301 (+300)");
    expect(all).toContain("Documents: 301 (±0)");
    expect(library.engine.stats().documents).toBe(301);
  });
});
