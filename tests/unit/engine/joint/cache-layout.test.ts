/**
 * The Memory and Inference problems capped by the serving cache of a chosen attention layout
 * (LAWS.md §7). Expectations are the published per-token KV figures and a brute force over the
 * buildable grid with the cache written out independently, not the engine's own solver.
 */
import { describe, expect, it } from 'vitest';
import { buildableShape, kvCacheBytes, memoryFootprint, type CacheLayout } from '../../../../src-main/engine/accounting';
import { memorySweep, planInferenceOptimal, planMemoryOptimal, type FeasibleCandidate } from '../../../../src-main/engine/joint';

const feasible = (c: { feasible: boolean }): c is FeasibleCandidate => c.feasible;
const GQA8: CacheLayout = { kind: 'gqa', kvHeads: 8, headDim: 128 };
const MLA_V3: CacheLayout = { kind: 'mla', latentDim: 512, ropeDim: 64 };
const V = 50_257;

describe('KV bytes per token of a paper-rule shape under each layout hit the published figures', () => {
  // Per-token KV depends only on the block count and the layout, so a paper shape with the same
  // number of blocks caches exactly what the published model does.
  it('Llama-3-70B: 80 blocks, GQA 8 KV heads × 128, bf16 = 327,680 B/token', () => {
    expect(kvCacheBytes(buildableShape(80, 8), 1, 2, GQA8)).toBe(327_680);
  });
  it('Mixtral 8×7B: 32 blocks, GQA 8 × 128, bf16 = 131,072 B/token', () => {
    expect(kvCacheBytes(buildableShape(32, 8), 1, 2, GQA8)).toBe(131_072);
  });
  it('DeepSeek-V3: 61 blocks, MLA latent 512 + RoPE 64, bf16 = 70,272 B/token', () => {
    expect(kvCacheBytes(buildableShape(61, 8), 1, 2, MLA_V3)).toBe(70_272);
  });
  it('MHA is the paper’s 2·L·d_model unchanged, and the default', () => {
    const s = buildableShape(32, 4);
    expect(kvCacheBytes(s, 16_384, 2)).toBe(2 * 16_384 * 32 * 2048 * 2);
    expect(kvCacheBytes(s, 16_384, 2, { kind: 'mha' })).toBe(2 * 16_384 * 32 * 2048 * 2);
  });
  it('GQA never caches more than MHA: a model narrower than n_kv·d_head caches as MHA does', () => {
    const narrow = buildableShape(8, 1); // d_model 512 < 8 × 128
    expect(kvCacheBytes(narrow, 1, 2, GQA8)).toBe(kvCacheBytes(narrow, 1, 2));
  });
});

/** Independent memory of a buildable paper shape (LAWS.md §1, §7): bf16 weights plus the published KV formula. */
function servingBytes(heads: number, experts: number, layout: CacheLayout, kvTokens: number): number {
  const d = 64 * heads;
  const L = heads;
  const nTotal = 2 * V * d + L * (4 + 9 * experts) * d * d;
  const perToken = layout.kind === 'mha' ? 2 * L * d : layout.kind === 'gqa' ? 2 * L * layout.kvHeads * layout.headDim : L * (layout.latentDim + layout.ropeDim);
  return 2 * nTotal + 2 * perToken * kvTokens;
}

/** The largest buildable shape (whole heads) whose weights and cache fit, by walking the grid. */
function largestFitting(budget: number, experts: number, layout: CacheLayout, kvTokens: number): number {
  let best = 0;
  for (let h = 1; h <= 2000; h++) if (servingBytes(h, experts, layout, kvTokens) <= budget) best = h;
  return best;
}

