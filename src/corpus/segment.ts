/**
 * Sentence splitting with Intl.Segmenter, repaired where ICU's English rules
 * (without abbreviation suppressions in V8) cut too early: after "Mr.", "Jan.",
 * single initials, or before a lower-case continuation.
 */
import { ABBREVIATIONS } from "../language/lexicon.ts";

export interface Span {
  start: number;
  end: number;
}

interface Piece extends Span {
  /** Ends at a line break: never joined with what follows. */
  hard?: boolean;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
/** Characters ICU segments at a time (see segmentLine). */
const WINDOW = 4096;
/** Characters at the end of a sentence that shouldJoin looks at (the last word and its marks). */
const JOIN_CONTEXT = 64;
/** Characters at the end of a sentence that can hold a trailing elision. */
const ELISION_CONTEXT = 32;

/** Splits `text` into sentence spans (trimmed, never empty). */
export function splitSentences(text: string): Span[] {
  const raw: Piece[] = [];
  // A line break (a list item) always ends a sentence.
  let lineStart = 0;
  for (const line of text.split("\n")) {
    for (const piece of segmentLine(line)) raw.push({ start: lineStart + piece.start, end: lineStart + piece.end });
    lineStart += line.length + 1;
    const last = raw.at(-1);
    if (last) last.hard = true;
  }
  const merged: Piece[] = [];
  for (const span of raw) {
    const previous = merged[merged.length - 1];
    // Only the end of the growing sentence decides a join: re-reading all of it is quadratic ("Mr. Mr. Mr. ...").
    const tail = previous ? text.slice(Math.max(previous.start, previous.end - JOIN_CONTEXT), previous.end) : "";
    if (previous && !previous.hard && shouldJoin(tail, text.slice(span.start, span.end))) {
      previous.end = span.end;
      previous.hard = span.hard;
    } else {
      merged.push({ ...span });
    }
  }
  return merged.flatMap((span) => moveTrailingElision(text, trim(text, { start: span.start, end: span.end })));
}

/**
 * ICU's sentence spans of one line, read through windows of WINDOW characters:
 * V8's segment iterator slows down with the length of the string (1 MB took
 * tens of seconds). Each window's last span may be cut short, so the next
 * window starts at that span; a sentence longer than a window is cut at a space
 * (shouldJoin rejoins it when the cut was mid-sentence).
 */
function* segmentLine(line: string): Generator<Span> {
  let start = 0;
  while (start < line.length) {
    const end = Math.min(line.length, start + WINDOW);
    const spans = [...segmenter.segment(line.slice(start, end))].map(({ index, segment }) => ({
      start: start + index,
      end: start + index + segment.length,
    }));
    if (end === line.length) {
      yield* spans;
      return;
    }
    if (spans.length > 1) {
      yield* spans.slice(0, -1);
      start = spans.at(-1)!.start;
      continue;
    }
    const space = line.lastIndexOf(" ", end - 1);
    const cut = space > start ? space + 1 : end;
    yield { start, end: cut };
    start = cut;
  }
}

function shouldJoin(previous: string, next: string): boolean {
  const head = next.trimStart();
  if (head === "") return true;
  // A continuation that starts in lower case or with a digit is not a new sentence ("Jan. 2020").
  if (/^[\p{Ll}\d]/u.test(head)) return true;
  const tail = previous.trimEnd();
  // A closing quote or bracket alone is not a sentence.
  if (/^["”’)\]]+$/.test(head.trim())) return true;
  const lastWord = /(?:^|[\s("“])([\p{L}.]+)\.$/u.exec(tail)?.[1];
  if (!lastWord) return false;
  if (ABBREVIATIONS.has(lastWord.toLowerCase())) return true;
  // Single initials ("John F. Kennedy") and dotted acronyms inside a sentence ("U.S. and").
  return /^\p{Lu}$/u.test(lastWord);
}

function trim(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** "prospects. ... Also" -> the elision belongs to the sentence it introduces. */
function moveTrailingElision(text: string, span: Span): Span[] {
  const body = text.slice(Math.max(span.start, span.end - ELISION_CONTEXT), span.end);
  const match = /[.!?]["”]?(\s+(?:\.\s?\.\s?\.|…))$/.exec(body);
  if (!match) return span.end > span.start ? [span] : [];
  const cut = span.end - match[1]!.length;
  return [trim(text, { start: span.start, end: cut })];
}
