/** Search in sorted arrays, shared by the corpus parser and the search engine (no domain knowledge). */

/** First index in ascending `sorted` whose value is >= `key` (`sorted.length` if none). */
export function lowerBound<T extends number | string>(sorted: readonly T[], key: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two ascending arrays as one ascending array; `a` itself when `b` is empty or absent. */
export function mergeSorted<T extends number | string>(a: T[], b: readonly T[] | undefined): T[] {
  if (!b || b.length === 0) return a;
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
