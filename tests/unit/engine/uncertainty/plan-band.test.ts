/** The band of a compute plan over replicate sets, against a brute-force search along each replicate's iso-FLOP line. */
import { describe, expect, test } from 'vitest';
import { publishedSet, type CoefficientSet } from '../../../../src-main/engine/common/coefficients';
import { jointCoefficients, jointLossValue } from '../../../../src-main/engine/joint';
import { computePlanBand } from '../../../../src-main/engine/uncertainty';

const JOINT = publishedSet('ludziejewski2025-joint');

function replicates(n: number): CoefficientSet[] {
  let x = 3;
  const u = () => ((x = (x * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32) * 2 - 1;
  return Array.from({ length: n }, (_, i) => {
    const v = { ...JOINT.values };
    for (const k of ['a', 'b', 'alpha', 'beta', 'gamma', 'zeta']) v[k] = v[k]! * (1 + 0.05 * u());
    return { ...JOINT, id: `rep-${i}`, values: v };
  });
}

describe('bootstrap band of a compute-optimal plan', () => {
  test('winners and their spread match a brute-force minimum along 6·N·D = F per replicate', () => {
    const flops = 1e21;
    const experts = [1, 8, 32];
    const reps = replicates(24);
    const band = computePlanBand(reps, flops, experts)!;
    const brute = reps.map((set) => {
      const k = jointCoefficients(set);
      let best = { e: 0, n: 0, loss: Infinity };
      for (const e of experts) {
        for (let i = 0; i <= 4000; i++) {
          const n = 1e7 * Math.pow(1e4, i / 4000);
          const loss = jointLossValue(k, n, flops / (6 * n), e);
          if (loss < best.loss) best = { e, n, loss };
        }
      }
      return best;
    });
    for (const { experts: e, share } of band.expertWins) expect(share).toBeCloseTo(brute.filter((b) => b.e === e).length / 24, 12);
    const losses = brute.map((b) => b.loss).sort((a, b) => a - b);
    expect(band.loss.low).toBeGreaterThanOrEqual(losses[0]! - 1e-9);
    expect(band.loss.high).toBeLessThanOrEqual(losses[23]! + 1e-9);
    const ns = brute.map((b) => b.n).sort((a, b) => a - b);
    // The grid's N is within its step (0.23 %) of the optimum; the band lies within the brute-force extremes.
    expect(band.nAct.low).toBeGreaterThan(ns[0]! * 0.99);
    expect(band.nAct.high).toBeLessThan(ns[23]! * 1.01);
    expect(band.label).toMatch(/90 % band over 24 bootstrap refits/);
  });
});
