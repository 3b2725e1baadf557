import { describe, expect, it } from 'vitest';
import {
  activationBytesPerDevice,
  denseLayerActivationBytes,
  deployModelFromShape,
  kvCache,
  moeLayerActivationBytes,
  OPTIMIZERS,
  servingMemory,
  trainingMemory,
  zeroModelStates,
  type DeployModel,
} from '../../../../src-main/engine/deploy';
import { EngineInputError } from '../../../../src-main/engine/common/errors';

describe('KV cache per token (LAWS §7)', () => {
  it('Llama-3-70B, GQA 8 × 128 over 80 layers, bf16: 327,680 bytes', () => {
    expect(kvCache({ kind: 'gqa', layers: 80, kvHeads: 8, headDim: 128 }, 1, 2).bytesPerToken).toBe(327_680);
  });
  it('Mixtral 8×7B, GQA 8 × 128 over 32 layers, bf16: 131,072 bytes', () => {
    expect(kvCache({ kind: 'gqa', layers: 32, kvHeads: 8, headDim: 128 }, 1, 2).bytesPerToken).toBe(131_072);
  });
  it('DeepSeek-V3, MLA latent 512 + RoPE 64 over 61 layers, bf16: 70,272 bytes', () => {
    expect(kvCache({ kind: 'mla', layers: 61, latentDim: 512, ropeDim: 64 }, 1, 2).bytesPerToken).toBe(70_272);
  });
  it('MQA is one KV head; totals scale with tokens and precision', () => {
    const mqa = kvCache({ kind: 'gqa', layers: 80, kvHeads: 1, headDim: 128 }, 32_768, 1);
    expect(mqa.bytesPerToken).toBe(2 * 80 * 128);
    expect(mqa.totalBytes).toBe(2 * 80 * 128 * 32_768);
  });
  it('keeps the paper’s MHA formula 2·T·N_blocks·d_model values for joint-law shapes', () => {
    // d_model 768, 12 blocks, 16,384 tokens, bf16, by hand: 2·16384·12·768·2 = 603,979,776.
    const m = deployModelFromShape({ dModel: 768, nBlocks: 12, nHeads: 12, experts: 8, vocab: 50_257 });
    expect(kvCache(m.attention, 16_384, 2).totalBytes).toBe(603_979_776);
  });
  it('names the field of a bad layout', () => {
    expect(() => kvCache({ kind: 'gqa', layers: 80, kvHeads: 0, headDim: 128 }, 1, 2)).toThrow(expect.objectContaining({ field: 'kvHeads' }));
    expect(() => kvCache({ kind: 'mla', layers: 61, latentDim: 512, ropeDim: 64 }, -1, 2)).toThrow(EngineInputError);
  });
});

describe('model states under ZeRO (Rajbhandari et al. 2020, Figure 1)', () => {
  // Ψ = 7.5B, N_d = 64, K = 12: 120 GB, 31.4 GB, 16.6 GB, 1.9 GB.
  const psi = 7.5e9;
  const adam = OPTIMIZERS['adam-mixed'];
  it.each([
    [0, 120],
    [1, 31.4],
    [2, 16.6],
    [3, 1.9],
  ] as const)('stage %i: %d GB per device', (stage, gb) => {
    expect(+(zeroModelStates(psi, 64, stage, adam).modelStatesBytes / 1e9).toFixed(1)).toBe(gb);
  });
  it('mixed-precision Adam is 16 bytes per parameter, 8-bit Adam 10', () => {
    const b = (o: typeof adam) => o.weightBytes + o.gradientBytes + o.optimizerBytes;
    expect(b(adam)).toBe(16);
    expect(b(OPTIMIZERS['adam-8bit-mixed'])).toBe(10);
  });
});

/** A model with every parameter outside the embedding, so hand arithmetic stays short. */
function toyMoe(): DeployModel {
  return {
    name: 'toy',
    layers: 8,
    hidden: 1024,
    heads: 16,
    vocab: 1000,
    attention: { kind: 'mha', layers: 8, hidden: 1024 },
    embeddingParams: 0,
    denseParams: 1e9,
    expertParams: 8e9,
    experts: 8,
    activeExperts: 1,
    sharedExperts: 0,
    moeLayers: 8,
    ffnKind: 'swiglu',
    denseFfnHidden: 3072,
    expertFfnHidden: 3072,
  };
}

