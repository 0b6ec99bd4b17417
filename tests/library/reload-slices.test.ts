/**
 * A /reload indexes in slices (issue 13): the new engine is built or updated a
 * slice at a time, the served one answering between slices (unchanged), and
 * the engine made is the one a build in one go makes, answer for answer.
 */
import path from "node:path";
import { expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/loader.ts";
import { createEngine, updateEngine, updateEngineInSlices } from "../../src/search/engine.ts";
import type { AnswerEngine } from "../../src/search/types.ts";
import { readQuestions } from "../support/questions.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SET = path.join(ROOT, "tests/fixtures/squad");
const questions = readQuestions(path.join(SET, "questions.jsonl"))
  .slice(0, 80)
  .map((q) => q.q);

function answersOf(engine: AnswerEngine): string[] {
  return questions.map((q) =>
    JSON.stringify(engine.answer(q, { limit: 3 }).map((a) => [a.sentence.id, a.score, a.confidence, a.speaker])),
  );
}

it("an update in slices pauses between passages, the served engine answering as before meanwhile, and answers as a fresh build", async () => {
  const { documents } = await loadCorpus(path.join(SET, "articles"), { warn: () => undefined });
  expect(documents.length).toBeGreaterThan(3);
  const served = createEngine(documents.slice(0, -1));
  const before = answersOf(served);
  let pauses = 0;
  let servedChanged = false;
  const how: string[] = [];
  const next = await updateEngineInSlices(
    served,
    documents,
    {},
    (done) => how.push(done),
    async () => {
      pauses++;
      if (pauses % 20 === 1 && JSON.stringify(answersOf(served)) !== JSON.stringify(before)) servedChanged = true;
    },
    0,
  );
  expect(how).toEqual(["updated"]);
  expect(pauses).toBeGreaterThan(documents.at(-1)!.passages.length);
  expect(servedChanged).toBe(false);
  const fresh = createEngine(documents);
  expect(answersOf(next)).toEqual(answersOf(fresh));
  expect(answersOf(next)).toEqual(answersOf(updateEngine(served, documents)));
}, 60_000);

it("a build in slices (nothing to update from) answers as a build in one go", async () => {
  const { documents } = await loadCorpus(path.join(SET, "articles"), { warn: () => undefined });
  let pauses = 0;
  const how: string[] = [];
  const built = await updateEngineInSlices(
    createEngine([]),
    documents,
    {},
    (done) => how.push(done),
    async () => void pauses++,
    0,
  );
  expect(how).toEqual(["built"]);
  expect(pauses).toBeGreaterThan(documents.length);
  expect(answersOf(built)).toEqual(answersOf(createEngine(documents)));
}, 60_000);

it("an update in slices that removes a document and replaces another (a fresh parse) answers as a fresh build, the served engine unchanged meanwhile", async () => {
  const load = async () => (await loadCorpus(path.join(SET, "articles"), { warn: () => undefined })).documents;
  const documents = await load();
  const again = await load();
  expect(documents.length).toBeGreaterThan(3);
  const served = createEngine(documents);
  const before = answersOf(served);
  // The first document gone, the third replaced by another object of the same file, the rest kept.
  const next = [documents[1]!, again[2]!, ...documents.slice(3)];
  let pauses = 0;
  let servedChanged = false;
  const how: string[] = [];
  const updated = await updateEngineInSlices(
    served,
    next,
    {},
    (done, reason) => how.push(reason ? `${done}: ${reason}` : done),
    async () => {
      pauses++;
      if (pauses % 7 === 1 && JSON.stringify(answersOf(served)) !== JSON.stringify(before)) servedChanged = true;
    },
    0,
  );
  expect(how).toEqual(["updated"]);
  expect(pauses).toBeGreaterThan(again[2]!.passages.length);
  expect(servedChanged).toBe(false);
  expect(answersOf(served)).toEqual(before);
  expect(updated.documents).toEqual(next);
  expect(answersOf(updated)).toEqual(answersOf(createEngine(next)));
}, 60_000);

it("a build in slices that fails midway reports nothing (not 'built') and leaves the served engine as it was", async () => {
  const { documents } = await loadCorpus(path.join(SET, "articles"), { warn: () => undefined });
  const served = createEngine(documents.slice(0, 1));
  const before = answersOf(served);
  const how: string[] = [];
  let pauses = 0;
  // Reversed documents cannot be an update (kept documents in another order): a build from scratch.
  const failing = updateEngineInSlices(
    served,
    [...documents].reverse(),
    {},
    (done) => how.push(done),
    async () => {
      if (++pauses === 3) throw new Error("pause failed");
    },
    0,
  );
  await expect(failing).rejects.toThrow("pause failed");
  expect(how).toEqual([]);
  expect(answersOf(served)).toEqual(before);
}, 60_000);
