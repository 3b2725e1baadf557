/**
 * Issue 8, criterion 4: on the Chinchilla data (drop the 5 highest-loss points, δ = 10⁻³, grid
 * of starts) the fit lands on the optimum a careful reference fit finds.
 *
 * Reference: Besiroglu et al. 2024 (arXiv 2404.10102) report A = 482.01, B = 2085.43,
 * E = 1.8172, α = 0.3478, β = 0.3658, with bootstrap standard errors A 124.58, B 1293.23,
 * E 0.03, α 0.02, β 0.02. Their numbers are rounded and were found by L-BFGS from a grid,
 * so we do not expect them digit for digit; we require (a) that our optimum is at least as
 * good as theirs under the same objective, and (b) that every coefficient lies within a
 * tenth of its published standard error of theirs — a tenth of the statistical uncertainty is
 * far below anything a planner could act on, yet tight enough to fail for any other basin
 * (Hoffmann et al.'s B = 410.7, β = 0.28 is ~1.3 SE away in B and 4 SE in β).
 */
import { describe, expect, it } from 'vitest';
import { fit, objectiveAt, type FitOptions } from '../../../../src-main/engine/fit';
import { chinchillaRuns, hasChinchilla } from './helpers';

const PUBLISHED = { A: 482.01, B: 2085.43, E: 1.8172, alpha: 0.3478, beta: 0.3658 };
const SE = { A: 124.58, B: 1293.23, E: 0.03, alpha: 0.02, beta: 0.02 };

describe.skipIf(!hasChinchilla)('Chinchilla replication fit', () => {
  const options: FitOptions = { law: 'chinchilla', runs: hasChinchilla ? chinchillaRuns() : [], dropHighest: 5, delta: 1e-3 };
  const result = hasChinchilla ? fit(options) : null!;

  it('uses 240 of the 245 points and the 4,500-start grid', () => {
    expect(result.counts).toMatchObject({ runs: 245, train: 240, dropped: 5 });
    expect(result.starts).toBe(4500);
    // the dropped points are the five highest losses
    const dropped = result.residuals.filter((r) => r.role === 'dropped').map((r) => r.observedLoss);
    const kept = result.residuals.filter((r) => r.role === 'train').map((r) => r.observedLoss);
    expect(Math.min(...dropped)).toBeGreaterThanOrEqual(Math.max(...kept));
  });

  it('lands within a tenth of a standard error of the published coefficients', () => {
    for (const k of Object.keys(PUBLISHED) as (keyof typeof PUBLISHED)[]) {
      expect(Math.abs(result.coefficients[k]! - PUBLISHED[k]), k).toBeLessThan(0.1 * SE[k]);
    }
  });

  it('has an objective no larger than the published point has', () => {
    const published = objectiveAt(options, PUBLISHED);
    expect(result.objective).toBeLessThanOrEqual(published);
    // and the objective is what the result says it is
    expect(objectiveAt(options, result.coefficients)).toBeCloseTo(result.objective, 12);
  });

  it('reports RMSE of ln L and per-run residuals consistent with the coefficients', () => {
    const c = result.coefficients;
    const train = result.residuals.filter((r) => r.role === 'train');
    const runs = options.runs;
    let ss = 0;
    for (const r of train) {
      const run = runs[r.index]!;
      const L = c.E! + c.A! / run.nAct ** c.alpha! + c.B! / run.tokens ** c.beta!;
      expect(r.predictedLoss).toBeCloseTo(L, 9);
      expect(r.residual).toBeCloseTo(Math.log(L) - Math.log(run.loss), 9);
      ss += r.residual ** 2;
    }
    expect(result.rmseTrain).toBeCloseTo(Math.sqrt(ss / train.length), 12);
    expect(result.residualScale).toBe('ln L');
    expect(result.rmseHoldout).toBeNull();
  });

  it('is no better from the published point itself (it is a local optimum)', () => {
    const again = fit({ ...options, grid: { A: [PUBLISHED.A], B: [PUBLISHED.B], E: [PUBLISHED.E], alpha: [PUBLISHED.alpha], beta: [PUBLISHED.beta] } });
    expect(again.objective).toBeGreaterThanOrEqual(result.objective - 1e-15);
  });
});
