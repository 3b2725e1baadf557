/** The linear design's pieces against independent computations: a direct posterior by matrix inversion, brute force over subsets, LAWS.md §7's GPU-hours. */
import { describe, expect, test } from 'vitest';
import { greedyDesign, ensembleCovariance } from '../../../../src-main/engine/next-run/linear-design';
import { candidateRuns, gpuHoursOf } from '../../../../src-main/engine/next-run';

/** Gauss–Jordan inverse of a small symmetric positive-definite matrix. */
function inverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let i = 0; i < n; i++) {
    const p = m[i]![i]!;
    for (let j = 0; j < 2 * n; j++) m[i]![j]! /= p;
    for (let k = 0; k < n; k++) if (k !== i) {
      const f = m[k]![i]!;
      for (let j = 0; j < 2 * n; j++) m[k]![j]! -= f * m[i]![j]!;
    }
  }
  return m.map((row) => row.slice(n));
}

/** Var q after observing the set S with noise σ: C_qq − C_qS (C_SS + σ² I)⁻¹ C_Sq, by explicit inversion. */
function directVariance(c: number[][], set: number[], s2: number): number {
  const k = set.map((j) => j + 1);
  const inv = inverse(k.map((a) => k.map((b) => c[a]![b]! + (a === b ? s2 : 0))));
  let v = c[0]![0]!;
  for (let i = 0; i < k.length; i++) for (let j = 0; j < k.length; j++) v -= c[0]![k[i]!]! * inv[i]![j]! * c[k[j]!]![0]!;
  return v;
}

/** A joint covariance of (q, y_1 … y_5) from 40 draws of a 3-parameter linear model, so q and the y are correlated. */
function example(): number[][] {
  let x = 7;
  const u = () => ((x = (x * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32) * 2 - 1;
  const rows = [[1, 0.5, -0.2], [0.9, 0.1, 0], [0.2, 1, 0.3], [0, 0.3, 1], [0.5, 0.5, 0.5], [-0.4, 0.8, 0.1]];
  const samples = new Float64Array(40 * 6);
  for (let r = 0; r < 40; r++) {
    const t = [u(), u(), u()];
    rows.forEach((a, i) => (samples[r * 6 + i] = a[0]! * t[0]! + a[1]! * t[1]! + a[2]! * t[2]!));
  }
  const c = ensembleCovariance(samples, 40, 6);
  return Array.from({ length: 6 }, (_, i) => Array.from(c.slice(i * 6, i * 6 + 6)));
}

describe('c-optimal greedy design', () => {
  test('the rank-one updates give the posterior variance of an explicit inversion at every step', () => {
    const c = example();
    const d = greedyDesign({ cov: Float64Array.from(c.flat()), costs: [1, 1, 1, 1, 1], noise: 0.1, gpuHours: 10, count: 4 }, 'gain');
    expect(d.steps).toHaveLength(4);
    d.steps.forEach((s, i) => expect(s.variance).toBeCloseTo(directVariance(c, d.steps.slice(0, i + 1).map((x) => x.candidate), 0.01), 10));
  });

  test('its first pick is the single run that lowers the variance most (brute force), and it respects the allowance', () => {
    const c = example();
    const costs = [5, 1, 2, 3, 8];
    const best = [0, 1, 2, 3, 4].filter((j) => costs[j]! <= 6).sort((a, b) => directVariance(c, [a], 0.01) - directVariance(c, [b], 0.01))[0];
    const d = greedyDesign({ cov: Float64Array.from(c.flat()), costs, noise: 0.1, gpuHours: 6, count: 3 }, 'gain');
    expect(d.steps[0]!.candidate).toBe(best);
    expect(d.steps.reduce((s, x) => s + costs[x.candidate]!, 0)).toBeLessThanOrEqual(6);
    expect(d.gpuHours).toBe(d.steps.reduce((s, x) => s + costs[x.candidate]!, 0));
  });
});

describe('candidate runs', () => {
  test('GPU-hours are 6·N·D / (peak × utilisation) / 3600 (LAWS.md §7)', () => {
    // 100 M active parameters on 2 B tokens: 1.2e18 FLOPs; an H100 (989 TFLOP/s) at 40 %: 3.956e14 FLOP/s → 3,033 s.
    expect(gpuHoursOf(1.2e18, { peakFlopsPerDevice: 989e12, utilization: 0.4 })).toBeCloseTo(1.2e18 / 3.956e14 / 3600, 12);
    const runs = candidateRuns({ nAct: [1e8, 1e9], tokensPerParam: [20], experts: [1, 8] }, { peakFlopsPerDevice: 989e12, utilization: 0.4 }, 100);
    // 1 B × 20 B tokens = 1.2e20 FLOPs = 84 GPU-hours fits in 100; both sizes at both E.
    expect(runs.map((r) => [r.nAct, r.experts])).toEqual([[1e8, 1], [1e8, 8], [1e9, 1], [1e9, 8]]);
    expect(candidateRuns({ nAct: [1e9], tokensPerParam: [20], experts: [1] }, { peakFlopsPerDevice: 989e12, utilization: 0.4 }, 80)).toEqual([]);
  });
});
