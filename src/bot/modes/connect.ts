/**
 * The first contact with the Bot API (getMe), done without auto-retry so a
 * wrong token or an unreachable server fails start-up at once with one line,
 * instead of retrying silently for minutes.
 */
import { Api, type Bot, type Context, GrammyError, HttpError } from "grammy";
import type { Redactor } from "../redact.ts";

export const TELEGRAM_API = "https://api.telegram.org";

export async function connect(bot: Bot<Context>, token: string, apiRoot: string | undefined): Promise<void> {
  const api = new Api(token, { timeoutSeconds: 15, ...(apiRoot ? { apiRoot } : {}) });
  bot.botInfo = await api.getMe();
}

/**
 * The one line for an error while starting: it names the variable to fix —
 * TELEGRAM_API_ROOT only when the operator set it — and shows no secret.
 */
export function startFailure(
  error: unknown,
  apiRoot: string | undefined,
  redactor: Redactor,
  portVariable: string,
): string {
  if (error instanceof GrammyError && error.error_code === 401)
    return "BOT_TOKEN: Telegram rejected the token (401 Unauthorized)";
  if (error instanceof HttpError) {
    const reason = redactor.describe(error.error);
    if (apiRoot) return `TELEGRAM_API_ROOT: cannot reach the Bot API at ${apiRoot} (${reason})`;
    return `cannot reach Telegram at ${TELEGRAM_API} (${reason}); check the network, or set TELEGRAM_API_ROOT`;
  }
  if (error instanceof Error && (error as { code?: unknown }).code === "EADDRINUSE")
    return `${portVariable}: the port is already in use`;
  return `cannot start the bot: ${redactor.describe(error)}`;
}
