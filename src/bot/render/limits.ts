/**
 * Telegram's limits, in one place, and the helpers that keep every reply
 * within them: a reply Telegram refuses is a reply the user never sees.
 */
import { escapeWithin, joinWithin } from "./html.ts";

export const LIMITS = {
  /** sendMessage / editMessageText text, after entity parsing (we hold the HTML source to it: stricter). */
  message: 4096,
  /** callback_data of an inline button, in bytes. */
  callbackData: 64,
  /** Results in one answerInlineQuery. */
  inlineResults: 50,
  /** An inline query's text (also the most a switch_inline_query button can pre-type). */
  inlineQuery: 256,
  /** `/start <payload>` deep-link parameter: A-Z a-z 0-9 _ - only. */
  startPayload: 64,
  /** setMyDescription / setMyShortDescription. */
  description: 512,
  shortDescription: 120,
  /** A button's label: not a Bot API limit, but longer ones are cut on screen anyway. */
  buttonText: 60,
  /** A title shown inside a reply (article titles can be anything). */
  title: 200,
} as const;

/**
 * Names (people, files) as an escaped, comma-separated list within `max`
 * characters of HTML, ending "and N more" when some had to go.
 */
export function nameList(names: readonly string[], max: number, each = 80): string {
  const parts = names.map((n) => escapeWithin(n, each));
  return joinWithin(parts, max, ", ", (n) => `and ${n} more`);
}

/** A title, escaped and cut to fit a reply line. */
export function titleHtml(title: string, max: number = LIMITS.title): string {
  return escapeWithin(title, max);
}

/** Plain text for a button label: one line, cut to fit. */
export function buttonLabel(text: string, max: number = LIMITS.buttonText): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const code = cut.charCodeAt(cut.length - 1);
  return (code >= 0xd800 && code <= 0xdbff ? cut.slice(0, -1) : cut) + "…";
}
