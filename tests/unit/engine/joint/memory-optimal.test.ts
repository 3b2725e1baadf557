import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countParameters, exactShapeForTotal, memoryFootprint } from '../../../../src-main/engine/accounting';
import { computeOptimum, jointCoefficients, perExpertLaw, planComputeOptimal, planMemoryOptimal, type FeasibleCandidate } from '../../../../src-main/engine/joint';
import { gridArgmin, lossRef, rel } from './helpers';

const k = jointCoefficients();
const feasible = (c: { feasible: boolean }): c is FeasibleCandidate => c.feasible;

describe('the paper’s App. C example', () => {
  it('E = 16 matched to a 1B dense model on 10B tokens in FLOPs and memory: ≈155M active on ≈64B tokens, ≈414 tokens/param', () => {
    // 1B parameters of bf16 weights; compute of the dense run, 6 · 1e9 · 10e9.
    const p = planMemoryOptimal({ flops: 6 * 1e9 * 10e9, memoryBytes: 2e9, memoryMode: 'model', experts: [16] });
    const c = p.candidates[0]!;
    if (!feasible(c)) throw new Error(c.reason);
    expect(c.bindingConstraint).toBe('memory');
    expect(c.nAct / 1e6).toBeCloseTo(155, 0);
    expect(c.tokens / 1e9).toBeGreaterThan(63.5);
    expect(c.tokens / 1e9).toBeLessThan(65);
    expect(Math.round(c.tokensPerParam)).toBe(414);
    expect(c.flags.map((f) => f.code)).toContain('joint-tokensPerParam-above-fitted');
  });
});

describe('memory-optimal plans', () => {
  const budgets = fc.double({ min: 1e19, max: 1e24, noNaN: true });
  const memory = fc.double({ min: 2e8, max: 2e13, noNaN: true });
  const mode = fc.constantFrom('model' as const, 'total' as const);

  it('never exceed the budget, for the exact or the buildable shape', () => {
    fc.assert(
      fc.property(budgets, memory, mode, fc.constantFrom(0, 4096, 16_384, 65_536), (f, m, md, t) => {
        const p = planMemoryOptimal({ flops: f, memoryBytes: m, memoryMode: md, kvTokens: t });
        for (const c of p.candidates) {
          if (!c.feasible) continue;
          expect(c.memory.countedBytes).toBeLessThanOrEqual(m * (1 + 1e-9));
          expect(c.buildable.memory.countedBytes).toBeLessThanOrEqual(m);
          expect(c.buildable.fits).toBe(true);
          expect(c.buildable.shape.dModel % 64).toBe(0);
          expect(c.memory.countedBytes).toBe(md === 'model' ? c.memory.weightsBytes : c.memory.totalBytes);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('are the compute optimum when it fits, and otherwise no model that fits on the iso-FLOP line does better', () => {
    fc.assert(
      fc.property(budgets, memory, fc.constantFrom(1, 2, 4, 8, 16, 32), (f, m, e) => {
        const c = planMemoryOptimal({ flops: f, memoryBytes: m, memoryMode: 'model', experts: [e] }).candidates[0]!;
        if (!feasible(c)) return;
        const opt = computeOptimum(perExpertLaw(e, k), f);
        if (c.bindingConstraint === 'compute') {
          expect(rel(c.nAct, opt.nAct)).toBeLessThan(1e-12);
        } else {
          expect(c.nAct).toBeLessThan(opt.nAct);
          // Brute force over models that fit: bf16 weights ≤ m means N_total ≤ m/2.
          const nActMax = countParameters(exactShapeForTotal(m / 2, e)).nAct;
          const brute = gridArgmin((n) => lossRef(n, f / (6 * n), e), nActMax / 1e4, nActMax, 3000);
          expect(c.loss).toBeLessThanOrEqual(lossRef(brute, f / (6 * brute), e) + 1e-12);
          expect(rel(c.nAct, nActMax)).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('counting the KV cache leaves less room for the model than counting weights only', () => {
    const model = planMemoryOptimal({ flops: 1e23, memoryBytes: 80 * 2 ** 30, memoryMode: 'model', experts: [8] }).candidates[0]!;
    const total = planMemoryOptimal({ flops: 1e23, memoryBytes: 80 * 2 ** 30, memoryMode: 'total', experts: [8] }).candidates[0]!;
    if (!feasible(model) || !feasible(total)) throw new Error('expected feasible');
    expect(total.nAct).toBeLessThan(model.nAct);
    const fp = memoryFootprint(total.nTotal, total.shape, 16_384, { bytesPerWeight: 2, bytesPerKvValue: 2 });
    expect(rel(fp.totalBytes, 80 * 2 ** 30)).toBeLessThan(1e-9);
  });

  it('agree with the compute plan when memory is plentiful', () => {
    const free = planComputeOptimal({ flops: 1e20 });
    const capped = planMemoryOptimal({ flops: 1e20, memoryBytes: 1e15 });
    expect(capped.best!.experts).toBe(free.best!.experts);
    expect(capped.best!.nAct).toBe(free.best!.nAct);
    expect(capped.candidates.every((c) => c.feasible && c.bindingConstraint === 'compute')).toBe(true);
  });

  it('Finding 3: under a tight memory budget an MoE can still be the best choice', () => {
    // Fig. 1a at 1e22 FLOPs: the MoE curves beat dense well below the dense compute-optimal size.
    const denseOptBytes = 2 * computeOptimum(perExpertLaw(1, k), 1e22).nAct;
    const p = planMemoryOptimal({ flops: 1e22, memoryBytes: denseOptBytes / 2, memoryMode: 'model', experts: [1, 2, 4, 8] });
    expect(p.best!.experts).toBeGreaterThan(1);
  });

  it('report an infeasible request with a reason instead of NaN', () => {
    const p = planMemoryOptimal({ flops: 1e21, memoryBytes: 1e6 });
    expect(p.feasible).toBe(false);
    expect(p.best).toBeNull();
    expect(p.reason).toMatch(/Nothing fits/);
    // One reason, not seven: the first E's, then which others fail (each keeps its own).
    expect(p.reason!.match(/Nothing fits/g)).toHaveLength(1);
    expect(p.reason).toContain(`E = ${p.candidates.slice(1).map((c) => c.experts).join(', ')}`);
    for (const c of p.candidates) {
      expect(c.feasible).toBe(false);
      if (!c.feasible) expect(c.reason).toMatch(/smallest buildable/);
    }
    expect(JSON.stringify(p)).not.toContain('NaN');
  });

  it('reject invalid budgets naming the field', () => {
    expect(() => planMemoryOptimal({ flops: 1e21, memoryBytes: 0 })).toThrow(/memoryBytes/);
    expect(() => planMemoryOptimal({ flops: 1e21, memoryBytes: 1e9, memoryMode: 'kv' as never })).toThrow(/memoryMode/);
  });
});
