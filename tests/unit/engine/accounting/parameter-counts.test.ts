import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accountShape, countParameters, kvCacheBytes, paperShape, inferenceFlops, trainingFlops } from '../../../../src-main/engine/accounting';

// Hand arithmetic for d_model 768, 12 blocks, GPT-2 vocabulary:
//   embedding 2·768·50257 = 77,194,752; attention 4·768²·12 = 28,311,552; one SwiGLU FFN 9·768²·12 = 63,700,992.
const d768 = { dModel: 768, nBlocks: 12, nHeads: 12, vocab: 50_257 };

describe('countParameters (App. A, Eq. 9–10)', () => {
  it('counts a dense 768-wide, 12-block model by hand', () => {
    const c = countParameters({ ...d768, experts: 1 });
    expect(c.embedding).toBe(77_194_752);
    expect(c.nActNonEmbedding).toBe(28_311_552 + 63_700_992);
    expect(c.nAct).toBe(169_207_296);
    expect(c.nTotal).toBe(169_207_296);
  });

  it('adds only expert FFNs to the total for E = 8, leaving active parameters unchanged', () => {
    const c = countParameters({ ...d768, experts: 8 });
    expect(c.nAct).toBe(169_207_296);
    expect(c.nTotal).toBe(77_194_752 + 28_311_552 + 8 * 63_700_992);
  });

  it('reproduces the paper’s 1.1B-total models of Fig. 1b with buildable shapes', () => {
    // Dense d=1664 (26 blocks), E=2 d=1408 (22 blocks), E=4 d=1152 (18 blocks): all "1.1B total" within 3%.
    for (const [d, e] of [[1664, 1], [1408, 2], [1152, 4]] as const) {
      const c = countParameters(paperShape(d, e, 'buildable'));
      expect(c.nTotal / 1.1e9).toBeGreaterThan(0.97);
      expect(c.nTotal / 1.1e9).toBeLessThan(1.03);
    }
  });

  it('never has fewer total than active parameters, and equality only for E = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 64, max: 20_000, noNaN: true }), fc.integer({ min: 1, max: 256 }), (d, e) => {
        const c = countParameters(paperShape(d, e, 'exact'));
        if (e === 1) expect(c.nTotal).toBeCloseTo(c.nAct, 0);
        else expect(c.nTotal).toBeGreaterThan(c.nAct);
        expect(c.nAct).toBeCloseTo(c.embedding + c.nActNonEmbedding, 0);
      }),
    );
  });
});

describe('FLOPs and memory', () => {
  it('uses 6·N·D for training and 2·N·D for inference', () => {
    expect(trainingFlops(1e9, 1e10)).toBe(6e19);
    expect(inferenceFlops(1e9, 1e10)).toBe(2e19);
  });

  it('sizes the KV cache as 2·T·N_blocks·d_model values', () => {
    // 2 · 16384 · 12 · 768 values × 2 bytes = 603,979,776 bytes
    expect(kvCacheBytes({ dModel: 768, nBlocks: 12 }, 16_384, 2)).toBe(603_979_776);
  });

  it('accounts a shape end to end with explicit precisions', () => {
    const a = accountShape({ ...d768, experts: 8 }, { trainingTokens: 1e10, inferenceTokens: 1e9, kvTokens: 16_384, precision: { bytesPerWeight: 4, bytesPerKvValue: 1 } });
    expect(a.basis).toBe('buildable');
    expect(a.trainingFlops).toBe(6 * 169_207_296 * 1e10);
    expect(a.inferenceFlops).toBe(2 * 169_207_296 * 1e9);
    expect(a.memory.weightsBytes).toBe(4 * (77_194_752 + 28_311_552 + 8 * 63_700_992));
    expect(a.memory.kvBytes).toBe(603_979_776 / 2);
    expect(a.memory.totalBytes).toBe(a.memory.weightsBytes + a.memory.kvBytes);
  });

  it('defaults to bf16 and 16k cached tokens, and calls a fractional shape exact', () => {
    const a = accountShape({ dModel: 700.5, nBlocks: 700.5 / 64, nHeads: 700.5 / 64, experts: 2, vocab: 50_257 });
    expect(a.basis).toBe('exact');
    expect(a.precision).toEqual({ bytesPerWeight: 2, bytesPerKvValue: 2 });
    expect(a.kvTokens).toBe(16_384);
    expect(a.trainingFlops).toBeNull();
  });

  it('rejects bad inputs naming the field', () => {
    expect(() => accountShape({ ...d768, experts: 1, dModel: Number.NaN })).toThrow(/shape\.dModel/);
    expect(() => accountShape({ ...d768, experts: 0 })).toThrow(/shape\.experts/);
    expect(() => accountShape({ ...d768, experts: 1 }, { kvTokens: -1 })).toThrow(/kvTokens/);
    expect(() => accountShape({ ...d768, experts: 1 }, { precision: { bytesPerWeight: 0 } })).toThrow(/bytesPerWeight/);
    expect(() => accountShape({ ...d768, experts: 1 }, { trainingTokens: Infinity })).toThrow(/trainingTokens/);
  });
});
