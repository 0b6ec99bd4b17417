/**
 * Counters for /stats. Features only count; where the numbers live (this
 * process's memory, a file, Redis shared by several instances) is the store's
 * business, so `count` is fire-and-forget and `read` is async.
 */
import type { Redis } from "ioredis";
import type { Namespace } from "../state/file-store.ts";
import type { Logger } from "./logger.ts";

export type Counter = "answered" | "abstained" | "inlineQueries";

export type Counts = Record<Counter, number>;

export interface BotStats {
  readonly startedAt: Date;
  /** Adds `by` (default 1) to a counter; never throws, never waits. */
  count(name: Counter, by?: number): void;
  /** The current totals. */
  read(): Promise<Counts>;
}

/** Counters held in this process's memory (tests, console mode, the default). */
export function createStats(now: Date = new Date()): BotStats {
  const counts: Counts = { answered: 0, abstained: 0, inlineQueries: 0 };
  return {
    startedAt: now,
    count(name, by = 1) {
      counts[name] += by;
    },
    read: () => Promise.resolve({ ...counts }),
  };
}

const COUNTERS: readonly Counter[] = ["answered", "abstained", "inlineQueries"];

/**
 * Counters in the embedded state store (STATE_DIR): one instance, kept across
 * restarts. `space` is the store's "stats" namespace (no TTL).
 */
export function createStoredStats(space: Namespace, now: Date = new Date()): BotStats {
  const value = (name: Counter) => {
    const v = space.get(name);
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  };
  return {
    startedAt: now,
    count(name, by = 1) {
      space.set(name, value(name) + by);
    },
    read: () => Promise.resolve(Object.fromEntries(COUNTERS.map((name) => [name, value(name)])) as Counts),
  };
}

/**
 * Counters in one Redis hash (HINCRBY), so /stats on any instance counts every
 * instance. A Redis failure loses that count (logged), never the answer; /stats
 * then shows the last totals it could read.
 */
export function createRedisStats(redis: Redis, logger: Logger, key = "qa:stats", now: Date = new Date()): BotStats {
  let last: Counts = { answered: 0, abstained: 0, inlineQueries: 0 };
  return {
    startedAt: now,
    count(name, by = 1) {
      redis
        .hincrby(key, name, by)
        .catch((error: unknown) => logger.warn("stats: could not count in Redis", { reason: String(error) }));
    },
    async read() {
      try {
        const raw = await redis.hgetall(key);
        last = Object.fromEntries(COUNTERS.map((name) => [name, Number(raw[name] ?? 0) || 0])) as Counts;
      } catch (error) {
        logger.warn("stats: could not read Redis; showing the last totals read", { reason: String(error) });
      }
      return { ...last };
    },
  };
}
