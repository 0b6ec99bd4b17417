/**
 * Sentence splitting with Intl.Segmenter, repaired where ICU's English rules
 * (without abbreviation suppressions in V8) cut too early: after "Mr.", "Jan.",
 * single initials, or before a lower-case continuation.
 */
import { ABBREVIATIONS } from "./lexicon.ts";

export interface Span {
  start: number;
  end: number;
}

interface Piece extends Span {
  /** Ends at a line break: never joined with what follows. */
  hard?: boolean;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Splits `text` into sentence spans (trimmed, never empty). */
export function splitSentences(text: string): Span[] {
  const raw: Piece[] = [];
  // A line break (a list item) always ends a sentence.
  let lineStart = 0;
  for (const line of text.split("\n")) {
    for (const { index, segment } of segmenter.segment(line)) {
      raw.push({ start: lineStart + index, end: lineStart + index + segment.length });
    }
    lineStart += line.length + 1;
    const last = raw.at(-1);
    if (last) last.hard = true;
  }
  const merged: Piece[] = [];
  for (const span of raw) {
    const previous = merged[merged.length - 1];
    if (previous && !previous.hard && shouldJoin(text.slice(previous.start, previous.end), text.slice(span.start, span.end))) {
      previous.end = span.end;
      previous.hard = span.hard;
    } else {
      merged.push({ ...span });
    }
  }
  return merged.flatMap((span) => moveTrailingElision(text, trim(text, { start: span.start, end: span.end })));
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
  const body = text.slice(span.start, span.end);
  const match = /[.!?]["”]?(\s+(?:\.\s?\.\s?\.|…))$/.exec(body);
  if (!match) return span.end > span.start ? [span] : [];
  const cut = span.start + body.length - match[1]!.length;
  return [trim(text, { start: span.start, end: cut })];
}
