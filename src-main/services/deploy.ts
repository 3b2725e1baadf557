/**
 * Deployment services: KV cache, training memory per device, and the deployment check (layout
 * search, serving fit, time and cost) for a design, a shipped preset or a pasted config.json.
 */
import * as numbers from '../format';
import {
  ARCHITECTURE_PRESETS,
  activeParams,
  describeAttention,
  describeLayout,
  deployModelFromShape,
  kvCache,
  OPTIMIZERS,
  parseHfConfig,
  presetModel,
  searchLayout,
  servingMemory,
  servingProblems,
  timeAndCost,
  totalParams,
  trainingMemory,
  type AttentionLayout,
  type DeployModel,
  type EvaluatedLayout,
  type Reserve,
} from '../engine/deploy';
import { EngineInputError } from '../engine/common/errors';
import type { AttentionChoice, TimeCostInfo, TimeCostOverrides } from '../ipc/contract/deploy';
import type { ParsedRequestOf, ResponseOf } from '../ipc/contract';
import type { HardwareProfileRow } from '../store';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { clusterLabel, deviceCountFor, hardwareProfile } from './memory-budget';
import { bytesOf } from './preferences';
import { count as fmtCount } from '../format';

const GiB = 2 ** 30;

const CITATIONS = [
  'Model states: Rajbhandari et al. 2020, ZeRO (arXiv 1910.02054), §3.1 and §5',
  'Activations: Korthikanti et al. 2022 (arXiv 2205.05198), §4, adapted to SwiGLU and top-k MoE',
  'KV cache: MHA 2·L·h, GQA/MQA 2·L·n_kv·d_head (Ainslie et al. 2023), MLA L·(d_c + d_rope) (DeepSeek-V2, arXiv 2405.04434)',
  'Time and cost: GPU-hours = F / (peak × utilisation) / 3600 (LAWS.md §7)',
];

function attentionLayout(choice: AttentionChoice | undefined, layers: number, hidden: number): AttentionLayout | undefined {
  if (!choice || choice.kind === 'mha') return undefined;
  return choice.kind === 'gqa' ? { kind: 'gqa', layers, kvHeads: choice.kvHeads, headDim: choice.headDim } : { kind: 'mla', layers, latentDim: choice.latentDim, ropeDim: choice.ropeDim };
}

export function resolveModel(r: ParsedRequestOf<'deploy.check'>): { model: DeployModel; source: string; attentionNote: string } {
  const src = r.model;
  if (src.kind === 'design') {
    const shape = { dModel: src.dModel, nBlocks: src.nBlocks, nHeads: src.nHeads, experts: src.experts, vocab: src.vocab };
    // The serving and training figures need whole layers and heads: the buildable neighbour.
    const built = { ...shape, dModel: Math.max(64, Math.round(shape.dModel / 64) * 64), nBlocks: Math.max(1, Math.round(shape.nBlocks)), nHeads: Math.max(1, Math.round(shape.nHeads)) };
    const attention = attentionLayout(r.attention, built.nBlocks, built.dModel);
    const model = deployModelFromShape(built, src.name ?? `E = ${built.experts}, d_model ${built.dModel} × ${built.nBlocks} blocks`, attention);
    const attentionNote = attention
      ? `${describeAttention(model.attention)} chosen for this deployment check; the design problems keep the joint law's MHA convention (2·L·d_model values per token).`
      : 'Multi-head attention: the joint law was fitted on MHA models, and the design problems use the same convention.';
    return { model, source: 'joint-law design (Ludziejewski, Pióro et al. 2025, App. A architecture), buildable shape', attentionNote };
  }
  if (src.kind === 'preset') {
    const preset = ARCHITECTURE_PRESETS.find((p) => p.id === src.id);
    const model = presetModel(src.id);
    if (!preset || !model) throw new ServiceError('not-found', `No architecture preset "${src.id}" (one of ${ARCHITECTURE_PRESETS.map((p) => p.id).join(', ')})`, ['model', 'id']);
    return { model, source: preset.source, attentionNote: `${describeAttention(model.attention)}, as the model's config.json says.` };
  }
  try {
    const model = parseHfConfig(src.json, src.name ?? 'pasted config.json');
    return { model, source: 'config.json given by the user', attentionNote: `${describeAttention(model.attention)}, as the config.json says.` };
  } catch (err) {
    if (err instanceof EngineInputError) throw new ServiceError('invalid-request', err.message, ['model', 'json', err.field]);
    throw err;
  }
}