describe('the memory cap honours the chosen layout (brute force over the buildable grid)', () => {
  const cases: Array<{ name: string; layout: CacheLayout; budget: number; kvTokens: number }> = [
    { name: 'GQA-8 × 128 on one H100 (80 GiB), 32k context', layout: GQA8, budget: 80 * 2 ** 30, kvTokens: 32_768 },
    { name: 'MLA 512 + 64 on 8×H100 (640 GiB × 0.9), 128k context', layout: MLA_V3, budget: 0.9 * 640 * 2 ** 30, kvTokens: 131_072 },
    { name: 'MQA (1 × 128) on an RTX 4090 (24 GiB), 16k context', layout: { kind: 'gqa', kvHeads: 1, headDim: 128 }, budget: 24 * 2 ** 30, kvTokens: 16_384 },
    { name: 'MHA on one H100, 16k context', layout: { kind: 'mha' }, budget: 80 * 2 ** 30, kvTokens: 16_384 },
  ];
  for (const t of cases) {
    it(`${t.name}: each memory-bound E builds the largest shape that fits`, () => {
      const p = planMemoryOptimal({ flops: 1e26, memoryBytes: t.budget, kvTokens: t.kvTokens, cacheLayout: t.layout, experts: [1, 4, 16, 64] });
      expect(p.cacheLayout).toEqual(t.layout);
      const bound = p.candidates.filter(feasible).filter((c) => c.bindingConstraint === 'memory');
      expect(bound.length).toBe(4);
      for (const c of bound) {
        const heads = largestFitting(t.budget, c.experts, t.layout, t.kvTokens);
        expect(c.buildable.shape.nHeads).toBe(heads);
        expect(c.buildable.memory.totalBytes).toBe(servingBytes(heads, c.experts, t.layout, t.kvTokens));
        // The exact shape sits on the budget: one more head does not fit, and it is at least the buildable one.
        expect(c.memory.totalBytes / t.budget).toBeCloseTo(1, 9);
        expect(c.shape.nHeads).toBeGreaterThanOrEqual(heads);
        expect(c.shape.nHeads).toBeLessThan(heads + 1);
      }
    });
  }

  it('a smaller cache lets every memory-bound E grow: MLA ≥ GQA-8 ≥ MHA at the same budget', () => {
    const plan = (cacheLayout: CacheLayout) => planMemoryOptimal({ flops: 1e24, memoryBytes: 80 * 2 ** 30, kvTokens: 65_536, cacheLayout, experts: [8] }).candidates[0]!;
    const [mha, gqa, mla] = [plan({ kind: 'mha' }), plan(GQA8), plan(MLA_V3)];
    if (!feasible(mha) || !feasible(gqa) || !feasible(mla)) throw new Error('expected feasible candidates');
    expect(gqa.nTotal).toBeGreaterThan(mha.nTotal);
    expect(mla.nTotal).toBeGreaterThan(gqa.nTotal);
    expect(gqa.loss).toBeLessThan(mha.loss);
  });

  it('model-only caps ignore the layout; the reported KV figures still use it', () => {
    const a = planMemoryOptimal({ flops: 1e23, memoryBytes: 80 * 2 ** 30, memoryMode: 'model', experts: [8] }).candidates[0]!;
    const b = planMemoryOptimal({ flops: 1e23, memoryBytes: 80 * 2 ** 30, memoryMode: 'model', cacheLayout: GQA8, experts: [8] }).candidates[0]!;
    if (!feasible(a) || !feasible(b)) throw new Error('expected feasible candidates');
    expect(b.nAct).toBe(a.nAct);
    expect(b.memory.kvBytes).toBe(memoryFootprint(b.nTotal, b.shape, 16_384, { bytesPerWeight: 2, bytesPerKvValue: 2 }, GQA8).kvBytes);
  });

  it('the inference problem’s cap takes the layout too', () => {
    const p = planInferenceOptimal({ flops: 1e24, inferenceTokens: 1e12, memoryBytes: 80 * 2 ** 30, kvTokens: 32_768, cacheLayout: GQA8, experts: [16] });
    const c = p.candidates[0]!;
    if (!feasible(c)) throw new Error(c.reason);
    expect(c.bindingConstraint).toBe('memory');
    expect(c.buildable.shape.nHeads).toBe(largestFitting(80 * 2 ** 30, 16, GQA8, 32_768));
  });

  it('the memory sweep agrees with the plan at the same budget and layout', () => {
    const budget = 80 * 2 ** 30;
    const sweep = memorySweep({ flops: 1e24, memoryBudgets: [budget], kvTokens: 32_768, cacheLayout: GQA8, experts: [1, 4, 16, 64] });
    const plan = planMemoryOptimal({ flops: 1e24, memoryBytes: budget, kvTokens: 32_768, cacheLayout: GQA8, experts: [1, 4, 16, 64] });
    expect(sweep.bestByBudget[0]!.experts).toBe(plan.best!.experts);
    expect(sweep.bestByBudget[0]!.loss! / plan.best!.loss).toBeCloseTo(1, 12);
  });

  it('rejects a layout that is not whole numbers, naming the field', () => {
    expect(() => planMemoryOptimal({ flops: 1e22, memoryBytes: 1e10, cacheLayout: { kind: 'gqa', kvHeads: 0, headDim: 128 } })).toThrow(/kvHeads/);
  });
});
