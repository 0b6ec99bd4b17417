/**
 * A sealed candidate index keeps its posting lists packed (4 bytes an id, see
 * candidates.ts): it must search as the unpacked one does and export the very
 * key/data pairs FlexSearch's own arrays export, so snapshots keep their format.
 */
import { describe, expect, it } from "vitest";
import { CandidateIndex, type WeightedTerm } from "../../src/search/candidates.ts";
import { TermTable } from "../../src/search/passages.ts";
import { drain } from "../../src/util/drain.ts";

const WORDS = ["harbour", "lighthouse", "council", "budget", "ferry", "storm", "keeper", "lamp"];

/** Passage i holds the words whose bit is set in i (so every list differs). */
function build(count: number): CandidateIndex {
  const index = new CandidateIndex();
  for (let id = 0; id < count; id++)
    index.add(
      id,
      WORDS.filter((_, w) => (id >> w) & 1 || (id + w) % 7 === 0),
    );
  return index;
}

const terms = (names: string[]): WeightedTerm[] =>
  names.map((term, concept) => ({ term, df: 200, weight: 1 + concept / 10, concept }));

describe("packed postings", () => {
  it("a sealed index exports what the unsealed one does", () => {
    const before = build(300).toSnapshot();
    const sealed = build(300);
    sealed.seal();
    expect(sealed.toSnapshot()).toEqual(before);
    expect(JSON.stringify(sealed.toSnapshot())).toBe(JSON.stringify(before));
    // Read back, it searches as the index it was taken from.
    const asked = terms(["harbour", "storm", "lamp"]);
    expect(CandidateIndex.fromSnapshot(before).search(asked, 1000, 25)).toEqual(sealed.search(asked, 1000, 25));
  });

  it("a sealed index finds every passage holding an asked word, the best weighted first", () => {
    const sealed = build(300);
    sealed.seal();
    const asked = terms(["harbour", "storm", "lamp"]);
    const wordsOf = (id: number) => WORDS.filter((_, w) => (id >> w) & 1 || (id + w) % 7 === 0);
    const weightOf = (id: number) => asked.reduce((sum, t) => sum + (wordsOf(id).includes(t.term) ? t.weight : 0), 0);
    const holding = Array.from({ length: 300 }, (_, id) => id).filter((id) => weightOf(id) > 0);
    const found = sealed.search(asked, 10_000, 300);
    expect([...found].sort((a, b) => a - b)).toEqual(holding);
    for (let i = 1; i < found.length; i++) expect(weightOf(found[i - 1]!)).toBeGreaterThanOrEqual(weightOf(found[i]!));
    // Within the postings budget the lowest ids of each list are read first, the best of them kept.
    const budgeted = sealed.search(asked, 120, 10);
    expect(budgeted).toHaveLength(10);
    for (const id of budgeted) expect(weightOf(id)).toBeGreaterThan(0);
  });

  it("a sealed index refuses another passage with a clear error", () => {
    const sealed = build(10);
    sealed.seal();
    expect(() => sealed.add(10, ["harbour"])).toThrow(/sealed candidate index/);
  });

  it("an index updated from a sealed one equals one built afresh", () => {
    const sealed = build(300);
    sealed.seal();
    // Passages 0..9 leave; the rest move down by 10; two new passages join at the end.
    const moved = Int32Array.from({ length: 300 }, (_, id) => (id < 10 ? -1 : id - 10));
    const added = [
      { id: 290, terms: ["ferry", "storm"] },
      { id: 291, terms: ["keeper"] },
    ];
    const fresher = new CandidateIndex();
    for (const { id, terms: t } of added) fresher.add(id, t);
    const next = drain(sealed.updatedInSteps(moved, fresher, 292));
    const fresh = new CandidateIndex();
    for (let id = 10; id < 300; id++)
      fresh.add(
        id - 10,
        WORDS.filter((_, w) => (id >> w) & 1 || (id + w) % 7 === 0),
      );
    for (const { id, terms: t } of added) fresh.add(id, t);
    fresh.seal();
    const asked = terms(["storm", "keeper", "budget"]);
    expect(next.search(asked, 1000, 40)).toEqual(fresh.search(asked, 1000, 40));
    expect(next.search(asked, 90, 40)).toEqual(fresh.search(asked, 90, 40));
  });
});

describe("TermTable.copy", () => {
  it("copies a table of 200,000 terms (a big archive's vocabulary) with the same ids, leaving the original as it was", () => {
    const table = new TermTable();
    for (let i = 0; i < 200_000; i++) table.id(`term${i}`);
    const copy = table.copy();
    expect(copy.terms).toEqual(table.terms);
    expect(copy.id("term123456")).toBe(123_456);
    expect(copy.id("fresh")).toBe(200_000);
    expect(table.terms).toHaveLength(200_000);
    expect(table.ids.has("fresh")).toBe(false);
  });
});
