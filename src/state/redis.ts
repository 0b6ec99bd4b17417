/**
 * The Redis connection (REDIS_URL) shared by every instance's state: an
 * ioredis client tuned to fail fast — a command waits at most a second and is
 * retried once — so a Redis outage costs a log line and the state, never an
 * answer. ioredis reconnects by itself; errors are logged once per outage.
 */
import { Redis } from "ioredis";
import type { Logger } from "../bot/logger.ts";

/** The URL with any password replaced, for log lines. */
export function safeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable REDIS_URL)";
  }
}

export interface RedisOptions {
  /** Per-command deadline in ms. */
  commandTimeoutMs?: number;
}

/** Connects and waits for the first PING; throws when Redis cannot be reached. */
export async function connectRedis(url: string, logger: Logger, options: RedisOptions = {}): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 3000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  watch(redis, logger, "redis");
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${safeRedisUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return redis;
}

/** Logs connection errors (an unhandled 'error' event would end the process). */
export function watch(redis: Redis, logger: Logger, name: string): void {
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(`${name}: connection problem; state falls back until it is back`, { reason: error.message });
  });
  redis.on("ready", () => {
    if (down) logger.info(`${name}: connected again`);
    down = false;
  });
}
