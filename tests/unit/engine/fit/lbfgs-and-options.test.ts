/** The optimiser on problems with known minima, and input validation naming the field. */
import { describe, expect, it } from 'vitest';
import { fit, Lbfgs, prepareFit, type FitRun } from '../../../../src-main/engine/fit';
import { normals } from './helpers';

describe('Lbfgs', () => {
  it('minimises the Rosenbrock function to (1, 1)', () => {
    const opt = new Lbfgs(2, { gtol: 1e-10, ftol: 0 });
    const x = Float64Array.of(-1.2, 1);
    const r = opt.minimize((v, g) => {
      const a = v[0]!;
      const b = v[1]!;
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    }, x);
    expect(x[0]).toBeCloseTo(1, 6);
    expect(x[1]).toBeCloseTo(1, 6);
    expect(r.f).toBeLessThan(1e-12);
  });

  it('minimises a 10-dimensional ill-conditioned quadratic (condition number 10⁴)', () => {
    const n = 10;
    const opt = new Lbfgs(n, { gtol: 1e-9, ftol: 0, maxIterations: 2000 });
    const x = new Float64Array(n).fill(3);
    opt.minimize((v, g) => {
      let f = 0;
      for (let i = 0; i < n; i++) {
        const c = 10 ** ((4 * i) / (n - 1));
        f += 0.5 * c * (v[i]! - i) ** 2;
        g[i] = c * (v[i]! - i);
      }
      return f;
    }, x);
    for (let i = 0; i < n; i++) expect(x[i]).toBeCloseTo(i, 6);
  });

  it('steps back from regions where the objective is not finite', () => {
    const opt = new Lbfgs(1);
    const x = Float64Array.of(0.5);
    // f = x − ln(2 − x) style barrier: undefined for x ≥ 2, minimum at x = 1
    const r = opt.minimize((v, g) => {
      const t = v[0]!;
      if (t >= 2) return Infinity;
      g[0] = -1 + 1 / (2 - t);
      return -t - Math.log(2 - t);
    }, x);
    expect(x[0]).toBeCloseTo(1, 6);
    expect(Number.isFinite(r.f)).toBe(true);
  });

  it('keeps masked (fixed) components', () => {
    const opt = new Lbfgs(2);
    const x = Float64Array.of(5, 5);
    opt.minimize((v, g) => {
      g[0] = 2 * (v[0]! - 1);
      g[1] = 2 * (v[1]! - 2);
      return (v[0]! - 1) ** 2 + (v[1]! - 2) ** 2;
    }, x, Uint8Array.of(1, 0));
    expect(x[0]).toBeCloseTo(1, 6);
    expect(x[1]).toBe(5);
  });
});

describe('fit options', () => {
  const runs: FitRun[] = [];
  for (const N of [1e8, 3e8, 1e9, 3e9]) for (const D of [1e9, 1e10, 1e11]) runs.push({ nAct: N, tokens: D, loss: 1.7 + 400 / N ** 0.34 + 410 / D ** 0.28 });
  const z = normals(17);
  const noisy = runs.map((r) => ({ ...r, loss: r.loss * Math.exp(0.01 * z()) }));

  it('throws errors naming the field', () => {
    expect(() => prepareFit({ law: 'nope' as never, runs })).toThrow(/law/);
    expect(() => prepareFit({ law: 'chinchilla', runs, delta: 0 })).toThrow(/delta/);
    expect(() => prepareFit({ law: 'chinchilla', runs: [{ nAct: -1, tokens: 1, loss: 1 }] })).toThrow(/runs\[0\]\.nAct/);
    expect(() => prepareFit({ law: 'chinchilla', runs, grid: { zeta: [1] } })).toThrow(/grid\.zeta: "zeta" is not a parameter/);
    expect(() => prepareFit({ law: 'chinchilla', runs, grid: { A: [-1] } })).toThrow(/grid\.A\[0\] must be positive/);
    expect(() => prepareFit({ law: 'chinchilla', runs, grid: { a: [] } })).toThrow(/grid\.a/);
    expect(() => prepareFit({ law: 'chinchilla', runs, fixed: { E: 0 } })).toThrow(/fixed\.E/);
    expect(() => prepareFit({ law: 'chinchilla', runs, dropHighest: 1.5 })).toThrow(/dropHighest/);
    expect(() => prepareFit({ law: 'chinchilla', runs, holdout: { lowestLoss: -1 } })).toThrow(/holdout\.lowestLoss/);
    expect(() => prepareFit({ law: 'chinchilla', runs, holdout: { indices: [99] } })).toThrow(/holdout\.indices\[0\]/);
    expect(() => prepareFit({ law: 'chinchilla', runs, bootstrap: { samples: 10, confidence: 2 } })).toThrow(/bootstrap\.confidence/);
    expect(() => prepareFit({ law: 'chinchilla', runs: runs.slice(0, 3) })).toThrow(/3 training runs cannot determine 5/);
    expect(() => prepareFit({ law: 'comprehensive', runs })).toThrow(/runs\[0\]\.nTotal/);
    expect(() => prepareFit({ law: 'chinchilla', runs, experts: 8 })).toThrow(/experts/);
  });

  it('holds fixed coefficients at their values and fits the rest', () => {
    const r = fit({ law: 'chinchilla', runs, fixed: { E: 1.7 }, grid: { a: [5], b: [5], alpha: [0.5], beta: [0.5] } });
    expect(r.coefficients.E).toBe(1.7);
    expect(r.fixed).toEqual({ E: 1.7 });
    expect(r.coefficients.alpha).toBeCloseTo(0.34, 3);
    expect(r.coefficients.beta).toBeCloseTo(0.28, 3);
  });

  it('down-weights an outlier', () => {
    const bad = runs.map((r, i) => (i === 4 ? { ...r, loss: r.loss * 1.3 } : r));
    const r = fit({ law: 'chinchilla', runs: bad, outliers: { threshold: 3 } });
    const w = r.residuals.map((x) => x.weight);
    expect(w[4]).toBeLessThan(0.2);
    expect(Math.min(...w.filter((_, i) => i !== 4))).toBeGreaterThan(0.5);
    expect(r.coefficients.alpha).toBeCloseTo(0.34, 1);
  });

  it('bootstrap intervals are reproducible from the seed', () => {
    const a = fit({ law: 'chinchilla', runs: noisy, bootstrap: { samples: 10, seed: 4 } });
    const b = fit({ law: 'chinchilla', runs: noisy, bootstrap: { samples: 10, seed: 4 } });
    const c = fit({ law: 'chinchilla', runs: noisy, bootstrap: { samples: 10, seed: 5 } });
    expect(a.intervals).toEqual(b.intervals);
    expect(a.intervals).not.toEqual(c.intervals);
  });
});
