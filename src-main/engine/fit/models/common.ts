import type { FitData, FitRun, RunVariable } from '../types';

/** Huber loss ρ_δ(r): r²/2 for |r| ≤ δ, δ(|r| − δ/2) beyond. */
export function huber(r: number, delta: number): number {
  const a = Math.abs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/** ρ'_δ(r): r clipped to [−δ, δ]. Small enough for V8 to inline in the models' hot loops. */
export function huberSlope(r: number, delta: number): number {
  return r > delta ? delta : r < -delta ? -delta : r;
}

/** Reads a required positive, finite field of a run, naming the field and run on failure. */
export function positiveField(run: FitRun, field: RunVariable, index: number): number {
  const v = run[field];
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new Error(`runs[${index}].${field} must be a finite positive number, got ${String(v)}`);
  }
  return v;
}

export function finiteField(run: FitRun, field: RunVariable, index: number): number {
  const v = run[field];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new Error(`runs[${index}].${field} must be a finite number, got ${String(v)}`);
  }
  return v;
}

export function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return v.length ? s / v.length : 0;
}

/** Observed ln L and unit weights. */
export function targets(runs: readonly FitRun[]): { y: Float64Array; w: Float64Array } {
  const n = runs.length;
  const y = new Float64Array(n);
  const w = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) y[i] = Math.log(positiveField(runs[i]!, 'loss', i));
  return { y, w };
}

/** Subtracts `shift` from every entry in place. */
export function center(v: Float64Array, shift: number): Float64Array {
  if (shift !== 0) for (let i = 0; i < v.length; i++) v[i] = v[i]! - shift;
  return v;
}

export function dataOf(cols: Float64Array[], runs: readonly FitRun[], shifts: Float64Array): FitData {
  const { y, w } = targets(runs);
  return { n: runs.length, cols, y, w, shifts };
}

export function col(runs: readonly FitRun[], f: (r: FitRun, i: number) => number): Float64Array {
  const out = new Float64Array(runs.length);
  for (let i = 0; i < runs.length; i++) out[i] = f(runs[i]!, i);
  return out;
}

/** Evenly spaced values from `from` to `to` inclusive. */
export function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  const n = Math.round((to - from) / step);
  // Machine text: toPrecision only snaps accumulated float error off the grid values; they are numbers, not prose.
  for (let i = 0; i <= n; i++) out.push(Number((from + i * step).toPrecision(12)));
  return out;
}
