/**
 * The state shared by several instances through one Redis: conversation
 * storage (the maintained @grammyjs/storage-redis adapter, with a key prefix
 * and a TTL), /stats counters, rate-limit counters and the reload bus. Loaded
 * by openState only when REDIS_URL is set.
 */
import { RedisAdapter } from "@grammyjs/storage-redis";
import type { StorageAdapter } from "grammy";
import type { Redis } from "ioredis";
import type { LibraryPort } from "../bot/deps.ts";
import type { Logger } from "../bot/logger.ts";
import { createRedisStats } from "../bot/stats.ts";
import type { State } from "./open.ts";
import { redisRateLimitStore } from "./redis-rate-limit.ts";
import { createReloadBus } from "./reload-bus.ts";
import { CONVERSATION_TTL_MS, resilient } from "./storage.ts";

/** Key prefix for everything this bot keeps in Redis. */
export const REDIS_PREFIX = "qa:";

/** The grammY Redis adapter with a key prefix (several bots may share one Redis) and a TTL. */
function redisStorage(redis: Redis, options: { prefix: string; ttlMs: number }): StorageAdapter<unknown> {
  const adapter = new RedisAdapter<unknown>({ instance: redis, ttl: Math.ceil(options.ttlMs / 1000) });
  const k = (key: string) => options.prefix + key;
  return {
    read: (key) => adapter.read(k(key)),
    write: (key, value) => adapter.write(k(key), value),
    delete: (key) => adapter.delete(k(key)),
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
