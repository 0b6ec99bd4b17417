/** Work written as a generator of steps, run in one go (no domain knowledge). */

/**
 * Runs `steps` to its end and returns what it returns: the all-at-once form of
 * work that is written as steps so that a caller can pause between them.
 */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs `steps` to its end, awaiting `pause` each time a run of steps has taken
 * `sliceMs` or more, so that other work (questions) gets turns meanwhile.
 */
export async function drainInSlices<T>(
  steps: Generator<unknown, T>,
  pause: () => Promise<void>,
  sliceMs: number,
): Promise<T> {
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started < sliceMs) continue;
    await pause();
    started = performance.now();
  }
}
