/**
 * The parsed corpus saved beside the state (STATE_DIR/snapshot), so a start or
 * a reload parses only the files that are new or changed since the last load.
 *
 * One entry a data file, named by a hash of (path, sha1 of the bytes, document
 * id): a changed file has a new name, so entries are never rewritten, a reload
 * that changed one file writes one entry, and entries no file uses any more are
 * deleted after each load. An entry is a JSON header line (format, parser
 * version, payload length and checksum) and the document in V8's serialisation
 * format — the fastest way to read plain data back, and it keeps shared objects
 * shared (a passage is in its section and in its document once). Each is
 * written to a temporary file and renamed: a reader sees a whole entry or none.
 *
 * The document is saved packed (corpus/packed.ts): a table of strings and a
 * few flat arrays, with everything derived (ids, sentence and quote texts) left
 * out; V8 reads that back in a few objects instead of one per sentence, quote
 * and id, and unpacking makes the very objects a parse makes.
 *
 * A missing entry, or one from another format or parser version, means the
 * file is parsed. A corrupt one (bad header, length or checksum, or a payload
 * that is not the document expected) is set aside as `<entry>.corrupt` with a
 * warning and the file parsed: never served half-read.
 *
 * Beside the entries, `engine-<key>.v8` holds the importable part of the index
 * built over them (FlexSearch's export, the engine's flat tables, its people
 * index: see EngineSnapshot). Its key covers the documents served,
 * in order (path, bytes hash, id), and a fingerprint of the engine's code (the
 * files of search/ and language/, FlexSearch's code, and the formats): any
 * change to either means a build, never an index that does not fit. Only a
 * start (or a library serving nothing yet) reads it: a reload updates the
 * served engine instead and never reads the engine snapshot.
 *
 * `stamps.bin` records each data file's stamp (size, times, inode) with its
 * bytes hash at the last save: a file whose stamp is unchanged is not read again.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync } from "node:fs";
import { access, mkdir, open, readFile, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { DefaultDeserializer, deserialize, serialize } from "node:v8";
import * as zlib from "node:zlib";
import { PARSER_VERSION, type LoadedFile } from "../corpus/loader.ts";
import { isPackedDocument, packDocument, unpackDocument } from "../corpus/packed.ts";
import type { Document } from "../corpus/types.ts";
import type { EngineSnapshot } from "../search/engine.ts";

/** Where the snapshot lives in the state folder (the bot and the ask CLI share it). */
export function snapshotDirIn(stateDir: string): string {
  return path.join(stateDir, "snapshot");
}

const FORMAT = "qa-corpus-snapshot/5";
/**
 * The engine snapshot's own format (7: the engine's tables flat as the engine
 * holds them, and its people index); entries keep theirs.
 */
const ENGINE_FORMAT = "qa-engine-snapshot/7";
const SUFFIX = ".v8";

interface Header {
  format: string;
  parser: number;
  file: string;
  id: string;
  bytes: number;
  check: string;
}

/** What reading an entry found. */
export type EntryRead =
  { state: "fresh"; document: Document } | { state: "missing" | "stale" } | { state: "corrupt"; reason: string };

/** The entries of one snapshot folder. Not shared between folders; safe to share the folder between processes. */
export class SnapshotStore {
  /** Entries known to be on disk and whole (read or written by this store). */
  readonly #present = new Set<string>();

  /** Per data file, the stamp and hash recorded at the last save (see `stampOf`); read once, by `readStamps`. */
  #stamps = new Map<string, { stamp: string; hash: string }>();
  #stampsRead = false;

  constructor(readonly dir: string) {}

