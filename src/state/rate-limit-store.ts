/**
 * Sliding-window counters for the message rate limit: a user may have at most
 * `limit` accepted messages in any `windowMs` span (a log of accept times, not
 * a fixed window that resets and so lets 2x the limit through across its edge).
 * The middleware decides what to do when refused; stores only count — in this
 * process's memory, in the file store (kept across a restart), or in Redis
 * shared by every instance (redis-rate-limit.ts).
 */
import type { Namespace } from "./file-store.ts";

export interface RateLimitStore {
  /**
   * Records a message at `now` if fewer than `limit` were accepted in the last
   * `windowMs`; returns 0 when accepted, else the ms until one would be.
   */
  hit(key: string, now: number, windowMs: number, limit: number): Promise<number>;
}

type Times = Pick<Namespace, "get" | "set">;

/** The window over any key-value space holding one array of accept times per key. */
export function slidingWindow(space: Times): RateLimitStore {
  return {
    hit(key, now, windowMs, limit) {
      const stored = space.get(key);
      const log = (Array.isArray(stored) ? (stored as unknown[]) : []).filter((t): t is number => typeof t === "number" && t > now - windowMs);
      let wait = 0;
      if (log.length < limit) log.push(now);
      else wait = Math.max(1, log[0]! + windowMs - now);
      space.set(key, log);
      return Promise.resolve(wait);
    },
  };
}

/** Counters in this process (tests, console mode). At most `maxKeys` users, least recent dropped. */
export function memoryRateLimitStore(maxKeys = 100_000): RateLimitStore {
  const logs = new Map<string, unknown>();
  return slidingWindow({
    get: (key) => logs.get(key),
    set: (key, value) => {
      logs.delete(key); // re-insert: Map order is last use
      logs.set(key, value);
      while (logs.size > maxKeys) logs.delete(logs.keys().next().value as string);
    },
  });
}
