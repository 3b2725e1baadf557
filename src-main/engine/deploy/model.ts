/**
 * What the deployment check needs to know about a model: its stack, its attention layout and
 * its parameters split into the part every token uses (dense: embeddings, attention, norms,
 * dense FFN layers, shared experts, routers) and the routed experts. Keeping the two apart is
 * the point: experts shard across expert-parallel ranks, dense parts across tensor-parallel
 * ranks, and confusing total with active parameters is the classic MoE memory bug.
 */
import { EngineInputError } from '../common/errors';
import { requireInteger, requireNonNegative, requirePositive } from '../common/require-input';
import { ATTENTION_PARAMS_PER_DMODEL_SQ, EXPERT_PARAMS_PER_DMODEL_SQ, type ModelShape } from '../accounting/architecture';
import { validateAttention, type AttentionLayout } from './attention';

export type FfnKind = 'swiglu' | 'gelu';

export interface DeployModel {
  name: string;
  layers: number;
  hidden: number;
  heads: number;
  vocab: number;
  attention: AttentionLayout;
  /** Input embedding plus (untied) output embedding; part of denseParams. */
  embeddingParams: number;
  /** Parameters every token uses, embeddings included. */
  denseParams: number;
  /** All routed-expert parameters over all MoE layers (0 for a dense model). */
  expertParams: number;
  /** Routed experts per MoE layer (1 for a dense model). */
  experts: number;
  /** Routed experts each token visits (top-k). */
  activeExperts: number;
  sharedExperts: number;
  /** Layers whose FFN is routed experts. */
  moeLayers: number;
  ffnKind: FfnKind;
  /** FFN hidden width of a dense layer. */
  denseFfnHidden: number;
  /** FFN hidden width of one routed (and one shared) expert. */
  expertFfnHidden: number;
}

export function totalParams(m: DeployModel): number {
  return m.denseParams + m.expertParams;
}

/** Parameters one token passes through: the dense part and k of the E experts. */
export function activeParams(m: DeployModel): number {
  return m.denseParams + (m.experts > 0 ? (m.expertParams * m.activeExperts) / m.experts : 0);
}

export function validateModel(m: DeployModel): DeployModel {
  requireInteger('layers', m.layers, 1);
  requireInteger('hidden', m.hidden, 1);
  requireInteger('heads', m.heads, 1);
  requireInteger('vocab', m.vocab, 1);
  requireInteger('experts', m.experts, 1);
  requireInteger('activeExperts', m.activeExperts, 1);
  requireInteger('sharedExperts', m.sharedExperts, 0);
  requireInteger('moeLayers', m.moeLayers, 0);
  requirePositive('denseParams', m.denseParams);
  requireNonNegative('expertParams', m.expertParams);
  requireNonNegative('embeddingParams', m.embeddingParams);
  if (m.activeExperts > m.experts) throw new EngineInputError('activeExperts', `activeExperts (${m.activeExperts}) cannot exceed experts (${m.experts})`);
  if (m.moeLayers > m.layers) throw new EngineInputError('moeLayers', `moeLayers (${m.moeLayers}) cannot exceed layers (${m.layers})`);
  if (m.embeddingParams > m.denseParams) throw new EngineInputError('embeddingParams', 'embeddingParams cannot exceed denseParams');
  if (m.attention.layers !== m.layers) throw new EngineInputError('attention.layers', `the attention layout has ${m.attention.layers} layers, the model ${m.layers}`);
  validateAttention(m.attention);
  return m;
}

/**
 * A joint-law design (Switch MoE, top-1, SwiGLU hidden 3·d_model, N_heads = d_model/64) as a
 * deployment input. The paper's convention is MHA; another layout replaces only the cache.
 */
export function deployModelFromShape(shape: ModelShape, name = `E=${shape.experts}, d_model ${shape.dModel}`, attention?: AttentionLayout): DeployModel {
  const d = shape.dModel;
  const L = shape.nBlocks;
  const embeddingParams = 2 * d * shape.vocab;
  const attentionParams = ATTENTION_PARAMS_PER_DMODEL_SQ * d * d * L;
  const ffn = EXPERT_PARAMS_PER_DMODEL_SQ * d * d * L;
  const moe = shape.experts > 1;
  return {
    name,
    layers: L,
    hidden: d,
    heads: shape.nHeads,
    vocab: shape.vocab,
    attention: attention ?? { kind: 'mha', layers: L, hidden: d },
    embeddingParams,
    denseParams: embeddingParams + attentionParams + (moe ? 0 : ffn),
    expertParams: moe ? ffn * shape.experts : 0,
    experts: shape.experts,
    activeExperts: 1,
    sharedExperts: 0,
    moeLayers: moe ? L : 0,
    ffnKind: 'swiglu',
    denseFfnHidden: 3 * d,
    expertFfnHidden: 3 * d,
  };
}
