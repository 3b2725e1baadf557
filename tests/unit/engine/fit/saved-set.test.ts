import { describe, expect, it } from 'vitest';
import { savedSetForm, SAVABLE_FIT_LAW_IDS, FIT_LAWS } from '../../../../src-main/engine/fit';

describe('savedSetForm', () => {
  it('exactly the savable laws are savable', () => {
    const sample: Record<string, number> = { m: 400, mu: -0.3, n: 900, nu: -0.3, c: 1.7 };
    for (const law of FIT_LAWS) expect(savedSetForm(law, sample).savable, law).toBe(SAVABLE_FIT_LAW_IDS.includes(law));
  });

  it('maps the per-E form onto Chinchilla so that both predict the same loss', () => {
    const c = { m: 512, mu: -0.31, n: 1400, nu: -0.29, c: 1.62 };
    const form = savedSetForm('per-e', c);
    if (!form.savable) throw new Error(form.reason);
    expect(form.law).toBe('chinchilla');
    const { A, B, E, alpha, beta } = form.values as { A: number; B: number; E: number; alpha: number; beta: number };
    for (const [N, D] of [[1e8, 1e9], [5e9, 2e11]] as const) {
      expect(E + A / N ** alpha + B / D ** beta).toBeCloseTo(c.m * N ** c.mu + c.n * D ** c.nu + c.c, 12);
    }
  });

  it('refuses a per-E fit whose exponents do not make loss fall, naming them', () => {
    const form = savedSetForm('per-e', { m: 10, mu: 0.02, n: 900, nu: -0.3, c: 1.7 });
    expect(form.savable).toBe(false);
    if (!form.savable) expect(form.reason).toMatch(/μ = 0\.02/);
  });

  it('keeps the keys of laws the wizards read directly', () => {
    const joint = { a: 1, b: 2 };
    expect(savedSetForm('joint', joint)).toEqual({ savable: true, law: 'joint', values: joint, mapping: null });
  });
});
