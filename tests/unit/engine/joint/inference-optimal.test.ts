import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeOptimum, inferenceOptimum, jointCoefficients, perExpertLaw, planInferenceOptimal } from '../../../../src-main/engine/joint';
import { argminLog, gridArgmin, lossRef, rel } from './helpers';

const k = jointCoefficients();

describe('inference-optimal allocation (6·N·D + 2·N·D_inf = F)', () => {
  const budgets = fc.double({ min: 1e20, max: 1e25, noNaN: true });
  const experts = fc.constantFrom(1, 2, 4, 8, 16, 32);

  it('matches brute force along the joint training-plus-inference line', () => {
    fc.assert(
      fc.property(budgets, fc.double({ min: 1e-3, max: 0.9, noNaN: true }), experts, (f, share, e) => {
        // D_inf chosen so that serving the compute-optimal model would use `share` of F.
        const nOpt = computeOptimum(perExpertLaw(e, k), f).nAct;
        const dInf = (share * f) / (2 * nOpt);
        const along = (n: number) => lossRef(n, (f - 2 * n * dInf) / (6 * n), e);
        const nCap = f / (2 * dInf);
        const brute = argminLog(along, nCap * 1e-8, nCap * (1 - 1e-9));
        const o = inferenceOptimum(perExpertLaw(e, k), f, dInf);
        expect(rel(o.nAct, brute)).toBeLessThan(1e-4);
        expect(rel(6 * o.nAct * o.tokens + 2 * o.nAct * dInf, f)).toBeLessThan(1e-12);
        expect(o.nAct).toBeLessThan(nOpt);
      }),
      { numRuns: 60 },
    );
  });

  it('is unimodal along the line (one sign change of the slope on a grid)', () => {
    const f = 5e22;
    const dInf = 100e9;
    const along = (n: number) => lossRef(n, (f - 2 * n * dInf) / (6 * n), 8);
    const nCap = f / (2 * dInf);
    let changes = 0;
    let prev = along(nCap * 1e-6);
    let falling = true;
    for (let i = 1; i <= 5000; i++) {
      const v = along(nCap * 1e-6 * Math.pow(1e6 * (1 - 1e-9), i / 5000));
      if (falling && v > prev) {
        falling = false;
        changes++;
      } else if (!falling && v < prev) changes++;
      prev = v;
    }
    expect(changes).toBe(1);
    expect(rel(inferenceOptimum(perExpertLaw(8, k), f, dInf).nAct, gridArgmin(along, nCap * 1e-6, nCap * (1 - 1e-9), 20000))).toBeLessThan(3e-3);
  });

  it('tends to the compute optimum as inference tokens vanish', () => {
    const law = perExpertLaw(4, k);
    expect(rel(inferenceOptimum(law, 1e22, 1).nAct, computeOptimum(law, 1e22).nAct)).toBeLessThan(1e-6);
  });

  it('plans Fig. 3c: 5e22 FLOPs shared with 100B inference tokens, every candidate on budget and smaller than without inference', () => {
    const p = planInferenceOptimal({ flops: 5e22, inferenceTokens: 100e9 });
    const plain = planComputeOptimal5e22();
    for (const c of p.candidates) {
      if (!c.feasible) throw new Error(c.reason);
      expect(rel(c.trainingFlops + c.inferenceFlops, 5e22)).toBeLessThan(1e-12);
      expect(c.nAct).toBeLessThan(plain.get(c.experts)!);
    }
  });

  it('is infeasible, with a reason, when inference alone uses up the budget', () => {
    const p = planInferenceOptimal({ flops: 1e18, inferenceTokens: 1e12 });
    expect(p.feasible).toBe(false);
    for (const c of p.candidates) if (!c.feasible) expect(c.reason).toMatch(/uses up the .* FLOP budget/);
    expect(JSON.stringify(p)).not.toContain('NaN');
  });

  it('respects an optional memory cap and says when memory binds', () => {
    const p = planInferenceOptimal({ flops: 5e22, inferenceTokens: 100e9, memoryBytes: 24 * 2 ** 30, experts: [1, 8] });
    for (const c of p.candidates) {
      if (!c.feasible) throw new Error(c.reason);
      expect(c.bindingConstraint).toBe('memory');
      expect(c.memory.countedBytes).toBeLessThanOrEqual(24 * 2 ** 30 * (1 + 1e-9));
      expect(rel(c.trainingFlops + c.inferenceFlops, 5e22)).toBeLessThan(1e-12);
    }
  });

  it('rejects invalid inference tokens naming the field', () => {
    expect(() => planInferenceOptimal({ flops: 1e22, inferenceTokens: -1 })).toThrow(/inferenceTokens/);
  });
});

function planComputeOptimal5e22(): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of [1, 2, 4, 8, 16, 32, 64]) out.set(e, computeOptimum(perExpertLaw(e, k), 5e22).nAct);
  return out;
}
