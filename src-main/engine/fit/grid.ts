/** Start grids: resolving axis names against a law's parameters, and enumerating starts. */
import type { GridSpec, LossModel } from './types';

/** Most starts a grid may have. */
export const MAX_STARTS = 2_000_000;

export interface ResolvedGrid {
  /** One axis per parameter, in theta (internal parameter) units. */
  axes: Float64Array[];
  size: number;
}

/** Index of the parameter an axis or fixed key names, and whether its values must be ln-transformed. */
export function resolveParamKey(model: LossModel, key: string, field: string): { index: number; log: boolean } {
  const byName = model.params.findIndex((p) => p.name === key);
  if (byName >= 0) return { index: byName, log: false };
  const byCoef = model.params.findIndex((p) => p.coefficient === key);
  if (byCoef >= 0) return { index: byCoef, log: model.params[byCoef]!.transform === 'log' };
  const names = model.params.map((p) => (p.name === p.coefficient ? p.name : `${p.name} (or ${p.coefficient})`));
  throw new Error(`${field}: "${key}" is not a parameter of the ${model.law} law; expected one of ${names.join(', ')}`);
}

/** Converts a value given for `key` to theta units (ln for a log parameter named by its coefficient). */
export function toThetaValue(model: LossModel, key: string, value: number, field: string): { index: number; value: number } {
  const { index, log } = resolveParamKey(model, key, field);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${field} must be a finite number, got ${String(value)}`);
  if (log) {
    if (!(value > 0)) throw new Error(`${field} must be positive (${key} is fitted in log space), got ${value}`);
    return { index, value: Math.log(value) };
  }
  return { index, value };
}

function axesOf(model: LossModel, spec: GridSpec, field: string): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw new Error(`${field} must be an object of parameter → values`);
  for (const [key, values] of Object.entries(spec)) {
    const f = `${field}.${key}`;
    if (!Array.isArray(values) || values.length === 0) throw new Error(`${f} must be a non-empty array of numbers`);
    const { index } = resolveParamKey(model, key, f);
    if (out.has(index)) throw new Error(`${f}: parameter ${model.params[index]!.name} is given twice`);
    out.set(index, Float64Array.from(values.map((v: number, j: number) => toThetaValue(model, key, v, `${f}[${j}]`).value)));
  }
  return out;
}

/**
 * The grid of starts: the law's default grid with the user's axes replacing the default ones
 * (or the user's grid alone when `replace`), and every fixed parameter on a one-point axis.
 */
export function resolveGrid(model: LossModel, user: GridSpec | undefined, replace: boolean, fixed: ReadonlyMap<number, number>): ResolvedGrid {
  const base = replace ? new Map<number, Float64Array>() : axesOf(model, model.defaultGrid(), 'defaultGrid');
  if (user !== undefined) for (const [k, v] of axesOf(model, user, 'grid')) base.set(k, v);
  const axes: Float64Array[] = [];
  let size = 1;
  model.params.forEach((p, j) => {
    const fv = fixed.get(j);
    const axis = fv !== undefined ? Float64Array.of(fv) : base.get(j);
    if (!axis) throw new Error(`grid: no values for parameter ${p.name} (${p.coefficient}); give grid.${p.name}`);
    axes.push(axis);
    size *= axis.length;
  });
  if (size > MAX_STARTS) throw new Error(`grid: ${size} starts exceed the limit of ${MAX_STARTS}`);
  return { axes, size };
}

/** Writes start `index` of the grid into `theta` (first parameter varies slowest). */
export function startAt(grid: ResolvedGrid, index: number, theta: Float64Array): void {
  let rem = index;
  for (let j = grid.axes.length - 1; j >= 0; j--) {
    const axis = grid.axes[j]!;
    const len = axis.length;
    const q = Math.floor(rem / len);
    theta[j] = axis[rem - q * len]!;
    rem = q;
  }
}
