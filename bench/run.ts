/**
 * `npm run bench [-- --quick]`: our answer engine and bot against FlexSearch, MiniSearch
 * and a bare grammY bot — one process, one machine, the same text and questions — so the
 * figures that matter are the ratios between rows, not the absolute times.
 *
 * Options:
 *   --quick            article, 1k and 10k only; shorter loops; no 100k cold start (< 1 min)
 *   --out FILE         where to write the JSON (default bench/results.json;
 *                      with --quick bench/results.local.json, so a quick run never
 *                      overwrites the published figures)
 *   --sizes 1000,10000 synthetic corpus sizes (passages) instead of the default
 *   --engines ours,minisearch   only these engines
 *   --no-bot, --no-coldstart    skip those parts (for profiling one engine)
 *   --no-scale         skip the archive-scale part (bench/scale.ts: first start and restart at
 *                      100k passages with the snapshot, /reload after one change of 2,000 files);
 *                      it runs only in full runs whose sizes include 100000
 *   --coldstart-timeout S       give up on a cold start after S seconds (default 240; null in JSON)
 *   --seed N           corpus and question seed (default 20240311)
 */
import { spawnSync } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Document } from "../src/corpus/types.ts";
import type { Answer } from "../src/search/types.ts";
import { benchBots, type BotBench } from "./bot.ts";
import { benchScale, scaleReport, type ScaleResults } from "./scale.ts";
import { ColdStartTimeout, measureColdStart, type ColdStartResult } from "./coldstart.ts";
import {
  PASSAGES_PER_ARTICLE,
  buildTemplates,
  countPassages,
  generateArticles,
  readArticles,
  toDocuments,
  writeArticles,
  type SyntheticArticle,
} from "./corpus.ts";
import {
  flexsearchAdapter,
  minisearchAdapter,
  oursAdapter,
  type EngineAdapter,
  type EngineName,
  type RenderAnswer,
} from "./engines.ts";
import { importSrc, loadProduct } from "./product.ts";
import { questionMix, readDevQuestions, scoreTop1, type Top1Result } from "./questions.ts";
import { forceGc, heapUsedMB, round, timeLoop, type LoopBudget } from "./stats.ts";
import { option } from "./args.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Heap figures need forced GCs: re-run this file under node --expose-gc when needed.
if (typeof (globalThis as { gc?: unknown }).gc !== "function") {
  const child = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      "--max-old-space-size=8192",
      "--import",
      "tsx",
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: "inherit", cwd: ROOT },
  );
  process.exit(child.status ?? 1);
}

// ---------------------------------------------------------------------------------------

interface Options {
  quick: boolean;
  out: string;
  sizes: number[];
  engines: Set<EngineName>;
  bot: boolean;
  coldStart: boolean;
  scale: boolean;
  /** A start slower than this is killed and recorded as null, so the run stays bounded. */
  coldStartTimeoutS: number;
  seed: number;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string) => option(name, argv);
  const quick = argv.includes("--quick");
  const sizes =
    value("--sizes")
      ?.split(",")
      .map(Number)
      .filter((n) => n > 0) ?? (quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]);
  const engines = new Set((value("--engines")?.split(",") ?? ["ours", "flexsearch", "minisearch"]) as EngineName[]);
  return {
    quick,
    out: path.resolve(ROOT, value("--out") ?? (quick ? "bench/results.local.json" : "bench/results.json")),
    sizes,
    engines,
    bot: !argv.includes("--no-bot"),
    coldStart: !argv.includes("--no-coldstart"),
    scale: !argv.includes("--no-scale") && !quick && sizes.includes(100_000),
    coldStartTimeoutS: Number(value("--coldstart-timeout") ?? 240),
    seed: Number(value("--seed") ?? 20240311),
  };
}

interface Row {
  engine: EngineName;
  passages: number;
  buildMs: number;
  heapMB: number;
  p50Us: number;
  p99Us: number;
  qps: number;
  top1: number | null;
}

interface Results {
  retrieval: Row[];
  bot: { echoUpdatesPerSec: number | null; questionUpdatesPerSec: number | null; inlineUpdatesPerSec: number | null };
  coldStartMs: { article: number | null; "100k": number | null };
  /** Archive scale (bench/scale.ts), when run. */
  scale?: ScaleResults;
}

