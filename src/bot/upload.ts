/**
 * Saving an article an admin sent: a safe file name inside DATA_DIR, UTF-8
 * checked, written to a temporary name and renamed so a reload never reads a
 * half-written file.
 */
import { randomBytes } from "node:crypto";
import { rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

export const DEFAULT_MAX_UPLOAD_BYTES = 1024 * 1024;
const ALLOWED = /\.(txt|md)$/i;

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
    .slice(0, 96 - ext.length);
  if (stem === "" || stem === "_") stem = `upload_${Date.now()}`;
  return stem + ext;
}

export type TextCheck = { ok: true; text: string } | { ok: false; problem: "empty" | "not-text" };

/** Accepts non-empty UTF-8 text without NUL bytes. */
export function checkText(bytes: Uint8Array): TextCheck {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: "not-text" };
  }
  if (text.includes("\u0000")) return { ok: false, problem: "not-text" };
  if (text.trim() === "") return { ok: false, problem: "empty" };
  return { ok: true, text };
}

/** Writes `bytes` as `name` in `dir` atomically; says whether it replaced a file. */
export async function saveArticle(dir: string, name: string, bytes: Uint8Array): Promise<{ file: string; replaced: boolean }> {
  const file = path.join(dir, name);
  if (path.dirname(file) !== path.resolve(dir)) throw new Error("unsafe file name");
  const replaced = await stat(file).then(
    () => true,
    () => false,
  );
  const temp = path.join(dir, `.upload-${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return { file, replaced };
}
