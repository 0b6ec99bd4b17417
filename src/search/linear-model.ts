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

/**
 * A model read for rows of numbers instead of objects: its weights in key order and each key's
 * column in a row laid out as `names` (-1: no such feature). Reading a weight or a feature by a
 * computed key boxed a number every time (about 13 KB a question for the sentence model);
 * numbers in typed arrays are not boxed. The weights are read once per weights object (models
 * are constants).
 */
interface RowModel {
  intercept: number;
  weights: Float64Array;
  columns: Int32Array;
}

const ROW_MODELS = new WeakMap<object, { names: readonly string[]; model: RowModel }>();

function rowModel<F extends { [K in keyof F]: number }>(model: LinearModel<F>, names: readonly (keyof F)[]): RowModel {
  const found = ROW_MODELS.get(model.weights);
  if (found?.names === names && found.model.intercept === model.intercept) return found.model;
  const keys = Object.keys(model.weights) as (keyof F)[];
  const made: RowModel = {
    intercept: model.intercept,
    weights: Float64Array.from(keys, (key) => model.weights[key]),
    columns: Int32Array.from(keys, (key) => names.indexOf(key)),
  };
  ROW_MODELS.set(model.weights, { names: names as readonly string[], model: made });
  return made;
}

/**
 * linearScore of the features in `row` from `offset`, laid out as `names`: the same sum in the
 * same order (a weight without a feature adds NaN, as linearScore's undefined does).
 */
export function rowScore<F extends { [K in keyof F]: number }>(
  model: LinearModel<F>,
  names: readonly (keyof F)[],
  row: Float64Array,
  offset = 0,
): number {
  const { intercept, weights, columns } = rowModel(model, names);
  let z = intercept;
  for (let k = 0; k < weights.length; k++) {
    const column = columns[k]!;
    z += weights[k]! * (column < 0 ? NaN : row[offset + column]!);
  }
  return z;
}
