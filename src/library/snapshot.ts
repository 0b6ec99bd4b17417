/**
 * The parsed corpus saved beside the state (STATE_DIR/snapshot), so a restart
 * parses only the files that are new or changed since the last load.
 *
 * One file, `corpus.v8`: a JSON header line (format, parser version, payload
 * length and sha1) and the payload, the loaded files (path, hash of the bytes,
 * document) in V8's serialisation format — the fastest way to read plain data
 * back, and it keeps shared objects shared (a passage is in its section and in
 * its document once). Written to a temporary file and renamed over the old one,
 * so a reader sees the old snapshot or the new, never half of one.
 *
 * Sentence and quote texts are slices of their passage's text: they are left
 * out of the payload and sliced again when read, which halves the file and
 * keeps them sharing the passage's characters in memory, as after a parse.
 *
 * A missing snapshot, or one from another format or parser version, is simply
 * rebuilt. A corrupt one (bad header, length or checksum, or a payload that does
 * not read back as loaded files) is set aside as `corpus.v8.corrupt` with a
 * warning and rebuilt: never served half-read.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { PARSER_VERSION, type LoadedFile } from "../corpus/loader.ts";
import type { Document, Passage, Quote } from "../corpus/types.ts";

/** Where the snapshot lives in the state folder (the bot and the ask CLI share it). */
export function snapshotDirIn(stateDir: string): string {
  return path.join(stateDir, "snapshot");
}

const FORMAT = "qa-corpus-snapshot/2";
const FILE = "corpus.v8";

interface Header {
  format: string;
  parser: number;
  bytes: number;
  sha1: string;
}

export interface SnapshotRead {
  /** The loaded files saved, by relative path (empty when there was no usable snapshot). */
  files: Map<string, LoadedFile>;
  /** Why nothing was reused, when a snapshot was there: "stale" (another version) or "corrupt". */
  state: "fresh" | "missing" | "stale" | "corrupt";
  /** A line for the operator when the snapshot was corrupt (what was set aside, and why). */
  warning?: string;
}

/** Reads the snapshot in `dir`; never throws for a bad snapshot (see SnapshotRead.state). */
export async function readSnapshot(dir: string): Promise<SnapshotRead> {
  const file = path.join(dir, FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { files: new Map(), state: "missing" };
    return { files: new Map(), state: "missing", warning: `cannot read the snapshot ${file}: ${describe(error)}; parsing every file` };
  }
  const parsed = parseSnapshot(bytes);
  if (parsed.state !== "corrupt") return { files: parsed.files, state: parsed.state };
  const aside = `${file}.corrupt`;
  await rename(file, aside).catch(() => rm(file, { force: true }));
  return { files: new Map(), state: "corrupt", warning: `snapshot ${file} is corrupt (${parsed.reason}); set aside as ${aside}, parsing every file` };
}

/** Checks and decodes a snapshot file's bytes (pure: the tests feed it damaged bytes). */
export function parseSnapshot(bytes: Buffer): { state: "fresh" | "stale"; files: Map<string, LoadedFile> } | { state: "corrupt"; reason: string } {
  const newline = bytes.indexOf(10);
  if (newline < 0 || newline > 1024) return { state: "corrupt", reason: "no header" };
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as Header;
  } catch {
    return { state: "corrupt", reason: "unreadable header" };
  }
  if (typeof header !== "object" || header === null || typeof header.format !== "string") return { state: "corrupt", reason: "unreadable header" };
  if (header.format !== FORMAT || header.parser !== PARSER_VERSION) return { state: "stale", files: new Map() };
  const payload = bytes.subarray(newline + 1);
  if (payload.length !== header.bytes) return { state: "corrupt", reason: `${payload.length} bytes instead of ${header.bytes}` };
  if (sha1(payload) !== header.sha1) return { state: "corrupt", reason: "checksum mismatch" };
  let value: unknown;
  try {
    value = deserialize(payload);
  } catch (error) {
    return { state: "corrupt", reason: describe(error) };
  }
  if (!Array.isArray(value) || !value.every(isLoadedFile)) return { state: "corrupt", reason: "not a list of loaded files" };
  try {
    for (const file of value as LoadedFile[]) restoreTexts(file.document);
  } catch (error) {
    return { state: "corrupt", reason: describe(error) };
  }
  return { state: "fresh", files: new Map((value as LoadedFile[]).map((f) => [f.file, f])) };
}

/** Saves `files` as the snapshot in `dir` (created if needed), atomically. */
export async function writeSnapshot(dir: string, files: Iterable<LoadedFile>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const payload = serialize([...files].map((f) => ({ file: f.file, hash: f.hash, document: withoutSlices(f.document) })));
  const header: Header = { format: FORMAT, parser: PARSER_VERSION, bytes: payload.length, sha1: sha1(payload) };
  const target = path.join(dir, FILE);
  const temp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(Buffer.concat([Buffer.from(JSON.stringify(header) + "\n"), payload]));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A copy of `document` without the texts that are slices of their passage
 * (sentence texts, quote texts that equal their span). Shared objects stay
 * shared: a section lists the same passage objects as the document.
 */
function withoutSlices(document: Document): Document {
  const quotes = new Map<Quote, Quote>();
  const passages = new Map<Passage, Passage>();
  for (const passage of document.passages) {
    const copy: Passage = {
      ...passage,
      sentences: passage.sentences.map((s) => (passage.text.slice(s.start, s.end) === s.text ? { ...s, text: SLICED } : s)),
      quotes: passage.quotes.map((q) => {
        const quote = passage.text.slice(q.start, q.end) === q.text ? { ...q, text: SLICED } : { ...q };
        quotes.set(q, quote);
        return quote;
      }),
    };
    passages.set(passage, copy);
  }
  const same = <T>(map: Map<T, T>, value: T) => map.get(value) ?? value;
  return {
    ...document,
    passages: document.passages.map((p) => same(passages, p)),
    sections: document.sections.map((section) => ({ ...section, passages: section.passages.map((p) => same(passages, p)) })),
    quotes: document.quotes.map((q) => same(quotes, q)),
  };
}

/** Marks a text left out of the payload (no text is null): slice it from the passage again. */
const SLICED = null as unknown as string;

function restoreTexts(document: Document): void {
  for (const passage of document.passages) {
    for (const sentence of passage.sentences) if (sentence.text === SLICED) sentence.text = passage.text.slice(sentence.start, sentence.end);
    for (const quote of passage.quotes) if (quote.text === SLICED) quote.text = passage.text.slice(quote.start, quote.end);
  }
}

function isLoadedFile(value: unknown): value is LoadedFile {
  const f = value as LoadedFile;
  return (
    typeof f === "object" &&
    f !== null &&
    typeof f.file === "string" &&
    typeof f.hash === "string" &&
    typeof f.document === "object" &&
    f.document !== null &&
    typeof f.document.id === "string" &&
    Array.isArray(f.document.passages)
  );
}

function sha1(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
