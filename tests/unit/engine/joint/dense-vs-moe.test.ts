import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareDenseMoe, ruleOfThumb } from '../../../../src-main/engine/joint';
import { argminLog, lossRef, rel } from './helpers';

/** Brute-force best loss on the iso-FLOP line, independent of the closed form. */
function bestLoss(f: number, e: number): number {
  const along = (n: number) => lossRef(n, f / (6 * n), e);
  return along(argminLog(along, 1e3, 1e15, 120));
}

/** Bisection on log F for the budget at which E's best loss equals `target`. */
function flopsForLoss(target: number, e: number): number {
  let lo = Math.log(1e12);
  let hi = Math.log(1e30);
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (bestLoss(Math.exp(mid), e) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

describe('FLOP savings of the loss-matched compute-optimal MoE (Fig. 2b)', () => {
  it('agree with brute force: bisection on the budget around a numerically minimised iso-FLOP line', () => {
    for (const f of [1e20, 1e22]) {
      const cmp = compareDenseMoe({ flops: f, experts: [2, 8, 32] });
      expect(rel(cmp.dense.loss, bestLoss(f, 1))).toBeLessThan(1e-9);
      for (const r of cmp.perExpert) {
        if (!r.feasible) throw new Error(r.reason);
        expect(rel(r.flopsToMatch, flopsForLoss(cmp.dense.loss, r.experts))).toBeLessThan(1e-5);
        expect(rel(r.loss, cmp.dense.loss)).toBeLessThan(1e-9);
      }
    }
  });

  it('are zero for E = 1 and grow with E within E ≤ 32', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e18, max: 1e25, noNaN: true }), (f) => {
        const cmp = compareDenseMoe({ flops: f, experts: [1, 2, 4, 8, 16, 32] });
        const s = cmp.perExpert.map((r) => (r.feasible ? r.savings : Number.NaN));
        expect(Math.abs(s[0]!)).toBeLessThan(1e-9);
        for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
        for (const v of s) expect(v).toBeLessThan(1);
      }),
    );
  });

  it('rejects a bad budget naming the field', () => {
    expect(() => compareDenseMoe({ flops: 0 })).toThrow(/flops/);
  });
});

describe('rule of thumb at a fixed total parameter count (Sec. 4.5)', () => {
  it('the paper’s example: dense 1.1B on 8B tokens loses to E = 2 on 16B and E = 4 on 32B (independent loss, paper shapes)', () => {
    // Buildable 1.1B-total shapes: dense d=1664, E=2 d=1408, E=4 d=1152; active counts by App. A.
    const dense = lossRef(1_103_142_144, 8e9, 1);
    expect(lossRef(708_508_416, 16e9, 2)).toBeLessThan(dense);
    expect(lossRef(426_334_464, 32e9, 4)).toBeLessThan(dense);
    const r = ruleOfThumb({ totalParams: 1.1e9, denseTokens: 8e9, experts: [2, 4] });
    expect(r.perExpert.map((e) => e.beatsDense)).toEqual([true, true]);
    expect(r.perExpert.map((e) => e.tokens)).toEqual([16e9, 32e9]);
    expect(rel(r.dense.loss, lossRef(1.1e9, 8e9, 1))).toBeLessThan(1e-12);
  });

  it('the 36% and 61% fewer FLOPs per token of the 1.1B E = 2 and E = 4 models (Sec. 4.4)', () => {
    const r = ruleOfThumb({ totalParams: 1.1e9, experts: [2, 4] });
    const [e2, e4] = r.perExpert;
    expect(Math.round(100 * e2!.buildable.flopsPerTokenSavings)).toBe(36);
    expect(Math.round(100 * e4!.buildable.flopsPerTokenSavings)).toBe(61);
    // The exact continuous shapes land within two points of the same figures.
    expect(Math.abs(e2!.flopsPerTokenSavings - 0.36)).toBeLessThan(0.02);
    expect(Math.abs(e4!.flopsPerTokenSavings - 0.61)).toBeLessThan(0.02);
    expect(e4!.buildable.shape.dModel).toBe(1152);
  });

  it('holds for E ≤ 8 over a range of sizes, with compute-optimal dense tokens and with compute-matched MoEs (Fig. 1b, 6)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e8, max: 5e9, noNaN: true }), (n) => {
        const r = ruleOfThumb({ totalParams: n, experts: [2, 4, 8] });
        expect(r.dense.tokensAreComputeOptimal).toBe(true);
        // The default dense tokens really are compute-optimal: nudging N along the line only hurts.
        const f = 6 * n * r.dense.tokens;
        for (const s of [0.97, 1.03]) expect(lossRef(n * s, f / (6 * n * s), 1)).toBeGreaterThan(r.dense.loss);
        for (const e of r.perExpert) {
          expect(e.beatsDense).toBe(true);
          expect(e.computeMatched.beatsDense).toBe(true);
          expect(e.computeMatched.tokens).toBeLessThan(e.tokens);
        }
      }),
    );
  });
});
