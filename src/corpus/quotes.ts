/**
 * Direct speech: spans inside quotation marks, with the speaker found in the
 * attribution around them ('," noted Marsh.', 'Marsh said: "', 'According to
 * the Ruritanian Ambassador, "') and resolved to a full name.
 */
import { ATTRIBUTION_PREPOSITIONS, PRONOUN_CASES, SPEECH_VERBS } from "../language/lexicon.ts";
import { PARTICLE } from "../language/names.ts";
import { alternation } from "../language/regex.ts";
import type { SpeakerResolver } from "./speakers.ts";

export interface QuoteSpan {
  /** Offsets of the quoted words (marks excluded) in the passage text. */
  start: number;
  end: number;
  text: string;
  speaker: string | null;
}

const VERBS = alternation(SPEECH_VERBS);
const PREPOSITIONS = alternation(ATTRIBUTION_PREPOSITIONS);
/** How an attribution names the speaker: a pronoun ("he"), a name, or "the (Ruritanian) Ambassador". */
const WHO = String.raw`(?:${PRONOUN_CASES.subject.join("|")}|[Tt]he\s+(?:[\p{L}'’-]+\s+){0,4}?[\p{L}'’-]+|\p{Lu}[\p{L}'’.-]*(?:\s+${PARTICLE}?\s*\p{Lu}[\p{L}'’.-]*){0,3})`;
const AFTER_VERB_FIRST = new RegExp(
  String.raw`^\s*[,;]?\s*(?:${VERBS})\s+(?<who>${WHO})(?=\s*(?:[,.;:!?]|$|\s+(?:in|at|on|during|after|while|when|who|adding|to|as)\b))`,
  "u",
);
const AFTER_WHO_FIRST = new RegExp(String.raw`^\s*[,;]?\s*(?<who>${WHO})\s+(?:\p{Ll}+ly\s+)?(?:${VERBS})\b`, "u");
const BEFORE = new RegExp(
  String.raw`(?:(?<who>${WHO})(?:,[^,"“”]{1,100},)?\s+(?:\p{Ll}+ly\s+)?(?:${VERBS})\b[^.!?"“”]*?|(?:${PREPOSITIONS})\s+(?<who2>${WHO})\s*,\s*)[,:]?\s*$`,
  "u",
);

/** How far before a quote its attribution ("Marsh said:") is looked for. */
const ATTRIBUTION_SCAN = 300;

interface Mark {
  at: number;
  open: boolean;
}

/**
 * Finds the direct quotes of a passage. `offset` is where the passage starts in
 * the document (for resolving "he" to the person mentioned last), and
 * `carried` the speaker of the previous passage's last quote, for a quote that
 * continues it.
 */
export function extractQuotes(
  text: string,
  offset: number,
  resolver: SpeakerResolver,
  carried: string | null,
): QuoteSpan[] {
  const quotes: QuoteSpan[] = [];
  let previous: string | null = carried;
  for (const [open, close] of pairMarks(text)) {
    const inner = trimSpan(text, open + 1, close);
    if (inner.end <= inner.start) continue;
    const words = text.slice(inner.start, inner.end).split(/\s+/).length;
    const after = text.slice(close + 1, close + 1 + 160);
    const before = text.slice(sentenceStart(text, open), open);
    // '"... done." The minister said' starts a new sentence: only '," X said' attributes.
    const attributable = !/[.]$/.test(text.slice(inner.start, inner.end)) || /^\s*[,;]/.test(after);
    let who = attributable
      ? (AFTER_VERB_FIRST.exec(after)?.groups?.who ?? AFTER_WHO_FIRST.exec(after)?.groups?.who)
      : undefined;
    if (!who) {
      const groups = BEFORE.exec(before)?.groups;
      who = groups?.who ?? groups?.who2;
    }
    const speaker = who ? resolver.resolve(who.trim(), offset + open) : null;
    const sentencey = /[.!?,…]$/.test(text.slice(inner.start, inner.end)) || words >= 8;
    // Short unattributed quotes are names, titles or scare quotes, not speech.
    if (!speaker && !(sentencey && words >= 4)) continue;
    const resolved = speaker ?? (before.trim() === "" ? previous : null);
    quotes.push({
      start: inner.start,
      end: inner.end,
      text: text.slice(inner.start, inner.end).replace(/[,;:]$/, ""),
      speaker: resolved,
    });
    if (resolved) previous = resolved;
  }
  return quotes;
}

