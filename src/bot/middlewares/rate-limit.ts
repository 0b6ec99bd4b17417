/**
 * A per-user limit on messages the bot would act on (private messages and
 * group messages addressed to it), with one friendly notice per window.
 * Inline queries and button presses are not limited: they must be answered.
 */
import { limit } from "@grammyjs/ratelimiter";
import { Composer, type Context } from "grammy";
import { isAddressed, isCommandForMe } from "../access.ts";
import { texts } from "../render/texts.ts";

export interface RateLimitOptions {
  limit: number;
  timeFrameMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 5, timeFrameMs: 10_000 };

export function rateLimit(options: RateLimitOptions = DEFAULT_RATE_LIMIT): Composer<Context> {
  const composer = new Composer();
  composer
    .on("message")
    .filter(
      (ctx) => isAddressed(ctx) || isCommandForMe(ctx),
      limit({
        timeFrame: options.timeFrameMs,
        limit: options.limit,
        keyGenerator: (ctx: Context) => ctx.from?.id.toString(),
        onLimitExceeded: async (ctx: Context) => {
          await ctx.reply(texts.rateLimited).catch(() => undefined);
        },
      }),
    );
  return composer;
}
