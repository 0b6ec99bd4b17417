import { access } from "node:fs/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import { loadCorpusInBackground } from "../corpus/background.ts";
import {
  loadIncrementally,
  settleStamps,
  type IncrementalLoad,
  type LoadTimings,
  type LoadedFile,
} from "../corpus/loader.ts";
import type { LoadFailure, LoadResult } from "../corpus/types.ts";
import { createEngine, engineSnapshotInSlices, restoreEngine, updateEngineInSlices } from "../search/engine.ts";
import type { AnswerEngine, CorpusStats } from "../search/types.ts";
import { SnapshotStore, engineKey } from "./snapshot.ts";

export interface LibraryOptions {
  /**
   * Where reloads parse articles: in a worker thread (default; questions are
   * answered meanwhile) or in this thread, yielding between files (for tests
   * that hook the file system of this thread). The first load, in `open`,
   * always runs in this thread: nothing is being answered yet.
   */
  thread?: "worker" | "main";
  /**
   * A reload whose loading (reading and parsing in the worker) takes longer than this is abandoned and
   * the old index kept (default 120 s). It bounds the load in the worker only (thread "worker"), not the indexing after it.
   */
  timeoutMs?: number;
  /**
   * Folder for the snapshot of the parsed corpus (e.g. STATE_DIR/snapshot; never
   * inside the data folder). With it, a start parses only the files that changed
   * since the last load. Without it, only reloads reuse unchanged files.
   */
  snapshotDir?: string;
}

/** How long a reload indexes before questions get a turn (ms). */
const SLICE_MS = 10;

/** What a reload did, for the admin who asked for it. */
export interface ReloadReport {
  /** True when a new index was built and is now served. */
  ok: boolean;
  /** Why the old index was kept (only when !ok). */
  reason?: string;
  /** Stats of the index now served (the new one if ok, else the old one). */
  stats: CorpusStats;
  /** New minus old, per figure (zeros when !ok). */
  delta: CorpusStats;
  /** Files that could not be loaded (named, with the reason). */
  failures: LoadFailure[];
  /** Wall time of the reload in milliseconds. */
  ms: number;
  /** Files parsed now, and files whose earlier document was reused (unchanged bytes). */
  parsed?: number;
  reused?: number;
  /** Files read and hashed to tell whether they changed (the others' stamps told). */
  read?: number;
  /** Where the reload's wall time went, in ms: the load's steps (see LoadTimings), then the index (its pauses too). */
  timings?: LoadTimings & { index: number };
  /** Lines for the operator: a corrupt snapshot set aside, a snapshot that could not be saved. */
  warnings?: string[];
  /**
   * "restored": FlexSearch's index was imported from the snapshot (same documents, same engine code);
   * "updated": the served index was updated, indexing only the documents not in it (see updateEngine).
   */
  index?: "built" | "restored" | "updated";
}

/**
 * Holds the engine being served and swaps in a new one atomically.
 *
 * A reload builds the new engine beside the old; readers keep using `engine`
 * (the old one) until the single assignment that replaces it. Reloads are
 * serialised: a reload requested while one runs waits for it, then runs, so two
 * admins reloading at once both get a report and never a half-built index.
 */
export class Library {
  #engine: AnswerEngine;
  #queue: Promise<unknown> = Promise.resolve();
  /** The snapshot save a reload left running (see #reloadNow), and what it had to say. */
  #saving: Promise<void> = Promise.resolve();
  #saveWarnings: string[] = [];
  #lastReload: Date | null = null;
  /** The files behind the served engine: what the next load reuses first. */
  #files: ReadonlyMap<string, LoadedFile> = new Map();
  /** The snapshot: what a load reuses when this process has not read the file yet. */
  readonly #snapshot: SnapshotStore | null;

  constructor(
    readonly dataDir: string,
    engine: AnswerEngine = createEngine([]),
    readonly options: LibraryOptions = {},
  ) {
    this.#engine = engine;
    this.#snapshot = options.snapshotDir ? new SnapshotStore(options.snapshotDir) : null;
  }

