/**
 * Inline button data, at most 64 bytes: a short key into the conversation
 * memory (sessions.ts), never the question itself.
 *   more:<key>:<index>   show answer <index> of the question behind <key>
 *   ask:<key>            ask the question behind <key> (suggestions, examples)
 * The patterns double as `composer.callbackQuery` triggers; anything else
 * (forged, malformed) falls through to the "expired" handler.
 */
import { LIMITS } from "./render/limits.ts";

const KEY = "[A-Za-z0-9_-]{8}";
export const MORE_TRIGGER = new RegExp(`^more:(${KEY}):(\\d{1,2})$`);
export const ASK_TRIGGER = new RegExp(`^ask:(${KEY})$`);

export interface MoreData {
  key: string;
  index: number;
}

export function encodeMore(key: string, index: number): string {
  return checked(`more:${key}:${index}`, MORE_TRIGGER);
}

export function decodeMore(data: string | undefined): MoreData | null {
  const match = data === undefined ? null : MORE_TRIGGER.exec(data);
  if (!match) return null;
  return { key: match[1]!, index: Number(match[2]) };
}

export function encodeAsk(key: string): string {
  return checked(`ask:${key}`, ASK_TRIGGER);
}

/** `data` if it is what its trigger reads back and fits Telegram's 64 bytes; a bug otherwise. */
function checked(data: string, trigger: RegExp): string {
  if (!trigger.test(data) || Buffer.byteLength(data) > LIMITS.callbackData)
    throw new Error(`invalid callback data: ${data}`);
  return data;
}
