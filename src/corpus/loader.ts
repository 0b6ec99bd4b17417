/**
 * Reads every .txt and .md article in a data directory. A file that is empty,
 * not UTF-8 text, too large, or unparsable is reported and skipped; it never
 * stops the others from loading.
 *
 * Loading is incremental: given the files of a previous load (each with the
 * hash of its bytes and the document parsed from it), a file whose bytes and id
 * are unchanged reuses its document; only new or changed files are parsed, and
 * files no longer there are dropped. Parsing is what costs (70% of a start), so
 * a reload after one change of 2,000 files parses one file.
 */
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { lstatSync, type BigIntStats } from "node:fs";
import { lstat, readFile, readdir } from "node:fs/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { basename, extname, join, relative } from "node:path";
import { buildDocument } from "./build.ts";
import { parseMarkdown } from "./markdown.ts";
import { isPackedDocument, unpackDocument, type PackedDocument } from "./packed.ts";
import { parseRaw } from "./raw.ts";
import type { Document, LoadFailure, LoadResult } from "./types.ts";

/**
 * Bump when parsing changes what a file becomes (people, quotes, sentences...):
 * documents saved by an older parser are then parsed again, never reused.
 */
export const PARSER_VERSION = 3;

export interface LoadOptions {
  /** Files larger than this are skipped (default 20 MB). */
  maxBytes?: number;
  /** At most this many files are read (default 10,000); the rest are reported. */
  maxFiles?: number;
  /** Log a warning line per skipped file (default: console.warn). */
  warn?: (message: string) => void;
}

/** A loaded file: what it was parsed from (hash of its bytes) and what it became. */
export interface LoadedFile {
  /** Path relative to the data directory. */
  file: string;
  /** sha1 of the file's bytes, hex. */
  hash: string;
  document: Document;
  /** The file's stamp when those bytes were read (see `stampOf`), when settled enough to stand for them. */
  stamp?: string;
}

/** A file to parse: plain data, so it can cross to a worker thread. */
export interface ParseJob {
  file: string;
  id: string;
  text: string;
}

/** A parsed file (packed when it crossed from a worker thread), or why it has no article. */
export type ParseOutcome = Document | PackedDocument | { error: string };

export interface IncrementalLoadOptions extends LoadOptions {
  /**
   * The document an earlier load made of `file` when it had these bytes (sha1
   * `hash`) and this id, if one was kept (in memory, in a snapshot); else undefined.
   */
  reuse?: (file: string, hash: string, id: string) => Document | undefined;
  /**
   * The hash of `file`'s bytes recorded when it had this stamp, if one was; the
   * file is then not read (a restart of 5,000 unchanged files reads none).
   */
  knownHash?: (file: string, stamp: string) => string | undefined;
  /** Parses one new or changed file, the n-th listed (default: in this thread, yielding between files). */
  parse?: (job: ParseJob, n: number) => Promise<ParseOutcome>;
}

export interface IncrementalLoad extends LoadResult {
  /** Every loaded file, by relative path (what the next load may reuse). */
  files: Map<string, LoadedFile>;
  /** How many documents were parsed now, and how many reused unchanged. */
  parsed: number;
  reused: number;
  /** How many files were read and hashed to tell whether they changed (the others' stamps told). */
  read: number;
  /** Where the load's wall time went, in ms (for benchmarks and the reload report). */
  timings: LoadTimings;
}

/** A load's wall time by step, in ms. */
export interface LoadTimings {
  /** Listing the data folder. */
  list: number;
  /** Stat-ing, and reading and hashing the files whose stamps did not tell (see `stampOf`). */
  check: number;
  /** Reading again and parsing the new or changed files (in a worker or here). */
  parse: number;
}

const MAX_BYTES = 20 * 1024 * 1024;
const EXTENSIONS = new Set([".txt", ".md", ".markdown"]);

