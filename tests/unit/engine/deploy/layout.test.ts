import { describe, expect, it } from 'vitest';
import {
  ARCHITECTURE_PRESETS,
  activeParams,
  compareLayouts,
  DEFAULT_SEARCH_SPACE,
  deployModelFromShape,
  kvBytesPerToken,
  layoutProblems,
  parseHfConfig,
  presetModel,
  searchLayout,
  timeAndCost,
  totalParams,
  trainingMemory,
  type ParallelLayout,
} from '../../../../src-main/engine/deploy';

const GiB = 2 ** 30;
const H100 = 80 * GiB;

describe('layout search', () => {
  // A 64-expert joint-law design, d_model 2048 (32 blocks, 32 heads).
  const model = deployModelFromShape({ dModel: 2048, nBlocks: 32, nHeads: 32, experts: 64, vocab: 50_257 });
  const input = { model, devices: 64, memoryBytesPerDevice: H100, reserve: { kind: 'share' as const, share: 0.1 }, seqLen: 4096, optimizer: 'adam-mixed' as const };

  it('returns the first fitting layout in the documented order, checked by brute force', () => {
    const r = searchLayout(input);
    expect(r.fits).toBe(true);
    const best = r.best!;
    expect(best.memory.totalBytes).toBeLessThanOrEqual(0.9 * H100);
    // Brute force over the same space: every layout ordered before the winner must not fit.
    const all: ParallelLayout[] = [];
    for (const tp of DEFAULT_SEARCH_SPACE.tp)
      for (const pp of DEFAULT_SEARCH_SPACE.pp)
        for (let ep = 1; ep <= 64; ep++)
          for (const zero of DEFAULT_SEARCH_SPACE.zero)
            for (const recompute of DEFAULT_SEARCH_SPACE.recompute)
              for (const microBatch of DEFAULT_SEARCH_SPACE.microBatch) {
                const l = { tp, pp, ep, zero, recompute, microBatch };
                if (layoutProblems(model, l, 64).length === 0) all.push(l);
              }
    expect(r.evaluated).toBe(all.length);
    for (const l of all) {
      if (compareLayouts(l, best.layout) >= 0) continue;
      expect(trainingMemory(model, l, 64, { seqLen: 4096, optimizer: 'adam-mixed' }).totalBytes).toBeGreaterThan(0.9 * H100);
    }
    for (const rej of r.rejected) expect(rej.fits).toBe(false);
  });

  it('when nothing fits, says by how much and what would', () => {
    const r = searchLayout({ ...input, devices: 1 });
    expect(r.fits).toBe(false);
    expect(r.shortfallBytes).toBeCloseTo(r.leanest!.memory.totalBytes - 0.9 * H100, 0);
    const more = r.suggestions.find((s) => s.kind === 'more-devices');
    expect(more).toBeDefined();
    expect(more!.totalBytes).toBeLessThanOrEqual(0.9 * H100);
    expect(r.suggestions.some((s) => s.kind === 'fewer-experts')).toBe(true);
  });

  it('a ZeRO-1 plan on 64 devices can be asked for by narrowing the space', () => {
    const r = searchLayout({ ...input, space: { zero: [1] } });
    expect(r.best?.layout.zero).toBe(1);
  });
});

describe('time and cost (LAWS §7)', () => {
  it('1e22 FLOPs on 512 H100s at 40%: GPU-hours, days, dollars, energy by hand', () => {
    const r = timeAndCost({ flops: 1e22, peakFlopsPerDevice: 9.894e14, utilization: 0.4, devices: 512, pricePerDeviceHour: 2.5, powerWattsPerDevice: 700 });
    const gpuHours = 1e22 / (9.894e14 * 0.4) / 3600; // ≈ 7,018.7
    expect(r.gpuHours).toBeCloseTo(gpuHours, 6);
    expect(r.wallClockDays).toBeCloseTo(gpuHours / 512 / 24, 9);
    expect(r.costUsd).toBeCloseTo(gpuHours * 2.5, 6);
    expect(r.energyKwh).toBeCloseTo(gpuHours * 0.7, 6);
  });
  it('leaves money and energy empty when no price or power is set', () => {
    const r = timeAndCost({ flops: 1e22, peakFlopsPerDevice: 1e15, utilization: 0.5, devices: 8 });
    expect(r.costUsd).toBeNull();
    expect(r.energyKwh).toBeNull();
  });
  it('names the field of bad input', () => {
    expect(() => timeAndCost({ flops: 1e22, peakFlopsPerDevice: 1e15, utilization: 1.5, devices: 8 })).toThrow(expect.objectContaining({ field: 'utilization' }));
    expect(() => timeAndCost({ flops: 1e22, peakFlopsPerDevice: 1e15, utilization: 0.5, devices: 0 })).toThrow(expect.objectContaining({ field: 'devices' }));
  });
});

describe('Hugging Face config.json and the shipped presets', () => {
  it('every preset lands within 1% of its authors’ parameter counts', () => {
    for (const p of ARCHITECTURE_PRESETS) {
      const m = presetModel(p.id)!;
      expect(Math.abs(totalParams(m) / p.publishedTotalParams - 1), `${p.name} total`).toBeLessThan(0.01);
      expect(Math.abs(activeParams(m) / p.publishedActiveParams - 1), `${p.name} active`).toBeLessThan(0.015);
    }
  });
  it('reads the attention layout: the published bytes per token come out of the configs', () => {
    expect(kvBytesPerToken(presetModel('llama-3-70b')!.attention, 2)).toBe(327_680);
    expect(kvBytesPerToken(presetModel('mixtral-8x7b')!.attention, 2)).toBe(131_072);
    expect(kvBytesPerToken(presetModel('deepseek-v3')!.attention, 2)).toBe(70_272);
  });
  it('cites a source for every preset', () => {
    for (const p of ARCHITECTURE_PRESETS) expect(p.source).toMatch(/config\.json/);
  });
  it('names the bad field of a pasted config', () => {
    expect(() => parseHfConfig('{ not json')).toThrow(expect.objectContaining({ field: 'config' }));
    expect(() => parseHfConfig({ num_hidden_layers: 2, hidden_size: 64, num_attention_heads: 4, vocab_size: 10 })).toThrow(expect.objectContaining({ field: 'intermediate_size' }));
    expect(() => parseHfConfig({ num_hidden_layers: 2, hidden_size: 64, num_attention_heads: 4, num_key_value_heads: 3, vocab_size: 10, intermediate_size: 128 })).toThrow(
      expect.objectContaining({ field: 'num_key_value_heads' }),
    );
    expect(() => parseHfConfig({ num_hidden_layers: 2.5, hidden_size: 64, num_attention_heads: 4, vocab_size: 10, intermediate_size: 128 })).toThrow(expect.objectContaining({ field: 'num_hidden_layers' }));
  });
});
