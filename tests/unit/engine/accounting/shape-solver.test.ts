import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BF16,
  buildableNeighbours,
  countParameters,
  exactShapeForActive,
  exactShapeForMemory,
  exactShapeForTotal,
  memoryFootprint,
  nearestBuildableShape,
  solveIncreasingCubic,
} from '../../../../src-main/engine/accounting';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Independent check: the one real root of x³ + p·x − q = 0 (p > 0) in trigonometric-hyperbolic form. */
function hyperbolicRoot(p: number, q: number): number {
  return 2 * Math.sqrt(p / 3) * Math.sinh(Math.asinh(((3 * q) / (2 * p)) * Math.sqrt(3 / p)) / 3);
}

describe('solveIncreasingCubic', () => {
  it('agrees with the closed-form root of the depressed cubic', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 1e15, noNaN: true }), (p, q) => {
        const x = solveIncreasingCubic(1, 0, p, q);
        expect(rel(x, hyperbolicRoot(p, q))).toBeLessThan(1e-9);
      }),
    );
  });

  it('solves cubics with a quadratic term (the KV cache) to machine precision', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 1e3, max: 1e14, noNaN: true }),
        (c3, c2, c1, y) => {
          const x = solveIncreasingCubic(c3, c2, c1, y);
          expect(x).toBeGreaterThan(0);
          expect(rel(((c3 * x + c2) * x + c1) * x, y)).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('refuses targets that are not positive', () => {
    expect(() => solveIncreasingCubic(1, 0, 1, 0)).toThrow();
    expect(() => solveIncreasingCubic(1, 0, 1, Number.NaN)).toThrow();
  });
});

describe('exact shapes round-trip through forward accounting', () => {
  const counts = fc.double({ min: 1e6, max: 1e13, noNaN: true });
  const experts = fc.integer({ min: 1, max: 256 });

  it('N_act → shape → N_act', () => {
    fc.assert(
      fc.property(counts, experts, (n, e) => {
        const s = exactShapeForActive(n, e);
        expect(s.basis).toBe('exact');
        expect(s.nBlocks).toBeCloseTo(s.dModel / 64, 9);
        expect(s.nHeads).toBe(s.nBlocks);
        expect(rel(countParameters(s).nAct, n)).toBeLessThan(1e-12);
      }),
    );
  });

  it('N_total → shape → N_total', () => {
    fc.assert(
      fc.property(counts, experts, (n, e) => {
        expect(rel(countParameters(exactShapeForTotal(n, e)).nTotal, n)).toBeLessThan(1e-12);
      }),
    );
  });

  it('memory budget → largest shape → exactly the budget, with and without the KV cache', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e8, max: 1e13, noNaN: true }), experts, fc.constantFrom(0, 8192, 16_384, 131_072), (m, e, t) => {
        const s = exactShapeForMemory(m, e, { kvTokens: t, precision: BF16 });
        const fp = memoryFootprint(countParameters(s).nTotal, s, t, BF16);
        expect(rel(fp.totalBytes, m)).toBeLessThan(1e-12);
      }),
    );
  });

  it('recovers a buildable d_model from its own parameter count', () => {
    // Dense d=1664, 26 blocks has N_act = 1,103,142,144 by hand (App. A).
    expect(exactShapeForActive(1_103_142_144, 1).dModel).toBeCloseTo(1664, 6);
  });
});

describe('buildable shapes', () => {
  it('are multiples of 64 with whole blocks and heads, bracketing the exact d_model', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 30_000, noNaN: true }), fc.integer({ min: 1, max: 64 }), (d, e) => {
        const { below, above } = buildableNeighbours(d, e);
        for (const s of [below, above]) {
          if (!s) continue;
          expect(s.basis).toBe('buildable');
          expect(s.dModel % 64).toBe(0);
          expect(Number.isInteger(s.nBlocks) && Number.isInteger(s.nHeads)).toBe(true);
          expect(s.nBlocks).toBe(s.dModel / 64);
        }
        if (below) expect(below.dModel).toBeLessThanOrEqual(d + 1e-6);
        expect(above.dModel).toBeGreaterThanOrEqual(Math.min(d, 64) - 1e-6);
        expect(above.dModel - (below?.dModel ?? 0)).toBeLessThanOrEqual(64);
      }),
    );
  });

  it('nearest is never farther in log-parameters than the other neighbour', () => {
    fc.assert(
      fc.property(fc.double({ min: 2e7, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 64 }), (n, e) => {
        const best = nearestBuildableShape(n, e, 'nAct');
        const { below, above } = buildableNeighbours(exactShapeForActive(n, e).dModel, e);
        const dist = (d: number) => Math.abs(Math.log(countParameters({ ...best, dModel: d, nBlocks: d / 64, nHeads: d / 64 }).nAct / n));
        for (const s of [below, above]) if (s) expect(dist(best.dModel)).toBeLessThanOrEqual(dist(s.dModel) + 1e-15);
      }),
    );
  });

  it('picks the paper’s 1.1B-total shapes: d_model 1664 dense, 1408 for E = 2, 1152 for E = 4', () => {
    expect(nearestBuildableShape(1.1e9, 1, 'nTotal').dModel).toBe(1664);
    expect(nearestBuildableShape(1.1e9, 2, 'nTotal').dModel).toBe(1408);
    expect(nearestBuildableShape(1.1e9, 4, 'nTotal').dModel).toBe(1152);
  });

  it('rejects non-positive counts and sub-one expert counts naming the field', () => {
    expect(() => exactShapeForActive(-5, 1)).toThrow(/nAct/);
    expect(() => exactShapeForTotal(1e9, 0.5)).toThrow(/experts/);
    expect(() => exactShapeForMemory(0, 1, { kvTokens: 0, precision: BF16 })).toThrow(/memoryBytes/);
  });
});
