import { describe, expect, it } from 'vitest';
import { computeOptimum, isoFlopSweep, jointCoefficients, memorySweep, optimalExpertTable, perExpertLaw, planInferenceOptimal, planMemoryOptimal, savingsSweep } from '../../../../src-main/engine/joint';
import { lossRef, rel } from './helpers';

const k = jointCoefficients();
const GIB = 2 ** 30;
const logspace = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a * Math.pow(b / a, i / (n - 1)));

describe('iso-FLOP sweep (Fig. 2a)', () => {
  it('puts every point on the line and the lowest loss at the optimum', () => {
    const s = isoFlopSweep({ flops: 1e21, experts: [1, 8, 32], points: 41 });
    expect(s.series).toHaveLength(3);
    for (const ser of s.series) {
      for (const p of ser.points) {
        expect(rel(6 * p.nAct * p.tokens, 1e21)).toBeLessThan(1e-12);
        expect(rel(p.loss, lossRef(p.nAct, p.tokens, ser.experts))).toBeLessThan(1e-12);
        expect(p.loss).toBeGreaterThanOrEqual(ser.optimum.loss - 1e-12);
      }
      expect(rel(ser.points[20]!.nAct, ser.optimum.nAct)).toBeLessThan(1e-12);
    }
  });
});

describe('loss versus memory (Fig. 1a, 3)', () => {
  const budgets = logspace(1e9, 1e12, 200);

  it('stops each curve at its compute-optimal point and falls with memory up to it', () => {
    const s = memorySweep({ flops: 1e22, memoryBudgets: budgets, memoryMode: 'model' });
    expect(s.series.map((x) => x.experts)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    for (const ser of s.series) {
      const pts = ser.points;
      expect(pts.at(-1)!.memoryBytes).toBe(ser.optimumMemoryBytes);
      expect(rel(pts.at(-1)!.nAct, computeOptimum(perExpertLaw(ser.experts, k), 1e22).nAct)).toBeLessThan(1e-12);
      for (let i = 1; i < pts.length; i++) {
        expect(pts[i]!.memoryBytes).toBeGreaterThan(pts[i - 1]!.memoryBytes);
        expect(pts[i]!.memoryBytes).toBeLessThanOrEqual(ser.optimumMemoryBytes);
        expect(pts[i]!.loss).toBeLessThan(pts[i - 1]!.loss);
      }
    }
  });

  it('names the same best E as the memory-optimal plan at every budget, model-only and total memory, with inference tokens', () => {
    for (const opts of [
      { memoryMode: 'model' as const },
      { memoryMode: 'total' as const, kvTokens: 8192 },
      { memoryMode: 'total' as const, kvTokens: 8192, inferenceTokens: 100e9 },
    ]) {
      const few = logspace(3e9, 3e11, 9);
      const s = memorySweep({ flops: 5e22, memoryBudgets: few, ...opts });
      for (const b of s.bestByBudget) {
        const plan = opts.inferenceTokens
          ? null
          : planMemoryOptimal({ flops: 5e22, memoryBytes: b.memoryBytes, memoryMode: opts.memoryMode, ...(opts.kvTokens ? { kvTokens: opts.kvTokens } : {}) });
        if (plan) {
          expect(b.experts).toBe(plan.best!.experts);
          expect(rel(b.loss!, plan.best!.loss)).toBeLessThan(1e-9);
        }
        expect(b.loss).not.toBeNull();
      }
    }
  });

  it('more memory never favours fewer experts (the shaded regions of Fig. 1a run from dense to many experts)', () => {
    const s = memorySweep({ flops: 1e22, memoryBudgets: budgets, memoryMode: 'model', experts: [1, 2, 4, 8, 16, 32] });
    const es = s.bestByBudget.map((b) => b.experts!);
    for (let i = 1; i < es.length; i++) expect(es[i]!).toBeGreaterThanOrEqual(es[i - 1]!);
    expect(es[0]).toBe(1);
    expect(es.at(-1)).toBe(32);
  });

  it('leaves out budgets where nothing fits instead of returning NaN', () => {
    const s = memorySweep({ flops: 1e20, memoryBudgets: [1e3, 1e10] });
    expect(s.bestByBudget[0]).toEqual({ memoryBytes: 1e3, experts: null, loss: null });
    expect(JSON.stringify(s)).not.toContain('NaN');
  });
});

describe('savings sweep and the optimal-E table', () => {
  it('savings per E at each budget match the dense comparison and rise with E', () => {
    const s = savingsSweep({ budgets: [1e19, 1e21, 1e23], experts: [1, 4, 16] });
    const at = (e: number) => s.series.find((x) => x.experts === e)!.points;
    for (let i = 0; i < 3; i++) {
      expect(at(4)[i]!.savings).toBeGreaterThan(at(1)[i]!.savings);
      expect(at(16)[i]!.savings).toBeGreaterThan(at(4)[i]!.savings);
    }
  });

  it('Table 2: optimal E grows with device memory and shrinks with training budget (16k KV tokens, bf16)', () => {
    const t = optimalExpertTable({ budgets: [1e20, 1e21, 1e22, 1e23, 1e24] });
    expect(t.memories.map((m) => m.bytes)).toEqual([24 * GIB, 80 * GIB, 640 * GIB]);
    for (const row of t.rows) {
      for (let j = 1; j < row.cells.length; j++) expect(row.cells[j]!.experts!).toBeGreaterThanOrEqual(row.cells[j - 1]!.experts!);
      for (const c of row.cells) {
        expect(c.feasible).toBe(true);
        expect(c.nTotal! * 2).toBeLessThan(c.memoryBytes);
      }
    }
    for (let j = 0; j < 3; j++) {
      for (let i = 1; i < t.rows.length; i++) expect(t.rows[i]!.cells[j]!.experts!).toBeLessThanOrEqual(t.rows[i - 1]!.cells[j]!.experts!);
    }
    // A 24 GiB card cannot hold a useful MoE at 1e24 FLOPs; it can at 1e20.
    expect(t.rows.at(-1)!.cells[0]!.experts).toBe(1);
    expect(t.rows[0]!.cells[0]!.experts).toBeGreaterThan(1);
  });

  it('each table cell is the best candidate of the full plan for that budget and memory, with and without inference', () => {
    for (const inferenceTokens of [0, 100e9]) {
      const t = optimalExpertTable({ budgets: [1e21, 1e23], inferenceTokens });
      for (const row of t.rows) {
        for (const cell of row.cells) {
          const plan = inferenceTokens
            ? planInferenceOptimal({ flops: row.flops, inferenceTokens, memoryBytes: cell.memoryBytes })
            : planMemoryOptimal({ flops: row.flops, memoryBytes: cell.memoryBytes });
          expect(cell.experts).toBe(plan.best!.experts);
          expect(cell.loss).toBe(plan.best!.loss);
          expect(cell.nTotal).toBe(plan.best!.nTotal);
          expect(cell.bindingConstraint).toBe(plan.best!.bindingConstraint);
        }
      }
    }
  });
});
