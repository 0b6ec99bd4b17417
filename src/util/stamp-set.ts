/**
 * Sets and maps of strings emptied in O(1) and without allocating: each key is given a slot
 * once (kept across rounds), and a slot's value counts only when stamped with the current
 * round; `clear` starts the next round. For the answer path, which builds small sets of words
 * for every question and answered sentence: a fresh Set or Map grew (and allocated) each time.
 * The keys seen stay (bounded: past `maxKeys` the table starts over).
 */
export class StampMap {
  readonly #slots = new Map<string, number>();
  #values = new Int32Array(1024);
  #stamps = new Int32Array(1024);
  #round = 1;
  readonly #maxKeys: number;

  constructor(maxKeys = 200_000) {
    this.#maxKeys = maxKeys;
  }

  /** Which emptying this is: a holder of a round can tell whether the map still holds what it put there. */
  get round(): number {
    return this.#round;
  }

  /** Empties the map. */
  clear(): void {
    this.#round++;
    if (this.#slots.size > this.#maxKeys || this.#round >= 0x3fffffff) {
      this.#slots.clear();
      this.#stamps.fill(0);
      // Starting the rounds over is safe here: every stamp was just zeroed, so no slot holds a
      // round, and none of round 1 is taken for current. (A holder of a round from over 2^30
      // clears ago could be; one holds it only until the next question.)
      if (this.#round >= 0x3fffffff) this.#round = 1;
    }
  }

  /** The value of `key` this round; 0 when it has none. */
  get(key: string): number {
    const slot = this.#slots.get(key);
    return slot !== undefined && this.#stamps[slot] === this.#round ? this.#values[slot]! : 0;
  }

  set(key: string, value: number): void {
    const slot = this.#slotOf(key);
    this.#values[slot] = value;
    this.#stamps[slot] = this.#round;
  }

  /** Sets `key` to its value this round (0 when none) with the bits of `bits` added: one look-up. */
  or(key: string, bits: number): void {
    const slot = this.#slotOf(key);
    this.#values[slot] = this.#stamps[slot] === this.#round ? this.#values[slot]! | bits : bits;
    this.#stamps[slot] = this.#round;
  }

  #slotOf(key: string): number {
    let slot = this.#slots.get(key);
    if (slot === undefined) {
      slot = this.#slots.size;
      this.#slots.set(key, slot);
      if (slot >= this.#stamps.length) {
        const stamps = new Int32Array(this.#stamps.length * 2);
        stamps.set(this.#stamps);
        this.#stamps = stamps;
        const values = new Int32Array(this.#values.length * 2);
        values.set(this.#values);
        this.#values = values;
      }
    }
    return slot;
  }
}

/** A StampMap of membership. */
export class StampSet {
  readonly #map: StampMap;

  constructor(maxKeys?: number) {
    this.#map = new StampMap(maxKeys);
  }

  /** Empties the set. */
  clear(): void {
    this.#map.clear();
  }

  add(word: string): void {
    this.#map.set(word, 1);
  }

  has(word: string): boolean {
    return this.#map.get(word) === 1;
  }
}
