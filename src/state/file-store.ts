/**
 * The embedded state store: a folder (STATE_DIR) holding one append-only log
 * of JSON lines, replayed into memory at start and compacted into a fresh
 * snapshot (temp file, fsync, rename) when it grows. Chosen by measurement over
 * one-file-per-key (@grammyjs/storage-file) and SQLite (better-sqlite3, a
 * native build): see bench/state-store.ts and the README.
 *
 * Why a log: every write reaches the kernel at once (a killed process loses
 * nothing), writes are batched per tick, reads come from memory, and a torn
 * last line is the only damage a crash can do. A log that cannot be read or
 * parsed is renamed `*.corrupt-<time>` with a warning and the store starts
 * with what it could read; it never throws at start and never touches data/.
 */
import { readFileSync, renameSync } from "node:fs";
import { mkdir, open, readFile, rename, unlink, writeFile, type FileHandle } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Logger } from "../bot/logger.ts";

export interface NamespaceOptions {
  /** Entries expire this long after their last write; none when absent. */
  ttlMs?: number;
  /** At most this many entries; the least recently written go first. */
  maxEntries?: number;
}

interface Entry {
  value: unknown;
  /** Epoch ms after which the entry is gone, or 0 for never. */
  expires: number;
}

/** One log line: a write (`v`, optional expiry `e`) or a delete (`d`). */
interface LogLine {
  n: string;
  k: string;
  v?: unknown;
  e?: number;
  d?: 1;
}

/** A key-value view of one namespace of the store (values are plain JSON). */
export interface Namespace {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  keys(): string[];
  readonly size: number;
}

export interface FileStoreOptions {
  logger: Logger;
  now?: () => number;
  /** fsync the log at most this often (ms); 0 syncs every batch. */
  fsyncMs?: number;
  /** Compact when the log holds this many more lines than live entries. */
  compactSlack?: number;
}

export const LOG_FILE = "state.jsonl";
export const LOCK_FILE = "state.lock";

export class FileStore {
  readonly file: string;
  readonly #spaces = new Map<string, { options: NamespaceOptions; entries: Map<string, Entry> }>();
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #fsyncMs: number;
  readonly #compactSlack: number;
  #pending: string[] = [];
  #chain: Promise<void> = Promise.resolve();
  #scheduled = false;
  #handle: FileHandle | undefined;
  #lines = 0;
  #lastSync = 0;
  #closed = false;

  private constructor(readonly dir: string, options: FileStoreOptions) {
    this.file = path.join(dir, LOG_FILE);
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#fsyncMs = options.fsyncMs ?? 1000;
    this.#compactSlack = options.compactSlack ?? 10_000;
  }

