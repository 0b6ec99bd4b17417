/**
 * The engine guards its own input at every entry point (options.ts `guard`:
 * maxQuestionLength, maxWordLength), so no caller has to remember to.
 */
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine } from "../../src/search/engine.ts";
import { DEFAULT_OPTIONS } from "../../src/search/options.ts";

// A made-up article: the tests exercise the guard, not any real article's facts.
const harbour = buildDocument(
  "harbour",
  "harbour.txt",
  parseRaw(` date 2025-05-01 OSLAND—Harbour master Marta Halvorsen opened the new lighthouse on Friday. "We will rebuild the harbour walls next spring," Halvorsen said.

Boats

The fishing fleet grew to forty boats in 2020. The old cranes were sold to a museum in Veldby.

Weather

Storms closed the port twice last winter, and the ferry to Nordholm stopped for a week. "The ferry will sail again in May," said port engineer Sigurd Brekkestad.`),
);
const blob = "q".repeat(5000);

describe("the engine's input guard", () => {
  it("cuts a 5,000-letter word given to quotes() to maxWordLength before looking the speaker up", () => {
    const engine = createEngine([harbour], { maxWordLength: "Halvorsen".length });
    expect(engine.quotes("Halvorsen").length).toBeGreaterThan(0);
    // Cut to "Halvorsen", the name is found; read whole, no speaker is that long.
    expect(engine.quotes(`Halvorsen${blob}`)).toEqual(engine.quotes("Halvorsen"));
    expect(createEngine([harbour]).quotes(`Halvorsen${blob}`)).toEqual([]);
  });

  it("cuts a 5,000-letter word given to suggestions(about) the same way", () => {
    const engine = createEngine([harbour], { maxWordLength: "engineer".length });
    const all = engine.suggestions(10);
    const about = all.find((q) => /\bengineer\b/u.test(q))!;
    expect(all.indexOf(about)).toBeGreaterThan(0);
    // Cut to "engineer", the word picks its question first; read whole, it matches none.
    expect(engine.suggestions(1, "engineer")).toEqual([about]);
    expect(engine.suggestions(1, `engineer${blob}`)).toEqual([about]);
  });

  it("reads a follow-up through the guard too: a cut question is no follow-up", () => {
    const engine = createEngine([harbour]);
    const first = engine.answer("When did the storms close the port?");
    const context = engine.contextOf("When did the storms close the port?", first)!;
    expect(engine.answer("Tell me more", { context }).length).toBeGreaterThan(0);
    // Cut to "Tell", the question asks nothing.
    expect(engine.answer("Tell me more", { context, maxQuestionLength: 4 })).toEqual([]);
  });

  it("cuts the question and its words for explain() and contextOf()", () => {
    const engine = createEngine([harbour]);
    expect(engine.explain(`${blob} lighthouse`).question.split(/\s+/)[0]).toHaveLength(DEFAULT_OPTIONS.maxWordLength);
    const answers = engine.answer("Who opened the lighthouse?");
    expect(engine.contextOf(`${blob} lighthouse`, answers)?.topic).not.toContain(blob);
  });
});