  /**
   * Reads the stamps recorded at the last save (once a store). Missing, stale
   * or corrupt, none are known and every file is read and hashed: they only
   * save reading files, every entry is still checked against its checksum.
   */
  async readStamps(): Promise<void> {
    if (this.#stampsRead) return;
    this.#stampsRead = true;
    const bytes = await readFile(path.join(this.dir, STAMPS)).catch(() => null);
    const read = bytes ? parseFramed(bytes, STAMPS) : null;
    if (read?.state === "fresh" && read.value instanceof Map)
      this.#stamps = read.value as Map<string, { stamp: string; hash: string }>;
  }

  /** The hash recorded for `file` when it had `stamp`, if it had. */
  hashFor(file: string, stamp: string): string | undefined {
    const known = this.#stamps.get(file);
    return known?.stamp === stamp ? known.hash : undefined;
  }

  /** The entry's file name for a data file with these bytes and this document id. */
  static key(file: string, hash: string, id: string): string {
    return sha1(Buffer.from(`${file}\u0000${hash}\u0000${id}`)) + SUFFIX;
  }

  /**
   * The document saved for `file` with bytes `hash` and id `id`, or undefined.
   * A corrupt entry is set aside and `warn` told why.
   */
  get(file: string, hash: string, id: string, warn: (line: string) => void): Document | undefined {
    const key = SnapshotStore.key(file, hash, id);
    const entry = path.join(this.dir, key);
    let bytes: Buffer;
    try {
      // Synchronous: an entry is small and in the page cache after the first start, and one
      // system call here beats the promise API's four trips through the thread pool
      // (5,000 entries: about 0.5 s of a restart's CPU).
      bytes = readFileSync(entry);
    } catch {
      return undefined;
    }
    const read = parseEntry(bytes, file, id);
    if (read.state === "fresh") {
      this.#present.add(key);
      return read.document;
    }
    if (read.state === "corrupt") {
      try {
        renameSync(entry, `${entry}.corrupt`);
      } catch {
        rmSync(entry, { force: true });
      }
      warn(
        `snapshot entry ${entry} for ${file} is corrupt (${read.reason}); set aside as ${key}.corrupt, the file is parsed again`,
      );
    }
    return undefined;
  }

  /** The engine snapshot saved under `key`, or undefined (missing, stale or corrupt: then set aside, `warn` told). */
  async getEngine(key: string, warn: (line: string) => void): Promise<EngineSnapshot | undefined> {
    const entry = path.join(this.dir, `${ENGINE_PREFIX}${key}${SUFFIX}`);
    let bytes: Buffer;
    try {
      bytes = await readFile(entry);
    } catch {
      return undefined;
    }
    const read = parseFramed(bytes, key);
    const reason = read.state === "corrupt" ? read.reason : "not an engine snapshot";
    if (read.state === "fresh" && isEngineSnapshot(read.value)) return read.value;
    if (read.state !== "stale") {
      await rename(entry, `${entry}.corrupt`).catch(() => rm(entry, { force: true }));
      warn(`engine snapshot ${entry} is corrupt (${reason}); the index is built`);
    }
    return undefined;
  }

  /** Whether an engine snapshot is saved under `key` (its contents are checked when read). */
  async hasEngine(key: string): Promise<boolean> {
    return access(path.join(this.dir, `${ENGINE_PREFIX}${key}${SUFFIX}`)).then(
      () => true,
      () => false,
    );
  }

  /**
   * Saves `snapshot` under `key`, and deletes every other engine snapshot.
   * The checksum is taken in slices, awaiting `pause` between them.
   */
  async saveEngine(key: string, snapshot: EngineSnapshot, pause?: () => Promise<void>): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const name = `${ENGINE_PREFIX}${key}${SUFFIX}`;
    await writeFramed(path.join(this.dir, name), key, serialize(snapshot), pause);
    for (const other of await readdir(this.dir)) {
      if (other.startsWith(ENGINE_PREFIX) && other !== name) await rm(path.join(this.dir, other), { force: true });
    }
  }

  /** Saves the entries of `files` not saved yet, then deletes the entries no file of `files` uses. */
  async save(files: Iterable<LoadedFile>): Promise<{ written: number; deleted: number }> {
    await mkdir(this.dir, { recursive: true });
    const live = new Set<string>();
    const stamps = new Map<string, { stamp: string; hash: string }>();
    let written = 0;
    for (const loaded of files) {
      if (loaded.stamp) stamps.set(loaded.file, { stamp: loaded.stamp, hash: loaded.hash });
      const key = SnapshotStore.key(loaded.file, loaded.hash, loaded.document.id);
      live.add(key);
      if (this.#present.has(key)) continue;
      await writeEntry(path.join(this.dir, key), loaded);
      this.#present.add(key);
      written++;
    }
    // After the entries: a stamp is recorded only with its entry on disk.
    await writeFramed(path.join(this.dir, STAMPS), STAMPS, serialize(stamps));
    this.#stamps = stamps;
    this.#stampsRead = true;
    let deleted = 0;
    for (const name of await readdir(this.dir)) {
      if (name.startsWith(ENGINE_PREFIX)) continue;
      const stale = name.endsWith(SUFFIX) ? !live.has(name) : name.endsWith(".tmp");
      if (!stale) continue;
      await rm(path.join(this.dir, name), { force: true });
      this.#present.delete(name);
      deleted++;
    }
    return { written, deleted };
  }
}

const ENGINE_PREFIX = "engine-";
/** The stamps of the data files saved (not an entry: no SUFFIX, so never deleted as one). */
const STAMPS = "stamps.bin";

/** The engine snapshot's key for these files, served in this order (see the module comment). */
export async function engineKey(files: Iterable<LoadedFile>): Promise<string> {
  const hash = createHash("sha1").update(await engineFingerprint());
  for (const f of files) hash.update(`${f.file}\u0000${f.hash}\u0000${f.document.id}\n`);
  return hash.digest("hex");
}

let fingerprint: Promise<string> | null = null;

/** sha1 over the engine's code (search/ and language/, beside this folder: .ts or built .js) and FlexSearch's. */
function engineFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash("sha1").update(`${FORMAT}\u0000${ENGINE_FORMAT}\u0000${PARSER_VERSION}\u0000`);
    // FlexSearch's own code (the module this resolves to) stands for its version.
    hash.update(await readFile(new URL(import.meta.resolve("flexsearch"))));
    for (const folder of ["../search/", "../language/"]) {
      const dir = new URL(folder, import.meta.url);
      const names = (await readdir(dir, { recursive: true })).sort();
      for (const name of names) {
        const bytes = await readFile(new URL(name, dir)).catch(() => null);
        if (bytes) hash.update(`${name}\u0000`).update(bytes);
      }
    }
    return hash.digest("hex");
  })();
  return fingerprint;
}

