/**
 * src/language: the English knowledge corpus and search share, each rule once.
 */
import { describe, expect, it } from "vitest";
import english from "../../src/language/english.json" with { type: "json" };
import {
  NON_NAME_WORDS,
  PERSONAL_PRONOUNS,
  PRONOUNS,
  QUESTION_SPEECH_VERBS,
  SPEECH_VERBS,
} from "../../src/language/lexicon.ts";
import { TITLE_HEADS, TITLE_PARTS, TITLE_PARTS_LOWER, isParticle, surname } from "../../src/language/names.ts";
import {
  MAX_TYPO_WORD_LENGTH,
  MIN_TYPO_LENGTH,
  isPrefixRelative,
  shortTypoFits,
  typoDistance,
} from "../../src/language/words.ts";
import { findPeople } from "../../src/corpus/people.ts";
import { resolveFollowUp } from "../../src/search/followup.ts";
import { PHRASES } from "../../src/search/lexicon.ts";
import { fold, stem } from "../../src/search/text.ts";
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

describe("typo rule", () => {
  it("allows two edits from seven letters and one below, for corpus words and names alike", () => {
    expect(typoDistance(6)).toBe(1);
    expect(typoDistance(7)).toBe(2);
    // A three-letter word may only drop a letter of a four-letter one, after its first two.
    expect(shortTypoFits("kel", "kell")).toBe(true);
    expect(shortTypoFits("kel", "ekll")).toBe(false);
    expect(shortTypoFits("kell", "kells")).toBe(false);
    expect(MIN_TYPO_LENGTH).toBe(4);
  });
});

describe("word lists fixed by this move", () => {
  it("a role read back from a name stops at any speech verb, not only 'said'", () => {
    const people = findPeople('"Costs will fall," added finance director Kenji Watanabe at the meeting.');
    expect(people.find((p) => p.name === "Kenji Watanabe")?.roles).toEqual(["finance director"]);
  });

  it("a follow-up asks for more of the last speaker with any speech verb ('What else did she stress?')", () => {
    const context = {
      documentId: "d",
      speaker: "Marta Halvorsen",
      topic: [],
      question: "What did Halvorsen say?",
      shown: [],
    };
    expect(resolveFollowUp("What else did she stress?", context)).toEqual({
      kind: "speaker",
      speaker: "Marta Halvorsen",
      topic: "",
    });
    expect(resolveFollowUp("What else did they add about the ferry?", context)).toEqual({
      kind: "speaker",
      speaker: "Marta Halvorsen",
      topic: "the ferry",
    });
    expect(resolveFollowUp("What else did he talk about?", context)).toEqual({
      kind: "speaker",
      speaker: "Marta Halvorsen",
      topic: "",
    });
  });

  it("every multiple from twofold to tenfold is an increase, and 'N times' reads as it", () => {
    const vocabulary = new Vocabulary();
    const increase = stem(fold("increase"));
    for (const n of ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]) {
      expect(vocabulary.synonymsOf(stem(fold(`${n}fold`))), n).toContain(increase);
      expect(PHRASES[`${n} times`], n).toBe(`${n}fold`);
    }
  });

  it("a question's 'volume' reaches 'turnover' through a general synonym group, not a rewrite of one phrase", () => {
    expect(new Vocabulary().synonymsOf(stem(fold("volume")))).toContain(stem(fold("turnover")));
    expect(Object.keys(PHRASES).filter((phrase) => phrase.includes("volume") || phrase.includes("summit"))).toEqual([]);
  });

  it("pronouns cover every case, 'hers' and 'they' included", () => {
    expect([...PERSONAL_PRONOUNS].sort()).toEqual(["he", "her", "hers", "him", "his", "she"]);
    expect(PRONOUNS.has("they") && PRONOUNS.has("hers")).toBe(true);
    expect(PERSONAL_PRONOUNS.has("they")).toBe(false);
  });

  it("non-name words repeat neither the months nor the organisation words the lexicon merges in", () => {
    const organisations = new Set(english.organizationWords);
    const months = new Set(english.months);
    expect(english.nonNameWords.filter((w) => organisations.has(w) || months.has(w.toLowerCase()))).toEqual([]);
    expect(NON_NAME_WORDS.has("March") && NON_NAME_WORDS.has("Ministry")).toBe(true);
    expect(NON_NAME_WORDS.has("Jan")).toBe(false);
  });
});
