/**
 * `createBot(deps)`: the whole bot, wired top to bottom — transformers, then
 * middlewares, then one composer per feature, then the error boundary.
 * The same object serves long polling, webhooks, the console chat and tests.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { parseMode } from "@grammyjs/parse-mode";
import { sequentialize } from "@grammyjs/runner";
import { Bot, Composer, type Context, type MiddlewareFn, type Transformer } from "grammy";
import type { BotContext, BotFlavor } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { errorHandler } from "./errors.ts";
import { aboutFeature } from "./features/about.ts";
import { adminFeature } from "./features/admin.ts";
import { askFeature } from "./features/ask.ts";
import { editedFeature } from "./features/edited.ts";
import { inlineFeature } from "./features/inline.ts";
import { moreFeature } from "./features/more.ts";
import { quotesFeature } from "./features/quotes.ts";
import { unhandledFeature } from "./features/unhandled.ts";
import { welcomeFeature } from "./features/welcome.ts";
import { ignoreOwnInlineMessages } from "./middlewares/ignore-own.ts";
import { DEFAULT_RATE_LIMIT, rateLimit } from "./middlewares/rate-limit.ts";
import { replyToAsker } from "./middlewares/reply-to-asker.ts";
import { ConversationMemory, defaultStorage } from "./sessions.ts";

/** Updates the bot needs; anything else is not even fetched. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"] as const;

/** Link previews off by default: a source link would otherwise push the answer up under a big card. */
const noLinkPreviews: Transformer = (prev, method, payload, signal) =>
  (method === "sendMessage" || method === "editMessageText") && payload && !("link_preview_options" in payload)
    ? prev(method, { ...payload, link_preview_options: { is_disabled: true } }, signal)
    : prev(method, payload, signal);

/** Sets the context flavour on each update, then runs `features` with it. */
function withFlavour(flavour: (ctx: Context) => BotFlavor, features: Composer<BotContext>): MiddlewareFn<Context> {
  const run = features.middleware();
  return (ctx, next) => run(Object.assign(ctx, flavour(ctx)), next);
}

export function createBot(deps: BotDeps): Bot<Context> {
  const { config, logger } = deps;
  const bot = new Bot(config.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) },
  });

  // Transformers, innermost first: the transport (tests, console), retries, then the defaults every call gets.
  if (deps.transport) bot.api.config.use(deps.transport);
  if (config.autoRetry !== false) {
    // Not for getUpdates: the runner retries polling itself, and logs why
    // (auto-retry would retry a network outage silently, with ever longer waits).
    const retry = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 });
    bot.api.config.use((prev, method, payload, signal) =>
      method === "getUpdates" ? prev(method, payload, signal) : retry(prev, method, payload, signal),
    );
  }
  bot.api.config.use(noLinkPreviews);
  bot.api.config.use(parseMode("HTML"));

  // Errors: one boundary around everything, so no mode (polling, webhook,
  // console, tests) ever sees a handler error escape handleUpdate.
  const handleError = errorHandler(logger, [config.token]);
  bot.catch(handleError);
  const app = bot.errorBoundary(handleError);

  // Middlewares
  app.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  app.use(ignoreOwnInlineMessages);
  app.use(replyToAsker);
  app.use(async (ctx, next) => {
    logger.debug("update", { id: ctx.update.update_id, kind: Object.keys(ctx.update).find((k) => k !== "update_id") });
    await next();
  });
  if (config.rateLimit !== false)
    app.use(
      rateLimit(config.rateLimit ?? DEFAULT_RATE_LIMIT, {
        ...(deps.rateLimitStore ? { store: deps.rateLimitStore } : {}),
        logger,
      }),
    );

  // The context flavour, once per update: one engine for the whole update, one memory for the bot.
  const memory = new ConversationMemory(deps.storage ?? defaultStorage());
  const features = new Composer<BotContext>(
    welcomeFeature(deps),
    aboutFeature(),
    quotesFeature(),
    adminFeature(deps),
    askFeature(deps),
    editedFeature(deps),
    moreFeature(deps),
    inlineFeature(deps),
    unhandledFeature(),
  );
  app.use(withFlavour(() => ({ engine: deps.library.engine, memory }), features));

  return bot;
}
