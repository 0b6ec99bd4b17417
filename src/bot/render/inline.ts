/**
 * Inline-mode results: one article per answer or quote, with ids that are
 * stable hashes (never user text), unique, and well under 64 bytes.
 */
import { createHash } from "node:crypto";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Document, Quote } from "../../corpus/types.ts";
import type { Answer } from "../../search/types.ts";
import { renderAnswer } from "./answer.ts";
import { truncatePlain } from "./html.ts";
import { LIMITS } from "./limits.ts";
import { renderQuote } from "./quotes.ts";

/** Bot API: at most 50 results per answerInlineQuery. */
export const MAX_INLINE_RESULTS = LIMITS.inlineResults;

/** A 32-character base64url id derived from stable corpus ids. */
export function resultId(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 32);
}

const TITLE = 100;
const DESCRIPTION = 200;

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function answerResult(answer: Answer): InlineQueryResultArticle {
  const sentence = oneLine(answer.sentence.text);
  const title = answer.speaker ? `${answer.speaker}: “${sentence}”` : sentence;
  const where = [answer.document.title, answer.section ?? answer.passage.section].filter(Boolean).join(" · ");
  return {
    type: "article",
    id: resultId(`a|${answer.passage.id}|${answer.sentence.id}`),
    title: truncatePlain(title, TITLE) || "Answer",
    description: truncatePlain(oneLine(where), DESCRIPTION),
    input_message_content: {
      message_text: renderAnswer(answer),
      parse_mode: "HTML",
    },
  };
}

export function quoteResult(quote: Quote, document?: Document): InlineQueryResultArticle {
  return {
    type: "article",
    id: resultId(`q|${quote.id}`),
    title: truncatePlain(quote.speaker ? `${quote.speaker} said` : "Quote", TITLE),
    description: truncatePlain(`“${oneLine(quote.text)}”`, DESCRIPTION),
    input_message_content: {
      message_text: renderQuote(quote, document, 3000),
      parse_mode: "HTML",
    },
  };
}

/** Drops results whose id was already used (two answers from one sentence). */
export function uniqueById<T extends { id: string }>(results: readonly T[]): T[] {
  const seen = new Set<string>();
  return results.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/**
 * One page of `items` starting at the (untrusted) `offset`; `nextOffset` is ""
 * when there are no more, as the Bot API wants.
 */
export function paginate<T>(items: readonly T[], offset: string, pageSize: number): { page: T[]; nextOffset: string } {
  const start = /^\d{1,9}$/.test(offset) ? Math.min(Number(offset), items.length) : 0;
  const size = Math.max(1, Math.min(pageSize, MAX_INLINE_RESULTS));
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return { page, nextOffset: end < items.length ? String(end) : "" };
}
