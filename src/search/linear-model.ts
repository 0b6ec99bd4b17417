/**
 * A fitted linear model over named features: an intercept and one weight per
 * feature. The confidence (confidence.ts) and the sentence chooser
 * (sentence-model.ts) are both one; bench/fit-*.ts fit them.
 */
export interface LinearModel<F extends { [K in keyof F]: number }> {
  intercept: number;
  weights: Readonly<Record<keyof F, number>>;
}

/** The weights' keys, read once per weights object (not once per sentence or answer). */
const KEYS = new WeakMap<object, readonly string[]>();

/** intercept + the sum of weight × feature, in the weights' key order: the model's logit. */
export function linearScore<F extends { [K in keyof F]: number }>(features: F, model: LinearModel<F>): number {
  let keys = KEYS.get(model.weights);
  if (!keys) KEYS.set(model.weights, (keys = Object.keys(model.weights)));
  let z = model.intercept;
  for (const key of keys as readonly (keyof F)[]) z += model.weights[key] * features[key];
  return z;
}
