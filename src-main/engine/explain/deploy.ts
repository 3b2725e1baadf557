/**
 * Explanations of the deployment figures (LAWS.md §7): time and cost, training memory per device
 * (ZeRO model states, activations, reserve), serving memory with its KV cache, and a joint-law
 * design's weights and cache. Each tree follows the arrangement of the engine function named on
 * it; the activation bytes per layer are the engine's own term functions, shown as values.
 */
import { ATTENTION_PARAMS_PER_DMODEL_SQ, EXPERT_PARAMS_PER_DMODEL_SQ, type ModelShape, type Precision } from '../accounting/architecture';
import { kvValuesPerBlock, type CacheLayout } from '../accounting/memory';
import { denseLayerActivationBytes, moeLayerActivationBytes, type ActivationInput } from '../deploy/activations';
import type { AttentionLayout } from '../deploy/attention';
import type { DeployModel } from '../deploy/model';
import type { OptimizerChoice } from '../deploy/optimizers';
import type { Reserve } from '../deploy/reserve';
import type { ServingInput } from '../deploy/serving';
import type { TimeCostInput } from '../deploy/time-cost';
import type { ParallelLayout, ZeroStage } from '../deploy/training';
import { JOINT_LAW_DESCRIPTION } from '../joint/description';
import { add, ceil, div, input, lit, max, min, mul, pow, step, sub, term, type Expr, type Leaf, type Step } from './expr';
import type { Explanation } from './render';

export const ZERO_CITATION = 'Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", SC 2020, arXiv:1910.02054';
export const ACTIVATIONS_CITATION = 'Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models", MLSys 2023, arXiv:2205.05198';
export const TIME_COST_SOURCE = 'LAWS.md §7: GPU-hours = F / (peak × utilisation) / 3600; wall-clock = GPU-hours / devices; money = GPU-hours × price per device-hour';

export type TimeCostFigures = TimeCostInput;

/** As timeAndCost computes them. */
export function explainTimeCost(x: TimeCostFigures): Explanation {
  const F = input('F', x.flops, 'FLOPs', 'training compute');
  const P = input('P', x.peakFlopsPerDevice, 'FLOP/s', 'peak dense bf16 throughput per device');
  const u = input('u', x.utilization, '1', 'model FLOPs utilisation');
  const n = input('n', x.devices, 'devices', 'devices');
  const H = step('H', 'device-hours (GPU-hours)', 'GPU-hours', div(div(F, mul(P, u)), 3600));
  const days = step('T', 'wall-clock days', 'days', div(div(H, n), 24));
  const headline: Step[] = [H, days];
  if (x.pricePerDeviceHour != null) headline.push(step('$', 'cost', 'USD', mul(H, input('p', x.pricePerDeviceHour, 'USD per device-hour', 'price per device-hour'))));
  if (x.powerWattsPerDevice != null) headline.push(step('W', 'energy', 'kWh', div(mul(H, input('w', x.powerWattsPerDevice, 'W', 'power per device')), 1000)));
  return { figure: 'time.cost', title: 'Training time and cost', headline, citation: 'MoE Workbench deployment accounting', source: TIME_COST_SOURCE };
}

/** ZeRO's bytes of one state kind for Ψ parameters over a group: divided by the group from `from` on. */
function zeroTerm(bytesPerParam: Leaf, params: Step, group: Step, zero: ZeroStage, from: ZeroStage): Expr {
  return zero >= from ? div(mul(bytesPerParam, params), group) : mul(bytesPerParam, params);
}

export interface TrainingMemoryFigures {
  model: DeployModel;
  layout: ParallelLayout;
  devices: number;
  seqLen: number;
  optimizer: OptimizerChoice;
  /** With the device's memory and the reserve, the headroom is explained too. */
  device?: { memoryBytes: number; reserve: Reserve };
  /** False when the model's shape is unknown and only the model states are counted. */
  activations?: boolean;
}

