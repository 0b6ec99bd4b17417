/**
 * Saving an article an admin sent.
 *
 * - One "is this an article" check, the corpus loader's `decode`, so a file
 *   the loader would skip at every reload is refused here instead of "Saved".
 * - A safe file name inside DATA_DIR. Different names can map to the same safe
 *   name (`same name.md`, `same?name.md`; `x.MD`, `C:\x.md`): an existing
 *   file — an upload or a shipped article, in any letter case — is never
 *   overwritten unless the admin asks (`replace`); the new one gets a
 *   numbered name (`x-2.md`). A byte-identical upload changes nothing.
 * - Written to a temporary file, then linked (no overwrite, atomic even when
 *   two uploads race) or renamed (replace), so a reload never reads half a file.
 * - Every failure is an error with a `code`; `saveFailureReason` words it.
 */
import { randomBytes } from "node:crypto";
import * as fsp from "node:fs/promises";
import path from "node:path";
import { decode } from "../corpus/loader.ts";

export const DEFAULT_MAX_UPLOAD_BYTES = 1024 * 1024;
const ALLOWED = /\.(txt|md)$/i;
/** Numbered names tried before giving up (x-2.md ... x-100.md). */
const MAX_NUMBER = 100;

/**
 * A file name that is safe to create in DATA_DIR: no directories, no leading
 * dot, only [A-Za-z0-9._-], at most 100 characters, ending in .txt or .md.
 * Null when the name does not end in .txt or .md.
 */
export function safeFileName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop() ?? "";
  if (!ALLOWED.test(base)) return null;
  const ext = base.slice(base.lastIndexOf(".")).toLowerCase();
  let stem = base
    .slice(0, base.lastIndexOf("."))
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._-]+/, "")
    .replace(/_+/g, "_")
    .slice(0, 92 - ext.length);
  if (stem === "" || stem === "_") stem = `upload_${Date.now()}`;
  return stem + ext;
}

export type TextCheck = { ok: true; text: string } | { ok: false; problem: "empty" | "not-text"; reason: string };

/** The loader's verdict on `bytes`: an article it will read, or why not. */
export function checkText(bytes: Uint8Array): TextCheck {
  const decoded = decode(bytes);
  if (typeof decoded === "string") return { ok: true, text: decoded };
  return { ok: false, problem: /empty/.test(decoded.error) ? "empty" : "not-text", reason: decoded.error };
}

/** The file system calls a save makes (a seam for tests of disk-full and permission errors). */
export interface SaveFs {
  readdir(dir: string): Promise<string[]>;
  readFile(file: string): Promise<Uint8Array>;
  writeFile(file: string, data: Uint8Array, options: { flag: "wx" }): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

const nodeFs: SaveFs = fsp;

export type SaveResult =
  /** A new file under the name asked for. */
  | { status: "saved"; name: string }
  /** A new file under a numbered name, because `wanted` exists. */
  | { status: "renamed"; name: string; wanted: string }
  /** `name` was replaced, as asked. */
  | { status: "replaced"; name: string }
  /** `name` already holds exactly these bytes. */
  | { status: "unchanged"; name: string };

export interface SaveOptions {
  /** Replace an existing file of that name (the admin said so). */
  replace?: boolean;
  fs?: SaveFs;
}

/** Writes `bytes` as `name` (or a numbered name) in `dir`; see the file comment. */
export async function saveArticle(
  dir: string,
  name: string,
  bytes: Uint8Array,
  options: SaveOptions = {},
): Promise<SaveResult> {
  const fs = options.fs ?? nodeFs;
  if (path.basename(name) !== name || name.startsWith("."))
    throw Object.assign(new Error("unsafe file name"), { code: "EUNSAFE" });
  const entries = await fs.readdir(dir);
  // Case-insensitive: `X.md` and `x.md` are one file on some file systems and look like one to people.
  const existing = new Map(entries.map((entry) => [entry.toLowerCase(), entry]));
  const current = existing.get(name.toLowerCase());
  if (current !== undefined && (await sameContent(fs, path.join(dir, current), bytes)))
    return { status: "unchanged", name: current };

  const temp = path.join(dir, `.upload-${randomBytes(6).toString("hex")}.tmp`);
  await fs.writeFile(temp, bytes, { flag: "wx" });
  try {
    if (current !== undefined && options.replace) {
      await fs.rename(temp, path.join(dir, current));
      return { status: "replaced", name: current };
    }
    const ext = path.extname(name);
    const stem = name.slice(0, -ext.length);
    for (let n = 1; n <= MAX_NUMBER; n++) {
      const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
      if (existing.has(candidate.toLowerCase())) continue;
      try {
        await fs.link(temp, path.join(dir, candidate));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === "EEXIST") continue; // taken meanwhile
        // File systems without hard links: rename (the name was free a moment ago).
        if (code === "ENOTSUP" || code === "ENOSYS" || code === "EPERM")
          await fs.rename(temp, path.join(dir, candidate));
        else throw error;
      }
      return n === 1 ? { status: "saved", name } : { status: "renamed", name: candidate, wanted: current ?? name };
    }
    throw Object.assign(new Error(`${MAX_NUMBER} files named like ${name} already`), { code: "ETOOMANY" });
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}

async function sameContent(fs: SaveFs, file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return Buffer.from(await fs.readFile(file)).equals(Buffer.from(bytes));
  } catch {
    return false; // a directory, unreadable, gone: not the same article
  }
}

/** Why a save failed, in words for the admin (no paths, no stack). */
export function saveFailureReason(error: unknown): string {
  switch ((error as { code?: unknown } | undefined)?.code) {
    case "ENOSPC":
    case "EDQUOT":
      return "the disk is full";
    case "EISDIR":
    case "ENOTEMPTY":
    case "EEXIST":
      return "a folder in the data folder has that name";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "the bot is not allowed to write to the data folder";
    case "ENOENT":
    case "ENOTDIR":
      return "the data folder is missing";
    case "ETOOMANY":
      return `there are already ${MAX_NUMBER} files with that name`;
    case "EUNSAFE":
      return "the file name is not safe";
    default:
      return "the file could not be written";
  }
}
