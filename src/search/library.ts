import { loadCorpus } from "../corpus/loader.ts";
import type { LoadFailure } from "../corpus/types.ts";
import { createEngine } from "./engine.ts";
import type { AnswerEngine, CorpusStats } from "./types.ts";

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
  #lastReload: Date | null = null;

  constructor(
    readonly dataDir: string,
    engine: AnswerEngine = createEngine([]),
  ) {
    this.#engine = engine;
  }

  /** Reads `dataDir` and builds the first engine. */
  static async open(dataDir: string): Promise<{ library: Library; report: ReloadReport }> {
    const library = new Library(dataDir);
    const report = await library.reload();
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
    const run = this.#queue.then(() => this.#reloadNow());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #reloadNow(): Promise<ReloadReport> {
    const started = performance.now();
    const before = this.#engine.stats();
    const elapsed = () => Math.round(performance.now() - started);
    let loaded;
    try {
      // No per-file warnings from the loader: they went to console.warn, past the
      // bot's logger, and printed every skipped file twice at start-up. The
      // report carries the failures; its callers log them once.
      loaded = await loadCorpus(this.dataDir, { warn: () => undefined });
    } catch (error) {
      return keep(before, [], `cannot read ${this.dataDir}: ${describe(error)}`, elapsed());
    }
    if (loaded.documents.length === 0) {
      return keep(before, loaded.failures, "no document could be loaded", elapsed());
    }
    let next: AnswerEngine;
    try {
      next = createEngine(loaded.documents);
    } catch (error) {
      return keep(before, loaded.failures, `index build failed: ${describe(error)}`, elapsed());
    }
    this.#engine = next;
    this.#lastReload = new Date();
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
    };
  }
}

function keep(stats: CorpusStats, failures: LoadFailure[], reason: string, ms: number): ReloadReport {
  return { ok: false, reason, stats, delta: { documents: 0, passages: 0, sentences: 0, quotes: 0 }, failures, ms };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
