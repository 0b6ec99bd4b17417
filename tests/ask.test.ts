/**
 * The `ask --json` contract, driven as other tools drive it: through npm, with
 * the public dev questions on standard input.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JudgedAnswer, isRight, readQuestions } from "./support/questions.ts";

const root = new URL("..", import.meta.url).pathname;
const dev = readQuestions(join(root, "tests/dev-questions.jsonl"));

function ask(input: string, env: Record<string, string> = {}) {
  const result = spawnSync("npm", ["run", "--silent", "ask", "--", "--json"], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, DATA_DIR: join(root, "data"), ...env },
    timeout: 60_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result;
}

describe("npm run ask -- --json", () => {
  const result = ask(dev.map((d) => d.q).join("\n") + "\n");
  const lines = result.stdout.trim().split("\n");
  const outputs = lines.map((line) => JSON.parse(line) as { question: string; answers: Record<string, unknown>[] });

  it("prints exactly one JSON object a line, in the order of the questions", () => {
    expect(outputs.map((o) => o.question)).toEqual(dev.map((d) => d.q));
  });

  it("gives every answer the documented fields and types", () => {
    for (const output of outputs) {
      for (const answer of output.answers) {
        expect(Object.keys(answer).sort()).toEqual([
          "confidence",
          "document",
          "passage",
          "score",
          "section",
          "sentence",
          "speaker",
        ]);
        expect(answer.confidence).toBeGreaterThanOrEqual(0);
        expect(answer.confidence).toBeLessThanOrEqual(1);
        expect(typeof answer.document).toBe("string");
        expect(answer.section === null || typeof answer.section === "string").toBe(true);
        expect(String(answer.passage)).toContain(String(answer.sentence));
        expect(answer.speaker === null || typeof answer.speaker === "string").toBe(true);
        expect(typeof answer.score).toBe("number");
      }
      const scores = output.answers.map((a) => a.score as number);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  for (const [i, question] of dev.entries()) {
    it(`${question.id} (${question.kind}): ${question.q}`, () => {
      const answers = outputs[i]!.answers as unknown as JudgedAnswer[];
      expect(isRight(question, answers), JSON.stringify(answers[0] ?? null)).toBe(true);
    });
  }

  it("abstains with an empty answer list, not a low-confidence answer", () => {
    const none = dev.filter((d) => d.kind === "none").map((d) => dev.indexOf(d));
    expect(none.length).toBeGreaterThan(0);
    for (const i of none) expect(outputs[i]!.answers).toEqual([]);
  });

  it("keeps logs off standard output: a broken file is reported on stderr only", () => {
    const dir = mkdtempSync(join(tmpdir(), "ask-"));
    writeFileSync(join(dir, "a.md"), "# Canal\n\nThe canal reopened on Monday after repairs.\n");
    writeFileSync(join(dir, "broken.txt"), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    const run = ask("When did the canal reopen?\n", { DATA_DIR: dir });
    expect(run.stderr).toContain("broken.txt");
    const [line, ...rest] = run.stdout.trim().split("\n");
    expect(rest).toEqual([]);
    const output = JSON.parse(line!) as { answers: { sentence: string }[] };
    expect(output.answers[0]!.sentence).toBe("The canal reopened on Monday after repairs.");
  });
});

describe("npm run ask -- --help and --explain", () => {
  const run = (args: string[]) =>
    spawnSync("npm", ["run", "--silent", "ask", "--", ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: join(root, "data") },
      timeout: 60_000,
    });

  it("--help prints the usage instead of answering", () => {
    const result = run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage:");
    expect(result.stdout).not.toContain("Q: --help");
  });

  it("--explain prints how the question is read", () => {
    const result = run(["--explain", "When did the canal reopen?"]);
    expect(result.status, result.stderr).toBe(0);
    const query = JSON.parse(result.stdout) as { concepts: { word: string }[]; type: string };
    expect(query.type).toBe("time");
    expect(query.concepts.map((c) => c.word)).toContain("canal");
  });
});
