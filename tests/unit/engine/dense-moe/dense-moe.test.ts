import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  calibrateFromFit,
  calibrateFromPoint,
  dataUtilisationComparison,
  denseMoeCurve,
  denseMoeModel,
  denseMoeOptimum,
} from '../../../../src-main/engine/dense-moe';

describe('dense vs MoE: the partial (exponents-only) set', () => {
  it('reproduces the 16.37% data-utilisation figure: (0.590 − 0.507)/0.507', () => {
    const r = dataUtilisationComparison();
    expect(r.relativeGain).toBeCloseTo(0.1637, 4);
    expect(r.moe.nExp).toBe(0.59);
    expect(r.dense.nExp).toBe(0.507);
    expect(r.moe.nExp + r.moe.dExp).toBeCloseTo(1, 12);
    expect(r.dense.nExp + r.dense.dExp).toBeCloseTo(1, 12);
  });

  it('refuses absolute numbers until calibrated, carrying only the exponents', () => {
    const model = denseMoeModel();
    for (const arch of ['dense', 'moe'] as const) {
      const r = denseMoeOptimum(model, arch, 1e21);
      expect(r.calibrated).toBe(false);
      if (r.calibrated) continue;
      expect(r.reason).toMatch(/calibrate/);
      expect(Object.keys(r).sort()).toEqual(['architecture', 'calibrated', 'exponents', 'reason']);
      const curve = denseMoeCurve(model, arch, [1e20, 1e21]);
      expect(curve.calibrated).toBe(false);
    }
  });

  it('calibrating one architecture leaves the other refusing', () => {
    const model = calibrateFromPoint(denseMoeModel(), 'dense', { flops: 1e21, flopsPerToken: 6e9 });
    expect(denseMoeOptimum(model, 'dense', 1e21).calibrated).toBe(true);
    expect(denseMoeOptimum(model, 'moe', 1e21).calibrated).toBe(false);
  });
});

describe('dense vs MoE: calibration from one compute-optimal point', () => {
  it('passes through the point and scales N_opt by 10^0.590 (MoE) or 10^0.507 (dense) per decade', () => {
    let model = calibrateFromPoint(denseMoeModel(), 'moe', { flops: 1e21, flopsPerToken: 4e9 });
    model = calibrateFromPoint(model, 'dense', { flops: 1e21, tokens: 2e11 });
    const moe = denseMoeOptimum(model, 'moe', 1e21);
    const dense = denseMoeOptimum(model, 'dense', 1e21);
    if (!moe.calibrated || !dense.calibrated) throw new Error('expected calibrated');
    expect(moe.flopsPerToken).toBeCloseTo(4e9, -1);
    expect(moe.tokens).toBeCloseTo(2.5e11, -2);
    expect(dense.tokens).toBeCloseTo(2e11, -2);
    expect(dense.flopsPerToken).toBeCloseTo(5e9, -1);

    const moe10 = denseMoeOptimum(model, 'moe', 1e22);
    const dense10 = denseMoeOptimum(model, 'dense', 1e22);
    if (!moe10.calibrated || !dense10.calibrated) throw new Error('expected calibrated');
    expect(moe10.flopsPerToken / moe.flopsPerToken).toBeCloseTo(3.8905, 3); // 10^0.59
    expect(dense10.flopsPerToken / dense.flopsPerToken).toBeCloseTo(3.2137, 3); // 10^0.507
    expect(moe10.tokens / moe.tokens).toBeCloseTo(2.5704, 3); // 10^0.41
    expect(moe10.calibrationSource).toBe('compute-optimal-point');
  });

  it('C = N·D at every budget, and an MoE anchored at the same point grows N faster and D slower (property)', () => {
    let model = calibrateFromPoint(denseMoeModel(), 'moe', { flops: 1e20, flopsPerToken: 3e9 });
    model = calibrateFromPoint(model, 'dense', { flops: 1e20, flopsPerToken: 3e9 });
    fc.assert(
      fc.property(fc.double({ min: 20.01, max: 25, noNaN: true }), (logC) => {
        const C = 10 ** logC;
        const m = denseMoeOptimum(model, 'moe', C);
        const d = denseMoeOptimum(model, 'dense', C);
        if (!m.calibrated || !d.calibrated) throw new Error('expected calibrated');
        expect((m.flopsPerToken * m.tokens) / C).toBeCloseTo(1, 9);
        expect((d.flopsPerToken * d.tokens) / C).toBeCloseTo(1, 9);
        expect(m.flopsPerToken).toBeGreaterThan(d.flopsPerToken);
        expect(m.tokens).toBeLessThan(d.tokens);
      }),
    );
  });

  it('warns when a budget is more than 100x from the calibration point', () => {
    const model = calibrateFromPoint(denseMoeModel(), 'moe', { flops: 1e20, flopsPerToken: 3e9 });
    const near = denseMoeOptimum(model, 'moe', 5e21);
    const far = denseMoeOptimum(model, 'moe', 1e23);
    expect(near.calibrated && near.flags).toEqual([]);
    expect(far.calibrated && far.flags.map((f) => f.code)).toEqual(['dense-moe-far-from-calibration']);
  });

  it('rejects ambiguous or invalid points, naming the field', () => {
    const m = denseMoeModel();
    expect(() => calibrateFromPoint(m, 'moe', { flops: 1e21 })).toThrow(/flopsPerToken/);
    expect(() => calibrateFromPoint(m, 'moe', { flops: 1e21, flopsPerToken: 1e9, tokens: 1e12 })).toThrow(/flopsPerToken/);
    expect(() => calibrateFromPoint(m, 'moe', { flops: -1, tokens: 1e12 })).toThrow(/flops/);
    expect(() => calibrateFromPoint(m, 'moe', { flops: 1e21, tokens: 0 })).toThrow(/tokens/);
    expect(() => calibrateFromPoint(m, 'hybrid' as 'moe', { flops: 1e21, tokens: 1e12 })).toThrow(/architecture/);
  });
});

