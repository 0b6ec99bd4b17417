/** In-memory counters for /stats; one object per process, passed to `createBot`. */
export interface BotStats {
  readonly startedAt: Date;
  /** Questions that got at least one answer (private, group and inline). */
  answered: number;
  /** Questions the engine abstained on. */
  abstained: number;
  inlineQueries: number;
}

export function createStats(now: Date = new Date()): BotStats {
  return { startedAt: now, answered: 0, abstained: 0, inlineQueries: 0 };
}