  /**
   * Why a reload that lost most of the served documents must not be served:
   * the data folder is gone or unreadable now, or most of the files listed
   * disappeared while being read (a folder deleted or moved during the reload).
   * A reload that lost documents because an admin removed files is served.
   */
  async #vanished(loaded: LoadResult, served: number): Promise<string | null> {
    const kept = loaded.documents.length;
    if (served === 0 || kept * 2 > served) return null;
    const summary = `${kept} of ${served} documents would be left`;
    try {
      await access(this.dataDir);
    } catch {
      return `the data folder ${this.dataDir} disappeared during the reload (${summary}); the previous index is kept`;
    }
    const gone = loaded.failures.filter((f) => /ENOENT|no such file/i.test(f.reason)).length;
    if (gone * 2 > kept + loaded.failures.length) {
      return `most files disappeared while they were read (${summary}); the previous index is kept`;
    }
    return null;
  }

  /**
   * Writes the entries of the files parsed now (deleting those of files gone
   * or changed) and the engine's; returns warnings. It runs while questions
   * are answered: the engine's snapshot is taken and checked in slices with
   * turns of the event loop between them.
   */
  async #save(
    store: SnapshotStore,
    files: ReadonlyMap<string, LoadedFile>,
    engine: { key: string; engine: AnswerEngine; always: boolean } | null,
  ): Promise<string[]> {
    try {
      await store.save(files.values());
      const pause = () => nextTurn();
      // A reload that changed nothing finds the snapshot it would save on disk already. A start that
      // did not restore writes it always: the file under its key may be one it could not use.
      if (engine && (engine.always || !(await store.hasEngine(engine.key))))
        await store.saveEngine(engine.key, await engineSnapshotInSlices(engine.engine, pause), pause);
      return [];
    } catch (error) {
      return [`could not save the snapshot in ${store.dir}: ${describe(error)}`];
    }
  }

  /** Reads `dataDir` and builds the first engine. */
  static async open(
    dataDir: string,
    options: LibraryOptions = {},
  ): Promise<{ library: Library; report: ReloadReport }> {
    const library = new Library(dataDir, undefined, options);
    // Nothing is served before the first load: it runs in this thread (no worker start-up to pay).
    const report = await library.#enqueue("main", true);
    return { library, report };
  }

  /** The engine to answer with right now. Take it once per request. */
  get engine(): AnswerEngine {
    return this.#engine;
  }

  get lastReload(): Date | null {
    return this.#lastReload;
  }

  /** Reloads from `dataDir`; keeps the old engine unless at least one document loads. */
  reload(): Promise<ReloadReport> {
    return this.#enqueue(this.options.thread ?? "worker", false);
  }

  /** Resolves once the snapshot a reload is still saving is on disk (for a process about to exit, and tests). */
  async flush(): Promise<void> {
    await this.#saving;
  }

  #enqueue(thread: "worker" | "main", first: boolean): Promise<ReloadReport> {
    const run = this.#queue.then(() => this.#reloadNow(thread, first));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #reloadNow(thread: "worker" | "main", first: boolean): Promise<ReloadReport> {
    // The next load reads the snapshot: the last one's save finishes first.
    await this.#saving;
    const started = performance.now();
    const before = this.#engine.stats();
    const elapsed = () => Math.round(performance.now() - started);
    const warnings: string[] = this.#saveWarnings.splice(0);
    const known = this.#files;
    const reuse = (file: string, hash: string, id: string) => {
      const before = known.get(file);
      if (before?.hash === hash && before.document.id === id) return before.document;
      return this.#snapshot?.get(file, hash, id, (line) => warnings.push(line));
    };
    // Files whose stamp is the one recorded with their hash are not read again.
    await this.#snapshot?.readStamps();
    const knownHash = (file: string, stamp: string) => {
      const before = known.get(file);
      return before?.stamp === stamp ? before.hash : this.#snapshot?.hashFor(file, stamp);
    };
    let loaded: IncrementalLoad;
    try {
      // Parsed in a worker thread: questions keep being answered meanwhile.
      // No per-file warnings from the loader: they went to console.warn, past the
      // bot's logger, and printed every skipped file twice at start-up. The
      // report carries the failures; its callers log them once.
      loaded =
        thread === "main"
          ? await loadIncrementally(this.dataDir, { reuse, knownHash, warn: () => undefined })
          : await loadCorpusInBackground(this.dataDir, {
              reuse,
              knownHash,
              warn: () => undefined,
              timeoutMs: this.options.timeoutMs,
            });
    } catch (error) {
      return keep(before, [], `cannot read ${this.dataDir}: ${describe(error)}`, elapsed(), warnings);
    }
    if (loaded.documents.length === 0) {
      return keep(before, loaded.failures, "no document could be loaded", elapsed(), warnings);
    }
    const vanished = await this.#vanished(loaded, before.documents);
    if (vanished) return keep(before, loaded.failures, vanished, elapsed(), warnings);
    const key = this.#snapshot ? await engineKey(loaded.files.values()) : "";
    // The engine snapshot is for a start (or a library serving nothing yet): a reload updates the served
    // engine in slices instead, where reading and importing a whole snapshot would hold questions for seconds.
    const saved =
      first || before.documents === 0 ? await this.#snapshot?.getEngine(key, (line) => warnings.push(line)) : undefined;
    const indexing = performance.now();
    let next: AnswerEngine | null = null;
    if (saved) {
      try {
        next = restoreEngine(loaded.documents, saved);
      } catch (error) {
        warnings.push(`engine snapshot not used (${describe(error)}); the index is built`);
      }
    }
    const restored = next !== null;
    let how: "built" | "updated" = "built";
    try {
      // Only the documents not served now are indexed, in slices between which the served
      // engine (not changed meanwhile) answers; a start has nothing to answer yet.
      next ??= await updateEngineInSlices(
        this.#engine,
        loaded.documents,
        {},
        (done, reason) => {
          how = done;
          if (reason) warnings.push(`the index could not be updated (${reason}); it was built from scratch`);
        },
        () => nextTurn(),
        first ? Infinity : SLICE_MS,
      );
    } catch (error) {
      return keep(before, loaded.failures, `index build failed: ${describe(error)}`, elapsed(), warnings);
    }
    // Before the stamps are settled and the snapshot saved: those are not the index.
    const index = performance.now() - indexing;
    this.#engine = next;
    this.#lastReload = new Date();
    this.#files = loaded.files;
    // A start saves before it reports (the next start needs it); a reload
    // reports as soon as the new index is served and saves after.
    const snapshot = this.#snapshot;
    const engineToSave = restored ? null : { key, engine: next, always: first || before.documents === 0 };
    const saving = settleStamps(this.dataDir, loaded.files.values()).then(() =>
      snapshot ? this.#save(snapshot, loaded.files, engineToSave) : [],
    );
    if (first) warnings.push(...(await saving));
    else this.#saving = saving.then((lines) => void this.#saveWarnings.push(...lines));
    const stats = next.stats();
    return {
      ok: true,
      stats,
      delta: {
        documents: stats.documents - before.documents,
        passages: stats.passages - before.passages,
        sentences: stats.sentences - before.sentences,
        quotes: stats.quotes - before.quotes,
      },
      failures: loaded.failures,
      ms: elapsed(),
      parsed: loaded.parsed,
      reused: loaded.reused,
      read: loaded.read,
      timings: { ...loaded.timings, index },
      warnings,
      index: restored ? "restored" : how,
    };
  }
}

function keep(
  stats: CorpusStats,
  failures: LoadFailure[],
  reason: string,
  ms: number,
  warnings: string[],
): ReloadReport {
  return {
    ok: false,
    reason,
    stats,
    delta: { documents: 0, passages: 0, sentences: 0, quotes: 0 },
    failures,
    ms,
    warnings,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
