/** CandidateIndex.search lists each passage once, whatever the weights of the terms that found it. */
import { describe, expect, it } from "vitest";
import { CandidateIndex } from "../../src/search/candidates.ts";

describe("CandidateIndex.search", () => {
  it("gives each id once when concepts of weight 0 find it", () => {
    const index = new CandidateIndex();
    index.add(0, ["harbour", "storm"]);
    index.add(1, ["harbour"]);
    index.seal();
    const terms = [
      { term: "harbour", df: 2, weight: 0, concept: 0 },
      { term: "storm", df: 1, weight: 0, concept: 1 },
    ];
    const ids = index.search(terms, 100, 10);
    expect([...ids].sort()).toEqual([0, 1]);
    // A second search over the same work arrays: still once each.
    expect([...index.search(terms, 100, 10)].sort()).toEqual([0, 1]);
  });

  it("sums a passage's concepts once each when weights are positive", () => {
    const index = new CandidateIndex();
    index.add(0, ["harbour", "storm"]);
    index.add(1, ["harbour"]);
    index.seal();
    const ids = index.search(
      [
        { term: "harbour", df: 2, weight: 1, concept: 0 },
        { term: "storm", df: 1, weight: 2, concept: 1 },
      ],
      100,
      10,
    );
    expect(ids).toEqual([0, 1]);
  });
});
