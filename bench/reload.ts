/**
 * /reload after one changed file of N (issue 13), alone: the reload part of
 * bench/scale.ts without the 100k start measurements, for profiling
 * (`node --cpu-prof --import tsx bench/reload.ts`).
 *
 *   npx tsx bench/reload.ts [--files 2000]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchReload } from "./scale.ts";
import { PASSAGES_PER_ARTICLE, buildTemplates, generateArticles, readArticles } from "./corpus.ts";
import { loadProduct } from "./product.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const files = Number(value("--files") ?? 2_000);
  const seed = Number(value("--seed") ?? 20240311);
  const product = await loadProduct();
  if (!product.loadCorpus) throw new Error("loader missing");
  const templates = buildTemplates(await readArticles(path.join(ROOT, "data"), product.loadCorpus));
  const articles = generateArticles(templates, files * PASSAGES_PER_ARTICLE, seed + 1);
  const work = await mkdtemp(path.join(os.tmpdir(), "qa-bench-reload-"));
  try {
    const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
    const r = await benchReload(articles, work);
    process.stdout.write(
      `/reload of ${r.files} files (${r.passages} passages): full ${r.fullMs} ms; one changed ${r.oneChangedMs} ms ` +
        `(${r.parsed} parsed, ${r.reused} reused, index ${r.index}) = ${((100 * r.oneChangedMs) / r.fullMs).toFixed(1)}%; ` +
        `snapshot saved in ${r.saveMs} ms after; ` +
        `load average ${loadAverage.join(", ")}\n`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
