/**
 * Loading a data directory without holding the event loop: this thread lists,
 * reads and hashes the files (I/O), and the parsing of new or changed files runs
 * in a worker thread, so the bot keeps answering while a large or hostile data
 * set is read. The worker is started at the first file it has to parse: a
 * reload that changed nothing starts none, and one that changed a few small
 * files parses them here (see IN_THREAD). Its file sits next to this module: `.ts` under
 * tsx and vitest (registered with tsx's loader inside the worker), `.js` when
 * compiled. If no worker can be started, files are parsed in this thread,
 * yielding between files.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import {
  loadIncrementally,
  parseJob,
  type IncrementalLoad,
  type IncrementalLoadOptions,
  type ParseJob,
  type ParseOutcome,
} from "./loader.ts";

export interface BackgroundLoadOptions extends Omit<IncrementalLoadOptions, "parse"> {
  /** Give up (and stop the worker) after this long (default 120 s): a load that takes longer is a bug or an attack. */
  timeoutMs?: number;
}

type Reply = { n: number; outcome: ParseOutcome };

/**
 * The first few files to parse, when small, are parsed in this thread, one per
 * turn of the event loop: starting the worker (and, from source, tsx inside it)
 * takes 0.5-1.4 s on this machine, parsing a 25 KB article 30-60 ms, so a
 * /reload after an edit would otherwise spend most of its time starting a worker.
 * A large file, or a mass of files, still goes to the worker.
 */
const IN_THREAD = { files: 4, chars: 32 * 1024 };

/** Loads `dir`, parsing in a worker thread; rejects when the parser dies or the load times out. */
export async function loadCorpusInBackground(
  dir: string,
  options: BackgroundLoadOptions = {},
): Promise<IncrementalLoad> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pending = new Map<number, { resolve: (outcome: ParseOutcome) => void; reject: (error: Error) => void }>();
  let worker: Worker | null = null;
  let inThread = false;
  let dead: Error | null = null;
  const die = (error: Error) => {
    dead ??= error;
    for (const job of pending.values()) job.reject(dead);
    pending.clear();
    void worker?.terminate();
  };
  const timer = setTimeout(
    () => die(new Error(`loading took longer than ${Math.round(timeoutMs / 1000)} s`)),
    timeoutMs,
  );
  const start = (): Worker | null => {
    try {
      const started = startWorker();
      started.on("message", (reply: Reply) => {
        pending.get(reply.n)?.resolve(reply.outcome);
        pending.delete(reply.n);
      });
      started.once("error", (error) => die(error));
      started.once("exit", (code) => die(new Error(`loader worker stopped (exit code ${code})`)));
      return started;
    } catch {
      inThread = true;
      return null;
    }
  };
  let hereLeft = IN_THREAD.files;
  const parse = async (job: ParseJob, n: number): Promise<ParseOutcome> => {
    if (dead) throw dead;
    if (!worker && hereLeft > 0 && job.text.length <= IN_THREAD.chars) {
      hereLeft--;
      await nextTurn();
      return parseJob(job);
    }
    if (!worker && !inThread) worker = start();
    if (!worker) return parseJob(job);
    const running = worker;
    return new Promise<ParseOutcome>((resolve, reject) => {
      pending.set(n, { resolve, reject });
      running.postMessage({ n, job });
    });
  };
  try {
    const result = await loadIncrementally(dir, { ...options, parse });
    // Set by the timer or the worker's death meanwhile (closures; TypeScript cannot see it).
    const failure = dead as Error | null;
    if (failure) throw failure;
    return result;
  } finally {
    clearTimeout(timer);
    dead ??= new Error("load finished");
    void (worker as Worker | null)?.terminate();
  }
}

function startWorker(): Worker {
  const here = import.meta.url;
  // A hostile file that still exhausts memory stops the worker, not the bot.
  const resourceLimits = { maxOldGenerationSizeMb: 2048 };
  if (here.endsWith(".js")) return new Worker(new URL("./load-worker.js", here), { resourceLimits });
  // Source files: Node cannot run .ts by itself, so the worker registers tsx's loader first.
  const entry = new URL("./load-worker.ts", here).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}
