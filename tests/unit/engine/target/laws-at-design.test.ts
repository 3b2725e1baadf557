/** The law-disagreement panel for one design, against the laws written out here. */
import { describe, expect, test } from 'vitest';
import { publishedSet } from '../../../../src-main/engine/common/coefficients';
import { lawsAtDesign } from '../../../../src-main/engine/target';

const sets = {
  joint: publishedSet('ludziejewski2025-joint'),
  comprehensive: publishedSet('moe-comprehensive-2025'),
  leverage: publishedSet('tian2025-leverage'),
  chinchilla: publishedSet('hoffmann2022'),
};

/** Eq. 6 with Table 3's coefficients. */
function joint(n: number, d: number, e: number): number {
  const eStart = 2.0732;
  const eMax = 290.4521;
  const eHat = 1 / (1 / (e - 1 + 1 / (1 / eStart - 1 / eMax)) + 1 / eMax);
  const l = Math.log(eHat);
  return 35.91 * eHat ** -0.2285 * n ** (-0.1889 + 0.0098 * l) + 35.98 * eHat ** 0.5529 * d ** (-0.1775 - 0.0259 * l) + 1.3637;
}

describe('what every law predicts for one design', () => {
  test('an MoE inside the joint law\'s runs: the joint law in range, Chinchilla not applicable, EL outside its granularity range', () => {
    const p = lawsAtDesign({ nAct: 5e8, tokens: 1e10, experts: 8 }, sets);
    const by = Object.fromEntries(p.map((x) => [x.law, x]));
    expect(by.joint!.loss).toBeCloseTo(joint(5e8, 1e10, 8), 10);
    expect(by.joint!.status).toBe('inside-fitted-range');
    expect(by.chinchilla!.status).toBe('not-applicable');
    expect(by.chinchilla!.loss).toBeNull();
    expect(by.comprehensive!.loss).toBeGreaterThan(1.8182);
    // Top-1 experts of hidden 3·d_model have G = 2/3, below the EL law's fitted 2–16.
    expect(by.leverage!.status).toBe('extrapolated');
    expect(by.leverage!.basis).toMatch(/EL = /);
  });

  test('a dense 7B model on 2T tokens: Chinchilla and the joint law both speak, both extrapolating; the MoE-only laws do not', () => {
    const p = lawsAtDesign({ nAct: 7e9, tokens: 2e12, experts: 1 }, sets);
    const by = Object.fromEntries(p.map((x) => [x.law, x]));
    expect(by.chinchilla!.loss).toBeCloseTo(1.69 + 406.4 / 7e9 ** 0.34 + 410.7 / 2e12 ** 0.28, 10);
    expect(by.joint!.loss).toBeCloseTo(joint(7e9, 2e12, 1), 10);
    expect(by.joint!.status).toBe('extrapolated');
    expect(by.comprehensive!.status).toBe('not-applicable');
    expect(by.leverage!.status).toBe('not-applicable');
  });
});
