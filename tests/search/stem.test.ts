/**
 * stem() looks irregular forms up in a table: a word that is also a member of
 * Object.prototype ("constructor") must stem as a word, not as that member.
 */
import { describe, expect, it } from "vitest";
import { stem, tokenize } from "../../src/search/text.ts";
import table from "../../src/search/lexicon/wordnet.json" with { type: "json" };
import { wordnetHypernyms, wordnetRelated } from "../../src/search/wordnet.ts";

describe("stem", () => {
  it("stems 'constructor' as a word, not as Object.prototype.constructor", () => {
    expect(stem("constructor")).toBe("constructor");
    expect(tokenize("The constructor builds.")[1]!.term).toBe("constructor");
  });

  it("still maps irregular forms before stemming", () => {
    // An irregular form and its base stem alike; the plain Porter stems differ.
    expect(stem("went")).toBe(stem("go"));
    expect(stem("children")).toBe(stem("child"));
  });

  it("leaves no Object.prototype text in the generated WordNet table", () => {
    // Every entry of every relation is a list of lowercase stems, nothing else.
    const words = /^[a-z0-9' .-]*$/;
    const bad: string[] = [];
    for (const [relation, entries] of Object.entries(table)) {
      if (typeof entries === "string") {
        if (!words.test(entries)) bad.push(relation);
        continue;
      }
      for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
        if (typeof value !== "string" || !words.test(value)) bad.push(`${relation}.${key}`);
      }
    }
    expect(bad).toEqual([]);
    expect(wordnetRelated("constructor")).toContain("builder");
    expect(wordnetHypernyms("contractor")).toContain("constructor");
    expect(wordnetHypernyms("contractor").join(" ")).not.toMatch(/native code|function object/);
  });
});
