/**
 * Training memory per device for a parallel layout: model states (weights, gradients, optimizer
 * states) sharded by ZeRO over data parallelism and by tensor, pipeline and expert parallelism,
 * plus activations (activations.ts).
 *
 * Model states (Rajbhandari et al. 2020, ZeRO, §5) with Ψ parameters on N_d data-parallel ranks and
 * w + g + K bytes per parameter: stage 0 (w+g+K)Ψ; stage 1 (P_os) (w+g)Ψ + KΨ/N_d; stage 2
 * (P_os+g) wΨ + (g+K)Ψ/N_d; stage 3 (P_os+g+p) (w+g+K)Ψ/N_d.
 *
 * The two kinds of parameter shard differently (DeepSpeed-MoE, Megatron-Core MoE): dense parameters
 * split over tensor (t) and pipeline (p) ranks and are replicated over the D/(t·p) data-parallel
 * ranks; routed experts are split across the expert-parallel ranks (e, carved out of data
 * parallelism), each expert's matrices over t, and are replicated only over the D/(t·p·e)
 * expert-data-parallel ranks — so ZeRO divides expert states by that smaller group.
 * Embeddings live on the first and last pipeline stages, not spread over all of them.
 */
import { EngineInputError } from '../common/errors';
import { activationBytesPerDevice, type Recompute } from './activations';
import type { DeployModel } from './model';
import { OPTIMIZERS, type OptimizerChoice, type OptimizerId } from './optimizers';

export type ZeroStage = 0 | 1 | 2 | 3;

export interface ParallelLayout {
  zero: ZeroStage;
  tp: number;
  pp: number;
  ep: number;
  microBatch: number;
  recompute: Recompute;
  /** Megatron's sequence parallelism alongside tensor parallelism (on unless said otherwise). */
  sequenceParallel?: boolean;
}

export interface LayoutProblem {
  field: 'devices' | 'tp' | 'pp' | 'ep' | 'zero' | 'microBatch' | 'recompute';
  message: string;
}

const isWhole = (v: number, min = 1) => Number.isInteger(v) && v >= min;

/** Everything wrong with a layout for this model on `devices` devices, each naming its field. */
export function layoutProblems(m: DeployModel, l: ParallelLayout, devices: number): LayoutProblem[] {
  const out: LayoutProblem[] = [];
  if (!isWhole(devices)) out.push({ field: 'devices', message: `devices must be a whole number ≥ 1 (got ${devices})` });
  if (!isWhole(l.tp)) out.push({ field: 'tp', message: `tp must be a whole number ≥ 1 (got ${l.tp})` });
  if (!isWhole(l.pp)) out.push({ field: 'pp', message: `pp must be a whole number ≥ 1 (got ${l.pp})` });
  if (!isWhole(l.ep)) out.push({ field: 'ep', message: `ep must be a whole number ≥ 1 (got ${l.ep})` });
  if (!isWhole(l.microBatch)) out.push({ field: 'microBatch', message: `microBatch must be a whole number ≥ 1 (got ${l.microBatch})` });
  if (![0, 1, 2, 3].includes(l.zero)) out.push({ field: 'zero', message: `zero must be a ZeRO stage 0, 1, 2 or 3 (got ${String(l.zero)})` });
  if (!['none', 'selective', 'full'].includes(l.recompute)) out.push({ field: 'recompute', message: `recompute must be none, selective or full (got ${String(l.recompute)})` });
  if (out.length) return out;
  if (m.heads % l.tp !== 0) out.push({ field: 'tp', message: `tp ${l.tp} does not divide the ${m.heads} attention heads` });
  if (l.pp > m.layers) out.push({ field: 'pp', message: `pp ${l.pp} exceeds the ${m.layers} layers` });
  else if (m.layers % l.pp !== 0) out.push({ field: 'pp', message: `pp ${l.pp} does not divide the ${m.layers} layers` });
  if (l.ep > m.experts) out.push({ field: 'ep', message: `ep ${l.ep} exceeds the ${m.experts} expert${m.experts === 1 ? '' : 's'}` });
  else if (m.experts % l.ep !== 0) out.push({ field: 'ep', message: `ep ${l.ep} does not divide the ${m.experts} experts` });
  const modelRanks = l.tp * l.pp;
  if (modelRanks > devices) out.push({ field: 'devices', message: `tp × pp = ${modelRanks} ranks exceed the ${devices} devices` });
  else if (devices % modelRanks !== 0) out.push({ field: 'devices', message: `${devices} devices are not a multiple of tp × pp = ${modelRanks}` });
  else {
    const dp = devices / modelRanks;
    if (l.ep > dp) out.push({ field: 'ep', message: `ep ${l.ep} exceeds the ${dp} data-parallel ranks (devices / (tp × pp)); tp × pp × ep = ${modelRanks * l.ep} ranks exceed the ${devices} devices` });
    else if (dp % l.ep !== 0) out.push({ field: 'ep', message: `ep ${l.ep} does not divide the ${dp} data-parallel ranks` });
  }
  return out;
}

