/**
 * Remembers the question behind each "More" button.
 *
 * Callback data is limited to 64 bytes, too small for a question, so the
 * button carries a short random key into this bounded map. Each entry also
 * records which index (engine) answered it: after a reload the button is
 * stale and the user is asked to ask again instead of seeing shifted pages.
 */
import { randomBytes } from "node:crypto";
import type { AnswerEngine } from "../search/types.ts";

export interface AnswerSession {
  question: string;
  generation: number;
}

const generations = new WeakMap<AnswerEngine, number>();
let nextGeneration = 1;

/** A number that changes whenever the served engine is replaced. */
export function generationOf(engine: AnswerEngine): number {
  let g = generations.get(engine);
  if (g === undefined) {
    g = nextGeneration++;
    generations.set(engine, g);
  }
  return g;
}

export class AnswerSessions {
  readonly #entries = new Map<string, AnswerSession>();

  constructor(readonly capacity = 5000) {}

  /** Stores a question; returns its 8-character key. Oldest entries go first. */
  put(session: AnswerSession): string {
    const key = randomBytes(6).toString("base64url");
    this.#entries.set(key, session);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return key;
  }

  get(key: string): AnswerSession | undefined {
    return this.#entries.get(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