export function engineReserve(r: ParsedRequestOf<'deploy.check'>['reserve']): Reserve {
  return r.kind === 'share' ? { kind: 'share', share: r.share } : { kind: 'bytes', bytes: r.gib * GiB };
}

function evaluatedOut(e: EvaluatedLayout) {
  return { layout: e.layout, memory: e.memory, fits: e.fits, headroomBytes: e.headroomBytes, description: describeLayout(e.layout) };
}

/** GPU-hours, days and money for F FLOPs on `devices` devices of a profile. */
export function timeCostFor(profile: HardwareProfileRow, flops: number, devices: number, o: TimeCostOverrides = {}): TimeCostInfo {
  const u = o.utilization ?? profile.defaultUtilization;
  const p = o.pricePerDeviceHour ?? profile.pricePerDeviceHour;
  const w = o.powerWattsPerDevice ?? profile.powerWattsPerDevice;
  const t = timeAndCost({ flops, peakFlopsPerDevice: profile.peakFlopsPerDevice, utilization: u, devices, pricePerDeviceHour: p, powerWattsPerDevice: w });
  const basis = `${numbers.flops(flops)} FLOPs / (${numbers.significant(profile.peakFlopsPerDevice / 1e12, 4)} TFLOP/s × ${numbers.percent(u)} utilisation) on ${clusterLabel(profile, devices)}${
    p != null ? `, at $${p}/device-hour` : '; no price per device-hour set (set one on the Hardware page or with --price)'
  }${w != null ? `; energy at ${w} W per device` : ''}`;
  return {
    flops,
    hardwareId: profile.id,
    hardwareName: profile.name,
    devices,
    cluster: clusterLabel(profile, devices),
    utilization: u,
    peakFlopsPerDevice: profile.peakFlopsPerDevice,
    pricePerDeviceHour: p ?? null,
    powerWattsPerDevice: w ?? null,
    gpuHours: t.gpuHours,
    wallClockDays: t.wallClockDays,
    costUsd: t.costUsd,
    energyKwh: t.energyKwh,
    basis,
  };
}

function reserveWarnings(usable: { usableBytes: number; deviceBytes: number }, needed: number, convention: numbers.ByteConvention): string[] {
  if (usable.usableBytes - needed <= 0.02 * usable.deviceBytes && usable.usableBytes >= needed) {
    return [`Less than 2% of device memory is left after the reserve (${numbers.bytes(usable.usableBytes - needed, convention)}): nothing for a longer context or a bigger batch.`];
  }
  return [];
}

/** The cache layout a memory.kv request describes. */
export function kvLayoutOf(r: ParsedRequestOf<'memory.kv'>): AttentionLayout {
  return r.latentDim !== undefined
    ? { kind: 'mla', layers: r.layers, latentDim: r.latentDim, ropeDim: r.ropeDim ?? 0 }
    : r.kvHeads !== undefined && r.headDim !== undefined
      ? { kind: 'gqa', layers: r.layers, kvHeads: r.kvHeads, headDim: r.headDim }
      : { kind: 'mha', layers: r.layers, hidden: r.hidden as number };
}

/** The model a memory.training request describes (a shape is optional: without one, activations are not counted). */
export function trainingModelOf(r: ParsedRequestOf<'memory.training'>): { model: DeployModel; hasShape: boolean } {
  const hasShape = r.layers !== undefined && r.hidden !== undefined && r.heads !== undefined;
  const experts = r.experts ?? (r.expertParams > 0 ? Math.max(r.ep, 1) : 1);
  const layers = r.layers ?? r.pp;
  const model: DeployModel = {
    name: 'given',
    layers,
    hidden: r.hidden ?? 1,
    heads: r.heads ?? r.tp,
    vocab: r.vocab,
    attention: { kind: 'mha', layers, hidden: r.hidden ?? 1 },
    embeddingParams: r.embeddingParams,
    denseParams: r.params - r.expertParams,
    expertParams: r.expertParams,
    experts,
    activeExperts: 1,
    sharedExperts: 0,
    moeLayers: r.expertParams > 0 ? layers : 0,
    ffnKind: 'swiglu',
    denseFfnHidden: 3 * (r.hidden ?? 1),
    expertFfnHidden: 3 * (r.hidden ?? 1),
  };
  return { model, hasShape };
}

