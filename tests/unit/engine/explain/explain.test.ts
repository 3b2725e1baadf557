/**
 * "How was this computed?": every explanation, evaluated, gives the engine's own figure over many
 * random in-range inputs, and its written forms carry the papers' numbers.
 */
import { describe, expect, it } from 'vitest';
import { publishedSet } from '../../../../src-main/engine/common/coefficients';
import { jointLoss, jointLossValue } from '../../../../src-main/engine/joint/loss';
import { jointCoefficients } from '../../../../src-main/engine/joint/coefficients';
import { perExpertLaw } from '../../../../src-main/engine/joint/per-expert-law';
import { computeOptimum } from '../../../../src-main/engine/joint/optimum';
import { chinchillaComputeOptimal, chinchillaLoss } from '../../../../src-main/engine/chinchilla';
import { comprehensiveLoss } from '../../../../src-main/engine/comprehensive/loss';
import { efficiencyLeverage } from '../../../../src-main/engine/leverage/efficiency-leverage';
import { countParameters } from '../../../../src-main/engine/accounting/parameter-counts';
import { memoryFootprint } from '../../../../src-main/engine/accounting/memory';
import { deployModelFromShape, kvCache, OPTIMIZERS, presetModel, servingMemory, timeAndCost, trainingMemory, usableMemory, type DeployModel, type ParallelLayout, type ZeroStage } from '../../../../src-main/engine/deploy';
import {
  explainChinchillaLoss,
  explainChinchillaOptimum,
  explainComprehensiveLoss,
  explainDesignMemory,
  explainJointLoss,
  explainJointOptimum,
  explainKvCache,
  explainLeverage,
  explainServingMemory,
  explainTimeCost,
  explainTrainingFlops,
  explainTrainingMemory,
  writeExplanation,
  type WrittenExplanation,
} from '../../../../src-main/engine/explain';
import { allText, headline, randomInputs, RAW, relClose, row } from './checks';

const { rng, logUniform, pick } = randomInputs(20261201);
const TRIALS = 300;

const JOINT = publishedSet('ludziejewski2025-joint');

