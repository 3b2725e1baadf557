import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { leverageFromLossFits } from '../../../../src-main/engine/leverage';

/** Brute force: bisect log C until the dense loss equals the target. */
function bisectDenseFlops(fit: { coefficient: number; exponent: number; offset: number }, target: number): number {
  let lo = -50;
  let hi = 200;
  const loss = (logC: number) => fit.coefficient * Math.exp(-fit.exponent * logC) + fit.offset;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (loss(mid) > target) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

describe('EL from two loss–compute fits', () => {
  it('is 1 when the fits coincide', () => {
    const fit = { coefficient: 30, exponent: 0.1, offset: 1.5 };
    const r = leverageFromLossFits({ dense: fit, moe: fit, flops: 1e20 });
    expect(r.feasible && r.el).toBeCloseTo(1, 10);
  });

  it('without offsets, EL = C^(β_m/β_d − 1)·(α_d/α_m)^(1/β_d) — checked by hand', () => {
    // α_d = 40, β_d = 0.1; α_m = 30, β_m = 0.1: EL = (40/30)^10 = 17.76 at any C.
    const r = leverageFromLossFits({ dense: { coefficient: 40, exponent: 0.1 }, moe: { coefficient: 30, exponent: 0.1 }, flops: 1e21 });
    expect(r.feasible).toBe(true);
    if (r.feasible) expect(r.el).toBeCloseTo(Math.pow(4 / 3, 10), 6);
  });

  it('matches a bisection on the dense fit (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 5, max: 100, noNaN: true }),
        fc.double({ min: 0.03, max: 0.4, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.double({ min: 17, max: 24, noNaN: true }),
        (coefficient, exponent, offset, moeScale, logC) => {
          const dense = { coefficient, exponent, offset };
          const moe = { coefficient: coefficient * moeScale, exponent, offset };
          const flops = Math.pow(10, logC);
          const r = leverageFromLossFits({ dense, moe, flops });
          expect(r.feasible).toBe(true);
          if (!r.feasible) return;
          const bf = bisectDenseFlops(dense, r.targetLoss);
          // The bisection compares whole losses, so at large C (reducible part ~1e-9 next to an
          // offset ~2) it resolves C only to ~1e-6 relative; 1e-5 leaves room for that.
          expect(Math.abs(r.denseFlops / bf - 1)).toBeLessThan(1e-5);
          expect(r.el).toBeGreaterThanOrEqual(1 - 1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is infeasible when the MoE loss is at or below the dense floor', () => {
    const r = leverageFromLossFits({
      dense: { coefficient: 20, exponent: 0.1, offset: 2.0 },
      moe: { coefficient: 20, exponent: 0.1, offset: 1.0 },
      flops: 1e24,
    });
    expect(r.feasible).toBe(false);
  });

  it('rejects bad fits, naming the field', () => {
    expect(() => leverageFromLossFits({ dense: { coefficient: -1, exponent: 0.1 }, moe: { coefficient: 1, exponent: 0.1 }, flops: 1e20 })).toThrow(/dense.coefficient/);
    expect(() => leverageFromLossFits({ dense: { coefficient: 1, exponent: 0.1 }, moe: { coefficient: 1, exponent: 0 }, flops: 1e20 })).toThrow(/moe.exponent/);
    expect(() => leverageFromLossFits({ dense: { coefficient: 1, exponent: 0.1, offset: -1 }, moe: { coefficient: 1, exponent: 0.1 }, flops: 1e20 })).toThrow(/dense.offset/);
  });
});
