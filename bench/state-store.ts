/**
 * `npx tsx bench/state-store.ts [N] [--modules DIR]`: how the embedded state
 * store was chosen. N conversation entries (default 10,000, ~250 bytes of JSON
 * each, like an answer's paging/follow-up context) are written, read back, and
 * the store reopened as after a restart, for:
 *   - ours: src/state/file-store.ts (append log + snapshot, memory reads)
 *   - @grammyjs/storage-file (one JSON file per key)
 *   - better-sqlite3 (WAL, synchronous=NORMAL, one upsert per write)
 * The last two are not dependencies of the bot: install them elsewhere
 * (`npm install @grammyjs/storage-file better-sqlite3@12` in DIR) and pass
 * `--modules DIR/node_modules`; a row says "not installed" otherwise.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { silentLogger } from "../src/bot/logger.ts";
import { FileStore } from "../src/state/file-store.ts";
import { fileStorage } from "../src/state/storage.ts";

interface Kv {
  write(key: string, value: unknown): Promise<void> | void;
  read(key: string): unknown;
  close(): Promise<void> | void;
}

interface Candidate {
  name: string;
  open(dir: string): Promise<Kv>;
}

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const modulesAt = args.includes("--modules") ? args[args.indexOf("--modules") + 1] : undefined;

function value(i: number) {
  return {
    question: `What did the minister say about the new bridge over the river, question number ${i}?`,
    generation: 3,
    page: i % 4,
    context: {
      doc: "article-" + (i % 7),
      passage: i % 120,
      speaker: "A. Speaker",
      terms: ["bridge", "river", "minister", "cost"],
    },
    at: 1_764_000_000_000 + i,
  };
}

const ours: Candidate = {
  name: "ours (append log)",
  async open(dir) {
    const store = await FileStore.open(dir, { logger: silentLogger });
    const kv = fileStorage(store.namespace("conv", { ttlMs: 86_400_000, maxEntries: 1_000_000 }));
    return { write: (k, v) => kv.write(k, v), read: (k) => kv.read(k), close: () => store.close() };
  },
};

async function optional(): Promise<Candidate[]> {
  if (!modulesAt) return [];
  const require = createRequire(path.join(path.resolve(modulesAt), "noop.js"));
  const out: Candidate[] = [];
  try {
    const url = pathToFileURL(require.resolve("@grammyjs/storage-file")).href.replace(/mod\.cjs$/, "mod.mjs");
    const { FileAdapter } = (await import(url)) as { FileAdapter: new (o: { dirName: string }) => Kv };
    out.push({
      name: "@grammyjs/storage-file",
      open: async (dir) => {
        const a = new FileAdapter({ dirName: dir });
        return { write: (k, v) => a.write(k, v), read: (k) => a.read(k), close: () => undefined };
      },
    });
  } catch (error) {
    console.log(`@grammyjs/storage-file: not installed (${String(error)})`);
  }
  try {
    const Database = require("better-sqlite3") as new (file: string) => any;
    out.push({
      name: "better-sqlite3",
      open: async (dir) => {
        const db = new Database(path.join(dir, "state.db"));
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = NORMAL");
        db.exec("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT NOT NULL, e INTEGER NOT NULL)");
        const put = db.prepare(
          "INSERT INTO kv (k, v, e) VALUES (?, ?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v, e = excluded.e",
        );
        const get = db.prepare("SELECT v, e FROM kv WHERE k = ?");
        return {
          write: (k, v) => void put.run(k, JSON.stringify(v), Date.now() + 86_400_000),
          read: (k) => {
            const row = get.get(k) as { v: string; e: number } | undefined;
            return row && row.e > Date.now() ? JSON.parse(row.v) : undefined;
          },
          close: () => db.close(),
        };
      },
    });
  } catch (error) {
    console.log(`better-sqlite3: not installed (${String(error)})`);
  }
  return out;
}

function du(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    total += s.isDirectory() ? du(p) : s.size;
  }
  return total;
}

async function measure(c: Candidate) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "state-bench-"));
  const keys = Array.from({ length: n }, (_, i) => `${1_000_000 + i}:${i.toString(36)}`);
  try {
    let t = performance.now();
    const kv = await c.open(dir);
    for (let i = 0; i < n; i++) await kv.write(keys[i]!, value(i));
    await kv.close(); // includes the final flush to disk
    const writeMs = performance.now() - t;

    t = performance.now();
    const again = await c.open(dir);
    await again.read(keys[0]!);
    const restartMs = performance.now() - t;

    t = performance.now();
    let found = 0;
    for (let i = 0; i < n; i++) if ((await again.read(keys[i]!)) !== undefined) found++;
    const readMs = performance.now() - t;
    await again.close();
    if (found !== n) throw new Error(`${c.name}: read back ${found} of ${n}`);
    return {
      store: c.name,
      n,
      writesPerS: Math.round(n / (writeMs / 1000)),
      readsPerS: Math.round(n / (readMs / 1000)),
      restartMs: +restartMs.toFixed(1),
      diskKB: Math.round(du(dir) / 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [];
for (const c of [ours, ...(await optional())]) rows.push(await measure(c));
console.table(rows);