describe('explanations evaluate to the engine’s figures', () => {
  it('joint-law loss (Eq. 6 through Eq. 5), E from 1 to 256', () => {
    const k = jointCoefficients(JOINT);
    for (let i = 0; i < TRIALS; i++) {
      const x = { nAct: logUniform(5e7, 1e12), tokens: logUniform(1e9, 1e14), experts: pick([1, 2, 3, 4, 8, 16, 32, 64, 256]) };
      const v = headline(explainJointLoss(x, JOINT), 'L');
      relClose(v, jointLoss({ ...x, coefficients: JOINT }).loss);
      relClose(v, jointLossValue(k, x.nAct, x.tokens, x.experts));
    }
  });

  it('joint-law compute optimum per E', () => {
    const k = jointCoefficients(JOINT);
    for (let i = 0; i < TRIALS; i++) {
      const flops = logUniform(1e18, 1e26);
      const experts = pick([1, 2, 4, 8, 16, 32, 64]);
      const x = explainJointOptimum({ flops, experts }, JOINT);
      const o = computeOptimum(perExpertLaw(experts, k), flops);
      relClose(headline(x, 'N_opt'), o.nAct);
      relClose(headline(x, 'D_opt'), o.tokens);
      relClose(headline(x, 'L_opt'), o.loss);
    }
  });

  it('Chinchilla loss and compute optimum, both published sets', () => {
    for (const id of ['hoffmann2022', 'besiroglu2024']) {
      const set = publishedSet(id);
      for (let i = 0; i < TRIALS; i++) {
        const params = logUniform(7e7, 1e12);
        const tokens = logUniform(5e9, 1e14);
        relClose(headline(explainChinchillaLoss({ params, tokens }, set), 'L'), chinchillaLoss({ params, tokens }, set).loss);
        const flops = logUniform(1e18, 1e26);
        const o = chinchillaComputeOptimal(flops, set);
        const x = explainChinchillaOptimum({ flops }, set);
        relClose(headline(x, 'N_opt'), o.params);
        relClose(headline(x, 'D_opt'), o.tokens);
        relClose(headline(x, 'L_opt'), o.loss);
      }
    }
  });

  it('comprehensive five-factor loss', () => {
    const set = publishedSet('moe-comprehensive-2025');
    for (let i = 0; i < TRIALS; i++) {
      const total = logUniform(1e8, 1e12);
      const x = { total, active: total * logUniform(0.01, 1), tokens: logUniform(1e9, 1e13), activeExperts: 1 + Math.floor(rng() * 20), sharedRatio: rng() * 0.7 };
      relClose(headline(explainComprehensiveLoss(x, set), 'L'), comprehensiveLoss(x, set).loss);
    }
  });

  it('Efficiency Leverage (Eq. 13)', () => {
    const set = publishedSet('tian2025-leverage');
    for (let i = 0; i < TRIALS; i++) {
      const x = { activation: logUniform(0.005, 1), granularity: logUniform(1, 32), flops: logUniform(1e18, 1e25) };
      relClose(headline(explainLeverage(x, set), 'EL'), efficiencyLeverage(x, set).el);
    }
  });

  it('training FLOPs, time and cost', () => {
    for (let i = 0; i < TRIALS; i++) {
      const nAct = logUniform(1e8, 1e12);
      const tokens = logUniform(1e9, 1e14);
      relClose(headline(explainTrainingFlops({ nAct, tokens }), 'F'), 6 * nAct * tokens);
      const tc = { flops: logUniform(1e18, 1e26), peakFlopsPerDevice: logUniform(1e13, 5e15), utilization: 0.05 + 0.9 * rng(), devices: 1 + Math.floor(rng() * 4096), pricePerDeviceHour: logUniform(0.2, 10), powerWattsPerDevice: logUniform(100, 1500) };
      const t = timeAndCost(tc);
      const x = explainTimeCost(tc);
      relClose(headline(x, 'H'), t.gpuHours);
      relClose(headline(x, 'T'), t.wallClockDays);
      relClose(headline(x, '$'), t.costUsd!);
      relClose(headline(x, 'W'), t.energyKwh!);
    }
  });

  it('training memory per device over random valid layouts of three models', () => {
    const models: DeployModel[] = [
      presetModel('mixtral-8x7b')!,
      presetModel('llama-3-70b')!,
      deployModelFromShape({ dModel: 2048, nBlocks: 32, nHeads: 32, experts: 64, vocab: 50_257 }),
    ];
    let checked = 0;
    for (let i = 0; i < TRIALS * 3 && checked < TRIALS; i++) {
      const model = pick(models);
      const tp = pick([1, 2, 4, 8]);
      const pp = pick([1, 2, 4]);
      const ep = pick([1, 2, 4, 8]);
      const devices = tp * pp * ep * pick([1, 2, 4, 8]);
      const layout: ParallelLayout = { zero: pick([0, 1, 2, 3] as ZeroStage[]), tp, pp, ep, microBatch: pick([1, 2, 4]), recompute: pick(['none', 'selective', 'full'] as const), sequenceParallel: rng() < 0.7 };
      let expected;
      try {
        expected = trainingMemory(model, layout, devices, { seqLen: 4096, optimizer: 'adam-mixed' });
      } catch {
        continue; // an invalid layout for this model; the engine says why elsewhere
      }
      checked++;
      const reserve = { kind: 'share' as const, share: 0.1 };
      const x = explainTrainingMemory({ model, layout, devices, seqLen: 4096, optimizer: OPTIMIZERS['adam-mixed'], device: { memoryBytes: 80 * 2 ** 30, reserve } });
      relClose(headline(x, 'M_states'), expected.modelStatesBytes);
      relClose(headline(x, 'M_act'), expected.activationBytes);
      relClose(headline(x, 'M_train'), expected.totalBytes);
      relClose(headline(x, 'headroom'), usableMemory(80 * 2 ** 30, reserve).usableBytes - expected.totalBytes, 1e-9);
    }
    expect(checked).toBeGreaterThan(TRIALS / 2);
  });

  it('KV cache, serving memory and a design’s weights plus cache', () => {
    const mixtral = presetModel('mixtral-8x7b')!;
    const deepseek = presetModel('deepseek-v3')!;
    for (let i = 0; i < TRIALS; i++) {
      const model = pick([mixtral, deepseek, presetModel('llama-3-70b')!]);
      const tokens = Math.floor(logUniform(1, 1e7));
      const k = kvCache(model.attention, tokens, 2);
      const x = explainKvCache({ attention: model.attention, tokens, bytesPerValue: 2 });
      relClose(headline(x, 'kv_token'), k.bytesPerToken);
      relClose(headline(x, 'M_kv'), k.totalBytes);

      const tp = pick([1, 2, 4, 8]);
      const serving = { devices: tp * pick([1, 2]), tp, ep: pick([1, 2, 4, 8].filter((e) => model.experts % e === 0)), weightBytes: 2, kvBytes: pick([1, 2]), batch: Math.floor(logUniform(1, 256)), context: Math.floor(logUniform(512, 131072)), memoryBytesPerDevice: 80 * 2 ** 30, reserve: { kind: 'share' as const, share: 0.1 } };
      let s;
      try {
        s = servingMemory(model, serving);
      } catch {
        continue;
      }
      const sx = explainServingMemory({ model, ...serving });
      relClose(headline(sx, 'M_w'), s.weightsBytes);
      relClose(headline(sx, 'M_kv'), s.kvBytes);
      relClose(headline(sx, 'M_serve'), s.totalBytes);
      relClose(headline(sx, 'headroom'), s.headroomBytes, 1e-9);

      const shape = { dModel: 64 * (1 + Math.floor(rng() * 128)), nBlocks: 1 + Math.floor(rng() * 96), nHeads: 8, experts: pick([1, 2, 8, 64]), vocab: 50_257 };
      const kvTokens = Math.floor(logUniform(1, 1e6));
      const layout = pick([{ kind: 'mha' as const }, { kind: 'gqa' as const, kvHeads: 8, headDim: 128 }, { kind: 'mla' as const, latentDim: 512, ropeDim: 64 }]);
      const nTotal = countParameters(shape).nTotal;
      const f = memoryFootprint(nTotal, shape, kvTokens, { bytesPerWeight: 2, bytesPerKvValue: 2 }, layout);
      const dx = explainDesignMemory({ shape, kvTokens, precision: { bytesPerWeight: 2, bytesPerKvValue: 2 }, layout });
      relClose(headline(dx, 'N_total'), nTotal);
      relClose(headline(dx, 'M_kv'), f.kvBytes);
      relClose(headline(dx, 'M'), f.totalBytes);
    }
  });
});