/** As trainingMemory (modelStatesPerDevice + activationBytesPerDevice) computes it. */
export function explainTrainingMemory(x: TrainingMemoryFigures): Explanation {
  const { model: m, layout: l, optimizer: opt } = x;
  const t = input('t', l.tp, '1', 'tensor-parallel degree');
  const p = input('p', l.pp, '1', 'pipeline stages');
  const ep = input('e', l.ep, '1', 'expert-parallel degree');
  const dp = step('N_d', 'data-parallel ranks devices/(t·p)', '1', div(input('n', x.devices, 'devices', 'training devices'), mul(t, p)));
  const edp = step('N_ed', 'expert-data-parallel ranks N_d/e', '1', div(dp, ep));
  const pEmb = input('P_emb', m.embeddingParams, 'parameters', 'embedding and unembedding parameters');
  const psiD = step(
    'Ψ_d',
    'dense parameters on the busiest device (embeddings on the first and last stage only)',
    'parameters',
    add(div(sub(input('P_dense', m.denseParams, 'parameters', 'parameters every token uses, embeddings included'), pEmb), mul(t, p)), div(pEmb, mul(t, min(p, 2)))),
  );
  const hasExperts = m.expertParams > 0;
  const psiE = step('Ψ_e', 'routed-expert parameters on one device', 'parameters', div(input('P_exp', m.expertParams, 'parameters', 'routed-expert parameters, all layers'), mul(ep, t, p)));
  const w = input('w', opt.weightBytes, 'bytes per parameter', 'bytes per weight');
  const g = input('g', opt.gradientBytes, 'bytes per parameter', 'bytes per gradient');
  const K = input('K', opt.optimizerBytes, 'bytes per parameter', 'optimizer-state bytes per parameter');
  const both = (bytes: Leaf, from: ZeroStage) =>
    hasExperts ? add(zeroTerm(bytes, psiD, dp, l.zero, from), zeroTerm(bytes, psiE, edp, l.zero, from)) : zeroTerm(bytes, psiD, dp, l.zero, from);
  const W = step('M_w', `weights (ZeRO stage ${l.zero}${l.zero >= 3 ? ': sharded' : ': replicated'})`, 'bytes', both(w, 3), { inline: true });
  const Gr = step('M_g', `gradients (${l.zero >= 2 ? 'sharded' : 'replicated'})`, 'bytes', both(g, 2), { inline: true });
  const O = step('M_o', `optimizer states (${l.zero >= 1 ? 'sharded' : 'replicated'})`, 'bytes', both(K, 1), { inline: true });
  const states = step('M_states', 'model states per device', 'bytes', add(W, Gr, O));
  if (x.activations === false) return trainingExplanation(x, [states]);

  const a: ActivationInput = { seqLen: x.seqLen, microBatch: l.microBatch, tp: l.tp, sequenceParallel: l.sequenceParallel ?? true, recompute: l.recompute };
  const denseLayers = m.layers - m.moeLayers;
  const layerTerms: Expr[] = [];
  if (denseLayers > 0) layerTerms.push(mul(input('L_dense', denseLayers, '1', 'dense layers'), term('a_dense', denseLayerActivationBytes(m, a), 'bytes', `activations of one dense layer (Korthikanti Eq. 1–3, SwiGLU; recompute ${l.recompute})`)));
  if (m.moeLayers > 0) layerTerms.push(mul(input('L_moe', m.moeLayers, '1', 'MoE layers'), term('a_moe', moeLayerActivationBytes(m, a), 'bytes', `activations of one MoE layer (top-${m.activeExperts} routing; recompute ${l.recompute})`)));
  const allLayers = step('A_layers', 'activations of all layers for one micro-batch in flight per stage', 'bytes', layerTerms.length === 1 ? layerTerms[0]! : add(...layerTerms));
  const logits = step(
    'A_logits',
    'fp32 output logits 4·s·b·v/t',
    'bytes',
    div(mul(4, input('s', x.seqLen, 'tokens', 'sequence length'), input('b', l.microBatch, '1', 'micro-batch'), input('v', m.vocab, '1', 'vocabulary')), t),
    { inline: true },
  );
  const act = step('M_act', l.pp === 1 ? 'activations per device' : 'activations of the busiest pipeline stage (1F1B)', 'bytes', l.pp === 1 ? add(allLayers, logits) : max(allLayers, add(div(allLayers, p), logits)));
  const total = step('M_train', 'training memory per device', 'bytes', add(states, act));
  const headline: Step[] = [states, act, total];
  let reserveNote: string | undefined;
  if (x.device) {
    const usable = usableStep(x.device.memoryBytes, x.device.reserve);
    headline.push(usable, step('headroom', 'usable memory left (negative: short by that much)', 'bytes', sub(usable, total)));
    reserveNote = reserveText(x.device.reserve);
  }
  return trainingExplanation(x, headline, reserveNote);
}

