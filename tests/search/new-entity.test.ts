/** The sentence model's "new entity" scanner (issue 13: no regular expression per sentence) finds what the regex found. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasNewEntity } from "../../src/search/sentence-model.ts";
import { fold } from "../../src/search/text.ts";

/** The words as the regular expression the scanner replaces found them, in hasNewEntity's comparison form. */
function reference(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/(?<=[\s(“"])\p{Lu}[\p{L}'’-]*|\d[\d,.]*/gu)) {
    const word = /[^\x20-\x7e]/.test(match[0]) ? fold(match[0]) : match[0].toLowerCase();
    out.push(word.replace(/[^\p{L}\p{N}]+$/u, "").replace(/['’]s$/, ""));
  }
  return out;
}

// Characters around every branch of the scanner: spaces of several kinds, quotes, digits, separators,
// capitals and letters beyond ASCII, an astral capital (𝐀) and letter, lone surrogates.
const pieces = [
  " ",
  "\t",
  "\n",
  "\u00a0",
  "\u2003",
  "(",
  "“",
  '"',
  "”",
  "'",
  "’",
  "-",
  ",",
  ".",
  "0",
  "7",
  "1,000",
  "3.5",
  "A",
  "Z",
  "a",
  "z",
  "É",
  "é",
  "Ł",
  "ß",
  "Ω",
  "𝐀",
  "𝐚",
  "\ud800",
  "\udc00",
  "\u2028",
  "\ufeff",
  "\u3000",
  "Mr",
  "Paris",
  "Şahin",
  "G20",
  "'s",
  "'S",
  "O'S",
];

describe("hasNewEntity", () => {
  it("is true exactly when a word the regular expression matches is not among the question's", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (parts, keep) => {
          const text = parts.join("");
          const words = reference(text);
          // The question uses some of the words: all, none, or a subset.
          const asks = new Set(words.filter((_, i) => keep[i] ?? true));
          expect(hasNewEntity(text, asks)).toBe(words.some((w) => !asks.has(w)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("finds a capital after a space or an opening quote, and figures, but not a sentence's first word", () => {
    expect(hasNewEntity("Paris is large", new Set())).toBe(false);
    expect(hasNewEntity("in “Paris” today", new Set(["paris"]))).toBe(false);
    expect(hasNewEntity("in “Paris” today", new Set())).toBe(true);
    expect(hasNewEntity("it cost 1,000.", new Set(["1,000"]))).toBe(false);
    expect(hasNewEntity("it cost 1,000.", new Set())).toBe(true);
  });
});
