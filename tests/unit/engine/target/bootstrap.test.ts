/**
 * Bootstrap bands of a reverse plan against a direct computation: for replicate sets drawn around
 * the joint law, each replicate's winner is found here by the forward closed form (the FLOPs at
 * which each E's compute-optimal model reaches the target), independently of the engine's loop.
 */
import { describe, expect, test } from 'vitest';
import { publishedSet, type CoefficientSet } from '../../../../src-main/engine/common/coefficients';
import { flopsToReachLoss, jointCoefficients, perExpertLaw } from '../../../../src-main/engine/joint';
import { planTarget } from '../../../../src-main/engine/target';

const JOINT = publishedSet('ludziejewski2025-joint');

/** Deterministic replicates: the published set with small multiplicative jitter (LCG, fixed seed). */
function replicates(n: number, seed = 7): CoefficientSet[] {
  let x = seed;
  const u = () => ((x = (x * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32) * 2 - 1;
  return Array.from({ length: n }, (_, i) => {
    const v = { ...JOINT.values };
    for (const k of ['a', 'b', 'alpha', 'beta', 'delta', 'omega']) v[k] = v[k]! * (1 + 0.04 * u());
    return { ...JOINT, id: `rep-${i}`, values: v };
  });
}

describe('bootstrap band of a reverse plan', () => {
  const experts = [4, 8, 16, 32];
  const target = 2.3;
  const reps = replicates(60);
  const r = planTarget({ goal: { kind: 'loss', loss: target }, sets: { joint: JOINT }, experts, replicates: { joint: reps } });
  const w = r.laws[0]!.winners.find((x) => x.objective === 'trainingFlops')!;

  // Independent: per replicate, the cheapest E by the closed form.
  const direct = reps.map((set) => {
    const k = jointCoefficients(set);
    const perE = experts.map((e) => ({ e, f: flopsToReachLoss(perExpertLaw(e, k), target)! }));
    return perE.reduce((a, b) => (b.f < a.f ? b : a));
  });

  test('how often each E wins is the share of replicates whose cheapest E it is', () => {
    const u = w.uncertainty!;
    expect(u.kind).toBe('bootstrap');
    expect(u.replicates).toBe(60);
    const total = u.expertWins.reduce((s, x) => s + x.share, 0);
    expect(total).toBeCloseTo(1, 12);
    for (const { experts: e, share } of u.expertWins) expect(share).toBeCloseTo(direct.filter((d) => d.e === e).length / 60, 12);
    // Shares are listed most frequent first.
    for (let i = 1; i < u.expertWins.length; i++) expect(u.expertWins[i]!.share).toBeLessThanOrEqual(u.expertWins[i - 1]!.share);
  });

  test('the band is the 5th–95th percentile of the winners\' FLOPs', () => {
    const f = direct.map((d) => d.f).sort((a, b) => a - b);
    // Type-7 percentile written out: position (n − 1)·q between order statistics.
    const pct = (q: number) => {
      const h = (f.length - 1) * q;
      const lo = Math.floor(h);
      return f[lo]! + (h - lo) * (f[lo + 1]! - f[lo]!);
    };
    expect(w.uncertainty!.value.low / pct(0.05)).toBeCloseTo(1, 9);
    expect(w.uncertainty!.value.high / pct(0.95)).toBeCloseTo(1, 9);
    expect(w.uncertainty!.label).toMatch(/90 % band over 60 bootstrap refits/);
    // Every E's row carries its own band for the chart.
    for (const row of r.rows) if (row.feasible) expect(row.trainingFlopsBand!.low).toBeLessThanOrEqual(row.trainingFlopsBand!.high);
  });
});
