/** Renders direct quotes: the words, the speaker's full name, and the source. */
import type { Document, Quote } from "../../corpus/types.ts";
import { MAX_MESSAGE_LENGTH, bold, escapeWithin, joinWithin } from "./html.ts";
import { renderSource } from "./answer.ts";

/** Longest quote text shown in a list before it is cut. */
const QUOTE_IN_LIST = 700;

/** One quote as a block: “words” — Speaker. */
export function renderQuote(
  quote: Quote,
  document?: Pick<Document, "title" | "date">,
  maxText = QUOTE_IN_LIST,
): string {
  const who = quote.speaker ? bold(escapeWithin(quote.speaker, 100)) : "<i>unattributed</i>";
  const lines = [`<blockquote>“${escapeWithin(quote.text, maxText)}”</blockquote>— ${who}`];
  if (document) lines.push(renderSource(document, null));
  return lines.join("\n");
}

/** A list of quotes under a heading, cut to fit one message. */
export function renderQuoteList(headingHtml: string, quotes: readonly Quote[], documents: readonly Document[]): string {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const blocks = quotes.map((q) => renderQuote(q, documents.length > 1 ? byId.get(q.docId) : undefined));
  return joinWithin([headingHtml, ...blocks], MAX_MESSAGE_LENGTH, "\n\n", (n) => `<i>…and ${n} more quotes.</i>`);
}
