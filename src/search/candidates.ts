/**
 * The candidate step, held by FlexSearch: an inverted index over each
 * passage's terms (already folded and stemmed by text.ts, so FlexSearch's own
 * encoder only splits on spaces).
 *
 * FlexSearch has no relevance score, and merging long posting lists in one
 * multi-term query costs time in proportion to their length. So each term is
 * looked up on its own (a single-term lookup is a slice of one posting list),
 * rarest first and within a budget of postings, and the passages are counted
 * here by the weight of the terms they hold. Ranking proper happens in rank.ts.
 */
import { Encoder, Index } from "flexsearch";
import { mergeSorted } from "../util/sorted.ts";
import { drain } from "../util/drain.ts";

/** A term to look up, how much it counts, and which question concept it serves. */
export interface WeightedTerm {
  term: string;
  /** How many passages contain it (its posting list's length). */
  df: number;
  weight: number;
  concept: number;
}

/** Terms are letters and digits already (text.ts strips apostrophes and number punctuation); spaces would split one. */
function flexTerm(term: string): string {
  return term.includes(" ") ? term.replace(/ /g, "") : term;
}

/**
 * FlexSearch's export of a built index (its key/data pairs) and the passage
 * count: a restart imports this instead of adding every passage again, which
 * is most of FlexSearch's share of the build.
 */
export interface CandidateSnapshot {
  count: number;
  parts: [string, string][];
}

const NONE: readonly number[] = [];

/**
 * The terms found in some passage, rarest first, ties in their given order: what
 * `terms.filter((t) => t.df > 0).sort((a, b) => a.df - b.df)` gives (a stable sort), by
 * insertion into one array (a question has a few dozen terms; the sort copied them twice).
 */
function byRarity(terms: readonly WeightedTerm[]): WeightedTerm[] {
  const sorted: WeightedTerm[] = [];
  for (const term of terms) {
    if (!(term.df > 0)) continue;
    let at = sorted.length;
    sorted.push(term);
    for (; at > 0 && sorted[at - 1]!.df > term.df; at--) sorted[at] = sorted[at - 1]!;
    sorted[at] = term;
  }
  return sorted;
}

/** Whether passage `a` ranks before `b`: more weight first, then the lower id (a total order). */
function before(total: Float64Array, a: number, b: number): boolean {
  return total[a]! > total[b]! || (total[a] === total[b] && a < b);
}

/**
 * The `limit` best of the first `length` of `ids` by `total`, best first: the same list as
 * sorting them all and keeping the first `limit`, without sorting thousands of ids to
 * keep sixty (a heap of the best `limit` seen so far, worst on top).
 */
export function topIds(ids: ArrayLike<number>, total: Float64Array, limit: number, length = ids.length): number[] {
  if (length <= limit * 2) {
    const all = new Array<number>(length);
    for (let i = 0; i < length; i++) all[i] = ids[i]!;
    return all.sort((a, b) => total[b]! - total[a]! || a - b).slice(0, limit);
  }
  const heap: number[] = [];
  for (let k = 0; k < length; k++) {
    const id = ids[k]!;
    if (heap.length < limit) {
      heap.push(id);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!before(total, heap[parent]!, heap[i]!)) break;
        const swap = heap[i]!;
        heap[i] = heap[parent]!;
        heap[parent] = swap;
        i = parent;
      }
    } else if (limit > 0 && before(total, id, heap[0]!)) {
      heap[0] = id;
      sink(heap, total);
    }
  }
  return heap.sort((a, b) => total[b]! - total[a]! || a - b);
}

/** Moves the heap's top down to its place (worst on top). */
function sink(heap: number[], total: Float64Array): void {
  for (let i = 0; ;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let worst = i;
    if (l < heap.length && before(total, heap[worst]!, heap[l]!)) worst = l;
    if (r < heap.length && before(total, heap[worst]!, heap[r]!)) worst = r;
    if (worst === i) return;
    const swap = heap[i]!;
    heap[i] = heap[worst]!;
    heap[worst] = swap;
    i = worst;
  }
}

export class CandidateIndex {
  #index: Index;
  #count = 0;
  /** Work arrays indexed by passage id, reused by every search (reset after use). */
  #total = new Float64Array(0);
  #best = new Float64Array(0);
  #seen = new Uint32Array(0);
  #stamp = 0;
  /**
   * `searched[id] === round`: passage `id` is already in this search's touched
   * list. Its own stamp, not `total[id] === 0`: a term of weight 0 leaves the
   * total 0, and the id would be listed again for the next concept.
   */
  #searched = new Uint32Array(0);
  #round = 0;
  /** Ids touched by one search, and by one concept of it (grown to the postings budget once). */
  #touched = new Int32Array(0);
  #inConcept = new Int32Array(0);

  constructor() {
    this.#index = newIndex();
  }

  /** Set once the postings are packed: FlexSearch cannot append to a packed list. */
  #sealed = false;

