/**
 * The design Tian et al. built from their law to validate it: Ling-mini-beta ("MoE-mini"),
 * trained on 1T tokens, matching a 6.1B dense model (LAWS.md §2). Offered as a preset.
 *
 * Its G from the stated shapes is 2·2048/384 ≈ 10.7; secondary summaries quote G = 12 and
 * A = 3.4%. We keep the shapes as published and derive A, S, G from them, so the preset and
 * the fine-grained calculator can never disagree.
 */
import { deriveArchitecture, type DerivedArchitecture, type FineGrainedConfig } from './fine-grained';
import { count, flops, significant, times } from '../../format';

export interface ReferenceDesign extends FineGrainedConfig {
  id: string;
  name: string;
  citation: string;
  totalParams: number;
  activeParams: number;
  layers: number;
  attentionHeads: number;
  kvHeads: number;
  trainingTokens: number;
  matchedDense: { params: number; layers: number; dModel: number; dFfn: number };
  notes: string;
}

export const LING_MINI_BETA: Readonly<ReferenceDesign> = Object.freeze({
  id: 'ling-mini-beta',
  name: 'Ling-mini-beta (MoE-mini)',
  citation:
    'Tian et al., "Towards Greater Leverage: Scaling Laws for Efficient Mixture-of-Experts Language Models", arXiv:2507.17702',
  totalParams: 17.5e9,
  activeParams: 0.85e9,
  layers: 20,
  dModel: 2048,
  dExpert: 384,
  experts: 384,
  activeExperts: 12,
  sharedExperts: 1,
  attentionHeads: 16,
  kvHeads: 4,
  trainingTokens: 1e12,
  matchedDense: Object.freeze({ params: 6.1e9, layers: 28, dModel: 4096, dFfn: 14336 }),
  notes:
    'Matched a 6.1B dense model (28 layers, d_model 4096, d_ffn 14336) on 1T tokens with about 7x less compute. ' +
    'G derived from the shapes is 2·2048/384 ≈ 10.7; summaries of the paper quote G = 12.',
});

export function referenceDesignArchitecture(design: ReferenceDesign = LING_MINI_BETA): DerivedArchitecture {
  return deriveArchitecture(design);
}

export interface ReferenceCompute {
  /** Activated non-embedding parameters per token from the shapes: attention projections, the activated routed and shared experts, the router. */
  nonEmbeddingActiveParams: number;
  /** M: non-embedding forward FLOPs per token, 2 per activated non-embedding parameter (attention scores left out: the sequence length is not stated). */
  flopsPerToken: number;
  /** C = 3·M·D, the law's training compute (App. C: ×3 for forward and backward). */
  trainingFlops: number;
  /** The matched dense model's parameters over the MoE's activated non-embedding parameters: the per-token compute ratio behind the paper's "over 7×". */
  denseComputeRatio: number;
  /** Why the law's EL at this compute differs from the paper's "about 7×". */
  note: string;
}

/**
 * The reference design's training compute as the law defines it (LAWS.md §2: C = M·D with M the
 * non-embedding FLOPs per token of the activated experts, ×3 for training), from its shapes.
 * `el` is the law's prediction at that compute, for the note.
 */
export function referenceDesignCompute(design: ReferenceDesign = LING_MINI_BETA, el?: number): ReferenceCompute {
  const headDim = design.dModel / design.attentionHeads;
  const attention = 2 * design.dModel * design.dModel + 2 * design.dModel * design.kvHeads * headDim;
  // SwiGLU experts: three d_model × d_expert matrices each.
  const experts = (design.activeExperts + design.sharedExperts) * 3 * design.dModel * design.dExpert;
  const router = design.dModel * design.experts;
  const nonEmbeddingActiveParams = design.layers * (attention + experts + router);
  const flopsPerToken = 2 * nonEmbeddingActiveParams;
  const trainingFlops = 3 * flopsPerToken * design.trainingTokens;
  const denseComputeRatio = design.matchedDense.params / nonEmbeddingActiveParams;
  const predicted = el === undefined ? '' : ` At that compute the law predicts EL = ${times(el)}.`;
  const note =
    `Compute as the law defines it: M = 2 × ${count(nonEmbeddingActiveParams)} activated non-embedding parameters = ${flops(flopsPerToken, 4)} FLOPs per token ` +
    `(attention projections with ${design.kvHeads} KV heads, ${design.activeExperts} routed + ${design.sharedExperts} shared experts, router; attention scores left out, the sequence length is not stated), ` +
    `C = 3·M·D = ${flops(trainingFlops, 4)} FLOPs on ${count(design.trainingTokens)} tokens.${predicted} ` +
    `The paper's "over 7×" is a measured match, not the law's prediction: the ${count(design.matchedDense.params)} dense model it matched spends ${times(denseComputeRatio)} the MoE's per-token compute on the same tokens (taking 6.1 B as its non-embedding size). ` +
    `The law was fitted on EL < 6 and only validated above it, and the shapes give G = ${significant((2 * design.dModel) / design.dExpert, 3)} where summaries quote 12.`;
  return { nonEmbeddingActiveParams, flopsPerToken, trainingFlops, denseComputeRatio, note };
}