/** The deployment check: the training layout that fits, serving memory, time and cost (explain.figure reruns it). */
export function deployCheck(r: ParsedRequestOf<'deploy.check'>, ctx: ServiceContext): ResponseOf<'deploy.check'> {
  const { model, source, attentionNote } = resolveModel(r);
  const reserve = engineReserve(r.reserve);
  const convention = bytesOf(ctx);
  let training = null;
  let time = null;
  if (r.training) {
    const t = r.training;
    const profile = hardwareProfile(ctx, t.hardwareId, ['training', 'hardwareId']);
    const devices = deviceCountFor(profile, t.devices, ['training', 'devices']);
    const search = searchLayout({ model, devices, memoryBytesPerDevice: profile.memoryBytesPerDevice, reserve, seqLen: t.seqLen, optimizer: t.optimizer, byteConvention: convention, ...(t.zero ? { space: { zero: t.zero } } : {}) });
    const warnings = search.best ? reserveWarnings(search.usable, search.best.memory.totalBytes, convention) : [];
    training = {
      hardwareId: profile.id,
      hardwareName: profile.name,
      devices,
      cluster: clusterLabel(profile, devices),
      seqLen: t.seqLen,
      optimizer: t.optimizer,
      optimizerLabel: OPTIMIZERS[t.optimizer].label,
      usable: search.usable,
      fits: search.fits,
      best: search.best ? evaluatedOut(search.best) : null,
      leanest: search.leanest ? evaluatedOut(search.leanest) : null,
      rejected: search.rejected.map((e) => ({ ...evaluatedOut(e), reason: e.reason })),
      evaluated: search.evaluated,
      ordering: search.ordering,
      invalidReason: search.invalidReason,
      shortfallBytes: search.shortfallBytes,
      suggestions: search.suggestions.map((s) => ({ kind: s.kind, message: s.message })),
      warnings,
    };
    if (t.flops !== undefined) time = timeCostFor(profile, t.flops, devices, t);
  }
  let serving = null;
  if (r.serving) {
    const s = r.serving;
    const profile = hardwareProfile(ctx, s.hardwareId, ['serving', 'hardwareId']);
    const devices = deviceCountFor(profile, s.devices, ['serving', 'devices']);
    // Default: dense parts over as many ranks as divide the heads, experts over as many as divide E.
    const largestDivisor = (n: number, cap: number) => {
      for (let d = Math.min(n, cap); d >= 1; d--) if (n % d === 0 && devices % d === 0) return d;
      return 1;
    };
    const tp = s.tp ?? largestDivisor(model.heads, devices);
    const ep = s.ep ?? largestDivisor(model.experts, devices);
    // A chosen degree that does not fit the model or the devices is an error at that field.
    const [problem] = servingProblems(model, { devices, tp, ep });
    if (problem) throw new ServiceError('invalid-request', `serving ${problem.message}`, ['serving', problem.field]);
    const m = servingMemory(model, { devices, tp, ep, weightBytes: s.weightBytes, kvBytes: s.kvBytes, batch: s.batch, context: s.context, memoryBytesPerDevice: profile.memoryBytesPerDevice, reserve });
    const warnings = reserveWarnings(m, m.totalBytes, convention);
    if (!m.fits) warnings.push(`Short by ${numbers.bytes(-m.headroomBytes, convention)} per device: ${m.maxCachedTokens > 0 ? `at most ${numbers.whole(m.maxCachedTokens)} cached tokens fit` : 'the weights alone do not fit'}.`);
    serving = {
      hardwareId: profile.id,
      hardwareName: profile.name,
      devices,
      cluster: clusterLabel(profile, devices),
      tp,
      ep,
      batch: s.batch,
      context: s.context,
      weightBytes: s.weightBytes,
      kvBytes: s.kvBytes,
      weightsBytes: m.weightsBytes,
      kvCacheBytes: m.kvBytes,
      kvBytesPerToken: m.kvBytesPerToken,
      totalBytes: m.totalBytes,
      usable: { deviceBytes: m.deviceBytes, reserveBytes: m.reserveBytes, usableBytes: m.usableBytes },
      fits: m.fits,
      headroomBytes: m.headroomBytes,
      maxCachedTokens: m.maxCachedTokens,
      warnings,
    };
  }
  return {
    model: {
      name: model.name,
      layers: model.layers,
      hidden: model.hidden,
      heads: model.heads,
      experts: model.experts,
      activeExperts: model.activeExperts,
      totalParams: totalParams(model),
      activeParams: activeParams(model),
      denseParams: model.denseParams,
      expertParams: model.expertParams,
      attention: describeAttention(model.attention),
      attentionNote,
      source,
    },
    reserve: r.reserve.kind === 'share' ? { kind: 'share' as const, value: r.reserve.share } : { kind: 'gib' as const, value: r.reserve.gib },
    training,
    serving,
    time,
    citations: CITATIONS,
  };
}

