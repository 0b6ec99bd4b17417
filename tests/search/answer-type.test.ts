/**
 * Answer types read their word lists from src/language/english.json (weekdays,
 * seasons, time words, reason cues, months, amount words): these guard the move.
 */
import { describe, expect, it } from "vitest";
import { TYPE_BIT, typeBits } from "../../src/search/answerType.ts";

const has = (text: string, type: keyof typeof TYPE_BIT) => (typeBits(text, false) & TYPE_BIT[type]) !== 0;

describe("answer types of a sentence", () => {
  it("finds a time in weekdays, seasons, months, years and time words", () => {
    for (const text of [
      "The ferry sails on Monday.",
      "Work starts next spring.",
      "It opened in March.",
      "It opened in 1998.",
      "It closed two weeks ago.",
    ]) {
      expect(has(text, "time"), text).toBe(true);
    }
    expect(has("The ferry sails to the island.", "time")).toBe(false);
  });

  it("finds a reason in cue words and phrases, however they are spaced", () => {
    for (const text of [
      "The port closed because of the storm.",
      "They dredged it in order to fit larger ships.",
      "Trade fell, which resulted in job losses.",
      "The bid to host the games failed.",
    ]) {
      expect(has(text, "reason"), text).toBe(true);
    }
    expect(has("The harbour is home to rich fauna.", "reason")).toBe(false);
  });

  it("finds an amount in figures and amount words, not in a bare date", () => {
    expect(has("Trade grew fivefold.", "amount")).toBe(true);
    expect(has("It cost 3 million euros.", "amount")).toBe(true);
    expect(has("It opened on 4 March.", "amount")).toBe(false);
  });
});