/** A header line (format, key, length, checksum) and a payload: how the engine snapshot is framed. */
async function writeFramed(target: string, key: string, payload: Buffer, pause?: () => Promise<void>): Promise<void> {
  const check = pause ? await checksumInSlices(payload, pause) : checksum(payload);
  await writeAtomically(target, { format: ENGINE_FORMAT, key, bytes: payload.length, check }, payload);
}

/** `header` as one JSON line, then `payload`, to a temporary file renamed over `target`: readers see all or nothing. */
async function writeAtomically(target: string, header: object, payload: Buffer): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = await open(temp, "w");
  try {
    // One after the other (each written whole), rather than a copy of a payload of tens of MB into one buffer.
    await handle.writeFile(JSON.stringify(header) + "\n");
    await handle.writeFile(payload);
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

type Corrupt = { state: "corrupt"; reason: string };

/** The JSON header line of a framed file (an entry, the stamps, the engine snapshot), or why it cannot be read. */
function readHeader<H extends { format?: unknown }>(bytes: Buffer): { header: Partial<H>; newline: number } | Corrupt {
  const newline = bytes.indexOf(10);
  if (newline < 0 || newline > 4096) return { state: "corrupt", reason: "no header" };
  let header: Partial<H>;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as Partial<H>;
  } catch {
    return { state: "corrupt", reason: "unreadable header" };
  }
  if (typeof header !== "object" || header === null) return { state: "corrupt", reason: "unreadable header" };
  return { header, newline };
}

/** The payload after the header line, if its length and checksum are the header's. */
function checkedPayload(
  bytes: Buffer,
  newline: number,
  header: { bytes?: unknown; check?: unknown },
): Buffer | Corrupt {
  const payload = bytes.subarray(newline + 1);
  if (payload.length !== header.bytes)
    return { state: "corrupt", reason: `${payload.length} bytes instead of ${String(header.bytes)}` };
  if (!checks(payload, header.check)) return { state: "corrupt", reason: "checksum mismatch" };
  return payload;
}

function parseFramed(bytes: Buffer, key: string): { state: "fresh"; value: unknown } | { state: "stale" } | Corrupt {
  const read = readHeader<{ format: string; key: string; bytes: number; check: string }>(bytes);
  if ("state" in read) return read;
  const { header, newline } = read;
  if (header.format !== ENGINE_FORMAT) return { state: "stale" };
  if (header.key !== key) return { state: "corrupt", reason: "holds another key" };
  const payload = checkedPayload(bytes, newline, header);
  if (!Buffer.isBuffer(payload)) return payload;
  try {
    return { state: "fresh", value: deserializeOwned(payload) };
  } catch (error) {
    return { state: "corrupt", reason: describe(error) };
  }
}

/** Checks and decodes an entry's bytes, expected to hold `file`'s document `id` (pure: tests feed it damaged bytes). */
export function parseEntry(bytes: Buffer, file: string, id: string): EntryRead {
  const read = readHeader<Header>(bytes);
  if ("state" in read) return read;
  const { header, newline } = read;
  if (typeof header.format !== "string") return { state: "corrupt", reason: "unreadable header" };
  if (header.format !== FORMAT || header.parser !== PARSER_VERSION) return { state: "stale" };
  if (header.file !== file || header.id !== id)
    return { state: "corrupt", reason: `holds ${header.file} (${header.id})` };
  const payload = checkedPayload(bytes, newline, header);
  if (!Buffer.isBuffer(payload)) return payload;
  try {
    const packed = deserialize(payload) as unknown;
    if (!isPackedDocument(packed) || packed.id !== id) return { state: "corrupt", reason: "not the document expected" };
    return { state: "fresh", document: unpackDocument(packed) };
  } catch (error) {
    return { state: "corrupt", reason: describe(error) };
  }
}