export const deployHandlers: Pick<Handlers, 'memory.kv' | 'memory.training' | 'deploy.check' | 'deploy.presets'> = {
  'memory.kv': (r) => {
    const a = kvLayoutOf(r);
    const k = kvCache(a, r.tokens, r.kvBytes);
    const formula = a.kind === 'mla' ? 'L·(d_c + d_rope) values per token' : a.kind === 'gqa' ? '2·L·n_kv·d_head values per token' : '2·L·h values per token (MHA)';
    return { attention: a.kind, description: describeAttention(a), ...k, formula: `${formula} × ${r.kvBytes} bytes` };
  },

  'memory.training': (r) => {
    const { model, hasShape } = trainingModelOf(r);
    if (r.embeddingParams > model.denseParams) throw new ServiceError('invalid-request', 'embeddingParams cannot exceed the dense parameters (params − expertParams)', ['embeddingParams']);
    const layout = { zero: r.zero, tp: r.tp, pp: r.pp, ep: r.ep, microBatch: r.microBatch, recompute: r.recompute };
    const m = trainingMemory(model, layout, r.devices, { seqLen: r.seqLen, optimizer: r.optimizer });
    const opt = OPTIMIZERS[r.optimizer];
    const notes = [
      `${opt.label}: ${opt.source}.`,
      r.expertParams > 0
        ? `Expert parameters (${fmtCount(r.expertParams)}) split over EP ${r.ep} × TP ${r.tp} × PP ${r.pp} and ZeRO-sharded over the ${m.expertDataParallel} expert-data-parallel ranks; dense parameters over TP × PP and the ${m.dataParallel} data-parallel ranks.`
        : `Parameters split over TP ${r.tp} × PP ${r.pp} and ZeRO-sharded over the ${m.dataParallel} data-parallel ranks.`,
      hasShape
        ? 'Activations: Korthikanti et al. 2022, SwiGLU blocks (hidden 3h), top-1 routing, sequence parallelism with TP.'
        : 'Activations not counted: give layers, hidden and heads for them.',
    ];
    const memory = hasShape ? m : { ...m, activationBytes: null, totalBytes: m.modelStatesBytes };
    return { devices: r.devices, layout, optimizer: r.optimizer, optimizerLabel: opt.label, bytesPerParam: { weights: opt.weightBytes, gradients: opt.gradientBytes, optimizer: opt.optimizerBytes }, memory, notes };
  },

  'deploy.check': deployCheck,

  'deploy.presets': () => ({
    presets: ARCHITECTURE_PRESETS.map((p) => {
      const m = presetModel(p.id) as DeployModel;
      return { id: p.id, name: p.name, source: p.source, totalParams: totalParams(m), activeParams: activeParams(m), publishedTotalParams: p.publishedTotalParams, publishedActiveParams: p.publishedActiveParams, attention: describeAttention(m.attention) };
    }),
  }),
};