describe('MoE training memory: expert and dense parameters shard separately', () => {
  it('divides experts by EP and ZeRO over the expert-data-parallel group only', () => {
    // 8 devices, EP 8, ZeRO-1. Dense 1e9 on DP 8: 4·1e9 + 12·1e9/8 = 5.5e9.
    // Experts: 8e9/8 = 1e9 per device, expert-DP = 8/8 = 1, so nothing more to shard: 16e9.
    const r = trainingMemory(toyMoe(), { zero: 1, tp: 1, pp: 1, ep: 8, microBatch: 1, recompute: 'full' }, 8, { seqLen: 1024, optimizer: 'adam-mixed' });
    expect(r.modelStatesBytes).toBeCloseTo(21.5e9, -3);
    // The trap: counting active parameters (1e9 + 1e9) instead of the total.
    expect(r.modelStatesBytes).not.toBeCloseTo(2e9 * 4 + (2e9 * 12) / 8, -6);
    // And the other trap: sharding experts over the full data-parallel group as if they were dense.
    expect(r.modelStatesBytes).not.toBeCloseTo(5.5e9 + 4e9 + 12e9 / 8, -6);
  });
  it('without EP every device holds all experts', () => {
    // ZeRO-0: 16 bytes × 9e9 = 144e9.
    const r = trainingMemory(toyMoe(), { zero: 0, tp: 1, pp: 1, ep: 1, microBatch: 1, recompute: 'full' }, 8, { seqLen: 1024, optimizer: 'adam-mixed' });
    expect(r.modelStatesBytes).toBeCloseTo(144e9, -3);
  });
  it('TP and PP divide both kinds; ZeRO-3 divides by the data-parallel groups', () => {
    // 64 devices, TP 2, PP 2, EP 4 → DP 16, expert DP 4. Dense per device 1e9/4, experts 8e9/16.
    const r = trainingMemory(toyMoe(), { zero: 3, tp: 2, pp: 2, ep: 4, microBatch: 1, recompute: 'full' }, 64, { seqLen: 1024, optimizer: 'adam-mixed' });
    expect(r.modelStatesBytes).toBeCloseTo((16 * 0.25e9) / 16 + (16 * 0.5e9) / 4, -3);
  });
  it('names the field of an impossible layout', () => {
    const m = toyMoe();
    const s = { seqLen: 1024, optimizer: 'adam-mixed' as const };
    const base = { zero: 1 as const, tp: 1, pp: 1, ep: 1, microBatch: 1, recompute: 'none' as const };
    expect(() => trainingMemory(m, { ...base, tp: 3 }, 6, s)).toThrow(expect.objectContaining({ field: 'tp', message: expect.stringContaining('16 attention heads') }));
    expect(() => trainingMemory(m, { ...base, ep: 16 }, 64, s)).toThrow(expect.objectContaining({ field: 'ep', message: expect.stringContaining('exceeds the 8 experts') }));
    expect(() => trainingMemory(m, { ...base, tp: 4, pp: 4 }, 8, s)).toThrow(expect.objectContaining({ field: 'devices', message: expect.stringContaining('exceed the 8 devices') }));
    expect(() => trainingMemory(m, { ...base, tp: 2, ep: 8 }, 8, s)).toThrow(expect.objectContaining({ field: 'ep' }));
  });
});