/** Loads the articles under `dir` (recursively, symlinks not followed), in name order. */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { documents, failures } = await loadIncrementally(dir, options);
  return { documents, failures };
}

/** Loads `dir`, reusing the documents `options.reuse` finds for files whose bytes did not change. */
export async function loadIncrementally(dir: string, options: IncrementalLoadOptions = {}): Promise<IncrementalLoad> {
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const maxFiles = options.maxFiles ?? 10_000;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const timings: LoadTimings = { list: 0, check: 0, parse: 0 };
  let clock = performance.now();
  /** Adds the time since the last call to `step`. */
  const lap = (step: keyof LoadTimings) => {
    const now = performance.now();
    timings[step] += now - clock;
    clock = now;
  };
  const { files: found, links } = await listArticles(dir);
  const files = found.sort();
  lap("list");
  // A file is read and hashed unless its stamp (size, mtime, ctime, inode) is
  // the one recorded with its hash: size and mtime alone would miss an edit
  // that keeps both, but no write keeps the ctime. Files are read in name order
  // and a new one parsed before the next is read, as a fresh load always did.
  const parse = options.parse ?? parseHere;
  const slots: Slot[] = [];
  const ids = new Set<string>();
  let parsed = 0;
  let read = 0;
  /** Reads `slot`'s text again (not kept from the first read) and parses it; a changed file's new bytes are parsed. */
  const parseSlot = async (slot: Slot): Promise<void> => {
    let job: { job: ParseJob; hash: string } | { error: string };
    try {
      job = await readJob(slot, maxBytes);
    } catch (error) {
      job = { error: describe(error) };
    }
    if ("error" in job) {
      slot.failure = job.error;
      return;
    }
    // A parser that dies (a worker out of memory, a timeout) fails the whole load, not one file.
    let outcome = await parse(job.job, slot.n);
    parsed += 1;
    if (isPackedDocument(outcome)) {
      try {
        outcome = unpackDocument(outcome);
      } catch (error) {
        outcome = { error: describe(error) };
      }
    }
    if ("error" in outcome) slot.failure = outcome.error;
    // Bytes that changed since the first read are not those the stamp was taken with.
    else
      slot.entry = {
        file: slot.file,
        hash: job.hash,
        document: outcome,
        stamp: job.hash === slot.hash ? slot.stamp : undefined,
      };
  };
  for (const [n, path] of files.entries()) {
    if (n >= maxFiles) {
      slots.push({ n, file: relative(dir, path), path, failure: `more than ${maxFiles} files in the data directory` });
      continue;
    }
    // Stat-ing is synchronous (a few microseconds a file, where a promise costs a trip through the thread pool);
    // other work gets a turn every few milliseconds.
    if (performance.now() - clock > YIELD_MS) {
      lap("check");
      await nextTurn();
    }
    const pending = readSlot(n, dir, path, maxBytes, options.knownHash);
    if (pending instanceof Promise) read += 1;
    const slot = pending instanceof Promise ? await pending : pending;
    slots.push(slot);
    if (slot.failure) continue;
    // Ids depend on the files sorted before this one: a document is reused only with the id it would get now.
    slot.id = uniqueId(documentId(slot.file), ids);
    let before: Document | undefined;
    try {
      before = options.reuse?.(slot.file, slot.hash!, slot.id);
    } catch (error) {
      slot.failure = describe(error);
      continue;
    }
    if (before) slot.reused = before;
    else {
      lap("check");
      await parseSlot(slot);
      lap("parse");
    }
  }
  lap("check");

  const failures: LoadFailure[] = [];
  const fail = (file: string, reason: string) => {
    failures.push({ file, reason });
    warn(`skipped ${file}: ${reason}`);
  };
  // Links are never followed (loops, files outside DATA_DIR); they are named
  // so an admin who linked an article in learns why it is not served.
  for (const path of links.sort()) fail(relative(dir, path), "symbolic link, not followed");
  const documents: Document[] = [];
  const loaded = new Map<string, LoadedFile>();
  let reused = 0;
  for (const slot of slots) {
    if (slot.failure) {
      fail(slot.file, slot.failure);
      continue;
    }
    if (slot.reused) reused += 1;
    const entry = slot.reused
      ? { file: slot.file, hash: slot.hash!, document: slot.reused, stamp: slot.stamp }
      : slot.entry!;
    documents.push(entry.document);
    loaded.set(slot.file, entry);
  }
  return { documents, failures, files: loaded, parsed, reused, read, timings };
}