describe('written explanations carry the papers’ numbers', () => {
  it('joint loss: Table 3 coefficients substituted, E = 1 maps to Ê = E_start, and the loss matches a hand computation of Eq. 6', () => {
    const w = writeExplanation(explainJointLoss({ nAct: 1e9, tokens: 2e10, experts: 8 }, JOINT));
    expect(w.equations[0]).toBe('L(N_act, D, E) = a·Ê^δ·N_act^(α + γ·ln Ê) + b·Ê^ω·D^(β + ζ·ln Ê) + c');
    const l = row(w, 'L');
    expect(l.formula).toBe('m·N_act^μ + n·D^ν + c');
    // Table 3's published values, as printed.
    for (const v of ['a = 35.91', 'α = −0.1889', 'δ = −0.2285', 'γ = 0.0098', 'b = 35.98', 'β = −0.1775', 'ω = 0.5529', 'ζ = −0.0259', 'E_start = 2.0732', 'c = 1.3637']) {
      expect(w.coefficients.map((c) => `${c.symbol} = ${c.value}`)).toContain(v);
    }
    expect(row(w, 'm').substituted).toMatch(/^35\.91·/);
    expect(l.substituted).toContain('1 B');
    expect(l.substituted).toContain('20 B');
    expect(l.substituted).toMatch(/\+ 1\.3637$/);
    // Eq. 4 and 6 by hand from Table 3.
    const eHat = 1 / (1 / (8 - 1 + 1 / (1 / 2.0732 - 1 / 290.4521)) + 1 / 290.4521);
    const expected = 35.91 * eHat ** -0.2285 * 1e9 ** (-0.1889 + 0.0098 * Math.log(eHat)) + 35.98 * eHat ** 0.5529 * 2e10 ** (-0.1775 - 0.0259 * Math.log(eHat)) + 1.3637;
    relClose(l.raw, expected, 1e-12);
    expect(l.value).toMatch(/^\d\.\d{3} nats\/token$/);
    expect(w.citation).toContain('arXiv:2502.05172');
    expect(w.source).toContain('Eq. 6');
    expect(w.source).toContain('Table 3');

    const dense = writeExplanation(explainJointLoss({ nAct: 1e9, tokens: 2e10, experts: 1 }, JOINT));
    expect(row(dense, 'Ê').value).toBe('2.073');
    expect(row(dense, 'Ê').formula).toBe('1/(1/(E − 1 + 1/(1/E_start − 1/E_max)) + 1/E_max)');
  });

  it('Chinchilla at 70 B parameters and 1.4 T tokens gives Hoffmann et al.’s 1.94 with Approach 3’s coefficients', () => {
    const w = writeExplanation(explainChinchillaLoss({ params: 70e9, tokens: 1.4e12 }, publishedSet('hoffmann2022')));
    expect(row(w, 'L').substituted).toBe('1.69 + 406.4/(70 B)^(0.34) + 410.7/(1.4 T)^(0.28)');
    expect(row(w, 'L').value).toBe('1.937 nats/token');
    expect(w.citation).toContain('arXiv:2203.15556');
  });

  it('ZeRO model states for Ψ = 7.5 B on 64 ranks reproduce the ZeRO paper’s Figure 1 (120, 31.4, 16.6, 1.9 GB)', () => {
    const model: DeployModel = { name: 'ZeRO Fig. 1', layers: 1, hidden: 4096, heads: 32, vocab: 50_257, attention: { kind: 'mha', layers: 1, hidden: 4096 }, embeddingParams: 0, denseParams: 7.5e9, expertParams: 0, experts: 1, activeExperts: 1, sharedExperts: 0, moeLayers: 0, ffnKind: 'swiglu', denseFfnHidden: 3 * 4096, expertFfnHidden: 3 * 4096 };
    const figures = ['120 GB', '31.4 GB', '16.6 GB', '1.88 GB'];
    ([0, 1, 2, 3] as const).forEach((zero, i) => {
      const x = explainTrainingMemory({ model, layout: { zero, tp: 1, pp: 1, ep: 1, microBatch: 1, recompute: 'full' }, devices: 64, seqLen: 1, optimizer: OPTIMIZERS['adam-mixed'] });
      const w = writeExplanation(x, 'decimal');
      expect(row(w, 'M_states').value).toBe(figures[i]);
      expect(w.citation).toContain('arXiv:1910.02054');
    });
    const stage1 = writeExplanation(explainTrainingMemory({ model, layout: { zero: 1, tp: 1, pp: 1, ep: 1, microBatch: 1, recompute: 'full' }, devices: 64, seqLen: 1, optimizer: OPTIMIZERS['adam-mixed'] }), 'decimal');
    expect(stage1.equations[0]).toBe('M_states = w·Ψ_d + g·Ψ_d + K·Ψ_d/N_d');
    expect(row(stage1, 'N_d').substituted).toBe('64/(1·1)');
  });

  it('time and cost: 10²² FLOPs on H100s at 40% is 7,020 GPU-hours', () => {
    const w = writeExplanation(explainTimeCost({ flops: 1e22, peakFlopsPerDevice: 989e12, utilization: 0.4, devices: 512, pricePerDeviceHour: 2.5 }));
    // 1e22 / (989e12 × 0.4) / 3600 = 7021.2 by hand.
    expect(row(w, 'H').value).toBe('7,020 GPU-hours');
    expect(row(w, 'H').substituted).toBe('(1.0 × 10²²)/((9.9 × 10¹⁴)·0.4)/3600');
    expect(row(w, '$').value).toBe('$17,600');
    expect(row(w, 'T').value).toBe('0.571 days');
    // A step another formula uses reads there as it is shown: H is 7,020, not 7,021 (7,021.2 by hand).
    expect(row(w, 'T').substituted).toBe('7,020/512/24');
    expect(row(w, '$').substituted).toBe('7,020·$2.50');
    const month = writeExplanation(explainTimeCost({ flops: 5.3e23, peakFlopsPerDevice: 989e12, utilization: 0.4, devices: 512 }));
    // 5.3e23 / (989e12 × 0.4) / 3600 = 372,150 GPU-hours by hand; 30.29 days on 512 devices.
    expect(row(month, 'H').value).toBe('372,000 GPU-hours');
    expect(row(month, 'T').substituted).toBe('372,000/512/24');
    expect(row(month, 'T').value).toBe('30.3 days');
  });

  it('KV cache per token of Llama-3-70B is 327,680 bytes (LAWS.md §7)', () => {
    const w = writeExplanation(explainKvCache({ attention: presetModel('llama-3-70b')!.attention, tokens: 32768, bytesPerValue: 2 }), 'binary');
    expect(row(w, 'kv_token').raw).toBe(327_680);
    expect(row(w, 'kv_token').formula).toBe('2·L·n_kv·d_head·b_kv');
    expect(row(w, 'kv_token').substituted).toBe('2·80·8·128·2');
    expect(row(w, 'M_kv').value).toBe('10 GiB');
  });

  it('no written form uses raw notation', () => {
    const written = [
      writeExplanation(explainJointOptimum({ flops: 1e22, experts: 8 }, JOINT)),
      writeExplanation(explainLeverage({ activation: 0.031, granularity: 12, flops: 1e22 }, publishedSet('tian2025-leverage'))),
      writeExplanation(explainComprehensiveLoss({ total: 30e9, active: 3e9, tokens: 1e12, activeExperts: 7, sharedRatio: 0.3 }, publishedSet('moe-comprehensive-2025'))),
      writeExplanation(explainChinchillaOptimum({ flops: 5.76e23 }, publishedSet('besiroglu2024'))),
    ];
    for (const w of written) for (const t of allText(w)) expect(t, `${w.figure}: ${t}`).not.toMatch(RAW);
    // Tian et al.: "EL above 7 at 10²² FLOPs for A = 3.1%, G = 12".
    expect(row(written[1]!, 'EL').raw).toBeGreaterThan(7);
    expect(written[1]!.equations[0]).toBe('EL(A, G, C) = Â^(a + d·log₁₀ C + γ·(log₂ G)² + β·log₂ G)');
  });
});