const log = (line = "") => process.stderr.write(line + "\n");

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const budget: LoopBudget = o.quick
    ? { warmup: 100, minCalls: 400, minMs: 250, maxMs: 1_500 }
    : { warmup: 200, minCalls: 2_000, minMs: 1_000, maxMs: 5_000 };
  const botBudget: LoopBudget = o.quick
    ? { warmup: 200, minCalls: 1_000, minMs: 300, maxMs: 2_000 }
    : { warmup: 500, minCalls: 5_000, minMs: 1_500, maxMs: 6_000 };

  const product = await loadProduct();
  const botAnswering = await importSrc<{
    renderPage?: (answers: readonly Answer[], index: number) => string;
    MAX_ANSWERS?: number;
  }>("src/bot/answering.ts", product.missing);
  for (const [file, why] of Object.entries(product.missing)) log(`! ${file} unavailable (${why})`);
  const render: RenderAnswer | null = botAnswering?.renderPage
    ? (answers) => botAnswering.renderPage!(answers, 0)
    : null;
  const answerLimit = botAnswering?.MAX_ANSWERS;

  const adapters: EngineAdapter[] = [];
  if (o.engines.has("ours")) {
    if (product.createEngine) adapters.push(oursAdapter(product.createEngine, render, answerLimit));
    else log("! ours skipped: src/search/engine.ts has no createEngine yet");
  }
  if (o.engines.has("flexsearch")) adapters.push(flexsearchAdapter());
  if (o.engines.has("minisearch")) adapters.push(minisearchAdapter());

  const dataDir = path.join(ROOT, "data");
  const article = await readArticles(dataDir, product.loadCorpus);
  const dev = await readDevQuestions(path.join(ROOT, "tests/dev-questions.jsonl"));
  const templates = buildTemplates(article);
  log(
    `source: ${article.length} article(s), ${templates.sentences} sentences, ${templates.chunks.length} recombinable chunks` +
      `${product.loadCorpus ? " (via loadCorpus)" : " (fallback reader: loader missing)"}`,
  );

  const results: Results = {
    retrieval: [],
    bot: { echoUpdatesPerSec: null, questionUpdatesPerSec: null, inlineUpdatesPerSec: null },
    coldStartMs: { article: null, "100k": null },
  };
  const top1Details = new Map<EngineName, Top1Result>();

  // Retrieval, one corpus at a time (the largest is generated last, then released).
  let largest: { passages: number; articles: SyntheticArticle[] } | null = null;
  const corpora: { label: string; size: number }[] = [
    { label: "article", size: 0 },
    ...o.sizes.map((size) => ({ label: `${size}`, size })),
  ];
  for (const c of corpora) {
    let docs: Document[];
    if (c.size === 0) docs = article;
    else {
      const t0 = performance.now();
      const articles = generateArticles(templates, c.size, o.seed + c.size);
      docs = toDocuments(articles);
      log(
        `corpus ${c.size}: ${docs.length} articles, ${countPassages(docs)} passages, generated in ${Math.round(performance.now() - t0)} ms`,
      );
      if (c.size === 100_000) largest = { passages: c.size, articles };
    }
    const passages = countPassages(docs);
    const questions = questionMix(docs, dev, o.seed + c.size);
    for (const adapter of adapters) {
      await forceGc();
      const heapBefore = await heapUsedMB();
      const t0 = performance.now();
      let built: ReturnType<EngineAdapter["build"]> | null = adapter.build(docs);
      const buildMs = performance.now() - t0;
      const heapMB = (await heapUsedMB()) - heapBefore;
      const lat = timeLoop(questions, (q) => built!.query(q), budget);
      let top1: number | null = null;
      if (c.size === 0) {
        const t = scoreTop1(dev, (q) => built!.answerText(q));
        top1Details.set(adapter.name, t);
        top1 = round(t.top1, 3);
      }
      built = null;
      const row: Row = {
        engine: adapter.name,
        passages,
        buildMs: round(buildMs, 1),
        heapMB: round(heapMB, 1),
        p50Us: round(lat.p50Us, 1),
        p99Us: round(lat.p99Us, 1),
        qps: Math.round(lat.qps),
        top1,
      };
      results.retrieval.push(row);
      log(
        `  ${pad(adapter.name, 10)} ${pad(passages, 7)} build ${pad(row.buildMs, 8)} ms  heap ${pad(row.heapMB, 7)} MB  ` +
          `p50 ${pad(row.p50Us, 8)} µs  p99 ${pad(row.p99Us, 8)} µs  ${pad(row.qps, 8)} q/s  (${lat.count} queries)` +
          (top1 === null ? "" : `  top-1 ${top1}`),
      );
    }
    docs = [];
    await forceGc();
  }

  // Bot throughput, on the article (what a deployment serves today).
  let bot: BotBench | null = null;
  if (o.bot) {
    const engine = product.createEngine ? product.createEngine(article) : null;
    const missing: Record<string, string> = {};
    bot = await benchBots(engine, questionMix(article, dev, o.seed), botBudget, missing);
    for (const [file, why] of Object.entries(missing)) log(`! bot: ${file} unavailable (${why})`);
    results.bot = {
      echoUpdatesPerSec: Math.round(bot.echo.qps),
      questionUpdatesPerSec: bot.question ? Math.round(bot.question.qps) : null,
      inlineUpdatesPerSec: bot.inline ? Math.round(bot.inline.qps) : null,
    };
    log(
      `bot: echo ${results.bot.echoUpdatesPerSec}/s, questions ${results.bot.questionUpdatesPerSec}/s, inline ${results.bot.inlineUpdatesPerSec}/s; ` +
        `calls per update ${JSON.stringify(bot.callsPerUpdate)}`,
    );
  }

  // Cold start: the article, and 100k passages written as data files.
  const cold: { article?: ColdStartResult; big?: ColdStartResult } = {};
  let coldStartNote = "";
  if (o.coldStart && product.loadCorpus && product.createEngine) {
    cold.article = await measureColdStart(dataDir, 5);
    results.coldStartMs.article = Math.round(cold.article.ms);
    log(
      `cold start article: ${results.coldStartMs.article} ms ${JSON.stringify(cold.article.child)} runs ${cold.article.runs.map(Math.round).join(",")}`,
    );
    if (largest) {
      const dir = path.join(os.tmpdir(), `qa-bench-100k-${process.pid}`);
      try {
        await writeArticles(largest.articles, dir);
        largest = null;
        await forceGc();
        // One timed start, no warm-up: the article runs already filled tsx's compile
        // cache, the files were just written (page cache), and each start takes long.
        cold.big = await measureColdStart(dir, 1, false, o.coldStartTimeoutS * 1000);
        results.coldStartMs["100k"] = Math.round(cold.big.ms);
        log(
          `cold start 100k: ${results.coldStartMs["100k"]} ms ${JSON.stringify(cold.big.child)} runs ${cold.big.runs.map(Math.round).join(",")}`,
        );
        if (cold.big.child.passages !== 100_000)
          log(`! the loader read ${cold.big.child.passages} passages from the 100k files (expected 100000)`);
      } catch (error) {
        if (!(error instanceof ColdStartTimeout)) throw error;
        coldStartNote = `100k: ${error.message} (--coldstart-timeout ${o.coldStartTimeoutS}); recorded as null`;
        log(`! cold start ${coldStartNote}`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  } else if (o.coldStart) log("! cold start skipped: loader or engine missing");

  // Archive scale: restarts from the snapshot, reloads that parse only what changed.
  if (o.scale && product.loadCorpus) {
    await forceGc();
    const big = generateArticles(templates, 100_000, o.seed + 100_000);
    const small = generateArticles(templates, 2_000 * PASSAGES_PER_ARTICLE, o.seed + 1);
    results.scale = await benchScale(big, small, { timeoutMs: o.coldStartTimeoutS * 1000, semiSpaceMb: 32, log });
  }

  await writeFile(o.out, JSON.stringify(results, null, 2) + "\n");
  process.stdout.write(
    report(results, top1Details, bot, cold, o) +
      (coldStartNote ? `\n\nCold start ${coldStartNote}.` : "") +
      (results.scale ? `\n\n${scaleReport(results.scale)}` : "") +
      "\n",
  );
  log(`wrote ${path.relative(ROOT, o.out)} in ${Math.round((performance.now() - started) / 1000)} s`);
}

// ---------------------------------------------------------------------------------------
// Output

function pad(value: unknown, width: number): string {
  return String(value).padStart(width);
}

function table(header: string[], rows: (string | number | null)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null ? "–" : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    "| " + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ") + " |";
  const sep = "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [line(cells[0]!), sep, ...cells.slice(1).map(line)].join("\n");
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Check {
  target: string;
  value: string;
  met: boolean | null;
}

function checks(r: Results, quick: boolean): Check[] {
  const sizes = [...new Set(r.retrieval.map((x) => x.passages))];
  const top = Math.max(...sizes);
  const at = (engine: EngineName, passages: number) =>
    r.retrieval.find((x) => x.engine === engine && x.passages === passages);
  const ours = at("ours", top);
  const mini = at("minisearch", top);
  const articleRows = r.retrieval.filter((x) => x.top1 !== null);
  const ourTop1 = articleRows.find((x) => x.engine === "ours")?.top1 ?? null;
  const miniTop1 = articleRows.find((x) => x.engine === "minisearch")?.top1 ?? null;
  const where = `${fmt(top)} passages${quick || top !== 100_000 ? " (not 100k)" : ""}`;
  const list: Check[] = [];
  if (ours)
    list.push({
      target: `ours p99 <= 2 ms at ${where}`,
      value: `${fmt(ours.p99Us / 1000, 2)} ms`,
      met: ours.p99Us <= 2000,
    });
  if (ours && mini) {
    list.push({
      target: `ours qps >= 5x MiniSearch at ${where}`,
      value: `${fmt(ours.qps / mini.qps, 1)}x`,
      met: ours.qps >= 5 * mini.qps,
    });
    list.push({
      target: `ours build time <= MiniSearch at ${where}`,
      value: `${fmt(ours.buildMs)} vs ${fmt(mini.buildMs)} ms`,
      met: ours.buildMs <= mini.buildMs,
    });
    list.push({
      target: `ours heap <= MiniSearch at ${where}`,
      value: `${fmt(ours.heapMB, 1)} vs ${fmt(mini.heapMB, 1)} MB`,
      met: ours.heapMB <= mini.heapMB,
    });
  }
  if (ourTop1 !== null && miniTop1 !== null)
    list.push({
      target: "ours top-1 >= MiniSearch (article, dev set)",
      value: `${fmt(ourTop1 * 100)}% vs ${fmt(miniTop1 * 100)}%`,
      met: ourTop1 >= miniTop1,
    });
  const { echoUpdatesPerSec: echo, questionUpdatesPerSec: q } = r.bot;
  if (echo && q)
    list.push({
      target: "bot question updates/s >= 70% of echo",
      value: `${fmt((100 * q) / echo)}%`,
      met: q >= 0.7 * echo,
    });
  if (r.coldStartMs.article !== null)
    list.push({
      target: "cold start, article <= 1 s",
      value: `${fmt(r.coldStartMs.article)} ms`,
      met: r.coldStartMs.article <= 1000,
    });
  return list;
}

function report(
  r: Results,
  top1: Map<EngineName, Top1Result>,
  bot: BotBench | null,
  cold: { article?: ColdStartResult; big?: ColdStartResult },
  o: Options,
): string {
  const out: string[] = [];
  out.push("## Retrieval (same passages, same 200 questions, same process)", "");
  out.push(
    table(
      ["engine", "passages", "build ms", "heap MB", "p50 µs", "p99 µs", "queries/s", "top-1 (dev)"],
      r.retrieval.map((x) => [
        x.engine,
        fmt(x.passages),
        fmt(x.buildMs, 1),
        fmt(x.heapMB, 1),
        fmt(x.p50Us, 1),
        fmt(x.p99Us, 1),
        fmt(x.qps),
        x.top1 === null ? null : `${fmt(x.top1 * 100)}%`,
      ]),
    ),
  );
  if (top1.size > 0) {
    out.push("", "Top-1 on the dev set, split: answerable questions right / none-questions abstained; wrong ids.");
    for (const [name, t] of top1)
      out.push(
        `- ${name}: ${fmt(t.answerable * 100)}% / ${fmt(t.abstained * 100)}%; wrong: ${t.wrong.join(", ") || "none"}`,
      );
  }
  out.push("", "## Bot (updates/s through bot.handleUpdate, no network)", "");
  out.push(
    table(
      ["bot", "updates/s", "p50 µs", "p99 µs"],
      [
        [
          "grammY echo bot",
          fmt(r.bot.echoUpdatesPerSec ?? 0),
          bot ? fmt(bot.echo.p50Us, 1) : null,
          bot ? fmt(bot.echo.p99Us, 1) : null,
        ],
        [
          "ours, questions",
          r.bot.questionUpdatesPerSec === null ? null : fmt(r.bot.questionUpdatesPerSec),
          bot?.question ? fmt(bot.question.p50Us, 1) : null,
          bot?.question ? fmt(bot.question.p99Us, 1) : null,
        ],
        [
          "ours, inline queries",
          r.bot.inlineUpdatesPerSec === null ? null : fmt(r.bot.inlineUpdatesPerSec),
          bot?.inline ? fmt(bot.inline.p50Us, 1) : null,
          bot?.inline ? fmt(bot.inline.p99Us, 1) : null,
        ],
      ],
    ),
  );
  out.push("", "## Cold start (spawn to ready to answer, median)", "");
  out.push(
    table(
      ["data", "ms", "in child: import / load+build / first answer (ms)"],
      [
        [
          "article (data/)",
          r.coldStartMs.article,
          cold.article
            ? `${cold.article.child.importMs} / ${cold.article.child.openMs} / ${cold.article.child.answerMs}`
            : null,
        ],
        [
          "100k passages",
          r.coldStartMs["100k"],
          cold.big ? `${cold.big.child.importMs} / ${cold.big.child.openMs} / ${cold.big.child.answerMs}` : null,
        ],
      ],
    ),
  );
  const list = checks(r, o.quick);
  if (list.length > 0) {
    out.push("", "## Targets (issue 4)", "");
    out.push(
      table(
        ["target", "measured", "met"],
        list.map((c) => [c.target, c.value, c.met === null ? null : c.met ? "yes" : "NO"]),
      ),
    );
  }
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  out.push(
    "",
    `Machine: ${os.availableParallelism()} cores (${cpu}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}.`,
  );
  return out.join("\n");
}

await main();