/** One listed file on its way through a load. */
interface Slot {
  /** Its place in name order. */
  n: number;
  file: string;
  path: string;
  /** Why the file is skipped (set by any step). */
  failure?: string;
  /** sha1 of its bytes when first read. */
  hash?: string;
  id?: string;
  stamp?: string;
  /** The earlier document for these bytes and id, when one was kept. */
  reused?: Document;
  /** What parsing it made (when not reused). */
  entry?: LoadedFile;
}

/** How long the loader stats files before other work gets a turn (ms). */
const YIELD_MS = 5;

/**
 * One file's slot: from its stamp alone when `knownHash` knows it (returned
 * as is), else read and hashed, checking that it is an article's text (the
 * text itself is not kept; a promise).
 */
function readSlot(
  n: number,
  dir: string,
  path: string,
  maxBytes: number,
  knownHash: IncrementalLoadOptions["knownHash"],
): Slot | Promise<Slot> {
  const file = relative(dir, path);
  let stamp: string | undefined;
  try {
    const info = lstatSync(path, { bigint: true });
    if (info.size > maxBytes) return { n, file, path, failure: `file is larger than ${formatBytes(maxBytes)}` };
    stamp = stampOf(info, Date.now());
    const known = stamp ? knownHash?.(file, stamp) : undefined;
    // Bytes with a recorded hash were article text when recorded.
    if (known) return { n, file, path, hash: known, stamp };
  } catch (error) {
    return { n, file, path, failure: describe(error) };
  }
  return hashFile(path).then(
    (checked) =>
      "error" in checked ? { n, file, path, failure: checked.error } : { n, file, path, hash: checked.hash, stamp },
    (error: unknown) => ({ n, file, path, failure: describe(error) }),
  );
}

/** sha1 of the file's bytes, or why they are not an article's text. */
async function hashFile(path: string): Promise<{ hash: string } | { error: string }> {
  const bytes = await readFile(path);
  const error = textError(bytes);
  return error ? { error } : { hash: sha1(bytes) };
}

/**
 * Gives a stamp to the loaded files that got none (changed within 2 s of
 * being read: git's "racily clean" files) and have settled since: each is read
 * again and stamped when its bytes are still those loaded (stat first, then
 * read: a write after the read moves the stamp). Run after a long load, it
 * spares the next load reading them. Returns how many were stamped.
 */
export async function settleStamps(dir: string, files: Iterable<LoadedFile>): Promise<number> {
  let stamped = 0;
  let clock = performance.now();
  for (const loaded of files) {
    if (loaded.stamp) continue;
    if (performance.now() - clock > YIELD_MS) {
      await nextTurn();
      clock = performance.now();
    }
    const path = join(dir, loaded.file);
    try {
      const info = lstatSync(path, { bigint: true });
      const stamp = stampOf(info, Date.now());
      if (!stamp || info.size > MAX_BYTES) continue;
      const checked = await hashFile(path);
      if ("hash" in checked && checked.hash === loaded.hash) {
        loaded.stamp = stamp;
        stamped++;
      }
    } catch {
      // Gone or unreadable: the next load finds out.
    }
  }
  return stamped;
}

