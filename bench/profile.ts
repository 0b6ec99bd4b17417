/**
 * CPU profile of one phase of our product, to find what bounds a missed target.
 *
 *   npx tsx bench/profile.ts --phase build|query|load|bot|alloc [--passages 100000] [--seconds 5] [--only "q1|q2"]
 *
 * `--only` keeps the questions of the mix that the list names (exactly; `|` between them): to
 * profile the slowest questions bench/tail.ts --slowest finds.
 *
 * `--phase alloc` runs the query loop under V8's sampling heap profiler instead (every
 * object, also those a young-generation collection frees) and prints the bytes allocated
 * per question by function, and by the nearest function of ours up the stack (a Map's or
 * an array's growth is charged to the code that grew it).
 *
 * The profiler (node:inspector) runs only around the phase, so corpus generation and
 * set-up do not drown the figures. Prints the hottest functions by self time and the
 * source files they live in, and writes bench/profile-<phase>.cpuprofile (git-ignored;
 * open it in Chrome DevTools or speedscope for the call tree).
 */
import { Session } from "node:inspector/promises";
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Answer } from "../src/search/types.ts";
import { benchBots } from "./bot.ts";
import { buildTemplates, generateArticles, readArticles, toDocuments, writeArticles } from "./corpus.ts";
import { importSrc, loadProduct } from "./product.ts";
import { questionMix, readDevQuestions } from "./questions.ts";
import { option } from "./args.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** Bytes allocated per question by function (self) and by the nearest src/ function up the stack. */
export function summarizeAllocations(head: HeapNode, questions: number, top = 30): string {
  const self = new Map<string, number>();
  const ours = new Map<string, number>();
  const pairs = new Map<string, number>();
  let total = 0;
  const nameOf = (f: HeapNode["callFrame"]) => {
    const file = f.url ? f.url.replace(/^file:\/\//, "").replace(ROOT + "/", "") : "(native)";
    return `${f.functionName || "(anonymous)"}  ${file}${f.lineNumber > 0 ? `:${f.lineNumber + 1}` : ""}`;
  };
  const walk = (node: HeapNode, owner: string) => {
    const name = nameOf(node.callFrame);
    const mine = node.callFrame.url.includes("/src/") ? name : owner;
    if (node.selfSize > 0) {
      self.set(name, (self.get(name) ?? 0) + node.selfSize);
      ours.set(mine, (ours.get(mine) ?? 0) + node.selfSize);
      const pair = mine === name ? name : `${mine}  <-  ${name}`;
      pairs.set(pair, (pairs.get(pair) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    for (const child of node.children) walk(child, mine);
  };
  walk(head, "(outside src)");
  const kb = (bytes: number) => `${(bytes / questions / 1024).toFixed(2).padStart(7)} KB`;
  const lines = [`${kb(total)} allocated per question (sampled), ${questions} questions`, "", "by function (self):"];
  for (const [name, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${kb(bytes)}  ${name}`);
  lines.push("", "by nearest src/ function up the stack:");
  for (const [name, bytes] of [...ours].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${kb(bytes)}  ${name}`);
  lines.push("", "by nearest src/ function and the allocating one:");
  for (const [name, bytes] of [...pairs].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${kb(bytes)}  ${name}`);
  return lines.join("\n");
}

/** Self time per function and per file, in % of the profiled phase. */
export function summarizeProfile(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const f = byId.get(id)!.callFrame;
    const file = f.url ? f.url.replace(/^file:\/\//, "").replace(ROOT + "/", "") : "(native)";
    const name = `${f.functionName || "(anonymous)"}  ${file}${f.lineNumber > 0 ? `:${f.lineNumber + 1}` : ""}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
    total += us;
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
  const lines = [`total ${ms(total)} sampled`, "", "self time by function:"];
  for (const [name, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${pct(us)} ${ms(us)}  ${name}`);
  lines.push("", "self time by file:");
  for (const [file, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 15))
    lines.push(`${pct(us)} ${ms(us)}  ${file}`);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const value = (name: string, fallback: string) => option(name) ?? fallback;
  const phase = value("--phase", "query");
  const passages = Number(value("--passages", "100000"));
  const seconds = Number(value("--seconds", "5"));

  const product = await loadProduct();
  if (!product.createEngine || !product.loadCorpus)
    throw new Error(`product incomplete: ${JSON.stringify(product.missing)}`);
  const article = await readArticles(path.join(ROOT, "data"), product.loadCorpus);
  const dev = await readDevQuestions(path.join(ROOT, "tests/dev-questions.jsonl"));
  const articles = passages > 0 ? generateArticles(buildTemplates(article), passages, 20240311 + passages) : [];
  const docs = passages > 0 ? toDocuments(articles) : article;
  const only = value("--only", "");
  const mix = questionMix(docs, dev, 20240311 + passages);
  const questions = only ? mix.filter((q) => only.split("|").includes(q)) : mix;
  if (questions.length === 0) throw new Error("--only names no question of the mix");
  const answering = await importSrc<{ renderPage?: (a: readonly Answer[], i: number) => string; MAX_ANSWERS?: number }>(
    "src/bot/answering.ts",
    {},
  );

  // Set-up the phase needs, outside the profile.
  let run: () => Promise<void>;
  let cleanup = async () => {};
  if (phase === "build") {
    run = async () => void product.createEngine!(docs);
  } else if (phase === "alloc") {
    run = async () => {};
  } else if (phase === "query") {
    const engine = product.createEngine(docs);
    run = async () => {
      const end = performance.now() + seconds * 1000;
      for (let i = 0; performance.now() < end; i++) {
        const answers = engine.answer(questions[i % questions.length]!, { limit: answering?.MAX_ANSWERS ?? 10 });
        if (answers.length > 0) answering?.renderPage?.(answers, 0);
      }
    };
  } else if (phase === "load") {
    const dir = path.join(os.tmpdir(), `qa-profile-${process.pid}`);
    await writeArticles(articles, dir);
    run = async () => void (await product.loadCorpus!(dir));
    cleanup = () => rm(dir, { recursive: true, force: true });
  } else if (phase === "bot") {
    const engine = product.createEngine(docs);
    run = async () =>
      void (await benchBots(
        engine,
        questions,
        { warmup: 0, minCalls: 1, minMs: seconds * 1000, maxMs: seconds * 1000 },
        {},
      ));
  } else throw new Error(`unknown phase ${phase}`);

  const session = new Session();
  session.connect();
  if (phase === "alloc") {
    const engine = product.createEngine(docs);
    const limit = answering?.MAX_ANSWERS ?? 10;
    const ask = (q: string) => {
      const answers = engine.answer(q, { limit });
      if (answers.length > 0) answering?.renderPage?.(answers, 0);
    };
    for (let i = 0; i < 400; i++) ask(questions[i % questions.length]!);
    await session.post("HeapProfiler.enable");
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 128,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    const rounds = Math.max(1, Math.round(seconds)) * questions.length;
    for (let i = 0; i < rounds; i++) ask(questions[i % questions.length]!);
    const { profile } = (await session.post("HeapProfiler.stopSampling")) as unknown as { profile: { head: HeapNode } };
    session.disconnect();
    console.log(summarizeAllocations(profile.head, rounds));
    return;
  }
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  const t0 = performance.now();
  await run();
  const wall = performance.now() - t0;
  const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
  session.disconnect();
  await cleanup();

  const file = path.join(ROOT, `bench/profile-${phase}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  console.log(
    `phase ${phase}, ${passages || "article"} passages: ${wall.toFixed(0)} ms wall; profile in ${path.relative(ROOT, file)}\n`,
  );
  console.log(summarizeProfile(profile));
}

if (process.argv[1]?.endsWith("profile.ts")) await main();
