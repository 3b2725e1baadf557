import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestGranularity, efficiencyLeverage } from '../../../../src-main/engine/leverage';

/** Brute force: the G on a fine log grid over [1, 256] with the highest EL. */
function bruteForceBestG(activation: number, flops: number): number {
  let best = 1;
  let bestEl = -Infinity;
  for (let i = 0; i <= 80_000; i++) {
    const granularity = Math.pow(2, (8 * i) / 80_000);
    const el = efficiencyLeverage({ activation, granularity, flops }).el;
    if (el > bestEl) {
      bestEl = el;
      best = granularity;
    }
  }
  return best;
}

describe('best granularity for a given A and C', () => {
  it('lies near 12, inside the paper’s 8–12 sweet spot', () => {
    const r = bestGranularity({ activation: 0.031, flops: 1e22 });
    expect(r.feasible).toBe(true);
    if (!r.feasible) return;
    // Vertex of γx² + βx: x = 0.117 / (2 · 0.0167) = 3.503, G = 2^3.503 ≈ 11.34.
    expect(r.granularity).toBeCloseTo(11.34, 1);
    expect(r.granularity).toBeGreaterThanOrEqual(8);
    expect(r.granularity).toBeLessThanOrEqual(12);
    expect(r.el).toBeGreaterThan(7);
  });

  it('matches brute force over G at several A and C', () => {
    for (const [activation, flops] of [
      [0.031, 1e22],
      [0.008, 1e19],
      [0.25, 3e20],
    ] as const) {
      const r = bestGranularity({ activation, flops });
      expect(r.feasible).toBe(true);
      if (!r.feasible) continue;
      expect(Math.abs(r.granularity / bruteForceBestG(activation, flops) - 1)).toBeLessThan(1e-3);
    }
  });

  it('no G beats the closed-form optimum (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.005, max: 0.9, noNaN: true }),
        fc.double({ min: 1, max: 64, noNaN: true }),
        fc.double({ min: 17, max: 24, noNaN: true }),
        (activation, granularity, logC) => {
          const flops = Math.pow(10, logC);
          const r = bestGranularity({ activation, flops });
          expect(r.feasible).toBe(true);
          if (!r.feasible) return;
          expect(efficiencyLeverage({ activation, granularity, flops }).el).toBeLessThanOrEqual(r.el * (1 + 1e-12));
        },
      ),
    );
  });

  it('is infeasible for a dense model, where Â > 1 and EL has no interior maximum in G', () => {
    const r = bestGranularity({ activation: 1, flops: 1e21 });
    expect(r.feasible).toBe(false);
    if (!r.feasible) expect(r.reason).toMatch(/no interior maximum/);
  });
});
