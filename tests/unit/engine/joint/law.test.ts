import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CoefficientSet } from '../../../../src-main/engine/common/coefficients';
import { defaultJointSet, jointCoefficients, jointLoss, perExpertLaw, perExpertLoss, transformedExperts } from '../../../../src-main/engine/joint';
import { eHatRef, lossRef, rel, TABLE3 } from './helpers';

const k = jointCoefficients();
const nArb = fc.double({ min: 1e7, max: 1e11, noNaN: true });
const dArb = fc.double({ min: 1e8, max: 1e13, noNaN: true });
const eArb = fc.integer({ min: 1, max: 256 });

describe('published coefficients', () => {
  it('are Table 3 of the paper', () => {
    const { setId, ...values } = k;
    expect(setId).toBe('ludziejewski2025-joint');
    expect(values).toEqual(TABLE3);
  });
});

describe('Ê transform (Eq. 4)', () => {
  it('maps E = 1 to E_start and saturates at E_max', () => {
    expect(transformedExperts(1, k)).toBeCloseTo(2.0732, 12);
    // 1/Ê → 0 + 1/E_max as E → ∞
    expect(rel(transformedExperts(1e12, k), 290.4521)).toBeLessThan(1e-6);
    expect(transformedExperts(1e6, k)).toBeLessThan(290.4521);
  });

  it('matches an independent statement and rises with E', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 10, noNaN: true }), (e, step) => {
        expect(rel(transformedExperts(e, k), eHatRef(e))).toBeLessThan(1e-12);
        expect(transformedExperts(e + step, k)).toBeGreaterThan(transformedExperts(e, k));
      }),
    );
  });
});

describe('joint loss (Eq. 6)', () => {
  it('equals the independent formula everywhere', () => {
    fc.assert(
      fc.property(nArb, dArb, eArb, (n, d, e) => {
        expect(rel(jointLoss({ nAct: n, tokens: d, experts: e }).loss, lossRef(n, d, e))).toBeLessThan(1e-12);
      }),
    );
  });

  it('falls with N and with D and stays above c', () => {
    fc.assert(
      fc.property(nArb, dArb, eArb, fc.double({ min: 1.01, max: 10, noNaN: true }), (n, d, e, f) => {
        const l = jointLoss({ nAct: n, tokens: d, experts: e }).loss;
        expect(jointLoss({ nAct: n * f, tokens: d, experts: e }).loss).toBeLessThan(l);
        expect(jointLoss({ nAct: n, tokens: d * f, experts: e }).loss).toBeLessThan(l);
        expect(l).toBeGreaterThan(TABLE3.c);
      }),
    );
  });

  it('reduces to the per-E Chinchilla form (Eq. 5) with m = aÊ^δ, μ = α + γ ln Ê, n = bÊ^ω, ν = β + ζ ln Ê', () => {
    fc.assert(
      fc.property(nArb, dArb, eArb, (n, d, e) => {
        const r = perExpertLaw(e, k);
        const h = eHatRef(e);
        expect(rel(r.m, 35.91 * h ** -0.2285)).toBeLessThan(1e-12);
        expect(r.mu).toBeCloseTo(-0.1889 + 0.0098 * Math.log(h), 12);
        expect(rel(r.n, 35.98 * h ** 0.5529)).toBeLessThan(1e-12);
        expect(r.nu).toBeCloseTo(-0.1775 - 0.0259 * Math.log(h), 12);
        expect(r.c).toBe(1.3637);
        expect(rel(perExpertLoss(r, n, d), lossRef(n, d, e))).toBeLessThan(1e-12);
      }),
    );
  });

  it('flags E above 32 and tokens outside 0.5B–80B, but not a point inside the fitted runs', () => {
    expect(jointLoss({ nAct: 5e8, tokens: 1e10, experts: 8 }).flags).toEqual([]);
    const codes = jointLoss({ nAct: 5e8, tokens: 1e11, experts: 64 }).flags.map((f) => f.code);
    expect(codes).toContain('joint-experts-above-fitted');
    expect(codes).toContain('joint-tokens-above-fitted');
  });

  it('rejects non-positive or non-finite inputs naming the field', () => {
    expect(() => jointLoss({ nAct: 0, tokens: 1e9, experts: 1 })).toThrow(/nAct/);
    expect(() => jointLoss({ nAct: 1e9, tokens: Number.NaN, experts: 1 })).toThrow(/tokens/);
    expect(() => jointLoss({ nAct: 1e9, tokens: 1e9, experts: 0.5 })).toThrow(/experts/);
    expect(() => jointLoss({ nAct: Infinity, tokens: 1e9, experts: 1 })).toThrow(/nAct/);
  });

  it('accepts any coefficient set of the joint law and refuses others', () => {
    const custom: CoefficientSet = { ...defaultJointSet(), id: 'mine', provenance: 'user-fit', values: { ...TABLE3, c: 2 } };
    expect(jointLoss({ nAct: 1e9, tokens: 1e10, experts: 4, coefficients: custom }).loss).toBeCloseTo(lossRef(1e9, 1e10, 4) + (2 - 1.3637), 12);
    expect(() => jointLoss({ nAct: 1e9, tokens: 1e10, experts: 4, coefficients: { ...custom, law: 'chinchilla' } })).toThrow(/not the joint law/);
    const { zeta: _z, ...missing } = TABLE3;
    expect(() => jointLoss({ nAct: 1e9, tokens: 1e10, experts: 4, coefficients: { ...custom, values: missing } })).toThrow(/zeta/);
  });
});
