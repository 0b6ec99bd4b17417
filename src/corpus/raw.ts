/**
 * The raw scraped-article format:
 *
 *   date 2024-03-11 ASTANA—First paragraph ...
 *
 *   Short Heading Without Final Punctuation
 *
 *   Next paragraph ...
 *
 * The `date` prefix and the dateline ("ASTANA—") are optional; captions and
 * photo credits are dropped (see captions.ts).
 */
import { isCaptionLine, splitAtCaptions } from "./captions.ts";
import type { Block, Draft } from "./draft.ts";

const DATE_PREFIX = /^\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b\s*/i;
/** "ASTANA—", "NEW YORK, March 3 (Reuters) -", "BAKU –" at the very start. */
const DATELINE = /^([\p{Lu}][\p{Lu}.'’ -]{1,40}?)(?:,[^—–\n]{0,40}?)?\s*(?:—|–|--|\s-\s)\s*/u;

export function parseRaw(text: string): Draft {
  let body = text.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  let date: string | null = null;
  const dated = DATE_PREFIX.exec(body);
  if (dated) {
    date = dated[1]!;
    body = body.slice(dated[0].length);
  }
  body = body.replace(/^\s+/, "");
  let source: string | null = null;
  const dateline = DATELINE.exec(body);
  if (dateline && dateline[1]!.trim().length >= 2) {
    source = titleCase(dateline[1]!.trim());
    body = body.slice(dateline[0].length);
  }

  const blocks: Block[] = [];
  for (const chunk of body.split(/\n\s*\n/)) {
    const lines = chunk
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !isCaptionLine(line));
    if (lines.length === 0) continue;
    if (lines.length === 1 && isHeading(lines[0]!)) {
      blocks.push({ kind: "heading", text: lines[0]! });
      continue;
    }
    for (const piece of splitAtCaptions(lines.join(" "))) {
      blocks.push({ kind: "paragraph", text: piece });
    }
  }

  // A heading before any paragraph at the top of the file is the title.
  let title: string | null = null;
  if (blocks[0]?.kind === "heading" && blocks.length > 1) {
    title = blocks.shift()!.text;
  }
  return { title, date, source, url: null, blocks };
}

/** A short line without final punctuation, starting with a capital or digit. */
export function isHeading(line: string): boolean {
  const words = line.split(/\s+/).length;
  return words <= 14 && line.length <= 120 && /^[\p{Lu}\d"“]/u.test(line) && !/[.!?,;:"”'’…]$/.test(line);
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
