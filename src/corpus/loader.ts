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
import { createHash } from "node:crypto";
import { lstat, readFile, readdir } from "node:fs/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { basename, extname, join, relative } from "node:path";
import { buildDocument } from "./build.ts";
import { parseMarkdown } from "./markdown.ts";
import { parseRaw } from "./raw.ts";
import type { Document, LoadFailure, LoadResult } from "./types.ts";

/**
 * Bump when parsing changes what a file becomes (people, quotes, sentences...):
 * documents saved by an older parser are then parsed again, never reused.
 */
export const PARSER_VERSION = 2;

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
}

/** A file to parse: plain data, so it can cross to a worker thread. */
export interface ParseJob {
  file: string;
  id: string;
  text: string;
}

/** A parsed file, or why it has no article. */
export type ParseOutcome = Document | { error: string };

export interface IncrementalLoadOptions extends LoadOptions {
  /**
   * The document an earlier load made of `file` when it had these bytes (sha1
   * `hash`) and this id, if one was kept (in memory, in a snapshot); else undefined.
   */
  reuse?: (file: string, hash: string, id: string) => Document | undefined | Promise<Document | undefined>;
  /** Parses one new or changed file, the n-th listed (default: in this thread, yielding between files). */
  parse?: (job: ParseJob, n: number) => Promise<ParseOutcome>;
}

export interface IncrementalLoad extends LoadResult {
  /** Every loaded file, by relative path (what the next load may reuse). */
  files: Map<string, LoadedFile>;
  /** How many documents were parsed now, and how many reused unchanged. */
  parsed: number;
  reused: number;
}

const EXTENSIONS = new Set([".txt", ".md", ".markdown"]);

/** Loads the articles under `dir` (recursively, symlinks not followed), in name order. */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { documents, failures } = await loadIncrementally(dir, options);
  return { documents, failures };
}

/** Loads `dir`, reusing the documents of `options.known` whose files did not change. */
export async function loadIncrementally(dir: string, options: IncrementalLoadOptions = {}): Promise<IncrementalLoad> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 10_000;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const { files: found, links } = await listArticles(dir);
  const files = found.sort();
  const failures: LoadFailure[] = [];
  const fail = (file: string, reason: string) => {
    failures.push({ file, reason });
    warn(`skipped ${file}: ${reason}`);
  };
  // Links are never followed (loops, files outside DATA_DIR); they are named
  // so an admin who linked an article in learns why it is not served.
  for (const path of links.sort()) fail(relative(dir, path), "symbolic link, not followed");

  // Every file is read and hashed (cheap next to parsing): a size and mtime
  // check would miss an edit that keeps both. Files are read and parsed one
  // after the other, in name order, as a fresh load always did.
  const parse = options.parse ?? parseHere;
  const ids = new Set<string>();
  const documents: Document[] = [];
  const loaded = new Map<string, LoadedFile>();
  let parsed = 0;
  let reused = 0;
  for (const [n, path] of files.entries()) {
    const file = relative(dir, path);
    if (n >= maxFiles) {
      fail(file, `more than ${maxFiles} files in the data directory`);
      continue;
    }
    let step: { reuse: LoadedFile } | { job: ParseJob; hash: string };
    try {
      const info = await lstat(path);
      if (info.size > maxBytes) {
        fail(file, `file is larger than ${formatBytes(maxBytes)}`);
        continue;
      }
      const bytes = await readFile(path);
      const hash = createHash("sha1").update(bytes).digest("hex");
      const text = decode(bytes);
      if (typeof text !== "string") {
        fail(file, text.error);
        continue;
      }
      // Ids depend on the files sorted before this one: a document is reused only with the id it would get now.
      const id = uniqueId(documentId(file), ids);
      const before = await options.reuse?.(file, hash, id);
      step = before ? { reuse: { file, hash, document: before } } : { job: { file, id, text }, hash };
    } catch (error) {
      fail(file, error instanceof Error ? error.message : String(error));
      continue;
    }
    let entry: LoadedFile;
    if ("reuse" in step) {
      entry = step.reuse;
      reused += 1;
    } else {
      // A parser that dies (a worker out of memory, a timeout) fails the whole load, not one file.
      const outcome = await parse(step.job, n);
      parsed += 1;
      if ("error" in outcome) {
        fail(file, outcome.error);
        continue;
      }
      entry = { file, hash: step.hash, document: outcome };
    }
    documents.push(entry.document);
    loaded.set(file, entry);
  }
  return { documents, failures, files: loaded, parsed, reused };
}

/** Parses in this thread, letting other work (questions) run between files. */
async function parseHere(job: ParseJob, n: number): Promise<ParseOutcome> {
  if (n > 0) await nextTurn();
  return parseJob(job);
}

/** One file's text to its document; pure, so a worker thread can run it too. */
export function parseJob(job: ParseJob): ParseOutcome {
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