  /**
   * Opens (creating) the store in `dir`; a damaged log is set aside, never
   * fatal. Throws only when another live process holds the folder: two
   * writers would overwrite each other's snapshots (several instances share
   * state through Redis instead).
   */
  static async open(dir: string, options: FileStoreOptions): Promise<FileStore> {
    const store = new FileStore(dir, options);
    await mkdir(dir, { recursive: true });
    await store.#lock();
    // A clean log is appended to as it is; one with a torn or bad line, or
    // mostly dead lines, is rewritten first (appending after a torn line would
    // glue the next write to it).
    if (store.#load()) await store.#compact();
    else store.#handle = await open(store.file, "a");
    return store;
  }

  /** Declares a namespace (before or after open; entries loaded for it are kept). */
  namespace(name: string, options: NamespaceOptions = {}): Namespace {
    const space = this.#space(name);
    space.options = options;
    const entries = space.entries;
    const evict = () => {
      while (options.maxEntries !== undefined && entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
        this.#append({ n: name, k: oldest, d: 1 });
      }
    };
    evict(); // a smaller bound than the log was written with
    const live = (key: string): Entry | undefined => {
      const entry = entries.get(key);
      if (entry && entry.expires !== 0 && entry.expires <= this.#now()) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    };
    return {
      get: (key) => live(key)?.value,
      set: (key, value) => {
        const expires = options.ttlMs ? this.#now() + options.ttlMs : 0;
        entries.delete(key); // re-insert: Map order is write order, for eviction
        entries.set(key, { value, expires });
        this.#append({ n: name, k: key, v: value, ...(expires ? { e: expires } : {}) });
        evict();
      },
      delete: (key) => {
        if (entries.delete(key)) this.#append({ n: name, k: key, d: 1 });
      },
      keys: () => [...entries.keys()].filter((key) => live(key) !== undefined),
      get size() {
        return entries.size;
      },
    };
  }

  /** Resolves once everything written so far is in the log file. */
  flush(): Promise<void> {
    this.#schedule();
    return this.#chain;
  }

  /** Flushes, fsyncs and closes the log; later writes are ignored. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    await this.#chain;
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) {
      await handle.sync().catch(() => undefined);
      await handle.close();
    }
    await unlink(path.join(this.dir, LOCK_FILE)).catch(() => undefined);
  }

  /**
   * Takes the folder's lock file ("pid host"). A lock is honoured only when
   * its process is still a live Node.js process on this host: a stale one
   * (a crash, a container restarted with a new pid namespace) is taken over,
   * so a lock can never keep the bot from starting after a crash.
   */
  async #lock(): Promise<void> {
    const lock = path.join(this.dir, LOCK_FILE);
    const mine = `${process.pid} ${os.hostname()}`;
    try {
      await writeFile(lock, mine, { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const [pidText, host] = (await readFile(lock, "utf8").catch(() => "")).trim().split(" ");
    const owner = Number(pidText);
    if (host === os.hostname() && Number.isInteger(owner) && owner > 0 && owner !== process.pid && isNodeProcess(owner)) {
      throw new Error(`${this.dir} is in use by process ${owner}; several instances share state through REDIS_URL, not one STATE_DIR`);
    }
    await writeFile(lock, mine);
  }

  #space(name: string) {
    let space = this.#spaces.get(name);
    if (!space) {
      space = { options: {}, entries: new Map() };
      this.#spaces.set(name, space);
    }
    return space;
  }

  #append(line: LogLine): void {
    if (this.#closed) return;
    this.#pending.push(JSON.stringify(line) + "\n");
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // One write per tick, whatever the number of changes in it.
    this.#chain = this.#chain.then(
      () =>
        new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
          this.#scheduled = false;
          await this.#write();
        }),
    );
  }

  async #write(): Promise<void> {
    if (this.#pending.length === 0) return;
    if (!this.#handle) {
      await this.#compact(); // an earlier snapshot failed: try again, it holds every change
      return;
    }
    const batch = this.#pending.join("");
    const count = this.#pending.length;
    this.#pending = [];
    try {
      await this.#handle.appendFile(batch, "utf8");
      this.#lines += count;
      const now = Date.now();
      if (now - this.#lastSync >= this.#fsyncMs) {
        this.#lastSync = now;
        await this.#handle.sync();
      }
    } catch (error) {
      // The log may now end in a partial line: the next write rewrites it whole.
      this.#logger.error("state: could not write the state log; changes stay in memory", { reason: String(error) });
      await this.#handle.close().catch(() => undefined);
      this.#handle = undefined;
      return;
    }
    let live = 0;
    for (const space of this.#spaces.values()) live += space.entries.size;
    if (this.#lines > live + this.#compactSlack) await this.#compact();
  }

  /** Reads the log into memory; sets the file aside when it is damaged. True when it needs rewriting. */
  #load(): boolean {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      this.#setAside(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return true;
    }
    const lines = text.split("\n");
    const torn = lines.pop(); // "" when the file ends with a newline
    let bad = 0;
    const now = this.#now();
    for (const raw of lines) {
      const line = parseLine(raw);
      if (!line) {
        bad++;
        continue;
      }
      const entries = this.#space(line.n).entries;
      entries.delete(line.k);
      if (line.d !== 1 && !(line.e !== undefined && line.e <= now)) entries.set(line.k, { value: line.v, expires: line.e ?? 0 });
    }
    if (bad > 0) this.#setAside(`has ${bad} unreadable line(s); kept the ${lines.length - bad} readable ones`);
    else if (torn) this.#logger.warn("state: dropped a half-written last line of the state log (the process stopped mid-write)");
    let live = 0;
    for (const space of this.#spaces.values()) live += space.entries.size;
    this.#lines = lines.length;
    return bad > 0 || torn !== "" || lines.length > live + this.#compactSlack;
  }

  #setAside(problem: string): void {
    const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    try {
      renameSync(this.file, aside);
      this.#logger.warn(`state: ${this.file} ${problem}; set aside as ${path.basename(aside)}`);
    } catch (error) {
      this.#logger.warn(`state: ${this.file} ${problem} and could not be set aside (${String(error)}); starting empty`);
    }
  }

  /** Writes the live entries to a temp file, fsyncs, renames it over the log. */
  async #compact(): Promise<void> {
    const now = this.#now();
    const out: string[] = [];
    for (const [name, space] of this.#spaces) {
      for (const [key, entry] of space.entries) {
        if (entry.expires !== 0 && entry.expires <= now) {
          space.entries.delete(key);
          continue;
        }
        out.push(JSON.stringify({ n: name, k: key, v: entry.value, ...(entry.expires ? { e: entry.expires } : {}) }) + "\n");
      }
    }
    this.#pending = []; // the snapshot holds every change made so far
    const tmp = `${this.file}.tmp-${process.pid}`;
    try {
      const handle = await open(tmp, "w");
      try {
        await handle.writeFile(out.join(""), "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
      await this.#handle?.close().catch(() => undefined);
      this.#handle = await open(this.file, "a");
      this.#lines = out.length;
    } catch (error) {
      // Memory only until a later snapshot succeeds: the bot still answers.
      this.#logger.error("state: could not write a state snapshot; state stays in memory", { reason: String(error) });
      await unlink(tmp).catch(() => undefined);
    }
  }
}

function parseLine(raw: string): LogLine | undefined {
  try {
    const line = JSON.parse(raw) as LogLine;
    if (typeof line !== "object" || line === null || typeof line.n !== "string" || typeof line.k !== "string") return undefined;
    if (line.e !== undefined && typeof line.e !== "number") return undefined;
    return line;
  } catch {
    return undefined;
  }
}

/** A live process running node (where /proc cannot tell, any live process). */
function isNodeProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    return /node|tsx/.test(readFileSync(`/proc/${pid}/cmdline`, "latin1"));
  } catch {
    return true;
  }
}
