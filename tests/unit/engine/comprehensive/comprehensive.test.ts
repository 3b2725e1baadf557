import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  comprehensiveLoss,
  comprehensiveOptimum,
  efficientActiveRatio,
  optimalActiveExperts,
  optimalActiveRatio,
  optimalSharedRatio,
} from '../../../../src-main/engine/comprehensive';

const base = { total: 2e9, tokens: 30e9, active: 400e6, activeExperts: 7, sharedRatio: 0.25 };
const loss = (x: Partial<typeof base>) => comprehensiveLoss({ ...base, ...x }).loss;

function argmin(xs: number[], f: (x: number) => number): number {
  let best = xs[0]!;
  let bestV = Infinity;
  for (const x of xs) {
    const v = f(x);
    if (v < bestV) {
      bestV = v;
      best = x;
    }
  }
  return best;
}
const range = (lo: number, hi: number, n: number) => Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);

describe('comprehensive law: loss', () => {
  it('evaluates the five-factor formula (hand evaluation at one point)', () => {
    // P = 0.1577·7 + 7.2446/7 + 5.1395·0.0625 − 3.2363·0.25 = 1.5610;
    // L = P·(N^-α + k·Na^-α + h·Na/N) + a·N^-α + b·D^-β + c·Na^-α + ε with the published 12 constants.
    const N = 2e9, Na = 400e6, D = 30e9, al = 0.2383;
    const P = 0.1577 * 7 + 7.2446 / 7 + 5.1395 * 0.0625 - 3.2363 * 0.25;
    const expected = P * (N ** -al + 0.0013 * Na ** -al + 0.045 * 0.2) + 38.051 * N ** -al + 27129.05 * D ** -0.4694 + 31.096 * Na ** -al + 1.8182;
    expect(loss({})).toBeCloseTo(expected, 10);
    expect(loss({})).toBeGreaterThan(2);
    expect(loss({})).toBeLessThan(4);
  });

  it('falls with more data and with more total parameters at a fixed N_a (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 8, max: 12, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 9, max: 13, noNaN: true }),
        fc.double({ min: 1, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 0.7, noNaN: true }),
        (logN, ratio, logD, activeExperts, sharedRatio) => {
          const total = 10 ** logN;
          const active = ratio * total;
          const x = { total, tokens: 10 ** logD, active, activeExperts, sharedRatio };
          expect(comprehensiveLoss({ ...x, tokens: x.tokens * 2 }).loss).toBeLessThan(comprehensiveLoss(x).loss);
          expect(comprehensiveLoss({ ...x, total: total * 2 }).loss).toBeLessThan(comprehensiveLoss(x).loss);
        },
      ),
    );
  });

  it('flags values outside the fitted ranges and rejects invalid ones by name', () => {
    expect(comprehensiveLoss(base).flags).toEqual([]);
    const big = comprehensiveLoss({ ...base, total: 30e9, active: 12e9, tokens: 1e12 });
    expect(big.flags.map((f) => f.code).sort()).toEqual([
      'comprehensive-active-above-fitted',
      'comprehensive-tokens-above-fitted',
      'comprehensive-total-above-fitted',
    ]);
    expect(() => comprehensiveLoss({ ...base, active: 3e9 })).toThrow(/active/);
    expect(() => comprehensiveLoss({ ...base, sharedRatio: 1.2 })).toThrow(/sharedRatio/);
    expect(() => comprehensiveLoss({ ...base, activeExperts: 0 })).toThrow(/activeExperts/);
    expect(() => comprehensiveLoss({ ...base, tokens: -5 })).toThrow(/tokens/);
    expect(() => comprehensiveLoss({ ...base, total: Number.NaN })).toThrow(/total/);
  });
});

