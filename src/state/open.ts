/**
 * `openState(config, logger, library)`: everything the bot keeps beyond one
 * update, chosen by the configuration — Redis when REDIS_URL is set (shared by
 * every instance: conversations, stats, rate-limit counters, and a reload bus),
 * else the embedded store in STATE_DIR (one instance, kept across restarts).
 */
import type { StorageAdapter } from "grammy";
import type { LibraryPort } from "../bot/deps.ts";
import type { Logger } from "../bot/logger.ts";
import { createStoredStats, type BotStats } from "../bot/stats.ts";
import { FileStore } from "./file-store.ts";
import { slidingWindow, type RateLimitStore } from "./rate-limit-store.ts";
import type { ReloadBus } from "./reload-bus.ts";
import { CONVERSATION_MAX_ENTRIES, CONVERSATION_TTL_MS, fileStorage, resilient } from "./storage.ts";

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

export async function openState(config: StateConfig, logger: Logger, library: LibraryPort): Promise<State> {
  if (config.redisUrl) {
    // Loaded only when used: ioredis alone costs ~0.1 s of CPU and ~25 MB at start.
    const { connectRedis, safeRedisUrl } = await import("./redis.ts");
    const { openRedisState } = await import("./redis-state.ts");
    return openRedisState(await connectRedis(config.redisUrl, logger), logger, library, safeRedisUrl(config.redisUrl));
  }
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
