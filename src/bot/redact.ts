/**
 * Keeps the bot token and other secrets out of every line the bot prints.
 *
 * grammY and fetch put the request URL (`.../bot<token>/method`) into some
 * network errors, so redaction happens where text leaves the process, not
 * where errors are made. Secrets known only at run time (a webhook secret made
 * for this run) are added to the one `Redactor` the logger holds, explicitly,
 * by whoever makes them.
 */

/** Anything shaped like a bot token, whether or not it is ours. */
const TOKEN_SHAPE = /\d{3,20}:[A-Za-z0-9_-]{30,100}/g;

export const REDACTED = "<redacted>";

/** Shorter strings are too likely to occur in ordinary text to be cut out. */
const MIN_SECRET_LENGTH = 8;

/** Returns `text` with `secrets` and any token-shaped string replaced. */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out.replace(TOKEN_SHAPE, REDACTED);
}

/** One line describing an error (message only, no stack), redacted. */
export function describeError(error: unknown, secrets: Iterable<string | undefined> = []): string {
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

/** The set of secrets of one process; passed to whoever prints or makes secrets. */
export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** From now on `secret` is never printed (ignored when empty or shorter than 8 characters). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= MIN_SECRET_LENGTH) this.#secrets.add(secret);
  }

  redact(text: string): string {
    return redact(text, this.#secrets);
  }

  describe(error: unknown): string {
    return describeError(error, this.#secrets);
  }

  /** The secrets, for APIs that take a list (e.g. the error boundary). */
  get secrets(): readonly string[] {
    return [...this.#secrets];
  }
}