describe('comprehensive law: G_opt and S_opt', () => {
  it('G_opt = √(f/e) ≈ 6.78, the paper’s value, and brute force over G agrees', () => {
    const g = optimalActiveExperts();
    expect(g.feasible && g.value).toBeCloseTo(6.78, 2);
    const bf = argmin(range(1, 20, 19_000), (activeExperts) => loss({ activeExperts }));
    expect(g.feasible && Math.abs(g.value - bf)).toBeLessThan(2e-3);
  });

  it('S_opt = −n/(2m) ≈ 0.31, and brute force over S agrees', () => {
    const s = optimalSharedRatio();
    expect(s.feasible && s.value).toBeCloseTo(0.315, 3);
    expect(s.feasible && Math.abs(s.value - 0.31)).toBeLessThan(0.01);
    const bf = argmin(range(0, 1, 100_000), (sharedRatio) => loss({ sharedRatio }));
    expect(s.feasible && Math.abs(s.value - bf)).toBeLessThan(2e-5);
  });

  it('the S minimum is flat: 13%–31% stays within about 0.01 of the best loss', () => {
    // The paper calls the 13–31% range flat; with these constants the spread is a few 1e-3.
    const best = loss({ sharedRatio: 0.3148 });
    expect(loss({ sharedRatio: 0.13 }) - best).toBeLessThan(0.01);
  });
});

