import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine } from "../../src/search/engine.ts";

// A made-up passage: two neighbouring sentences share the question's words; only one holds its year.
const doc = buildDocument(
  "census",
  "census.txt",
  parseRaw(` date 2025-06-01 NORDHAVEN—The town of Nordhaven published its census history on June 1.

In 1897 the fishing share of the town stood at about 41 percent. Nordhaven's prewar fishing population of more than 3,000 made up about 25 percent of the town's total population.`),
);

describe("choosing the sentence within a passage", () => {
  it("a year the question gives belongs in the answer sentence, not beside it", () => {
    const engine = createEngine([doc]);
    const top = engine.answer("What percentage of the population of Nordhaven was fishing in 1897?", {
      minConfidence: 0,
    })[0]!;
    expect(top.sentence.text).toContain("41 percent");
    // With the neighbour's year counting in full (the old rule), the other sentence wins.
    const old = createEngine([doc], { ranking: { numberNeighbour: 1 } });
    expect(
      old.answer("What percentage of the population of Nordhaven was fishing in 1897?", { minConfidence: 0 })[0]!
        .sentence.text,
    ).toContain("25 percent");
  });
});
