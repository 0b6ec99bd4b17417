/**
 * L2-regularised logistic regression by Newton's method, shared by the model
 * fits in bench/ (confidence, sentence choice). Features are all about 0..1;
 * the intercept is not penalised. Returns [intercept, ...weights].
 */
export function logistic(
  rows: ReadonlyArray<{ x: readonly number[]; y: number }>,
  features: number,
  l2 = 1,
  steps = 30,
): number[] {
  const n = features + 1;
  const w = new Array<number>(n).fill(0);
  for (let step = 0; step < steps; step++) {
    const g = new Array<number>(n).fill(0);
    const h = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const row of rows) {
      const x = [1, ...row.x];
      const p = sigmoid(x.reduce((z, v, i) => z + v * w[i]!, 0));
      for (let i = 0; i < n; i++) {
        g[i]! += (p - row.y) * x[i]!;
        for (let j = 0; j < n; j++) h[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
      }
    }
    for (let i = 1; i < n; i++) {
      g[i]! += l2 * w[i]!;
      h[i]![i]! += l2;
    }
    const delta = solve(h, g);
    for (let i = 0; i < n; i++) w[i]! -= delta[i]!;
  }
  return w.map((v) => Math.round(v * 1000) / 1000);
}

/**
 * Conditional logit (a softmax over each group's members, L2-regularised, by
 * Newton's method): fits which member of a group is the right one, so only
 * differences within a group count. Returns the weights (no intercept: it
 * cancels within a group).
 */
export function conditionalLogit(
  groups: ReadonlyArray<{ x: ReadonlyArray<readonly number[]>; right: readonly boolean[] }>,
  features: number,
  l2 = 1,
  steps = 30,
): number[] {
  const n = features;
  const w = new Array<number>(n).fill(0);
  for (let step = 0; step < steps; step++) {
    const g = w.map((v) => l2 * v);
    const h = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? l2 : 0)));
    for (const group of groups) {
      const z = group.x.map((x) => x.reduce((sum, v, i) => sum + v * w[i]!, 0));
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      // Moments under all members and under the right ones: gradient E[x] - E[x | right], Hessian Cov - Cov | right.
      for (const [weights, sign] of [
        [e, 1],
        [e.map((v, k) => (group.right[k] ? v : 0)), -1],
      ] as const) {
        const total = weights.reduce((a, b) => a + b, 0);
        const mean = new Array<number>(n).fill(0);
        group.x.forEach((x, k) => x.forEach((v, i) => (mean[i]! += (weights[k]! / total) * v)));
        for (let i = 0; i < n; i++) g[i]! += sign * mean[i]!;
        group.x.forEach((x, k) => {
          const p = weights[k]! / total;
          if (p === 0) return;
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) h[i]![j]! += sign * p * (x[i]! - mean[i]!) * (x[j]! - mean[j]!);
        });
      }
    }
    const delta = solve(h, g);
    for (let i = 0; i < n; i++) w[i]! -= delta[i]!;
  }
  return w.map((v) => Math.round(v * 1000) / 1000);
}

/** Solves a x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c]![c] === 0) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n]! / row[i]!));
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