describe('comprehensive law: activation ratio N_a/N', () => {
  /** Brute force on the loss itself: the r on a fine grid with the lowest loss. */
  function bruteForceRatio(total: number): number {
    const g = Math.sqrt(7.2446 / 0.1577);
    const s = 3.2363 / (2 * 5.1395);
    return argmin(range(0.001, 1, 99_900), (r) =>
      comprehensiveLoss({ total, tokens: 1e12, active: r * total, activeExperts: g, sharedRatio: s }).loss,
    );
  }

  /** Brute force on the loss: the smallest r where a one-point step saves less than τ (finite difference). */
  function bruteForceEfficient(total: number, tau: number): number {
    const g = Math.sqrt(7.2446 / 0.1577);
    const s = 3.2363 / (2 * 5.1395);
    const L = (r: number) => comprehensiveLoss({ total, tokens: 1e12, active: r * total, activeExperts: g, sharedRatio: s }).loss;
    const h = 1e-5;
    for (let r = 0.0005; r < 1; r += 1e-5) {
      const savedPerPoint = ((L(r - h) - L(r + h)) / (2 * h)) * 0.01;
      if (savedPerPoint < tau) return r;
    }
    return 1;
  }

  it('theoretical optimum ≈ 40% at N = 30B and ≈ 22% at N = 671B (paper Table 4)', () => {
    const r30 = optimalActiveRatio({ total: 30e9 });
    const r671 = optimalActiveRatio({ total: 671e9 });
    expect(r30.feasible && r671.feasible).toBe(true);
    if (!r30.feasible || !r671.feasible) return;
    expect(Math.abs(r30.activeRatio - 0.4)).toBeLessThan(0.01);
    expect(Math.abs(r671.activeRatio - 0.22)).toBeLessThan(0.01);
    expect(Math.abs(r30.activeRatio - bruteForceRatio(30e9))).toBeLessThan(2e-5);
    expect(Math.abs(r671.activeRatio - bruteForceRatio(671e9))).toBeLessThan(2e-5);
  });

  it('scales as N^(−α/(α+1)) (paper Eq. 14)', () => {
    const at = (total: number) => {
      const r = optimalActiveRatio({ total });
      if (!r.feasible) throw new Error(r.reason);
      return r.activeRatio;
    };
    const alpha = 0.2383;
    expect(at(671e9) / at(30e9)).toBeCloseTo(Math.pow(671 / 30, -alpha / (alpha + 1)), 6);
  });

  it('efficiency-aware ratio ≈ 9% at 30B and ≈ 5% at 671B with τ = 0.004 (paper Table 4)', () => {
    const e30 = efficientActiveRatio({ total: 30e9 });
    const e671 = efficientActiveRatio({ total: 671e9 });
    expect(e30.feasible && e671.feasible).toBe(true);
    if (!e30.feasible || !e671.feasible) return;
    expect(e30.threshold).toBe(0.004);
    expect(Math.abs(e30.activeRatio - 0.09)).toBeLessThan(0.005);
    expect(Math.abs(e671.activeRatio - 0.05)).toBeLessThan(0.005);
    expect(Math.abs(e30.activeRatio - bruteForceEfficient(30e9, 0.004))).toBeLessThan(1e-4);
    expect(Math.abs(e671.activeRatio - bruteForceEfficient(671e9, 0.004))).toBeLessThan(1e-4);
  });

  it('τ = 0 gives the theoretical optimum; a larger τ gives a sparser model (property)', () => {
    const theo = optimalActiveRatio({ total: 30e9 });
    const zero = efficientActiveRatio({ total: 30e9, threshold: 0 });
    expect(theo.feasible && zero.feasible && Math.abs(theo.activeRatio - zero.activeRatio)).toBeLessThan(1e-9);
    fc.assert(
      fc.property(
        fc.double({ min: 9, max: 12.5, noNaN: true }),
        fc.double({ min: 0, max: 0.02, noNaN: true }),
        fc.double({ min: 0, max: 0.02, noNaN: true }),
        (logN, t1, t2) => {
          fc.pre(Math.abs(t1 - t2) > 1e-6);
          const [lo, hi] = t1 < t2 ? [t1, t2] : [t2, t1];
          const a = efficientActiveRatio({ total: 10 ** logN, threshold: lo });
          const b = efficientActiveRatio({ total: 10 ** logN, threshold: hi });
          expect(a.feasible && b.feasible).toBe(true);
          if (a.feasible && b.feasible) expect(b.activeRatio).toBeLessThanOrEqual(a.activeRatio);
        },
      ),
    );
  });

  it('the optimal ratio falls as N grows (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 8, max: 12.5, noNaN: true }), (logN) => {
        const a = optimalActiveRatio({ total: 10 ** logN });
        const b = optimalActiveRatio({ total: 10 ** (logN + 0.5) });
        if (!a.feasible || !b.feasible) throw new Error('infeasible');
        expect(b.activeRatio).toBeLessThanOrEqual(a.activeRatio);
      }),
    );
  });

  it('for a tiny model the law wants N_a = N, which is reported, not clamped silently', () => {
    const r = optimalActiveRatio({ total: 1e5 });
    expect(r.feasible).toBe(true);
    if (!r.feasible) return;
    expect(r.activeRatio).toBe(1);
    expect(r.atDenseBound).toBe(true);
    expect(r.flags.map((f) => f.code)).toContain('comprehensive-ratio-at-dense-bound');
  });

  it('comprehensiveOptimum bundles G, S and both ratios, with τ visible, and flags extrapolation', () => {
    const r = comprehensiveOptimum({ total: 671e9 });
    expect(r.feasible).toBe(true);
    if (!r.feasible) return;
    expect(r.activeExperts).toBeCloseTo(6.78, 2);
    expect(r.sharedRatio).toBeCloseTo(0.315, 3);
    expect(Math.abs(r.activeRatio - 0.22)).toBeLessThan(0.01);
    expect(Math.abs(r.activeRatioEfficient - 0.05)).toBeLessThan(0.005);
    expect(r.threshold).toBe(0.004);
    expect(r.flags.map((f) => f.code)).toContain('comprehensive-total-above-fitted');
    const tighter = comprehensiveOptimum({ total: 671e9, threshold: 0.001 });
    expect(tighter.feasible && tighter.activeRatioEfficient).toBeGreaterThan(r.activeRatioEfficient);
    expect(() => comprehensiveOptimum({ total: 671e9, threshold: -1 })).toThrow(/threshold/);
    expect(() => comprehensiveOptimum({ total: 0 })).toThrow(/total/);
  });
});
