/**
 * src/language: the English knowledge corpus and search share, each rule once.
 */
import { describe, expect, it } from "vitest";
import english from "../../src/language/english.json" with { type: "json" };
import { QUESTION_SPEECH_VERBS, SPEECH_VERBS } from "../../src/language/lexicon.ts";
import { TITLE_HEADS, TITLE_PARTS, TITLE_PARTS_LOWER, isParticle, surname } from "../../src/language/names.ts";
import { MAX_TYPO_WORD_LENGTH, isPrefixRelative } from "../../src/language/words.ts";
import { Vocabulary } from "../../src/search/vocabulary.ts";

describe("English word lists", () => {
  it("hold no word twice within a list, and question speech verbs add forms without repeating SPEECH_VERBS", () => {
    for (const [key, list] of Object.entries(english)) {
      if (!Array.isArray(list)) continue;
      expect(new Set(list).size, key).toBe(list.length);
    }
    const corpusForms = new Set(SPEECH_VERBS);
    expect(english.speechVerbsInQuestions.filter((w) => corpusForms.has(w))).toEqual([]);
    expect(QUESTION_SPEECH_VERBS).toEqual(expect.arrayContaining(["say", "said", "pointed out", "think"]));
  });
});

describe("name rules", () => {
  it("keeps particles with the surname", () => {
    expect(surname("Marieke van der Berg")).toBe("van der Berg");
    expect(surname("Pieter-Jan De Wit")).toBe("De Wit");
    expect(surname("Kassym-Jomart Tokayev")).toBe("Tokayev");
    expect(isParticle("bin")).toBe(true);
    expect(isParticle("Bin")).toBe(false);
  });

  it("names the three title-word sets by what they hold", () => {
    expect(TITLE_HEADS.has("Minister")).toBe(true);
    expect(TITLE_HEADS.has("Prime")).toBe(false);
    expect(TITLE_PARTS.has("Prime")).toBe(true);
    expect(TITLE_PARTS_LOWER.has("prime")).toBe(true);
    expect(TITLE_PARTS_LOWER.has("Prime")).toBe(false);
  });

  it("relates a demonym to its country but not short or distant prefixes", () => {
    expect(isPrefixRelative("kazakh", "kazakhstan")).toBe(true);
    expect(isPrefixRelative("kazakhstan", "kazakh")).toBe(true);
    expect(isPrefixRelative("kaz", "kazakh")).toBe(false);
    expect(isPrefixRelative("inter", "international")).toBe(false);
    expect(isPrefixRelative("bridge", "bridge")).toBe(false);
  });
});

describe("typo entries", () => {
  it("are built for corpus words up to MAX_TYPO_WORD_LENGTH letters only", () => {
    const vocabulary = new Vocabulary();
    const long = "abcdefghijklmnopqrstuvwxy"; // 25 letters: one over the cap
    const fits = "zyxwvutsrqponmlkjihgfedc"; // 24 letters
    vocabulary.addPassage(new Uint32Array([0, 1]), [long, fits], [long, fits]);
    vocabulary.seal([long, fits]);
    expect(long.length).toBe(MAX_TYPO_WORD_LENGTH + 1);
    // A question word one letter short of each (24 and 23 letters, both within the
    // question cap): the corpus word within the cap is found, the longer one has no entries.
    expect(vocabulary.corrections(fits.slice(1)).map((v) => v.term)).toEqual([fits]);
    expect(vocabulary.corrections(long.slice(1))).toEqual([]);
  });
});
