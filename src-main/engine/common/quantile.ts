/**
 * Percentiles as the engine takes them everywhere (bootstrap bands, fit intervals, the next-run
 * planner): linear interpolation between order statistics, Hyndman & Fan's type 7 (numpy's
 * default 'linear'). engine/explain/order-statistic.ts writes the same interpolation out.
 */

export interface Range {
  low: number;
  high: number;
}

/** The q-quantile of `values` (any order; NaN for none). */
export function quantile(values: readonly number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const h = (v.length - 1) * q;
  const lo = Math.floor(h);
  return v[lo]! + (h - lo) * ((v[Math.min(lo + 1, v.length - 1)] ?? v[lo]!) - v[lo]!);
}

/** The central interval holding `confidence` of `values`: its (1 − c)/2 and 1 − (1 − c)/2 quantiles. */
export function centralRange(values: readonly number[], confidence: number): Range {
  return { low: quantile(values, (1 - confidence) / 2), high: quantile(values, 1 - (1 - confidence) / 2) };
}
