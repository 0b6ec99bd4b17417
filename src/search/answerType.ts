/**
 * What kind of answer a question wants (a person, a time, a place, an amount,
 * a reason) and whether a sentence offers that kind. A sentence that has the
 * kind of thing asked for is a better answer than one that merely shares words.
 */
import {
  AMOUNT_WORDS as AMOUNT_WORD_LIST,
  MONTHS as MONTH_NAMES,
  REASON_CUES,
  TIME_WORDS,
} from "../language/lexicon.ts";
import { alternation } from "../language/regex.ts";

export type AnswerType = "person" | "time" | "place" | "amount" | "reason" | "other";

const MONTHS = MONTH_NAMES.join("|");
const TIME = new RegExp(String.raw`\b(?:${MONTHS})\b|\b(?:1[89]|20)\d{2}\b|\b(?:${TIME_WORDS.join("|")})\b`, "i");
const AMOUNT_WORDS = new RegExp(String.raw`\b(?:${alternation(AMOUNT_WORD_LIST)}|\w+fold)\b|%|\$|€|£`, "i");
/** A figure that is not just a day of a month or a year. */
const FIGURE = new RegExp(
  String.raw`(?<!(?:${MONTHS})\.?\s)\b(?!(?:1[89]|20)\d{2}\b)\d[\d,.]*(?![\d,.]*\d)(?!\s+(?:${MONTHS})\b)`,
  "i",
);
const PLACE = /\b(?:in|at|to|from|near)\s+(?:the\s+)?\p{Lu}[\p{L}-]+/u;
/** Words that give a reason or purpose ("to" + any word was too loose: "home to rich fauna"). */
const REASON = new RegExp(String.raw`\b(?:${alternation(REASON_CUES)})\b`, "u");
/** Two capitalised name words in a row, not at the sentence start: a person, most likely. */
const NAME_PAIR =
  /(?<!^)(?<![.!?]\s)\b\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}]+)*\s+\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?\p{Ll}+)*/u;

/** The answer type of a folded question. */
export function questionType(folded: string): AnswerType {
  const q = folded.trim();
  if (/^(?:who|whom|whose)\b|\bwho\s+(?:is|was|are|were|said|says|did|does)\b/.test(q)) return "person";
  if (/^(?:when|what\s+(?:time|date|day|month|year))\b|\bwhen\b/.test(q)) return "time";
  if (/^(?:where|in\s+which\s+(?:city|country|place))\b|\bwhere\b/.test(q)) return "place";
  if (
    /^how\s+(?:much|many|big|large|far|long|fast|often|tall|high|wide|deep|old|heavy|small|short)\b|\bhow\s+(?:much|many)\b|\bwhat\s+(?:percentage|share|amount|number)\b/.test(
      q,
    )
  )
    return "amount";
  if (/^why\b|\bwhat\s+for\b|\breason\b/.test(q)) return "reason";
  return "other";
}

/** Bit of each answer type in a sentence's type set. */
export const TYPE_BIT: Readonly<Record<AnswerType, number>> = {
  person: 1,
  time: 2,
  place: 4,
  amount: 8,
  reason: 16,
  other: 0,
};
/** Marks a type set as computed (so an empty set is not recomputed). */
export const COMPUTED = 128;

/** Which answer types a sentence can answer, as bits. `mentionsPerson` comes from the people the article introduced. */
export function typeBits(text: string, mentionsPerson: boolean, knowsPeople = false): number {
  let bits = 0;
  // Where the article's people are known, a person is one of them; elsewhere two capitalised words will do.
  if (mentionsPerson || (!knowsPeople && NAME_PAIR.test(text))) bits |= TYPE_BIT.person;
  if (TIME.test(text)) bits |= TYPE_BIT.time;
  if (PLACE.test(text)) bits |= TYPE_BIT.place;
  if (AMOUNT_WORDS.test(text) || FIGURE.test(text)) bits |= TYPE_BIT.amount;
  if (REASON.test(text)) bits |= TYPE_BIT.reason;
  return bits;
}
