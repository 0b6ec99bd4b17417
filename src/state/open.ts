/**
 * `openState(config, logger, library)`: everything the bot keeps beyond one
 * update, chosen by the configuration — Redis when REDIS_URL is set (shared by
 * every instance: conversations, stats, rate-limit counters, and a reload bus),
 * else the embedded store in STATE_DIR (one instance, kept across restarts).
 */
import type { StorageAdapter } from "grammy";
import type { Redis } from "ioredis";
import type { LibraryPort } from "../bot/deps.ts";
import type { Logger } from "../bot/logger.ts";
import { createRedisStats, createStoredStats, type BotStats } from "../bot/stats.ts";
import { FileStore } from "./file-store.ts";
import { slidingWindow, type RateLimitStore } from "./rate-limit-store.ts";
import { connectRedis, safeRedisUrl } from "./redis.ts";
import { redisRateLimitStore } from "./redis-rate-limit.ts";
import { createReloadBus, type ReloadBus } from "./reload-bus.ts";
import { CONVERSATION_MAX_ENTRIES, CONVERSATION_TTL_MS, fileStorage, redisStorage, resilient } from "./storage.ts";

export interface StateConfig {
  stateDir: string;
  redisUrl: string | undefined;
}

export interface State {
  /** Conversation state for `deps.storage`. */
  storage: StorageAdapter<unknown>;
  stats: BotStats;
  rateLimitStore: RateLimitStore;
  /** The library to hand the bot: with Redis, its reload() reloads every instance. */
  library: LibraryPort;
  reloadBus?: ReloadBus;
  /** Where the state lives, for the start-up log line. */
  describe: string;
  /** Flushes and closes; call once at shutdown. */
  close(): Promise<void>;
}

/** Key prefix for everything this bot keeps in Redis. */
export const REDIS_PREFIX = "qa:";

export async function openState(config: StateConfig, logger: Logger, library: LibraryPort): Promise<State> {
  if (config.redisUrl) return openRedisState(await connectRedis(config.redisUrl, logger), logger, library, safeRedisUrl(config.redisUrl));
  const store = await FileStore.open(config.stateDir, { logger });
  return {
    storage: resilient(fileStorage(store.namespace("conv", { ttlMs: CONVERSATION_TTL_MS, maxEntries: CONVERSATION_MAX_ENTRIES })), logger),
    stats: createStoredStats(store.namespace("stats")),
    rateLimitStore: slidingWindow(store.namespace("rate", { ttlMs: 60 * 60 * 1000, maxEntries: 100_000 })),
    library,
    describe: `state in ${config.stateDir}`,
    close: () => store.close(),
  };
}

/** The Redis-backed state on an open client (tests pass their own). */
export async function openRedisState(redis: Redis, logger: Logger, library: LibraryPort, where = "Redis"): Promise<State> {
  const reloadBus = await createReloadBus(redis, library, logger, `${REDIS_PREFIX}reload`);
  return {
    storage: resilient(redisStorage(redis, { prefix: `${REDIS_PREFIX}conv:`, ttlMs: CONVERSATION_TTL_MS }), logger),
    stats: createRedisStats(redis, logger, `${REDIS_PREFIX}stats`),
    rateLimitStore: redisRateLimitStore(redis, `${REDIS_PREFIX}rate:`),
    library: reloadBus.broadcasting(library),
    reloadBus,
    describe: `state shared in ${where}`,
    close: async () => {
      await reloadBus.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
