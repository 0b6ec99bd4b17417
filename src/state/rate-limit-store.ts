/**
 * Sliding-window counters for the message rate limit: a user may have at most
 * `limit` accepted messages in any `windowMs` span (a log of accept times, not
 * a fixed window that resets and so lets 2x the limit through across its edge).
 * The middleware decides what to do when refused; stores only count, in this
 * process's memory or in Redis shared by every instance.
 */
export interface RateLimitStore {
  /**
   * Records a message at `now` if fewer than `limit` were accepted in the last
   * `windowMs`; returns 0 when accepted, else the ms until one would be.
   */
  hit(key: string, now: number, windowMs: number, limit: number): Promise<number>;
}

/** Counters in this process (one instance; the default). Bounded by `maxKeys`. */
export function memoryRateLimitStore(maxKeys = 100_000): RateLimitStore {
  const logs = new Map<string, number[]>();
  return {
    hit(key, now, windowMs, limit) {
      const log = (logs.get(key) ?? []).filter((t) => t > now - windowMs);
      logs.delete(key); // re-insert: Map order is last use, for eviction
      let wait = 0;
      if (log.length < limit) log.push(now);
      else wait = log[0]! + windowMs - now;
      logs.set(key, log);
      while (logs.size > maxKeys) logs.delete(logs.keys().next().value as string);
      return Promise.resolve(wait);
    },
  };
}
