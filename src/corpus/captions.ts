/**
 * Image captions and credits ("Photo credit: Akorda") are not article text.
 * In raw scraped text they often sit inside a paragraph where a line break was
 * lost, so removing one also tells us where that paragraph break was.
 *
 * Every scan here is bounded: a marker is found once per occurrence with a
 * sticky lastIndex, and a credit is read only up to its sentence's end (at most
 * CREDIT_SCAN characters), so a paragraph of glued captions costs linear time.
 */
import { CAPTION_MARKERS, SENTENCE_STARTERS } from "../language/lexicon.ts";
import { alternation } from "../language/regex.ts";

const MARKERS = alternation(CAPTION_MARKERS);
const MARKER = new RegExp(`(^|[.!?"”]\\s+|\\n)(?:${MARKERS})\\s*:\\s*`, "giu");
/** Compiled once: a caption line starts with a marker and a colon. */
const CAPTION_LINE = new RegExp(`^(?:${MARKERS})\\s*:`, "iu");
const LEADING_MARKER = new RegExp(`(?:${MARKERS})\\s*:\\s*`, "iuy");
/** A credit is a few names; reading further would re-read the paragraph per caption. */
const CREDIT_SCAN = 200;

/** True when a whole line is a caption or credit. */
export function isCaptionLine(line: string): boolean {
  const text = line.trim();
  // A credit is short; "Photo: ..." followed by a long sentence is still a caption line.
  return text.length <= 200 && CAPTION_LINE.test(text);
}

/**
 * Splits a paragraph at inline captions and drops them:
 * "... press service. Photo credit: Akorda During the talks, ..." ->
 * ["... press service.", "During the talks, ..."].
 */
export function splitAtCaptions(paragraph: string): string[] {
  const pieces: string[] = [];
  let rest = 0;
  for (;;) {
    // A marker right at the start of what is left (after a credit) has no lead.
    let at = rest;
    while (at < paragraph.length && /\s/.test(paragraph[at]!)) at++;
    LEADING_MARKER.lastIndex = at;
    let creditStart: number;
    const leading = LEADING_MARKER.exec(paragraph);
    if (leading) {
      creditStart = at + leading[0].length;
    } else {
      MARKER.lastIndex = rest;
      const match = MARKER.exec(paragraph);
      if (!match) break;
      const before = paragraph.slice(rest, match.index + (match[1] ?? "").length).trim();
      if (before) pieces.push(before);
      creditStart = match.index + match[0].length;
    }
    rest = creditStart + creditEnd(paragraph.slice(creditStart, creditStart + CREDIT_SCAN));
  }
  const tail = paragraph.slice(rest).trim();
  if (tail) pieces.push(tail);
  return pieces;
}

/**
 * Where the credit after "Photo credit:" ends. A credit is a short run of
 * capitalised words (names, agencies) ending at a full stop, a line break, or
 * where the next sentence visibly starts: at a common sentence opener, or at the
 * last capitalised word before running text in lower case.
 */
function creditEnd(text: string): number {
  const lineBreak = text.indexOf("\n");
  const limit = lineBreak >= 0 ? lineBreak : text.length;
  const words = [...text.slice(0, limit).matchAll(/\S+/g)];
  let capitalised = 0;
  for (const [i, word] of words.entries()) {
    const token = word[0];
    const start = word.index;
    if (i > 0 && SENTENCE_STARTERS.has(token.replace(/[^\p{L}]/gu, ""))) return start;
    if (/[.!?]$/.test(token) && !/^\p{Lu}\.$/u.test(token)) return start + token.length;
    if (/^[\p{Lu}\d@©(]/u.test(token) || /^[/&|,-]+$/.test(token)) {
      capitalised++;
      continue;
    }
    // Lower-case text: the sentence started at the last capitalised word (if the credit had one before it).
    if (i === 0) return 0;
    if (capitalised >= 2) return words[i - 1]!.index;
    return start;
  }
  return limit;
}
