/**
 * Counts the updates being handled, so a graceful stop can wait for them.
 *
 * Neither @grammyjs/runner's `stop()` nor closing the webhook server waits for
 * handlers of updates already taken (a reply waiting on a 429 retry, an admin
 * upload being saved): both modes hand every update to `bot.handleUpdate`, so
 * that is where the promises are tracked.
 */
import type { Bot, Context } from "grammy";

export class InFlight {
  readonly #pending = new Set<Promise<unknown>>();
  /** The highest update_id handed to the bot (polling confirms up to it after a clean stop). */
  lastUpdateId: number | undefined;

  /** Wraps `bot.handleUpdate` so every call is tracked until it settles. */
  static track(bot: Bot<Context>): InFlight {
    const inFlight = new InFlight();
    const handleUpdate = bot.handleUpdate.bind(bot);
    bot.handleUpdate = (update, webhookReplyEnvelope) => {
      inFlight.lastUpdateId = Math.max(inFlight.lastUpdateId ?? update.update_id, update.update_id);
      return inFlight.add(handleUpdate(update, webhookReplyEnvelope));
    };
    return inFlight;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Tracks `task` until it settles; returns it unchanged. */
  add<T>(task: Promise<T>): Promise<T> {
    this.#pending.add(task);
    const done = () => this.#pending.delete(task);
    task.then(done, done);
    return task;
  }

  /**
   * Resolves when every tracked task (including ones added meanwhile) has
   * settled, or at the deadline; says how many were still running then.
   */
  async drain(deadlineMs: number): Promise<{ unfinished: number }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), deadlineMs)));
    try {
      while (this.#pending.size > 0) {
        const settled = Promise.allSettled([...this.#pending]);
        if ((await Promise.race([settled, timeout])) === "timeout") break;
      }
    } finally {
      clearTimeout(timer);
    }
    return { unfinished: this.#pending.size };
  }
}
