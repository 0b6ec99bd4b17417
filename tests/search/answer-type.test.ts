/**
 * Answer types read their word lists from src/language/english.json (weekdays,
 * seasons, time words, reason cues, months, amount words): these guard the move.
 */
import { describe, expect, it } from "vitest";
import { TYPE_BIT, typeBits } from "../../src/search/answerType.ts";

const has = (text: string, type: keyof typeof TYPE_BIT) => (typeBits(text, false) & TYPE_BIT[type]) !== 0;

/** Each type: sentences that offer it, and one that does not. */
const CASES: Array<{ type: keyof typeof TYPE_BIT; name: string; offer: string[]; lacks: string }> = [
  {
    type: "time",
    name: "a time in weekdays, seasons, months, years and time words",
    offer: [
      "The ferry sails on Monday.",
      "Work starts next spring.",
      "It opened in March.",
      "It opened in 1998.",
      "It closed two weeks ago.",
    ],
    lacks: "The ferry sails to the island.",
  },
  {
    type: "reason",
    name: "a reason in cue words and phrases",
    offer: [
      "The port closed because of the storm.",
      "They dredged it in order to fit larger ships.",
      "Trade fell, which resulted in job losses.",
      "The bid to host the games failed.",
    ],
    lacks: "The harbour is home to rich fauna.",
  },
  {
    type: "amount",
    name: "an amount in figures and amount words, not in a bare date",
    offer: ["Trade grew fivefold.", "It cost 3 million euros."],
    lacks: "It opened on 4 March.",
  },
];

describe("answer types of a sentence", () => {
  for (const { type, name, offer, lacks } of CASES) {
    it(`finds ${name}`, () => {
      for (const text of offer) expect(has(text, type), text).toBe(true);
      expect(has(lacks, type), lacks).toBe(false);
    });
  }
});
