import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activationHat,
  efficiencyLeverage,
  equivalentDenseCompute,
  deriveArchitecture,
  leverageForConfiguration,
  LING_MINI_BETA,
  referenceDesignArchitecture,
} from '../../../../src-main/engine/leverage';

describe('Efficiency Leverage, Eq. 13', () => {
  it('predicts EL above 7 at 1e22 FLOPs for A = 3.1% and G = 12 (the paper’s stated result)', () => {
    const r = efficiencyLeverage({ activation: 0.031, granularity: 12, flops: 1e22 });
    expect(r.el).toBeGreaterThan(7);
    // A hand evaluation of Table 2 with log2 G and log10 C gives 7.24; natural logs would not reach 7.
    expect(r.el).toBeCloseTo(7.245, 2);
  });

  it('uses log10 for C and log2 for G: with natural logs the same point is far from 7', () => {
    // Independent evaluation with ln in both places, to show the Decision matters.
    const hat = 0.031 + 0.0163;
    const x = Math.log(12);
    const wrong = Math.pow(hat, 1.23 - 0.0761 * Math.log(1e22) + 0.0167 * x * x - 0.117 * x);
    const right = efficiencyLeverage({ activation: 0.031, granularity: 12, flops: 1e22 }).el;
    expect(Math.abs(wrong - right)).toBeGreaterThan(5);
  });

  it('anchors dense at EL ≈ 1 (A = 1)', () => {
    for (const flops of [1e18, 1e20, 1e22]) {
      for (const granularity of [2, 8, 16]) {
        expect(Math.abs(efficiencyLeverage({ activation: 1, granularity, flops }).el - 1)).toBeLessThan(0.02);
      }
    }
  });

  it('Â saturates: Â ≈ A + A_start for small A, and never exceeds A_max', () => {
    expect(activationHat(0.031)).toBeCloseTo(0.031 + 0.0163, 6);
    expect(activationHat(1e-9)).toBeCloseTo(0.0163, 6);
    expect(activationHat(1)).toBeLessThan(5.28e16);
  });

  it('equivalent dense compute is EL × C', () => {
    const r = equivalentDenseCompute({ activation: 0.031, granularity: 12, flops: 1e22 });
    expect(r.denseFlops / 1e22).toBeCloseTo(r.el, 10);
    expect(r.denseFlops).toBeGreaterThan(7e22);
  });

  it('flags 1e22 FLOPs as beyond the fitted compute and EL ≥ 6 as validated-only', () => {
    const r = efficiencyLeverage({ activation: 0.031, granularity: 12, flops: 1e22 });
    const codes = r.flags.map((f) => f.code);
    expect(codes).toContain('leverage-flops-above-fitted');
    expect(codes).toContain('leverage-el-above-fitted');
    expect(r.flags.find((f) => f.variable === 'el')?.severity).toBe('info');
    const inside = efficiencyLeverage({ activation: 0.1, granularity: 8, flops: 1e20 });
    expect(inside.flags).toEqual([]);
    const coarse = efficiencyLeverage({ activation: 0.005, granularity: 32, flops: 1e20 });
    expect(coarse.flags.map((f) => f.code).sort()).toEqual(['leverage-activation-below-fitted', 'leverage-granularity-above-fitted']);
  });

  it('rejects invalid inputs, naming the field', () => {
    expect(() => efficiencyLeverage({ activation: 0, granularity: 12, flops: 1e20 })).toThrow(/activation/);
    expect(() => efficiencyLeverage({ activation: 1.5, granularity: 12, flops: 1e20 })).toThrow(/activation/);
    expect(() => efficiencyLeverage({ activation: 0.1, granularity: -1, flops: 1e20 })).toThrow(/granularity/);
    expect(() => efficiencyLeverage({ activation: 0.1, granularity: 8, flops: Number.NaN })).toThrow(/flops/);
    expect(() => efficiencyLeverage({ activation: 0.1, granularity: 8, flops: Infinity })).toThrow(/flops/);
  });

  it('EL grows as A falls at fixed G, for any budget of at least 1e16 FLOPs (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.005, max: 1, noNaN: true }),
        fc.double({ min: 0.005, max: 1, noNaN: true }),
        fc.double({ min: 2, max: 16, noNaN: true }),
        fc.double({ min: 16, max: 24, noNaN: true }),
        (a1, a2, granularity, logC) => {
          fc.pre(Math.abs(a1 - a2) > 1e-6);
          const [lo, hi] = a1 < a2 ? [a1, a2] : [a2, a1];
          const flops = Math.pow(10, logC);
          expect(efficiencyLeverage({ activation: lo, granularity, flops }).el).toBeGreaterThan(
            efficiencyLeverage({ activation: hi, granularity, flops }).el,
          );
        },
      ),
    );
  });

  it('EL grows with compute for a sparse MoE (d < 0 as in Table 2, not as the text says) (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.005, max: 0.5, noNaN: true }),
        fc.double({ min: 2, max: 16, noNaN: true }),
        fc.double({ min: 16, max: 23, noNaN: true }),
        (activation, granularity, logC) => {
          const lo = efficiencyLeverage({ activation, granularity, flops: Math.pow(10, logC) }).el;
          const hi = efficiencyLeverage({ activation, granularity, flops: Math.pow(10, logC + 1) }).el;
          expect(hi).toBeGreaterThan(lo);
        },
      ),
    );
  });
});

