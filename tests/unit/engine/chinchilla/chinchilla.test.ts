import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chinchillaComputeOptimal,
  chinchillaFrontier,
  chinchillaLoss,
  chinchillaSet,
} from '../../../../src-main/engine/chinchilla';

// Published constants, typed from LAWS.md §5 (the tests' independent source).
const HOFFMANN = { A: 406.4, B: 410.7, E: 1.69, alpha: 0.34, beta: 0.28 };
const BESIROGLU = { A: 482.01, B: 2085.43, E: 1.8172, alpha: 0.3478, beta: 0.3658 };
type Consts = typeof HOFFMANN;
const lossOf = (k: Consts, N: number, D: number) => k.E + k.A / N ** k.alpha + k.B / D ** k.beta;

/** Brute force along the iso-FLOP line: golden-section search on log N. */
function bruteForceOptimalN(k: Consts, F: number): number {
  const f = (logN: number) => lossOf(k, Math.exp(logN), F / 6 / Math.exp(logN));
  let lo = Math.log(1e3);
  let hi = Math.log(F / 6 / 1e3);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 300; i++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (f(a) < f(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}

/** Independent derivation: bisect the first-order condition α·A·N^-α = β·B·D^-β with D = F/(6N). */
function firstOrderOptimalN(k: Consts, F: number): number {
  const g = (logN: number) => {
    const N = Math.exp(logN);
    const D = F / 6 / N;
    return k.alpha * k.A * N ** -k.alpha - k.beta * k.B * D ** -k.beta;
  };
  let lo = Math.log(1);
  let hi = Math.log(F / 6);
  for (let i = 0; i < 300; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) > 0) lo = mid; // params term still dominates: grow N
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

describe('Chinchilla loss', () => {
  it('evaluates both published sets at Chinchilla itself (70B, 1.4T tokens)', () => {
    for (const [id, k] of [['hoffmann2022', HOFFMANN], ['besiroglu2024', BESIROGLU]] as const) {
      const r = chinchillaLoss({ params: 70e9, tokens: 1.4e12 }, chinchillaSet(id));
      expect(r.loss).toBeCloseTo(lossOf(k, 70e9, 1.4e12), 12);
      expect(r.flops).toBeCloseTo(5.88e23, -20);
    }
    // Hoffmann's Approach 3 predicts ≈1.94 for Chinchilla.
    expect(chinchillaLoss({ params: 70e9, tokens: 1.4e12 }).loss).toBeCloseTo(1.937, 2);
  });

  it('falls monotonically in N and in D (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('hoffmann2022' as const, 'besiroglu2024' as const),
        fc.double({ min: 6, max: 13, noNaN: true }),
        fc.double({ min: 8, max: 14, noNaN: true }),
        fc.double({ min: 1.01, max: 10, noNaN: true }),
        (id, logN, logD, factor) => {
          const set = chinchillaSet(id);
          const base = chinchillaLoss({ params: 10 ** logN, tokens: 10 ** logD }, set).loss;
          expect(chinchillaLoss({ params: 10 ** logN * factor, tokens: 10 ** logD }, set).loss).toBeLessThan(base);
          expect(chinchillaLoss({ params: 10 ** logN, tokens: 10 ** logD * factor }, set).loss).toBeLessThan(base);
          expect(base).toBeGreaterThan(set.values.E!);
        },
      ),
    );
  });

  it('flags models outside 70M–16B parameters and 5B–500B tokens; rejects bad input by name', () => {
    expect(chinchillaLoss({ params: 1e9, tokens: 20e9 }).flags).toEqual([]);
    expect(chinchillaLoss({ params: 70e9, tokens: 1.4e12 }).flags.map((f) => f.code).sort()).toEqual([
      'chinchilla-params-above-fitted',
      'chinchilla-tokens-above-fitted',
    ]);
    expect(() => chinchillaLoss({ params: 0, tokens: 1e9 })).toThrow(/params/);
    expect(() => chinchillaLoss({ params: 1e9, tokens: Infinity })).toThrow(/tokens/);
    expect(() => chinchillaSet('kaplan2020' as 'hoffmann2022')).toThrow(/coefficients/);
  });
});

describe('Chinchilla compute-optimal allocation', () => {
  it('Besiroglu et al.’s refit puts Chinchilla’s own budget (5.76e23 FLOPs) at ≈70B parameters and ≈20 tokens per parameter', () => {
    const r = chinchillaComputeOptimal(5.76e23, chinchillaSet('besiroglu2024'));
    expect(r.params).toBeGreaterThan(65e9);
    expect(r.params).toBeLessThan(77e9);
    expect(r.tokens).toBeGreaterThan(1.2e12);
    expect(r.tokens).toBeLessThan(1.5e12);
    expect(r.tokensPerParam).toBeGreaterThan(15);
    expect(r.tokensPerParam).toBeLessThan(25);
    expect(r.coefficients).toBe('besiroglu2024');
  });

  it('Hoffmann’s rounded Approach 3 constants instead give ≈32B parameters on ≈3T tokens at 5.76e23 (the inconsistency Besiroglu et al. point out)', () => {
    const r = chinchillaComputeOptimal(5.76e23, chinchillaSet('hoffmann2022'));
    expect(r.params / firstOrderOptimalN(HOFFMANN, 5.76e23)).toBeCloseTo(1, 9);
    expect(r.params).toBeGreaterThan(30e9);
    expect(r.params).toBeLessThan(35e9);
    expect(r.tokensPerParam).toBeGreaterThan(80);
  });

  it('matches a golden-section search on the iso-FLOP line and the first-order condition at many budgets', () => {
    for (const [id, k] of [['hoffmann2022', HOFFMANN], ['besiroglu2024', BESIROGLU]] as const) {
      for (const F of [1e18, 1e21, 5.76e23, 1e26]) {
        const r = chinchillaComputeOptimal(F, chinchillaSet(id));
        expect(Math.abs(r.params / bruteForceOptimalN(k, F) - 1)).toBeLessThan(1e-6);
        expect(Math.abs(r.params / firstOrderOptimalN(k, F) - 1)).toBeLessThan(1e-9);
        expect((6 * r.params * r.tokens) / F).toBeCloseTo(1, 12);
        expect(r.loss).toBeCloseTo(lossOf(k, r.params, r.tokens), 12);
      }
    }
  });

  it('no point on the iso-FLOP line beats the optimum (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('hoffmann2022' as const, 'besiroglu2024' as const),
        fc.double({ min: 17, max: 26, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (id, logF, shift) => {
          const F = 10 ** logF;
          const r = chinchillaComputeOptimal(F, chinchillaSet(id));
          const N = r.params * 10 ** shift;
          expect(chinchillaLoss({ params: N, tokens: F / 6 / N }, chinchillaSet(id)).loss).toBeGreaterThanOrEqual(r.loss - 1e-12);
        },
      ),
    );
  });

  it('the frontier grows N as F^(β/(α+β)) (0.4516 for Hoffmann, 0.5126 for Besiroglu)', () => {
    const [a, b] = chinchillaFrontier([1e20, 1e22]);
    expect(Math.log10(b!.params / a!.params) / 2).toBeCloseTo(0.28 / 0.62, 10);
    const [c, d] = chinchillaFrontier([1e20, 1e22], chinchillaSet('besiroglu2024'));
    expect(Math.log10(d!.params / c!.params) / 2).toBeCloseTo(0.3658 / (0.3478 + 0.3658), 10);
    expect(() => chinchillaFrontier([])).toThrow(/flops/);
    expect(() => chinchillaComputeOptimal(-1)).toThrow(/flops/);
  });
});