describe('dense vs MoE: calibration from a user fit of L = A/(N^α·E^γ) + B/D^β + σ', () => {
  const fit = { A: 300, B: 900, alpha: 0.3, beta: (0.3 * 0.59) / 0.41, sigma: 1.7, gamma: 0.05, experts: 8 };

  /** Brute force: golden-section on log N along C = N·D. */
  function bruteForceN(C: number, E: number, gamma: number): number {
    const L = (logN: number) => {
      const N = Math.exp(logN);
      return fit.A / (N ** fit.alpha * E ** gamma) + fit.B / (C / N) ** fit.beta + fit.sigma;
    };
    let lo = Math.log(1);
    let hi = Math.log(C);
    const phi = (Math.sqrt(5) - 1) / 2;
    for (let i = 0; i < 300; i++) {
      const a = hi - phi * (hi - lo);
      const b = lo + phi * (hi - lo);
      if (L(a) < L(b)) hi = b;
      else lo = a;
    }
    return Math.exp((lo + hi) / 2);
  }

  it('gives the minimum of the fitted loss along C = N·D (brute force), for MoE and for dense (E = 1)', () => {
    let model = calibrateFromFit(denseMoeModel(), 'moe', fit);
    model = calibrateFromFit(model, 'dense', { A: fit.A, B: fit.B, alpha: fit.alpha, beta: fit.beta, sigma: fit.sigma });
    for (const C of [1e19, 1e21, 1e23]) {
      const m = denseMoeOptimum(model, 'moe', C);
      const d = denseMoeOptimum(model, 'dense', C);
      if (!m.calibrated || !d.calibrated) throw new Error('expected calibrated');
      expect(Math.abs(m.flopsPerToken / bruteForceN(C, 8, 0.05) - 1)).toBeLessThan(1e-6);
      expect(Math.abs(d.flopsPerToken / bruteForceN(C, 1, 0) - 1)).toBeLessThan(1e-6);
      expect(m.calibrationSource).toBe('user-fit');
      expect(m.flags).toEqual([]);
    }
  });

  it('takes its exponents from the fit: β/(α+β) = 0.59 here', () => {
    const model = calibrateFromFit(denseMoeModel(), 'moe', fit);
    expect(model.calibration.moe?.nExp).toBeCloseTo(0.59, 12);
    const curve = denseMoeCurve(model, 'moe', [1e20, 1e21]);
    if (!curve.calibrated) throw new Error('expected calibrated');
    expect(curve.points[1]!.flopsPerToken / curve.points[0]!.flopsPerToken).toBeCloseTo(10 ** 0.59, 9);
  });

  it('needs E and γ for an MoE fit, and positive constants, naming the field', () => {
    const m = denseMoeModel();
    expect(() => calibrateFromFit(m, 'moe', { ...fit, experts: undefined })).toThrow(/fit.experts/);
    expect(() => calibrateFromFit(m, 'moe', { ...fit, gamma: undefined })).toThrow(/fit.gamma/);
    expect(() => calibrateFromFit(m, 'dense', { ...fit, alpha: 0 })).toThrow(/fit.alpha/);
    expect(() => calibrateFromFit(m, 'dense', { ...fit, sigma: -1 })).toThrow(/fit.sigma/);
  });
});