describe('fine-grained configuration → A, S, G', () => {
  it('derives A = (E_a+E_s)/(E+E_s), S = E_s/(E_a+E_s), G = 2·d_model/d_expert', () => {
    const d = deriveArchitecture({ experts: 64, activeExperts: 4, sharedExperts: 1, dModel: 1024, dExpert: 256 });
    expect(d.activation).toBeCloseTo(5 / 65, 12);
    expect(d.sharedRatio).toBeCloseTo(1 / 5, 12);
    expect(d.granularity).toBe(8);
  });

  it('not E_a/E: shared experts count on both sides', () => {
    const d = deriveArchitecture({ experts: 128, activeExperts: 1, sharedExperts: 0, dModel: 512, dExpert: 1024 });
    expect(d.activation).toBeCloseTo(1 / 128, 12);
    expect(d.granularity).toBe(1);
  });

  it('Ling-mini-beta: A ≈ 3.4% as the paper states, one shared expert, and EL near the claimed 7x at its budget', () => {
    const d = referenceDesignArchitecture();
    expect(d.activation).toBeCloseTo(13 / 385, 12);
    expect(Math.abs(d.activation - 0.034)).toBeLessThan(0.001);
    expect(d.sharedRatio).toBeCloseTo(1 / 13, 12);
    expect(d.granularity).toBeCloseTo(4096 / 384, 12);
    // Its training compute ≈ 6 × 0.85e9 active params × 1e12 tokens.
    const flops = 6 * LING_MINI_BETA.activeParams * LING_MINI_BETA.trainingTokens;
    const r = leverageForConfiguration(LING_MINI_BETA, flops);
    expect(r.el).toBeGreaterThan(6);
    expect(r.el).toBeLessThan(8);
    // The 6.1B dense model it matched is ~7.2x its active size.
    expect(LING_MINI_BETA.matchedDense.params / LING_MINI_BETA.activeParams).toBeCloseTo(7.18, 1);
  });

  it('rejects impossible configurations, naming the field', () => {
    expect(() => deriveArchitecture({ experts: 8, activeExperts: 9, sharedExperts: 0, dModel: 512, dExpert: 128 })).toThrow(/activeExperts/);
    expect(() => deriveArchitecture({ experts: 8, activeExperts: 0, sharedExperts: 0, dModel: 512, dExpert: 128 })).toThrow(/activeExperts/);
    expect(() => deriveArchitecture({ experts: 8.5, activeExperts: 1, sharedExperts: 0, dModel: 512, dExpert: 128 })).toThrow(/experts/);
    expect(() => deriveArchitecture({ experts: 8, activeExperts: 1, sharedExperts: -1, dModel: 512, dExpert: 128 })).toThrow(/sharedExperts/);
    expect(() => deriveArchitecture({ experts: 8, activeExperts: 1, sharedExperts: 0, dModel: 512, dExpert: 0 })).toThrow(/dExpert/);
  });
});
