/**
 * A set of strings emptied in O(1) and without allocating: each member is stamped with the
 * current round, and `clear` starts the next round. For the answer path, which builds a small
 * set of words for every answered sentence: a fresh Set grew (and allocated) for each one.
 * The words seen stay as keys (bounded: past `maxKeys` the map starts over).
 */
export class StampSet {
  readonly #stamps = new Map<string, number>();
  #round = 1;
  readonly #maxKeys: number;

  constructor(maxKeys = 100_000) {
    this.#maxKeys = maxKeys;
  }

  /** Empties the set. */
  clear(): void {
    this.#round++;
    if (this.#stamps.size > this.#maxKeys || this.#round >= 0x3fffffff) {
      this.#stamps.clear();
      this.#round = 1;
    }
  }

  add(word: string): void {
    this.#stamps.set(word, this.#round);
  }

  has(word: string): boolean {
    return this.#stamps.get(word) === this.#round;
  }
}
