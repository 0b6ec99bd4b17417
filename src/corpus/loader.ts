/**
 * Reads every .txt and .md article in a data directory. A file that is empty,
 * not UTF-8 text, too large, or unparsable is reported and skipped; it never
 * stops the others from loading.
 */
import { lstat, readFile, readdir } from "node:fs/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { basename, extname, join, relative } from "node:path";
import { buildDocument } from "./build.ts";
import { parseMarkdown } from "./markdown.ts";
import { parseRaw } from "./raw.ts";
import type { Document, LoadFailure, LoadResult } from "./types.ts";

export interface LoadOptions {
  /** Files larger than this are skipped (default 20 MB). */
  maxBytes?: number;
  /** At most this many files are read (default 10,000); the rest are reported. */
  maxFiles?: number;
  /** Log a warning line per skipped file (default: console.warn). */
  warn?: (message: string) => void;
}

const EXTENSIONS = new Set([".txt", ".md", ".markdown"]);

/** Loads the articles under `dir` (recursively, symlinks not followed), in name order. */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 10_000;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const { files: found, links } = await listArticles(dir);
  const files = found.sort();
  const documents: Document[] = [];
  const failures: LoadFailure[] = [];
  const ids = new Set<string>();
  // Links are never followed (loops, files outside DATA_DIR); they are named
  // so an admin who linked an article in learns why it is not served.
  for (const path of links.sort()) {
    const file = relative(dir, path);
    failures.push({ file, reason: "symbolic link, not followed" });
    warn(`skipped ${file}: symbolic link, not followed`);
  }

  for (const [n, path] of files.entries()) {
    const file = relative(dir, path);
    const fail = (reason: string) => {
      failures.push({ file, reason });
      warn(`skipped ${file}: ${reason}`);
    };
    if (n >= maxFiles) {
      fail(`more than ${maxFiles} files in the data directory`);
      continue;
    }
    // Let other work (questions) run between files when loading in the main thread.
    if (n > 0) await nextTurn();
    try {
      const info = await lstat(path);
      if (info.size > maxBytes) {
        fail(`file is larger than ${formatBytes(maxBytes)}`);
        continue;
      }
      const text = decode(await readFile(path));
      if (typeof text !== "string") {
        fail(text.error);
        continue;
      }
      const id = uniqueId(documentId(file), ids);
      const draft = extname(path).toLowerCase() === ".txt" ? parseRaw(text) : parseMarkdown(text);
      const document = buildDocument(id, file, draft);
      if (document.passages.length === 0) {
        fail("no article text found");
        continue;
      }
      documents.push(document);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  }
  return { documents, failures };
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
  return basename(file, extname(file)).replace(/[^\p{L}\p{N}_.-]+/gu, "-").slice(0, 40) || "doc";
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
