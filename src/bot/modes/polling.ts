/**
 * Long polling with @grammyjs/runner (concurrent, ordered per chat by
 * `sequentialize` in createBot).
 */
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot, Context } from "grammy";
import { ALLOWED_UPDATES } from "../bot.ts";
import { registerCommands } from "../commands.ts";
import type { Logger } from "../logger.ts";
import type { Redactor } from "../redact.ts";

export async function startPolling(
  bot: Bot<Context>,
  adminIds: readonly number[],
  logger: Logger,
  redactor: Redactor,
): Promise<RunnerHandle> {
  // The runner would print raw fetch errors (which can contain the URL with the
  // token) via console.error; it runs silent and we log redacted lines instead.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted)
        logger.warn("getUpdates failed", { reason: redactor.describe(error) });
      throw error;
    }
  });
  await registerCommands(bot.api, adminIds, logger).catch((error) =>
    logger.warn("could not register the command menu", { reason: redactor.describe(error) }),
  );
  await bot.api.deleteWebhook();
  const runner = run(bot, { runner: { silent: true, fetch: { allowed_updates: ALLOWED_UPDATES } } });
  logger.info(`@${bot.botInfo.username} is running (long polling)`);
  return runner;
}

/**
 * Tells Telegram that every update up to `lastUpdateId` was handled (the
 * runner confirms a batch only with its next getUpdates, which a stop cuts),
 * so a restart does not get them again.
 */
export async function confirmHandled(bot: Bot<Context>, lastUpdateId: number | undefined): Promise<void> {
  if (lastUpdateId === undefined) return;
  // Bounded: a Bot API that hangs must not hold the stop (the default timeout is minutes).
  const signal = AbortSignal.timeout(5_000) as Parameters<typeof bot.api.getUpdates>[1];
  await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }, signal);
}
