/**
 * A /reload updates the served index instead of rebuilding it (issue 13): only
 * the changed, added or removed files are indexed, and the answers are those a
 * fresh start on the same files gives.
 */
import { appendFile, copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Library } from "../../src/library/library.ts";
import type { AnswerEngine } from "../../src/search/types.ts";
import { readQuestions } from "../support/questions.ts";

const root = new URL("../..", import.meta.url).pathname;
const fixtures = ["heldout", "heldout3", "squad"].map((name) => path.join(root, "tests/fixtures", name));
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The seed article and the fixtures' articles in one data folder. */
async function archive(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "qa-reload-"));
  dirs.push(dir);
  for (const folder of [path.join(root, "data"), ...fixtures.map((f) => path.join(f, "articles"))])
    for (const name of await readdir(folder)) await copyFile(path.join(folder, name), path.join(dir, name));
  return dir;
}

const questions = fixtures.flatMap((dir) => readQuestions(path.join(dir, "questions.jsonl")).map((q) => q.q));

function answersOf(engine: AnswerEngine): string[] {
  return questions.map((q) =>
    JSON.stringify(engine.answer(q, { limit: 3 }).map((a) => [a.sentence.id, a.score, a.confidence, a.speaker])),
  );
}

describe("a /reload after a few files changed", () => {
  it("updates the index (one file indexed) and answers as a fresh start on the same files", async () => {
    const data = await archive();
    const { library } = await Library.open(data, { thread: "main" });
    const names = (await readdir(data)).sort();
    await appendFile(
      path.join(data, names[3]!),
      '\n\nMayor Ilse Vandermeer said: "The 41 new lanterns on the quay will be lit on Tuesday."\n',
    );
    const edited = await library.reload();
    expect(edited.ok, edited.reason).toBe(true);
    expect(edited.index).toBe("updated");
    expect(edited.parsed).toBe(1);
    expect(library.engine.answer("How many new lanterns are on the quay?")[0]?.sentence.text).toContain("41");
    expect(answersOf(library.engine)).toEqual(answersOf((await Library.open(data, { thread: "main" })).library.engine));

    await rm(path.join(data, names[0]!));
    await copyFile(path.join(data, names[5]!), path.join(data, `zz-${names[5]}`));
    const moved = await library.reload();
    expect(moved.index).toBe("updated");
    expect(moved.parsed).toBe(1);
    expect(moved.delta.documents).toBe(0);
    expect(answersOf(library.engine)).toEqual(answersOf((await Library.open(data, { thread: "main" })).library.engine));
  }, 120_000);
});
