/**
 * Keeps the bot token out of every line the bot prints.
 *
 * grammY and fetch put the request URL (`.../bot<token>/method`) into some
 * network errors, so redaction happens where text leaves the process, not
 * where errors are made.
 */

/** Anything shaped like a bot token, whether or not it is ours. */
const TOKEN_SHAPE = /\d{3,20}:[A-Za-z0-9_-]{30,100}/g;

export const REDACTED = "<redacted>";

/** Returns `text` with `secrets` and any token-shaped string replaced. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out.replace(TOKEN_SHAPE, REDACTED);
}

/** One line describing an error (message only, no stack), redacted. */
export function describeError(error: unknown, secrets: readonly (string | undefined)[] = []): string {
  let text: string;
  if (error instanceof Error) {
    text = error.message;
    // fetch puts the reason in `cause`; grammY's HttpError in `error`.
    const inner = (error as { cause?: unknown; error?: unknown }).cause ?? (error as { error?: unknown }).error;
    if (inner instanceof Error && !text.includes(inner.message)) text += ` (${inner.message})`;
  } else {
    text = String(error);
  }
  return redact(text.replace(/\s+/g, " ").trim(), secrets);
}