function trainingExplanation(x: TrainingMemoryFigures, headline: Step[], note?: string): Explanation {
  const { layout: l, optimizer: opt } = x;
  const withActivations = x.activations !== false;
  return {
    figure: 'training.memory',
    title: `Training memory per device (${opt.label}, ZeRO stage ${l.zero}, t ${l.tp} × p ${l.pp} × e ${l.ep}, micro-batch ${l.microBatch})`,
    headline,
    citation: withActivations ? `${ZERO_CITATION}; ${ACTIVATIONS_CITATION}` : ZERO_CITATION,
    source: `ZeRO §5 (stage ${l.zero}) with expert and dense parameters sharded apart; optimizer: ${opt.source}${
      withActivations ? '; activations: Korthikanti §4 adapted to SwiGLU and top-k MoE (engine/deploy/activations.ts)' : ''
    }`,
    ...(note ? { note } : withActivations ? {} : { note: 'Activations not counted: the model’s layers, hidden size and heads were not given.' }),
  };
}

function usableStep(memoryBytes: number, reserve: Reserve): Step {
  const dev = input('M_dev', memoryBytes, 'bytes', 'memory per device');
  return reserve.kind === 'share'
    ? step('M_usable', 'usable memory after the reserve', 'bytes', sub(dev, mul(dev, input('r', reserve.share, '1', 'reserve share'))))
    : step('M_usable', 'usable memory after the reserve', 'bytes', sub(dev, input('R', reserve.bytes, 'bytes', 'reserve per device')));
}

function reserveText(r: Reserve): string {
  return `The reserve (${r.kind === 'share' ? 'a share of each device' : 'fixed bytes per device'}) stands for the CUDA context, communication buffers and fragmentation the accounting does not itemise (10% by default, vLLM's gpu_memory_utilization 0.9).`;
}

/** KV values per token, all layers, as kvValuesPerToken writes them. */
function kvValues(a: AttentionLayout): Expr {
  const L = input('L', a.layers, '1', 'layers');
  switch (a.kind) {
    case 'mha':
      return mul(2, L, input('h', a.hidden, '1', 'hidden size'));
    case 'gqa':
      return mul(2, L, input('n_kv', a.kvHeads, '1', 'KV heads'), input('d_head', a.headDim, '1', 'head dimension'));
    case 'mla':
      return mul(L, add(input('d_c', a.latentDim, '1', 'compressed latent dimension'), input('d_rope', a.ropeDim, '1', 'decoupled RoPE key dimension')));
  }
}

const KV_SOURCE = 'LAWS.md §7: MHA 2·L·h, GQA/MQA 2·L·n_kv·d_head (Ainslie et al. 2023, arXiv:2305.13245), MLA L·(d_c + d_rope) (DeepSeek-V2, arXiv:2405.04434) values per token';

/** As kvCache computes it. */
export function explainKvCache(x: { attention: AttentionLayout; tokens: number; bytesPerValue: number }): Explanation {
  const perToken = step('kv_token', 'cache bytes per token, all layers', 'bytes', mul(kvValues(x.attention), input('b_kv', x.bytesPerValue, 'bytes per value', 'bytes per cached value')));
  const total = step('M_kv', 'KV cache', 'bytes', mul(perToken, input('T', x.tokens, 'tokens', 'cached tokens (batch × context)')));
  return { figure: 'kv.cache', title: `KV cache (${x.attention.kind.toUpperCase()})`, headline: [perToken, total], citation: 'KV-cache accounting', source: KV_SOURCE };
}

export type ServingFigures = ServingInput & { model: DeployModel };

