/**
 * Image captions and credits ("Photo credit: Akorda") are not article text.
 * In raw scraped text they often sit inside a paragraph where a line break was
 * lost, so removing one also tells us where that paragraph break was.
 */
import { CAPTION_MARKERS, SENTENCE_STARTERS, alternation } from "./lexicon.ts";

const MARKER = new RegExp(`(^|[.!?"”]\\s+|\\n)(?:${alternation(CAPTION_MARKERS)})\\s*:\\s*`, "giu");

/** True when a whole line is a caption or credit. */
export function isCaptionLine(line: string): boolean {
  const text = line.trim();
  const match = new RegExp(`^(?:${alternation(CAPTION_MARKERS)})\\s*:\\s*(.*)$`, "iu").exec(text);
  if (!match) return false;
  // A credit is short; "Photo: ..." followed by a long sentence is still a caption line.
  return text.length <= 200;
}

/**
 * Splits a paragraph at inline captions and drops them:
 * "... press service. Photo credit: Akorda During the talks, ..." ->
 * ["... press service.", "During the talks, ..."].
 */
export function splitAtCaptions(paragraph: string): string[] {
  const pieces: string[] = [];
  let rest = paragraph;
  for (;;) {
    MARKER.lastIndex = 0;
    const match = MARKER.exec(rest);
    if (!match) break;
    const lead = match[1] ?? "";
    const before = rest.slice(0, match.index + lead.length).trim();
    const after = rest.slice(match.index + match[0].length);
    const creditLength = creditEnd(after);
    if (before) pieces.push(before);
    rest = after.slice(creditLength).trim();
  }
  if (rest.trim()) pieces.push(rest.trim());
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
