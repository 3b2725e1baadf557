/** Issue 8: analytic gradients of every law's objective match central finite differences. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lossModel, type FitLawId, type FitRun } from '../../../../src-main/engine/fit';
import { logspace, normals } from './helpers';

/** Runs around a law's plausible range, with losses scattered so both Huber regimes occur. */
function runsFor(law: FitLawId, seed: number): FitRun[] {
  const z = normals(seed);
  const out: FitRun[] = [];
  const Ns = logspace(1e8, 3e9, 4);
  const Ds = logspace(1e9, 1e11, 4);
  const Es = law === 'chinchilla' || law === 'per-e' ? [1] : [1, 4, 32];
  for (const N of Ns)
    for (const D of Ds)
      for (const E of Es) {
        const run: FitRun = { nAct: N, tokens: D, experts: E, loss: 2.5 * Math.exp(0.05 * z()) };
        if (law === 'comprehensive') Object.assign(run, { nTotal: N * (2 + E), activatedExperts: 1 + (E % 7), sharedRatio: 0.25 });
        out.push(run);
      }
  return out;
}

/** A base parameter point (theta units) per law. */
const BASE: Record<FitLawId, number[]> = {
  chinchilla: [Math.log(406.4), Math.log(410.7), Math.log(1.69), 0.34, 0.28],
  'per-e': [Math.log(35), -0.19, Math.log(36), -0.18, Math.log(1.36)],
  'dense-moe': [Math.log(400), 0.34, 0.05, Math.log(400), 0.28, Math.log(1.7)],
  joint: [Math.log(35.91), -0.1889, -0.2285, 0.0098, Math.log(35.98), -0.1775, 0.5529, -0.0259, Math.log(2.0732), Math.log(290.4521), Math.log(1.3637)],
  comprehensive: [0.1577, 7.2446, 5.1395, -3.2363, 0.0013, 0.045, Math.log(38.051), 0.2383, Math.log(27129.05), 0.4694, Math.log(31.096), Math.log(1.8182)],
};

describe('analytic gradients match finite differences', () => {
  for (const law of Object.keys(BASE) as FitLawId[]) {
    it(law, () => {
      const model = lossModel(law);
      const p = model.params.length;
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -0.15, max: 0.15, noNaN: true }), { minLength: p, maxLength: p }),
          fc.integer({ min: 1, max: 1000 }),
          fc.constantFrom(1e-3, 1e-2, 0.05, 1),
          (perturb, seed, delta) => {
            const runs = runsFor(law, seed);
            const data = model.data(runs, new Array<boolean>(p).fill(false));
            // random non-uniform weights, as bootstrap and outlier weighting produce
            const u = normals(seed + 1);
            for (let i = 0; i < data.n; i++) data.w[i] = 0.5 + Math.abs(u());
            const theta = Float64Array.from(BASE[law], (v, j) => v + perturb[j]! * (Math.abs(v) > 1 ? 1 : 0.5));
            const z = new Float64Array(p);
            model.toInternal(theta, data.shifts, z);
            const g = new Float64Array(p);
            const f0 = model.objective(z, data, delta, g);
            expect(Number.isFinite(f0)).toBe(true);
            const scratch = new Float64Array(p);
            const gmax = Math.max(...Array.from(g, Math.abs));
            for (let j = 0; j < p; j++) {
              const h = 1e-6 * Math.max(1, Math.abs(z[j]!));
              const zp = Float64Array.from(z);
              const zm = Float64Array.from(z);
              zp[j] = z[j]! + h;
              zm[j] = z[j]! - h;
              const fd = (model.objective(zp, data, delta, scratch) - model.objective(zm, data, delta, scratch)) / (2 * h);
              // central differences: truncation O(h²), rounding ~ ε·f/h, and O(h) where a residual crosses ±δ
              const tol = 1e-6 * gmax + 1e-5 * Math.abs(fd) + (1e-15 * Math.abs(f0)) / h;
              expect(Math.abs(g[j]! - fd), `${law} d/d${model.params[j]!.name}: analytic ${g[j]} vs fd ${fd}`).toBeLessThanOrEqual(tol);
            }
          },
        ),
        { numRuns: 40, seed: 8 },
      );
    });
  }

  it('internal and parameter coordinates give the same predictions (centring is exact)', () => {
    for (const law of Object.keys(BASE) as FitLawId[]) {
      const model = lossModel(law);
      const p = model.params.length;
      const runs = runsFor(law, 3);
      const centred = model.data(runs, new Array<boolean>(p).fill(false));
      const raw = model.data(runs, new Array<boolean>(p).fill(false), new Float64Array(centred.shifts.length));
      const theta = Float64Array.from(BASE[law]);
      const z1 = new Float64Array(p);
      const z0 = new Float64Array(p);
      model.toInternal(theta, centred.shifts, z1);
      model.toInternal(theta, raw.shifts, z0);
      const a = new Float64Array(runs.length);
      const b = new Float64Array(runs.length);
      model.predict(z1, centred, a);
      model.predict(z0, raw, b);
      for (let i = 0; i < runs.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 10);
      const back = new Float64Array(p);
      model.toParams(z1, centred.shifts, back);
      for (let j = 0; j < p; j++) expect(back[j]).toBeCloseTo(theta[j]!, 12);
    }
  });
});
