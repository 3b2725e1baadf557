/**
 * A fit's explanation against the fitter: for every law the fitter fits, the fitted law's tree at
 * each run gives the loss the fitter predicted for it and its residual, and the quality tree gives
 * the fitter's own Huber objective and RMSE, on runs drawn from a known law (with noise) and fitted
 * from a one-point grid.
 */
import { describe, expect, it } from 'vitest';
import { publishedSet } from '../../../../src-main/engine/common/coefficients';
import { fit, lossModel, type FitLawId, type FitRun } from '../../../../src-main/engine/fit';
import { evaluate, explainFitQuality, explainFitRun, type FitToExplain } from '../../../../src-main/engine/explain';
import { headline, randomInputs, relClose } from './checks';

const joint = publishedSet('ludziejewski2025-joint').values;
const comprehensive = publishedSet('moe-comprehensive-2025').values;
const TRUTH: Record<FitLawId, Record<string, number>> = {
  chinchilla: publishedSet('besiroglu2024').values,
  joint,
  'per-e': { m: 35.91 * 3 ** -0.2285, mu: -0.18, n: 35.98 * 3 ** 0.5529, nu: -0.2, c: 1.3637 },
  comprehensive,
  'dense-moe': { A: 300, alpha: 0.3, gamma: 0.05, B: 400, beta: 0.3, sigma: 1.7 },
};

/** 24 runs whose losses the fitter's own prediction at the truth gives, each off by up to ±1 %. */
function runsFor(law: FitLawId): FitRun[] {
  const { rng, logUniform, pick } = randomInputs(7);
  const runs: FitRun[] = Array.from({ length: 24 }, () => {
    const nAct = logUniform(5e7, 2e9);
    const r: FitRun = { nAct, tokens: nAct * logUniform(5, 80), loss: 1, experts: law === 'per-e' ? 8 : pick([1, 2, 4, 8, 16]) };
    if (law === 'comprehensive') Object.assign(r, { nTotal: nAct * logUniform(2, 10), activatedExperts: pick([2, 4, 8]), sharedRatio: pick([0, 0.25, 0.5]) });
    return r;
  });
  const truth = fit({ law, runs: runs.map((r) => ({ ...r, loss: 3 })), grid: Object.fromEntries(Object.entries(TRUTH[law]).map(([k, v]) => [k, [v]])), replaceGrid: true, fixed: TRUTH[law] });
  return runs.map((r, i) => ({ ...r, loss: truth.residuals[i]!.predictedLoss * (1 + 0.01 * (2 * rng() - 1)) }));
}

describe('a fit explained', () => {
  for (const law of ['chinchilla', 'joint', 'per-e', 'comprehensive', 'dense-moe'] as const) {
    it(`${law}: the fitted law at every run gives the fitter's predicted loss and residual; the quality tree its objective and RMSE`, () => {
      const runs = runsFor(law);
      const fixed = law === 'joint' ? { eStart: joint.eStart!, eMax: joint.eMax! } : undefined;
      const r = fit({ law, runs, grid: Object.fromEntries(Object.entries(TRUTH[law]).map(([k, v]) => [k, [v]])), replaceGrid: true, ...(fixed ? { fixed } : {}) });
      const explained: FitToExplain = { ...r, coefficientOrder: lossModel(law).coefficients, residuals: r.residuals.map((x) => ({ ...x, label: x.label ?? null })), experts: r.experts ?? null, bootstrap: null };
      runs.forEach((run, i) => {
        const e = explainFitRun(explained, run, i, 'a test');
        relClose(headline(e, 'L'), r.residuals[i]!.predictedLoss, 1e-10);
        expect(headline(e, 'r')).toBeCloseTo(r.residuals[i]!.residual, 10);
      });
      const q = explainFitQuality(explained);
      relClose(headline(q, 'J'), r.objective, 1e-9);
      relClose(headline(q, 'RMSE_train'), r.rmseTrain, 1e-10);
      relClose(headline(q, 'r_max'), r.maxError, 1e-12);
      expect(evaluate(q.headline[0]!)).toBeGreaterThan(0);
    });
  }
});