/** Pairs quotation marks: curly ones by direction, straight ones in turn. */
function pairMarks(text: string): Array<[number, number]> {
  const marks: Mark[] = [];
  let straightOpen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "“" || ch === "«" || ch === "„") marks.push({ at: i, open: true });
    else if (ch === "”" || ch === "»") marks.push({ at: i, open: false });
    else if (ch === '"') {
      straightOpen = !straightOpen;
      marks.push({ at: i, open: straightOpen });
    }
  }
  // British style, single quotes: only where no double quotes are used, with
  // ‘ opening and a ’ that is followed by no letter closing ("Marsh’s" is an apostrophe).
  if (marks.length === 0) {
    for (let i = 0; i < text.length; i++) {
      if (text[i] === "‘") marks.push({ at: i, open: true });
      else if (text[i] === "’" && !/\p{L}/u.test(text[i + 1] ?? "")) marks.push({ at: i, open: false });
    }
  }
  const pairs: Array<[number, number]> = [];
  let openAt: number | null = null;
  for (const mark of marks) {
    if (mark.open) openAt ??= mark.at;
    else if (openAt !== null) {
      pairs.push([openAt, mark.at]);
      openAt = null;
    }
  }
  // A quote left open runs to the end of the paragraph (the next one continues it).
  if (openAt !== null && text.length - openAt > 20) pairs.push([openAt, text.length]);
  return pairs;
}

function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s]/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * Start of the sentence containing `at` (after the last ". " before it), looked
 * for at most ATTRIBUTION_SCAN characters back: an attribution is a few words,
 * and scanning the whole paragraph per quote is quadratic.
 */
function sentenceStart(text: string, at: number): number {
  const floor = Math.max(0, at - ATTRIBUTION_SCAN);
  for (let i = at - 1; i > floor; i--) {
    if (!/\s/.test(text[i]!) || !/\S/.test(text[i - 1]!)) continue;
    // text[i] starts a run of spaces: a sentence ended before it, at [.!?] or [.!?] and a closing quote.
    const last = text[i - 1]!;
    if (/[.!?]/.test(last) || (/["”]/.test(last) && /[.!?]/.test(text[i - 2] ?? ""))) {
      let start = i;
      while (start < at && /\s/.test(text[start]!)) start++;
      return start;
    }
  }
  return floor;
}

const REPORTED = [
  // "Carvalho warned that ...", "In response, he said ...", "Rotich, 31, said ...", "The finance chief, Tomasz Wiśniewski, said ..."
  new RegExp(
    String.raw`^(?:[^,"“”]{0,80},\s+)?(?<who>${WHO})(?:,[^,"“”]{1,100},)?\s+(?:\p{Ll}+ly\s+)?(?:${VERBS})\b`,
    "u",
  ),
  // "According to the Ruritanian President, ..."
  new RegExp(String.raw`^(?:[^,"“”]{0,40},\s+)?(?:${PREPOSITIONS})\s+(?<who>${WHO})\s*,`, "u"),
  // "..., said Mayor Ana Ruiz."
  new RegExp(String.raw`,\s+(?:${VERBS})\s+(?<who>${WHO})\s*[.!?]?$`, "u"),
];

/**
 * The speaker of reported (indirect) speech: "Carvalho warned that restoration
 * was no substitute ...". Only people the article introduced count, so
 * "Organisers said ..." has no speaker.
 */
export function reportedSpeaker(sentence: string, offset: number, resolver: SpeakerResolver): string | null {
  for (const pattern of REPORTED) {
    const who = pattern.exec(sentence)?.groups?.who;
    if (!who) continue;
    const name = resolver.resolve(who.trim(), offset);
    if (name && resolver.knows(name)) return name;
  }
  return null;
}
