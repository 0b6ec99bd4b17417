/**
 * An engine updated from an earlier one (updateEngine) answers exactly as a
 * fresh build of the same documents in the same order: answers, scores and
 * confidences, over the shipped article, the held-out articles and the SQuAD
 * articles, after files are removed, added and changed, update after update.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus, parseJob } from "../../src/corpus/loader.ts";
import type { Document } from "../../src/corpus/types.ts";
import { createEngine, engineSnapshot, inspect, restoreEngine, updateEngine } from "../../src/search/engine.ts";
import type { AnswerEngine } from "../../src/search/types.ts";
import { readQuestions } from "../support/questions.ts";

const root = new URL("../..", import.meta.url).pathname;
const sets = ["heldout", "heldout2", "heldout3", "squad"].map((name) => join(root, "tests/fixtures", name));

let corpus: Document[] = [];
let questions: string[] = [];

beforeAll(async () => {
  corpus = (await loadCorpus(join(root, "data"), { warn: () => {} })).documents;
  for (const dir of sets) corpus.push(...(await loadCorpus(join(dir, "articles"), { warn: () => {} })).documents);
  const all = sets.flatMap((dir) => readQuestions(join(dir, "questions.jsonl")).map((q) => q.q));
  // Every third question of each set keeps the loop quick; typos and role phrases on top.
  questions = [
    ...all.filter((_, i) => i % 3 === 0),
    "What did the presdient say?",
    "Who is the UN chief?",
    "What did the minister say about trade?",
    "goverment plans",
  ];
});

/** Everything an answer shows, to the last digit. */
function answersOf(engine: AnswerEngine, question: string): string {
  const shown = engine
    .answer(question, { limit: 3 })
    .map((a) => [a.document.id, a.passage.index, a.sentence.id, a.speaker, a.score, a.confidence, a.kind]);
  const inspected = inspect(engine, question, { limit: 5 }).map((r) => [
    r.answer.sentence.id,
    r.answer.score,
    r.features,
  ]);
  return JSON.stringify([shown, inspected, engine.explain(question).concepts]);
}

function expectSame(updated: AnswerEngine, fresh: AnswerEngine): void {
  expect(updated.stats()).toEqual(fresh.stats());
  expect(updated.suggestions(5)).toEqual(fresh.suggestions(5));
  for (const question of questions) expect(answersOf(updated, question), question).toBe(answersOf(fresh, question));
}

/** The same article with a paragraph added: a new document object with the same id, as a reload makes of an edited file. */
function edited(document: Document, paragraph: string): Document {
  const file = document.file ?? `${document.id}.txt`;
  const dir = sets.map((d) => join(d, "articles")).find((d) => readdirSync(d).includes(file));
  const text = readFileSync(join(dir ?? join(root, "data"), file), "utf8");
  const outcome = parseJob({ file, id: document.id, text: `${text.trimEnd()}\n\n${paragraph}\n` });
  if ("error" in outcome) throw new Error(outcome.error);
  return outcome;
}

/** A small seeded generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("updateEngine", () => {
  it("loads distinct documents (the update path needs unique ids)", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    expect(new Set(corpus.map((d) => d.id)).size).toBe(corpus.length);
  });

  // The default options, and a postings budget so tight (2) that the candidate step cuts posting
  // lists short on these few articles, as 3,000 does on common words at 100k passages: the cut keeps
  // the lowest passage ids, so ids must follow document order after an update as after a build
  // (appending the new ids instead fails this case).
  it.each([
    ["default options", {}],
    ["a tight postings budget", { postingsBudget: 2, candidates: 8 }],
  ] as const)(
    "answers as a fresh build after removing, adding and changing files, update after update (%s)",
    (_, options) => {
      const next = random(13);
      const held = corpus.slice(0, 14);
      const waiting = corpus.slice(14);
      let documents = [...held];
      let engine = createEngine(documents, options);
      const steps = ["remove", "add", "change", "remove", "add", "change", "add", "remove"] as const;
      for (const [n, step] of steps.entries()) {
        const at = Math.floor(next() * documents.length);
        if (step === "remove") {
          waiting.push(documents[at]!);
          documents = documents.filter((_, i) => i !== at);
        } else if (step === "add") {
          const [document] = waiting.splice(Math.floor(next() * waiting.length), 1);
          documents = [...documents.slice(0, at), document!, ...documents.slice(at)];
        } else {
          // A new paragraph naming a new person, and quoting them: surnames and quotes change too.
          documents = [...documents];
          documents[at] = edited(
            documents[at]!,
            `Minister Ilse Vandermeer said: "The committee approved the budget on Tuesday." The United Nations Climate Panel met in step ${n}.`,
          );
        }
        const before = questions.slice(0, 5).map((q) => answersOf(engine, q));
        let how = "";
        const updated = updateEngine(engine, documents, options, (h, reason) => (how = reason ? `${h}: ${reason}` : h));
        expect(how, `step ${n} (${step})`).toBe("updated");
        // The engine updated from still answers as before.
        expect(questions.slice(0, 5).map((q) => answersOf(engine, q))).toEqual(before);
        const fresh = createEngine(documents, options);
        expect(updated.stats(), `step ${n} (${step})`).toEqual(fresh.stats());
        expectSame(updated, fresh);
        engine = updated;
      }
    },
  );

  it("restores from an updated engine's snapshot, and updates a restored engine", () => {
    const documents = corpus.slice(0, 12);
    const updated = updateEngine(createEngine(corpus.slice(0, 11)), documents);
    const restored = restoreEngine(documents, engineSnapshot(updated));
    expectSame(restored, createEngine(documents));
    const more = [...documents.slice(1), corpus[15]!];
    let how = "";
    const again = updateEngine(restored, more, {}, (h) => (how = h));
    expect(how).toBe("updated");
    expectSame(again, createEngine(more));
  });

  it("builds from scratch when the kept documents change order or most are new", () => {
    const documents = corpus.slice(0, 10);
    const engine = createEngine(documents);
    const hows: string[] = [];
    const reversed = [...documents].reverse();
    expectSame(
      updateEngine(engine, reversed, {}, (h) => hows.push(h)),
      createEngine(reversed),
    );
    updateEngine(engine, corpus.slice(8), {}, (h) => hows.push(h));
    expect(hows).toEqual(["built", "built"]);
  });
});
