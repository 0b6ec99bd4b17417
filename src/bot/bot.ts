/**
 * `createBot(deps)`: the whole bot, wired top to bottom — transformers, then
 * middlewares, then one composer per feature, then the error boundary.
 * The same object serves long polling, webhooks, the console chat and tests.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { BotDeps } from "./deps.ts";
import { errorHandler } from "./errors.ts";
import { aboutFeature } from "./features/about.ts";
import { adminFeature } from "./features/admin.ts";
import { askFeature } from "./features/ask.ts";
import { inlineFeature } from "./features/inline.ts";
import { moreFeature } from "./features/more.ts";
import { quotesFeature } from "./features/quotes.ts";
import { unhandledFeature } from "./features/unhandled.ts";
import { welcomeFeature } from "./features/welcome.ts";
import { ignoreOwnInlineMessages } from "./middlewares/ignore-own.ts";
import { DEFAULT_RATE_LIMIT, rateLimit } from "./middlewares/rate-limit.ts";
import { AnswerSessions } from "./sessions.ts";

/** Updates the bot needs; anything else is not even fetched. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

export function createBot(deps: BotDeps): Bot<Context> {
  const { config, logger } = deps;
  const bot = new Bot(config.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) },
  });

  // Transformers
  if (config.autoRetry !== false) {
    // Not for getUpdates: the runner retries polling itself, and logs why
    // (auto-retry would retry a network outage silently, with ever longer waits).
    const retry = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 });
    bot.api.config.use((prev, method, payload, signal) =>
      method === "getUpdates" ? prev(method, payload, signal) : retry(prev, method, payload, signal),
    );
  }

  // Errors: one boundary around everything, so no mode (polling, webhook,
  // console, tests) ever sees a handler error escape handleUpdate.
  const handleError = errorHandler(logger, [config.token]);
  bot.catch(handleError);
  const app = bot.errorBoundary(handleError);

  // Middlewares
  app.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  app.use(ignoreOwnInlineMessages);
  app.use(async (ctx, next) => {
    logger.debug("update", { id: ctx.update.update_id, kind: Object.keys(ctx.update).find((k) => k !== "update_id") });
    await next();
  });
  if (config.rateLimit !== false) app.use(rateLimit(config.rateLimit ?? DEFAULT_RATE_LIMIT));

  // Features
  const sessions = new AnswerSessions();
  app.use(welcomeFeature(deps));
  app.use(aboutFeature(deps));
  app.use(quotesFeature(deps));
  app.use(adminFeature(deps));
  app.use(askFeature(deps, sessions));
  app.use(moreFeature(deps, sessions));
  app.use(inlineFeature(deps));
  app.use(unhandledFeature());

  return bot;
}
