/**
 * The last line of defence (`bot.catch`): expected Telegram refusals are
 * logged and dropped; anything else is logged as an error. Never rethrows,
 * so one bad update cannot stop the bot.
 */
import { BotError, GrammyError, HttpError, type Context } from "grammy";
import type { Logger } from "./logger.ts";
import { describeError } from "./redact.ts";

/** Refusals that are not bugs: the user blocked the bot, or an inline query expired. */
export function isIgnorable(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  const d = error.description.toLowerCase();
  if (error.error_code === 403) return /blocked by the user|kicked|deactivated|not a member|can't initiate/.test(d);
  if (error.error_code === 400) return /query is too old|query id is invalid|message is not modified/.test(d);
  return false;
}

export function errorHandler(logger: Logger, secrets: readonly (string | undefined)[] = []) {
  return (err: BotError<Context>): void => {
    const update = err.ctx?.update?.update_id;
    const error = err.error;
    if (isIgnorable(error)) {
      logger.info("dropped a Telegram refusal", { update, reason: describeError(error, secrets) });
    } else if (error instanceof GrammyError) {
      logger.error("Telegram refused a request", {
        update,
        method: error.method,
        reason: describeError(error, secrets),
      });
    } else if (error instanceof HttpError) {
      logger.error("network error talking to the Bot API", { update, reason: describeError(error, secrets) });
    } else {
      logger.error("error while handling an update", { update, reason: describeError(error, secrets) });
    }
  };
}