describe('activations per layer (Korthikanti et al. 2022)', () => {
  const s = 2048;
  const b = 4;
  const h = 1024;
  const a = 16;
  const gelu: DeployModel = { ...toyMoe(), expertParams: 0, experts: 1, moeLayers: 0, ffnKind: 'gelu', denseFfnHidden: 4 * h };
  const sbh = s * b * h;
  const base = { seqLen: s, microBatch: b, tp: 1, sequenceParallel: true, recompute: 'none' as const };
  it('a 4h GELU layer reproduces s·b·h·(34 + 5as/h)', () => {
    expect(denseLayerActivationBytes(gelu, base)).toBe(sbh * (34 + (5 * a * s) / h));
  });
  it('tensor parallelism: /t with sequence parallelism, sbh(10 + 24/t + 5as/(ht)) without', () => {
    expect(denseLayerActivationBytes(gelu, { ...base, tp: 8 })).toBe((sbh * (34 + (5 * a * s) / h)) / 8);
    expect(denseLayerActivationBytes(gelu, { ...base, tp: 8, sequenceParallel: false })).toBe(sbh * (10 + 24 / 8 + (5 * a * s) / (h * 8)));
  });
  it('selective recomputation keeps 34·sbh/t; full keeps the 2·sbh layer input', () => {
    expect(denseLayerActivationBytes(gelu, { ...base, tp: 4, recompute: 'selective' })).toBe((34 * sbh) / 4);
    expect(denseLayerActivationBytes(gelu, { ...base, recompute: 'full' })).toBe(2 * sbh);
  });
  it('a 3h SwiGLU layer (three matrices) is s·b·h·(42 + 5as/h)', () => {
    const swiglu = { ...gelu, ffnKind: 'swiglu' as const, denseFfnHidden: 3 * h };
    expect(denseLayerActivationBytes(swiglu, base)).toBe(sbh * (42 + (5 * a * s) / h));
  });
  it('a top-1 SwiGLU MoE layer is s·b·h·(44 + 5as/h) + 8·s·b·E (fp32 router)', () => {
    expect(moeLayerActivationBytes(toyMoe(), base)).toBe(sbh * (44 + (5 * a * s) / h) + 8 * s * b * 8);
  });
  it('the first pipeline stage holds L layers whatever p; the last adds fp32 logits', () => {
    const one = denseLayerActivationBytes(gelu, base);
    expect(activationBytesPerDevice(gelu, { ...base, pp: 4 })).toBe(Math.max(8 * one, 2 * one + 4 * s * b * 1000));
    expect(activationBytesPerDevice(gelu, { ...base, pp: 1 })).toBe(8 * one + 4 * s * b * 1000);
  });
});

describe('serving memory', () => {
  it('Llama-3-70B-like GQA-8 on one 8-device node at TP 8, 32k context, by hand', () => {
    const m: DeployModel = { ...toyMoe(), layers: 80, hidden: 8192, heads: 64, attention: { kind: 'gqa', layers: 80, kvHeads: 8, headDim: 128 }, denseParams: 70e9, expertParams: 0, experts: 1, moeLayers: 0 };
    const r = servingMemory(m, { devices: 8, tp: 8, ep: 1, weightBytes: 2, kvBytes: 2, batch: 8, context: 32_768, memoryBytesPerDevice: 80 * 2 ** 30, reserve: { kind: 'share', share: 0.1 } });
    expect(r.weightsBytes).toBe((70e9 * 2) / 8);
    // 327,680 B/token split over 8 KV heads on 8 ranks: 40,960 B per token per device; one replica holds all 8 × 32k tokens.
    expect(r.kvBytes).toBe(40_960 * 8 * 32_768);
    expect(r.usableBytes).toBeCloseTo(72 * 2 ** 30, 0);
    expect(r.fits).toBe(true);
  });
  it('spreads experts over EP and dense parts over TP', () => {
    const r = servingMemory(toyMoe(), { devices: 8, tp: 2, ep: 8, weightBytes: 1, kvBytes: 2, batch: 0, context: 0, memoryBytesPerDevice: 80e9, reserve: { kind: 'bytes', bytes: 0 } });
    expect(r.weightsBytes).toBe(1e9 / 2 + 8e9 / 8);
  });
  it('names the field: EP larger than E, TP not dividing the heads', () => {
    const i = { devices: 8, tp: 1, ep: 1, weightBytes: 2, kvBytes: 2, batch: 1, context: 1, memoryBytesPerDevice: 80e9, reserve: { kind: 'share' as const, share: 0.1 } };
    expect(() => servingMemory(toyMoe(), { ...i, ep: 16, devices: 16 })).toThrow(expect.objectContaining({ field: 'ep' }));
    expect(() => servingMemory(toyMoe(), { ...i, tp: 3, devices: 6 })).toThrow(expect.objectContaining({ field: 'tp' }));
  });
});
