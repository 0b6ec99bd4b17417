/**
 * A per-user limit on messages the bot would act on (private messages and
 * group messages addressed to it): at most `limit` in any `timeFrameMs`
 * (a sliding window; counters in memory or Redis, shared by every instance).
 * Inline queries and button presses are not limited: they must be answered.
 *
 * No question is lost: over the limit, a private question waits for a free
 * slot when its answer would still come within `maxDelayMs` of being sent;
 * otherwise (and always in groups) the user is told in how many seconds to ask
 * again. Only a flood — more notices than `limit` in a window — goes
 * unanswered, and that is logged.
 */
import { Composer, type Context } from "grammy";
import { memoryRateLimitStore, type RateLimitStore } from "../../state/rate-limit-store.ts";
import { isAddressed, isCommandForMe } from "../access.ts";
import type { Logger } from "../logger.ts";
import { texts } from "../render/texts.ts";

export interface RateLimitOptions {
  limit: number;
  timeFrameMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 5, timeFrameMs: 10_000 };

export interface RateLimitDeps {
  store?: RateLimitStore;
  logger?: Logger;
  /** Longest a queued private question may wait, counted from when it was sent. */
  maxDelayMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_MAX_DELAY_MS = 15_000;
/**
 * A queued question wakes this long after its slot frees: answers take a few
 * ms to send, and the user should never see a 6th answer 9,999 ms after the 1st.
 */
const QUEUE_MARGIN_MS = 100;

export function rateLimit(options: RateLimitOptions = DEFAULT_RATE_LIMIT, deps: RateLimitDeps = {}): Composer<Context> {
  const store = deps.store ?? memoryRateLimitStore();
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxDelayMs = deps.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const { limit, timeFrameMs } = options;

  /** 0 when accepted, else ms to wait; a store failure lets the message through. */
  const hit = async (key: string): Promise<number> => {
    try {
      return await store.hit(key, now(), timeFrameMs, limit);
    } catch (error) {
      deps.logger?.warn("rate limit: counter store failed; letting the message through", { reason: String(error) });
      return 0;
    }
  };

  const composer = new Composer();
  composer
    .on("message")
    .filter((ctx) => isAddressed(ctx) || isCommandForMe(ctx))
    .use(async (ctx, next) => {
      const user = ctx.from?.id;
      if (user === undefined) return next();
      const key = `m:${user}`;
      const sentAt = ctx.message.date * 1000;
      for (;;) {
        const wait = await hit(key);
        if (wait === 0) return next();
        const age = Math.max(0, now() - sentAt);
        if (ctx.chat.type === "private" && age + wait <= maxDelayMs) {
          await sleep(wait + QUEUE_MARGIN_MS);
          continue;
        }
        if ((await hit(`n:${user}`)) === 0) {
          await ctx
            .reply(texts.rateLimited(Math.ceil(wait / 1000)))
            .catch((error: unknown) =>
              deps.logger?.warn("rate limit: could not send the notice", { reason: String(error) }),
            );
        } else {
          deps.logger?.info("rate limit: flood; message not answered", { user });
        }
        return;
      }
    });
  return composer;
}
