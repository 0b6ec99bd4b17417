/**
 * Long polling with @grammyjs/runner (concurrent, ordered per chat by
 * `sequentialize` in createBot), stopped cleanly on SIGINT and SIGTERM.
 */
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot, Context } from "grammy";
import { ALLOWED_UPDATES } from "../bot.ts";
import { registerCommands } from "../commands.ts";
import type { Logger } from "../logger.ts";
import { describeError } from "../redact.ts";

export async function startPolling(bot: Bot<Context>, adminIds: readonly number[], logger: Logger, secrets: string[]): Promise<RunnerHandle> {
  // The runner would print raw fetch errors (which can contain the URL with the
  // token) via console.error; it runs silent and we log redacted lines instead.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted) logger.warn("getUpdates failed", { reason: describeError(error, secrets) });
      throw error;
    }
  });
  await registerCommands(bot.api, adminIds, logger).catch((error) =>
    logger.warn("could not register the command menu", { reason: describeError(error, secrets) }),
  );
  await bot.api.deleteWebhook();
  const runner = run(bot, { runner: { silent: true, fetch: { allowed_updates: ALLOWED_UPDATES } } });
  logger.info(`@${bot.botInfo.username} is running (long polling)`);
  return runner;
}
