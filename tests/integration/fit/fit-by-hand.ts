/**
 * A Chinchilla fit's figures recomputed from the CSV and the coefficients an answer sent, never
 * from the fitter: LAWS.md §5's L = E + A/N^α + B/D^β with D = F/(6N), the residual in ln L, the
 * replication's drop of the 5 highest losses, the RMSE, the Huber objective with δ = 10⁻³, and
 * percentile intervals (linear interpolation between order statistics) over the replicates sent.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { CHINCHILLA_CSV } from '../../unit/engine/fit/helpers';

export type Written = { figure: string; title: string; citation: string; source: string; note: string | null; rows: Array<{ symbol: string; raw: number; value: string; substituted: string }>; data: { raw: number[][]; columns: string[] } | null };
export type FitAnswer = { jobId: string; source: string; result: Record<string, any>; replicates: Array<Record<string, number>> | null };

export const chinchillaCsv = () => readFileSync(CHINCHILLA_CSV, 'utf8');

export const raw = (x: Written, symbol: string) => {
  const r = x.rows.find((r) => r.symbol === symbol);
  if (!r) throw new Error(`${x.title}: no row ${symbol} (rows: ${x.rows.map((r) => r.symbol).join(', ')})`);
  return r.raw;
};
/** The percentile as the intervals take it: linear interpolation between order statistics (type 7). */
export const type7 = (values: number[], q: number) => {
  const v = [...values].sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  const i = Math.floor(h);
  return v[i]! + (h - i) * (v[Math.min(i + 1, v.length - 1)]! - v[i]!);
};

/** Asserts the explanation's figures against the CSV and the sent coefficients and replicates (the replication preset: 5 dropped, δ = 10⁻³). */
export function expectReplicationFigures(explanations: Written[], sent: { coefficients: Record<string, number>; replicates: Array<Record<string, number>> }): void {
  const figure = (f: string) => explanations.find((e) => e.figure === f) ?? expect.fail(`no explanation ${f}`);
  const points = chinchillaCsv().trim().split('\n').slice(1).map((l) => l.split(',')).map((c) => ({ N: Number(c[3]), D: Number(c[4]) / (6 * Number(c[3])), L: Number(c[6]) }));
  const kept = [...points].sort((a, b) => b.L - a.L).slice(5);
  const k = sent.coefficients;
  const law = (p: { N: number; D: number }) => k.E! + k.A! / p.N ** k.alpha! + k.B! / p.D ** k.beta!;
  const rs = kept.map((p) => Math.log(law(p)) - Math.log(p.L));
  const worst = kept[rs.reduce((b, r, i) => (Math.abs(r) > Math.abs(rs[b]!) ? i : b), 0)]!;

  const run = figure('fit.run');
  expect(raw(run, 'L') / law(worst)).toBeCloseTo(1, 10);
  expect(raw(run, 'r')).toBeCloseTo(Math.log(law(worst)) - Math.log(worst.L), 10);
  const quality = figure('fit.quality');
  expect(raw(quality, 'RMSE_train')).toBeCloseTo(Math.sqrt(rs.reduce((s, r) => s + r * r, 0) / kept.length), 10);
  const huber = (r: number) => (Math.abs(r) <= 1e-3 ? 0.5 * r * r : 1e-3 * (Math.abs(r) - 0.5e-3));
  expect(raw(quality, 'J')).toBeCloseTo(rs.reduce((s, r) => s + huber(r), 0), 10);
  const intervals = figure('fit.intervals');
  for (const name of ['A', 'B', 'E', 'alpha', 'beta']) {
    const v = sent.replicates.map((r) => r[name]!);
    expect(raw(intervals, `${name}_lo`)).toBeCloseTo(type7(v, 0.025), 8);
    expect(raw(intervals, `${name}_hi`)).toBeCloseTo(type7(v, 0.975), 8);
  }
  // Epoch's grid: 6 × 6 × 5 × 5 × 5 starts.
  expect(raw(figure('fit.procedure'), 'starts')).toBe(4500);
}
