/**
 * `/start <payload>` deep links that ask a question:
 * https://t.me/<bot>?start=<payload>, where the payload is the question in
 * base64url (Telegram allows 64 characters of A-Z a-z 0-9 _ -, so questions
 * up to 48 bytes fit).
 */
import { LIMITS } from "./render/limits.ts";

/** The payload for `question`, or null when it does not fit in a deep link. */
export function encodeStartPayload(question: string): string | null {
  const payload = Buffer.from(question, "utf8").toString("base64url");
  return payload.length <= LIMITS.startPayload ? payload : null;
}

/** The question a payload carries, or null (a plain word like "help", or bytes that are not text). */
export function decodeStartPayload(payload: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(payload) || payload.length < 4) return null;
  const bytes = Buffer.from(payload, "base64url");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  // Real questions are printable text with a letter in them; random words decode to noise.
  if (text.includes("\uFFFD") || /[\u0000-\u001f\u007f]/.test(text) || !/\p{L}{2}/u.test(text)) return null;
  if (Buffer.from(text, "utf8").toString("base64url") !== payload) return null;
  return text;
}
