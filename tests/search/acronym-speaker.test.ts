import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine } from "../../src/search/engine.ts";

// A made-up article: an organisation named in full, asked about by its acronym.
const doc = buildDocument(
  "assembly",
  "assembly.txt",
  parseRaw(` date 2025-03-01 GENEVA—The Northern Rivers Council met in Geneva on March 1.

The ultimate objective of the Northern Rivers Council is to stabilize water levels in the delta before 2030.`),
);
const engine = createEngine([doc]);

describe("an acronym in a 'what does X want' question", () => {
  it("is the organisation the article names, not an unknown person", () => {
    const query = engine.explain("What does the NRC want to stabilize?");
    expect(query.unknownPerson).toBe(false);
    const answers = engine.answer("What does the NRC want to stabilize?", { minConfidence: 0 });
    expect(answers[0]?.sentence.text).toContain("stabilize water levels");
  });

  it("while a name the article never uses still is", () => {
    expect(engine.explain("What does Karl Ostrander want to stabilize?").unknownPerson).toBe(true);
  });
});