  add(id: number, terms: readonly string[]): void {
    if (this.#sealed) throw new Error("a sealed candidate index takes no more passages (build a new one, or update)");
    this.#count = Math.max(this.#count, id + 1);
    if (terms.length > 0) this.#index.add(id, [...new Set(terms.map(flexTerm))].join(" "));
  }

  /**
   * Ids of the passages holding the most weight of `terms`, at most `limit`.
   * Terms are read rarest first until `budget` postings have been read; the
   * rarest term is always read (its first `budget` postings at most). Each
   * concept counts once per passage, with its best-matching term's weight.
   */
  search(terms: readonly WeightedTerm[], budget: number, limit: number): number[] {
    const sorted = byRarity(terms);
    // How many of each sorted term's postings are read; the terms read are a prefix of `sorted`.
    const take: number[] = [];
    let read = 0;
    for (const term of sorted) {
      if (read > 0 && read + term.df > budget) break;
      // Even the rarest term is read only up to the budget: a term in that many
      // passages picks none of them out, and its whole list would cost too much.
      take.push(Math.min(term.df, budget));
      read += take.at(-1)!;
    }
    const chosen = take.length;
    // Work arrays: at most `read` ids are touched, and at most `read` per concept.
    if (this.#touched.length < read) {
      this.#touched = new Int32Array(read);
      this.#inConcept = new Int32Array(read);
    }
    const touched = this.#touched;
    const inConcept = this.#inConcept;
    let touchedCount = 0;
    const total = this.#total;
    const seen = this.#seen;
    const bestOf = this.#best;
    // Sized like the other work arrays (by seal), on the first search after it.
    if (this.#searched.length !== total.length) this.#searched = new Uint32Array(total.length);
    const searched = this.#searched;
    const round = ++this.#round;
    const map = postings(this.#index);
    // Concepts in the order their rarest term comes (the order the totals are summed in).
    for (let first = 0; first < chosen; first++) {
      const concept = sorted[first]!.concept;
      let repeated = false;
      for (let i = 0; i < first && !repeated; i++) repeated = sorted[i]!.concept === concept;
      if (repeated) continue;
      const stamp = ++this.#stamp;
      let inCount = 0;
      for (let i = first; i < chosen; i++) {
        const { term, weight, concept: served } = sorted[i]!;
        if (served !== concept) continue;
        // What `this.#index.search(term, { limit })` returns, read in place: the first `limit` ids
        // of the term's one bucket (resolution 1; its encoder keeps a term whole or drops it,
        // and a dropped term has no bucket), without FlexSearch copying them out.
        const ids = map.get(flexTerm(term))?.[0] ?? NONE;
        const end = Math.min(ids.length, take[i]!);
        for (let k = 0; k < end; k++) {
          const id = ids[k]!;
          if (seen[id] !== stamp) {
            seen[id] = stamp;
            bestOf[id] = weight;
            inConcept[inCount++] = id;
          } else if (weight > bestOf[id]!) bestOf[id] = weight;
        }
      }
      for (let k = 0; k < inCount; k++) {
        const id = inConcept[k]!;
        if (searched[id] !== round) {
          searched[id] = round;
          touched[touchedCount++] = id;
        }
        total[id]! += bestOf[id]!;
      }
    }
    const result = topIds(touched, total, limit, touchedCount);
    for (let k = 0; k < touchedCount; k++) total[touched[k]!] = 0;
    return result;
  }

  /** The built index as plain data (see CandidateSnapshot). */
  toSnapshot(): CandidateSnapshot {
    const parts: [string, string][] = [];
    // Without a persistent store FlexSearch calls the handler synchronously, once a key.
    void this.#index.export((key: string, data: string) => {
      parts.push([key, data]);
    });
    return { count: this.#count, parts };
  }

  /** `toSnapshot`, awaiting `pause` after each chunk FlexSearch exports (a save that lets questions run between them). */
  async toSnapshotInSlices(pause: () => Promise<void>): Promise<CandidateSnapshot> {
    const parts: [string, string][] = [];
    // A handler that returns a promise: FlexSearch waits for it before it encodes the next
    // chunk, and returns the chain (its types say void).
    const exported = this.#index.export((key: string, data: string) => {
      parts.push([key, data]);
      return pause();
    }) as unknown as Promise<void> | undefined;
    await exported;
    return { count: this.#count, parts };
  }

  /** An index as `toSnapshot` saved it; sealed, ready to search. */
  static fromSnapshot(snapshot: CandidateSnapshot): CandidateIndex {
    const index = new CandidateIndex();
    for (const [key, data] of snapshot.parts) index.#index.import(key, data);
    index.#count = snapshot.count;
    index.seal();
    return index;
  }

  /**
   * The index of the next corpus, built from this one without touching it:
   * `moved[id]` is the new id of passage `id` (-1 when it is gone), increasing
   * wherever it is not -1 (the kept passages stay in order); `added` holds the
   * new passages (an index the caller adds them to as it indexes them: new
   * ids, ascending, none of them a kept one's), `count` the next corpus's
   * passage count. Each posting list is what adding every passage afresh in id
   * order makes: ascending ids, which the postings budget of `search` relies on
   * (it reads the lowest ids first). Sealed. A step every 50 terms, so a caller
   * can let other work run between steps (see updateEngineInSlices; `drain`
   * runs it in one go).
   */
  *updatedInSteps(moved: Int32Array, added: CandidateIndex, count: number): Generator<void, CandidateIndex> {
    const next = new CandidateIndex();
    // The added passages went through FlexSearch's own add (its encoding, its dedupe), in an index of their own.
    const map = new Map<string, ArrayLike<number>[]>();
    const freshPostings = postings(added.#index);
    let step = 0;
    for (const [key, buckets] of postings(this.#index)) {
      if (++step % 50 === 0) yield;
      const kept: number[] = [];
      const ids = buckets[0] ?? [];
      for (let k = 0; k < ids.length; k++) {
        const to = moved[ids[k]!] ?? -1;
        if (to >= 0) kept.push(to);
      }
      // The fresh index is not sealed: its lists are FlexSearch's arrays.
      const joined = mergeSorted(kept, freshPostings.get(key)?.[0] as number[] | undefined);
      if (joined.length > 0) map.set(key, [joined]);
    }
    yield;
    for (const [key, buckets] of freshPostings) if (!map.has(key)) map.set(key, buckets);
    const registered: number[] = [];
    for (const id of registry(this.#index)) {
      if ((moved[id] ?? -1) >= 0) registered.push(moved[id]!);
      if (++step % 5_000 === 0) yield;
    }
    for (const id of registry(added.#index)) registered.push(id);
    yield;
    registered.sort((a, b) => a - b);
    yield;
    const index = newIndex();
    setInternals(index, map, new Set(registered));
    yield;
    next.#index = index;
    next.#count = count;
    yield* next.sealInSteps();
    return next;
  }

  /** Packs the postings (see Postings) and sizes the per-passage work arrays, once all passages are added. */
  seal(): void {
    drain(this.sealInSteps());
  }

  /** `seal`, a step every 50 terms' posting lists packed (see updateEngineInSlices). */
  *sealInSteps(): Generator<void, void> {
    this.#sealed = true;
    yield* packPostings(this.#index);
    this.#total = new Float64Array(this.#count);
    this.#best = new Float64Array(this.#count);
    this.#seen = new Uint32Array(this.#count);
  }
}

/** Terms arrive folded and stemmed: split on single spaces, nothing else to do (and nothing to cache). */
function newIndex(): Index {
  const encoder = new Encoder({ normalize: false, dedupe: false, numeric: false, cache: false, split: " " });
  return new Index({ tokenize: "strict", encoder, resolution: 1, cache: false });
}

/**
 * A posting list as a sealed index holds it: ids in 4 bytes each, a view of one
 * buffer for the whole index, where FlexSearch's own arrays take 8 bytes an id
 * (most of the index's memory at 100k passages). FlexSearch reads it as it reads
 * its arrays (length, index, slice: a single-term search returns the list or a
 * slice of it), and writes it as one in its export (toJSON), so a snapshot is
 * what it was; an import gives arrays again, packed at `seal`.
 */
class Postings extends Uint32Array {
  toJSON(): number[] {
    return Array.from(this);
  }
}

/** Every posting list of `index` moved into one buffer (nothing is added to a sealed index). */
function* packPostings(index: Index): Generator<void, void> {
  const map = postings(index);
  let total = 0;
  for (const buckets of map.values())
    for (const ids of buckets) if (ids && !(ids instanceof Postings)) total += ids.length;
  const buffer = new ArrayBuffer(total * Uint32Array.BYTES_PER_ELEMENT);
  let at = 0;
  let step = 0;
  for (const buckets of map.values()) {
    if (++step % 50 === 0) yield;
    for (let b = 0; b < buckets.length; b++) {
      const ids = buckets[b];
      if (!ids || ids instanceof Postings) continue;
      const packed = new Postings(buffer, at * Uint32Array.BYTES_PER_ELEMENT, ids.length);
      packed.set(ids);
      buckets[b] = packed;
      at += ids.length;
    }
  }
}

/**
 * FlexSearch's in-memory tables, which `updated` rewrites (FlexSearch can
 * remove and add an id, but not renumber the ids after it, and an id added
 * again goes to the end of each list instead of its place). With `resolution: 1`
 * each term has one bucket of ids; without `fastupdate` the register is a Set.
 * Checked, so that another FlexSearch layout fails loudly (and the caller
 * builds from scratch) instead of searching wrong.
 */
interface Internals {
  map: Map<string, ArrayLike<number>[]>;
  reg: Set<number>;
}

function internals(index: Index): Internals {
  const raw = index as unknown as Partial<Internals>;
  if (!(raw.map instanceof Map) || !(raw.reg instanceof Set)) throw new Error("unexpected FlexSearch index layout");
  return raw as Internals;
}

function postings(index: Index): Map<string, ArrayLike<number>[]> {
  return internals(index).map;
}

function registry(index: Index): Set<number> {
  return internals(index).reg;
}

function setInternals(index: Index, map: Map<string, ArrayLike<number>[]>, reg: Set<number>): void {
  const raw = internals(index);
  raw.map = map;
  raw.reg = reg;
}