/** As servingMemory computes it. */
export function explainServingMemory(x: ServingFigures): Explanation {
  const m = x.model;
  const t = input('t', x.tp, '1', 'tensor-parallel degree');
  const e = input('e', x.ep, '1', 'expert-parallel degree');
  const weights = step(
    'M_w',
    'weights per device',
    'bytes',
    mul(add(div(input('P_dense', m.denseParams, 'parameters', 'dense parameters'), t), div(input('P_exp', m.expertParams, 'parameters', 'routed-expert parameters'), e)), input('w', x.weightBytes, 'bytes per parameter', 'bytes per weight')),
  );
  const whole = mul(kvValues(m.attention), input('b_kv', x.kvBytes, 'bytes per value', 'bytes per cached value'));
  const shards: Expr | null =
    m.attention.kind === 'mha' ? min(t, input('a', m.heads, '1', 'attention heads')) : m.attention.kind === 'gqa' ? min(t, input('n_kv', m.attention.kvHeads, '1', 'KV heads')) : null;
  const perToken = step('kv_token', shards ? 'cache bytes per token on one device (split by KV head over t)' : 'cache bytes per token (the MLA latent is not split)', 'bytes', shards ? div(whole, shards) : whole);
  const n = input('n', x.devices, 'devices', 'serving devices');
  const tokens = step('T', 'cached tokens per tensor-parallel replica ⌈batch/(n/t)⌉·context', 'tokens', mul(ceil(div(input('B', x.batch, '1', 'concurrent sequences'), div(n, t))), input('ctx', x.context, 'tokens', 'context length')));
  const kv = step('M_kv', 'KV cache per device', 'bytes', mul(perToken, tokens));
  const total = step('M_serve', 'serving memory per device', 'bytes', add(weights, kv));
  const usable = usableStep(x.memoryBytesPerDevice, x.reserve);
  const headroom = step('headroom', 'usable memory left (negative: short by that much)', 'bytes', sub(usable, total));
  return {
    figure: 'serving.memory',
    title: `Serving memory per device (t ${x.tp}, e ${x.ep}, ${x.devices} devices)`,
    headline: [weights, kv, total, usable, headroom],
    citation: 'KV-cache and serving accounting',
    source: `Weights: dense parts split over t, routed experts over e; ${KV_SOURCE}`,
    note: reserveText(x.reserve),
  };
}

/** The width, blocks and experts of a paper-rule shape as the memory steps read them (leaves or steps of another tree). */
export interface ShapeOperands {
  d: Leaf | Step;
  blocks: Leaf | Step;
  experts: Leaf;
  vocab: Leaf;
  /** The width's value, for the cache layouts whose width per block is fixed by the layout. */
  dModel: number;
}

/** N_total (Eq. 9), weights and KV cache of a paper-rule shape, as countParameters and memoryFootprint compute them; `suffix` names a second shape's steps apart. */
export function designMemorySteps(s: ShapeOperands, x: { kvTokens: number; precision: Precision; layout: CacheLayout }, suffix = '') {
  const nTotal = step(
    `N_total${suffix}`,
    'total parameters (Eq. 9)',
    'parameters',
    add(mul(2, s.d, s.vocab), mul(add(lit(ATTENTION_PARAMS_PER_DMODEL_SQ), mul(lit(EXPERT_PARAMS_PER_DMODEL_SQ), s.experts)), s.blocks, pow(s.d, 2))),
  );
  const weights = step(`M_w${suffix}`, 'weights', 'bytes', mul(nTotal, input('b_w', x.precision.bytesPerWeight, 'bytes per parameter', 'bytes per weight')));
  const perBlock = x.layout.kind === 'mha' ? mul(2, s.d) : lit(kvValuesPerBlock(s.dModel, x.layout));
  const kv = step(`M_kv${suffix}`, `KV cache (${x.layout.kind.toUpperCase()})`, 'bytes', mul(input('T', x.kvTokens, 'tokens', 'cached tokens'), s.blocks, perBlock, input('b_kv', x.precision.bytesPerKvValue, 'bytes per value', 'bytes per cached value')));
  const total = step(`M${suffix}`, 'weights plus KV cache', 'bytes', add(weights, kv));
  return { nTotal, weights, kv, total };
}

export const DESIGN_MEMORY_SOURCE = 'App. A: N_total = 2·d_model·d_vocab + (4 + 9E)·N_blocks·d_model²; §4 (memory): KV cache 2·T·N_blocks·d_model values (MHA)';

/** A joint-law design's weights and cache (Eq. 9 and §1 Memory), as countParameters and memoryFootprint compute them. */
export function explainDesignMemory(x: { shape: ModelShape; kvTokens: number; precision: Precision; layout: CacheLayout }): Explanation {
  const shape: ShapeOperands = {
    d: input('d_model', x.shape.dModel, 'dimensions', 'model width'),
    blocks: input('N_blocks', x.shape.nBlocks, '1', 'blocks'),
    experts: input('E', x.shape.experts, 'experts', 'experts per MoE layer'),
    vocab: input('V', x.shape.vocab, 'dimensions', 'vocabulary (GPT-2)'),
    dModel: x.shape.dModel,
  };
  const m = designMemorySteps(shape, x);
  return {
    figure: 'design.memory',
    title: 'Memory of the design: weights and KV cache',
    headline: [m.nTotal, m.weights, m.kv, m.total],
    citation: JOINT_LAW_DESCRIPTION.citation,
    source: DESIGN_MEMORY_SOURCE,
  };
}
