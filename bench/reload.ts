/**
 * /reload after one changed file of N (issue 13), and what the main thread
 * goes through meanwhile: the reload's steps (the report's timings), the
 * longest event-loop block during the reload, during the snapshot save after
 * it, and the same for an admin's upload of a ~1 MB article (a reload that
 * parses and indexes one large new file). Questions wait for as long as the
 * longest block; the figure of the issue is the one-changed reload against a
 * full load of the same files.
 *
 *   npx tsx bench/reload.ts [--files 2000 | --shipped] [--upload-kb 1000] [--seed N]
 *
 * `--shipped`: the data folder holds the shipped articles (data/) instead of generated ones.
 *
 * (`node --cpu-prof --import tsx bench/reload.ts` to profile.)
 */
import { appendFile, cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { ReloadReport } from "../src/library/library.ts";
import {
  PASSAGES_PER_ARTICLE,
  articleText,
  buildTemplates,
  generateArticles,
  readArticles,
  writeArticles,
} from "./corpus.ts";
import { loadProduct } from "./product.ts";
import { option } from "./args.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The longest the event loop was held while `work` ran (ms; timer lateness at 1 ms resolution). */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; blockMs: number }> {
  const probe = monitorEventLoopDelay({ resolution: 1 });
  probe.enable();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  // A block just before `work` resolves shows once timers run again: the probe stops after that.
  await new Promise((resolve) => setTimeout(resolve, 20));
  probe.disable();
  return { value, ms, blockMs: probe.max / 1e6 };
}

const round = (n: number) => Math.round(n);

function describeReload(label: string, r: ReloadReport, blockMs: number): string {
  if (!r.ok) throw new Error(`${label} failed: ${r.reason}`);
  const t = r.timings;
  const steps = t
    ? `list ${round(t.list)}, check ${round(t.check)}, parse ${round(t.parse)}, index ${round(t.index)} ms`
    : "no timings";
  return (
    `${label}: ${r.ms} ms (${r.parsed} parsed, ${r.reused} reused, ${r.read ?? "?"} read to check, index ${r.index}; ` +
    `${steps}); longest block ${round(blockMs)} ms`
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string) => option(name, argv);
  const files = Number(value("--files") ?? 2_000);
  const uploadKb = Number(value("--upload-kb") ?? 1_000);
  const seed = Number(value("--seed") ?? 20240311);
  const product = await loadProduct();
  if (!product.loadCorpus) throw new Error("loader missing");
  const templates = buildTemplates(await readArticles(path.join(ROOT, "data"), product.loadCorpus));
  const articles = generateArticles(templates, files * PASSAGES_PER_ARTICLE, seed + 1);
  // One large article: generated articles' texts run together, under the upload limit.
  let upload = "";
  for (const a of generateArticles(templates, 400 * PASSAGES_PER_ARTICLE, seed + 2)) {
    const text = articleText(a);
    if (Buffer.byteLength(upload + text) > uploadKb * 1000) break;
    upload += text + "\n";
  }
  const work = await mkdtemp(path.join(os.tmpdir(), "qa-bench-reload-"));
  const { Library } = await import("../src/library/library.ts");
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    process.stderr.write(line + "\n");
  };
  try {
    const data = path.join(work, "data");
    if (argv.includes("--shipped")) await cp(path.join(ROOT, "data"), data, { recursive: true });
    else await writeArticles(articles, data);
    const library = new Library(data, undefined, { snapshotDir: path.join(work, "snapshot") });
    const full = await longestBlock(() => library.reload());
    say(describeReload(`full reload of ${full.value.stats.documents} files`, full.value, full.blockMs));
    const fullSave = await longestBlock(() => library.flush());
    say(`  snapshot save after it: ${round(fullSave.ms)} ms; longest block ${round(fullSave.blockMs)} ms`);

    const names = (await readdir(data)).sort();
    await appendFile(
      path.join(data, names[Math.floor(names.length / 2)]!),
      "\nA late paragraph: the committee met again on Tuesday and approved the budget.\n",
    );
    const one = await longestBlock(() => library.reload());
    say(describeReload("one changed", one.value, one.blockMs));
    const oneSave = await longestBlock(() => library.flush());
    say(`  snapshot save after it: ${round(oneSave.ms)} ms; longest block ${round(oneSave.blockMs)} ms`);

    await writeFile(path.join(data, "zz-upload.md"), upload);
    const added = await longestBlock(() => library.reload());
    say(describeReload(`upload of ${round(Buffer.byteLength(upload) / 1000)} KB`, added.value, added.blockMs));
    const addedSave = await longestBlock(() => library.flush());
    say(`  snapshot save after it: ${round(addedSave.ms)} ms; longest block ${round(addedSave.blockMs)} ms`);

    const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
    process.stdout.write(
      `/reload of ${names.length} files (${one.value.stats.passages} passages): full ${full.value.ms} ms; ` +
        `one changed ${one.value.ms} ms = ${((100 * one.value.ms) / full.value.ms).toFixed(1)}% ` +
        `(longest block ${round(one.blockMs)} ms; save after ${round(oneSave.ms)} ms, longest block ${round(oneSave.blockMs)} ms); ` +
        `upload ${added.value.ms} ms (longest block ${round(added.blockMs)} ms; save after, longest block ${round(addedSave.blockMs)} ms); ` +
        `load average ${loadAverage.join(", ")}\n`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
