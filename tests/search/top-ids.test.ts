/** The candidate step keeps the best ids by a heap (issue 13): the same list, in the same order, as a full sort. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { topIds } from "../../src/search/candidates.ts";

describe("topIds", () => {
  it("equals sorting every id by total (ties by id) and keeping the first `limit`", () => {
    fc.assert(
      fc.property(
        // Few distinct totals, so ties are common.
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 0, maxLength: 400 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer(),
        (weights, limit, seed) => {
          const total = Float64Array.from(weights, (w) => w / 2);
          const ids = weights.map((_, i) => i);
          // Touched order is arbitrary: shuffle deterministically.
          for (let i = ids.length - 1; i > 0; i--) {
            const j = Math.abs((seed ^ (i * 2654435761)) % (i + 1));
            [ids[i], ids[j]] = [ids[j]!, ids[i]!];
          }
          const expected = [...ids].sort((a, b) => total[b]! - total[a]! || a - b).slice(0, limit);
          expect(topIds(ids, total, limit)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