/** The text to parse for `slot`, read again, with the hash of the bytes read. */
async function readJob(slot: Slot, maxBytes: number): Promise<{ job: ParseJob; hash: string } | { error: string }> {
  const bytes = await readSmall(slot.path, maxBytes);
  if (typeof bytes === "string") return { error: bytes };
  const text = decode(bytes);
  if (typeof text !== "string") return text;
  return { job: { file: slot.file, id: slot.id!, text }, hash: sha1(bytes) };
}

/**
 * What identifies a file's bytes without reading them: size, mtime, ctime
 * (set by every write, and by no utimes call), inode and device. Undefined for
 * a file changed in the last 2 s: a write in the same clock tick as the read
 * could leave the stamp as it was (git's "racy" case); it is read next time.
 */
export function stampOf(info: BigIntStats, nowMs: number): string | undefined {
  const changed = Math.max(Number(info.mtimeMs), Number(info.ctimeMs));
  if (nowMs - changed < 2000) return undefined;
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}:${info.dev}`;
}

/** The file's bytes, or why they are not read (too large). */
async function readSmall(path: string, maxBytes: number): Promise<Buffer | string> {
  const info = await lstat(path);
  if (info.size > maxBytes) return `file is larger than ${formatBytes(maxBytes)}`;
  return readFile(path);
}

function sha1(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Parses in this thread, letting other work (questions) run between files. */
async function parseHere(job: ParseJob, n: number): Promise<ParseOutcome> {
  if (n > 0) await nextTurn();
  return parseJob(job);
}

/** One file's text to its document; pure, so a worker thread can run it too. */
export function parseJob(job: ParseJob): Document | { error: string } {
  try {
    const draft = extname(job.file).toLowerCase() === ".txt" ? parseRaw(job.text) : parseMarkdown(job.text);
    const document = buildDocument(job.id, job.file, draft);
    return document.passages.length === 0 ? { error: "no article text found" } : document;
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Article files below `dir`, and the links found (directories are walked once each, links are not followed). */
async function listArticles(dir: string): Promise<{ files: string[]; links: string[] }> {
  const found: string[] = [];
  const links: string[] = [];
  const walk = async (folder: string, depth: number) => {
    if (depth > 8) return;
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path, depth + 1);
      else if (entry.isFile() && EXTENSIONS.has(extname(entry.name).toLowerCase())) found.push(path);
      else if (entry.isSymbolicLink()) links.push(path);
    }
  };
  await walk(dir, 0);
  return { files: found, links };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Why `decode(bytes)` would refuse these bytes, or null; without decoding them
 * when it can tell from the bytes (most files): a restart checks 5,000 files
 * whose texts it does not need. Control characters are single bytes in UTF-8
 * and 65,536 UTF-16 units span at most 4 x 65,536 bytes; any doubt (a control
 * byte, no visible ASCII) is settled by decoding.
 */
export function textError(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return "file is empty";
  if (!isUtf8(bytes)) return "not valid UTF-8 text";
  const end = Math.min(bytes.length, 4 * 65536);
  let visible = false;
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b <= 0x08 || (b >= 0x0e && b <= 0x1f)) return errorOf(decode(bytes));
    if (b > 0x20 && b < 0x7f) visible = true;
  }
  return visible ? null : errorOf(decode(bytes));
}

function errorOf(decoded: string | { error: string }): string | null {
  return typeof decoded === "string" ? null : decoded.error;
}

/** Strict UTF-8 text, or why the bytes are not an article. */
export function decode(bytes: Uint8Array): string | { error: string } {
  if (bytes.length === 0) return { error: "file is empty" };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { error: "not valid UTF-8 text" };
  }
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text.slice(0, 65536))) return { error: "binary data, not text" };
  if (text.trim() === "") return { error: "file is empty" };
  return text;
}

function documentId(file: string): string {
  return (
    basename(file, extname(file))
      .replace(/[^\p{L}\p{N}_.-]+/gu, "-")
      .slice(0, 40) || "doc"
  );
}

function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