export function validateLayout(m: DeployModel, l: ParallelLayout, devices: number): void {
  const [first] = layoutProblems(m, l, devices);
  if (first) throw new EngineInputError(first.field, first.message);
}

export interface ModelStatesPerDevice {
  weightsBytes: number;
  gradientBytes: number;
  optimizerBytes: number;
  modelStatesBytes: number;
}

/** ZeRO's per-rank model states for Ψ parameters replicated over `dataParallel` ranks. */
export function zeroModelStates(params: number, dataParallel: number, zero: ZeroStage, opt: Pick<OptimizerChoice, 'weightBytes' | 'gradientBytes' | 'optimizerBytes'>): ModelStatesPerDevice {
  const weightsBytes = (params * opt.weightBytes) / (zero >= 3 ? dataParallel : 1);
  const gradientBytes = (params * opt.gradientBytes) / (zero >= 2 ? dataParallel : 1);
  const optimizerBytes = (params * opt.optimizerBytes) / (zero >= 1 ? dataParallel : 1);
  return { weightsBytes, gradientBytes, optimizerBytes, modelStatesBytes: weightsBytes + gradientBytes + optimizerBytes };
}

export interface TrainingSettings {
  seqLen: number;
  optimizer: OptimizerId;
}

export interface TrainingMemory extends ModelStatesPerDevice {
  activationBytes: number;
  totalBytes: number;
  /** Parameters held on one device (before ZeRO sharding), dense and expert. */
  denseParamsPerDevice: number;
  expertParamsPerDevice: number;
  dataParallel: number;
  expertDataParallel: number;
}

function add(a: ModelStatesPerDevice, b: ModelStatesPerDevice): ModelStatesPerDevice {
  return {
    weightsBytes: a.weightsBytes + b.weightsBytes,
    gradientBytes: a.gradientBytes + b.gradientBytes,
    optimizerBytes: a.optimizerBytes + b.optimizerBytes,
    modelStatesBytes: a.modelStatesBytes + b.modelStatesBytes,
  };
}

/**
 * Model-state bytes only, allocation-free, for the layout search's inner loop; the same sums as
 * modelStatesPerDevice.
 */
export function modelStatesBytes(m: DeployModel, tp: number, pp: number, ep: number, zero: ZeroStage, devices: number, opt: OptimizerChoice): number {
  const dp = devices / (tp * pp);
  const edp = dp / ep;
  const dense = (m.denseParams - m.embeddingParams) / (tp * pp) + m.embeddingParams / (tp * Math.min(pp, 2));
  const expert = m.expertParams / (ep * tp * pp);
  const per = (params: number, group: number) =>
    (params * opt.weightBytes) / (zero >= 3 ? group : 1) + (params * opt.gradientBytes) / (zero >= 2 ? group : 1) + (params * opt.optimizerBytes) / (zero >= 1 ? group : 1);
  return per(dense, dp) + per(expert, edp);
}

/** Model states of the busiest rank for a layout already validated (see trainingMemory). */
export function modelStatesPerDevice(m: DeployModel, l: Pick<ParallelLayout, 'tp' | 'pp' | 'ep' | 'zero'>, devices: number, opt: OptimizerChoice) {
  const dataParallel = devices / (l.tp * l.pp);
  const expertDataParallel = dataParallel / l.ep;
  const embeddingPerDevice = m.embeddingParams / (l.tp * Math.min(l.pp, 2));
  const denseParamsPerDevice = (m.denseParams - m.embeddingParams) / (l.tp * l.pp) + embeddingPerDevice;
  const expertParamsPerDevice = m.expertParams / (l.ep * l.tp * l.pp);
  const states = add(zeroModelStates(denseParamsPerDevice, dataParallel, l.zero, opt), zeroModelStates(expertParamsPerDevice, expertDataParallel, l.zero, opt));
  return { ...states, denseParamsPerDevice, expertParamsPerDevice, dataParallel, expertDataParallel };
}

export function optimizerChoice(id: OptimizerId): OptimizerChoice {
  const opt = OPTIMIZERS[id];
  if (!opt) throw new EngineInputError('optimizer', `unknown optimizer "${String(id)}" (one of ${Object.keys(OPTIMIZERS).join(', ')})`);
  return opt;
}

/** Per-device training memory of the busiest rank. Validates the layout (errors name the field). */
export function trainingMemory(m: DeployModel, l: ParallelLayout, devices: number, s: TrainingSettings): TrainingMemory {
  validateLayout(m, l, devices);
  if (!isWhole(s.seqLen)) throw new EngineInputError('seqLen', `seqLen must be a whole number ≥ 1 (got ${s.seqLen})`);
  const states = modelStatesPerDevice(m, l, devices, optimizerChoice(s.optimizer));
  const activationBytes = activationBytesPerDevice(m, {
    seqLen: s.seqLen,
    microBatch: l.microBatch,
    tp: l.tp,
    pp: l.pp,
    sequenceParallel: l.sequenceParallel ?? true,
    recompute: l.recompute,
  });
  return { ...states, activationBytes, totalBytes: states.modelStatesBytes + activationBytes };
}
