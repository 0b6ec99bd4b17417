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
