/**
 * Counters for /stats. Features only count; where the numbers live (this
 * process's memory, a file, Redis shared by several instances) is the store's
 * business, so `count` is fire-and-forget and `read` is async.
 */
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
