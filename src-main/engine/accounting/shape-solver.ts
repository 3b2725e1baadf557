/**
 * Backward accounting: from a parameter count or a memory budget to the paper-rule shape
 * (N_blocks = N_heads = d_model/64). Every count is a cubic in d_model with positive
 * coefficients, so each has one positive root.
 */
import { EngineInputError } from '../common/errors';
import {
  ATTENTION_PARAMS_PER_DMODEL_SQ,
  EXPERT_PARAMS_PER_DMODEL_SQ,
  GPT2_VOCAB,
  HEAD_DIM,
  paperShape,
  type BasedShape,
  type Precision,
} from './architecture';
import { solveIncreasingCubic } from './cubic';
import { MHA_CACHE, type CacheLayout } from './memory';
import { countParameters } from './parameter-counts';
import { requireNonNegativeFinite, requirePositiveFinite } from './validate';

function checkExperts(experts: number): number {
  requirePositiveFinite(experts, 'experts');
  if (experts < 1) throw new EngineInputError('experts', `experts must be at least 1 (got ${experts})`);
  return experts;
}

/** d_model³ coefficient of a count with `ffnCopies` SwiGLU experts per block. */
function cubicCoefficient(ffnCopies: number): number {
  return (ATTENTION_PARAMS_PER_DMODEL_SQ + EXPERT_PARAMS_PER_DMODEL_SQ * ffnCopies) / HEAD_DIM;
}

/** The continuous shape whose N_act (embeddings included) equals `nAct`. */
export function exactShapeForActive(nAct: number, experts: number, vocab = GPT2_VOCAB): BasedShape {
  requirePositiveFinite(nAct, 'nAct');
  checkExperts(experts);
  requirePositiveFinite(vocab, 'vocab');
  const d = solveIncreasingCubic(cubicCoefficient(1), 0, 2 * vocab, nAct);
  return paperShape(d, experts, 'exact', vocab);
}

/** The continuous shape whose N_total equals `nTotal`. */
export function exactShapeForTotal(nTotal: number, experts: number, vocab = GPT2_VOCAB): BasedShape {
  requirePositiveFinite(nTotal, 'nTotal');
  checkExperts(experts);
  requirePositiveFinite(vocab, 'vocab');
  const d = solveIncreasingCubic(cubicCoefficient(experts), 0, 2 * vocab, nTotal);
  return paperShape(d, experts, 'exact', vocab);
}

export interface MemoryFitOptions {
  /** Cached tokens counted against the budget; 0 means model-only memory. */
  kvTokens: number;
  precision: Precision;
  vocab?: number;
  /** How the cache is laid out (default MHA, the joint law's convention). */
  cacheLayout?: CacheLayout;
}

/** The largest continuous shape whose weights (plus KV cache for `kvTokens`) fit `memoryBytes`. */
export function exactShapeForMemory(memoryBytes: number, experts: number, options: MemoryFitOptions): BasedShape {
  requirePositiveFinite(memoryBytes, 'memoryBytes');
  checkExperts(experts);
  const vocab = requirePositiveFinite(options.vocab ?? GPT2_VOCAB, 'vocab');
  const kvTokens = requireNonNegativeFinite(options.kvTokens, 'kvTokens');
  const wb = requirePositiveFinite(options.precision.bytesPerWeight, 'precision.bytesPerWeight');
  const kvb = requirePositiveFinite(options.precision.bytesPerKvValue, 'precision.bytesPerKvValue');
  const layout = options.cacheLayout ?? MHA_CACHE;
  // weights: wb·(2·V·d + k·d³); KV: kvb·T·(d/64)·values per block, which is 2·d (MHA, quadratic in d)
  // or a width fixed by the layout (GQA, MLA: linear in d).
  const weightsC3 = wb * cubicCoefficient(experts);
  const weightsC1 = wb * 2 * vocab;
  const mha = () => solveIncreasingCubic(weightsC3, (kvb * 2 * kvTokens) / HEAD_DIM, weightsC1, memoryBytes);
  const fixedWidth = (width: number) => solveIncreasingCubic(weightsC3, 0, weightsC1 + (kvb * kvTokens * width) / HEAD_DIM, memoryBytes);
  let d: number;
  if (layout.kind === 'mha') d = mha();
  else if (layout.kind === 'mla') d = fixedWidth(layout.latentDim + layout.ropeDim);
  else {
    // GQA caches 2·min(n_kv·d_head, d) per block; memory is increasing and continuous in d, so
    // exactly one branch's root lies on its own side of the kink at d = n_kv·d_head.
    const width = layout.kvHeads * layout.headDim;
    const wide = fixedWidth(2 * width);
    d = wide >= width ? wide : mha();
  }
  return paperShape(d, experts, 'exact', vocab);
}

/** Paper-rule shape for a whole number of heads (d_model = 64·heads). */
export function buildableShape(heads: number, experts: number, vocab = GPT2_VOCAB): BasedShape {
  if (!Number.isInteger(heads) || heads < 1) throw new EngineInputError('heads', `heads must be a positive integer (got ${heads})`);
  return paperShape(heads * HEAD_DIM, experts, 'buildable', vocab);
}

/** The buildable shapes on either side of a continuous d_model; `below` is null under one head. */
export function buildableNeighbours(dModel: number, experts: number, vocab = GPT2_VOCAB): { below: BasedShape | null; above: BasedShape } {
  requirePositiveFinite(dModel, 'dModel');
  const ratio = dModel / HEAD_DIM;
  // A continuous d_model that is already a multiple of 64 up to rounding noise should not split in two.
  const near = Math.round(ratio);
  const exact = Math.abs(ratio - near) < 1e-9 * Math.max(1, ratio);
  const lo = exact ? near : Math.floor(ratio);
  const hi = exact ? near : Math.ceil(ratio);
  return {
    below: lo >= 1 ? buildableShape(lo, experts, vocab) : null,
    above: buildableShape(Math.max(1, hi), experts, vocab),
  };
}

export type BuildableTarget = 'nAct' | 'nTotal';

/**
 * The buildable shape nearest to a parameter target, distance measured as |ln(count/target)|
 * because scaling laws act on log-parameters.
 */
export function nearestBuildableShape(count: number, experts: number, target: BuildableTarget = 'nAct', vocab = GPT2_VOCAB): BasedShape {
  const exact = target === 'nAct' ? exactShapeForActive(count, experts, vocab) : exactShapeForTotal(count, experts, vocab);
  const { below, above } = buildableNeighbours(exact.dModel, experts, vocab);
  if (!below) return above;
  const dist = (s: BasedShape) => Math.abs(Math.log(countParameters(s)[target] / count));
  return dist(below) <= dist(above) ? below : above;
}