async function writeEntry(target: string, loaded: LoadedFile): Promise<void> {
  const payload = serialize(packDocument(loaded.document));
  const header: Header = {
    format: FORMAT,
    parser: PARSER_VERSION,
    file: loaded.file,
    id: loaded.document.id,
    bytes: payload.length,
    check: checksum(payload),
  };
  await writeAtomically(target, header, payload);
}

/**
 * Node's deserialiser makes each typed array a view into the bytes read: one
 * typed array the engine keeps (its flat per-passage tables) would keep the
 * whole file in memory, about 1 KB a passage. This one copies each out.
 */
class OwningDeserializer extends DefaultDeserializer {
  /** Called by V8 for each typed array or Buffer (Node's own hook, missing from its types). */
  _readHostObject(): unknown {
    const view = readHostObject.call(this);
    return ArrayBuffer.isView(view) && !(view instanceof DataView) ? (view as Uint8Array).slice() : view;
  }
}

const readHostObject = (DefaultDeserializer.prototype as unknown as { _readHostObject: (this: unknown) => unknown })
  ._readHostObject;

/** `v8.deserialize`, with typed arrays that own their bytes (see OwningDeserializer). */
function deserializeOwned(payload: Buffer): unknown {
  const deserializer = new OwningDeserializer(payload);
  deserializer.readHeader();
  return deserializer.readValue();
}

/** zlib's CRC-32, where this Node has it (a namespace import: a named one fails to link on Node < 20.15). */
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/**
 * A payload's checksum, to catch a damaged file (nobody forges one): CRC-32
 * where Node has it (several times faster than sha1 on the 90 MB engine
 * snapshot of 100,000 passages), else sha1. Named by its algorithm, so a
 * snapshot written by the other is still checked.
 */
export function checksum(bytes: Uint8Array): string {
  return crc32 ? `crc32:${crc32(bytes).toString(16)}` : `sha1:${sha1(bytes)}`;
}

/** The bytes a checksum slice covers: a few ms of CRC-32 or sha1. */
const CHECK_SLICE = 4 * 1024 * 1024;

/** `checksum(bytes)`, computed a slice at a time, awaiting `pause` between slices. */
export async function checksumInSlices(bytes: Uint8Array, pause: () => Promise<void>): Promise<string> {
  const hash = crc32 ? null : createHash("sha1");
  let crc = 0;
  for (let start = 0; start < bytes.length || start === 0; start += CHECK_SLICE) {
    if (start > 0) await pause();
    const slice = bytes.subarray(start, start + CHECK_SLICE);
    if (hash) hash.update(slice);
    else crc = crc32!(slice, crc);
  }
  return hash ? `sha1:${hash.digest("hex")}` : `crc32:${crc.toString(16)}`;
}

/** Whether `check` (from a header) is `bytes`' checksum. */
function checks(bytes: Uint8Array, check: unknown): boolean {
  if (typeof check !== "string") return false;
  if (check.startsWith("sha1:")) return check === `sha1:${sha1(bytes)}`;
  return crc32 !== undefined && check === `crc32:${crc32(bytes).toString(16)}`;
}

function sha1(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("hex");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Whether a value read back has the engine snapshot's shape: its flat tables
 * typed arrays (what the engine indexes without checking), the rest present.
 * Whether it fits the documents is the engine's to check (restoreEngine throws).
 */
function isEngineSnapshot(value: unknown): value is EngineSnapshot {
  const v = value as Partial<EngineSnapshot> | null;
  const t = v?.tables;
  return (
    typeof v === "object" &&
    v !== null &&
    Array.isArray(v.candidates?.parts) &&
    typeof t === "object" &&
    t !== null &&
    Array.isArray(t.terms) &&
    (t.passageTerms instanceof Uint16Array || t.passageTerms instanceof Uint32Array) &&
    [t.bounds, t.contextTerms, t.contextStarts, t.contextOf].every((a) => a instanceof Uint32Array) &&
    [t.mentions?.counts, t.mentions?.lengths, t.mentions?.names].every((a) => a instanceof Uint32Array) &&
    Array.isArray(t.people) &&
    typeof t.vocabulary === "object" &&
    typeof t.sentenceCount === "number" &&
    typeof t.averageSentenceLength === "number"
  );
}
