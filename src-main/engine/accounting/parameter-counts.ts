import { ATTENTION_PARAMS_PER_DMODEL_SQ, EXPERT_PARAMS_PER_DMODEL_SQ, type ModelShape } from './architecture';

export interface ParameterCounts {
  /** All parameters, embedding and unembedding included (the paper's N_total, Eq. 9). */
  nTotal: number;
  /** Parameters a token passes through, embedding and unembedding included (N_act, Eq. 10). */
  nAct: number;
  /** Embedding plus untied unembedding: 2·d_model·d_vocab. */
  embedding: number;
  /** N_act without embeddings: the N of the learning-rate rule (Eq. 8). */
  nActNonEmbedding: number;
  nTotalNonEmbedding: number;
}

/** Eq. 9 and 10 for any shape; routing parameters are ignored as in the paper (App. A.2). */
export function countParameters(shape: ModelShape): ParameterCounts {
  const { dModel: d, nBlocks, experts, vocab } = shape;
  const perBlockSq = nBlocks * d * d;
  const embedding = 2 * d * vocab;
  const nActNonEmbedding = (ATTENTION_PARAMS_PER_DMODEL_SQ + EXPERT_PARAMS_PER_DMODEL_SQ) * perBlockSq;
  const nTotalNonEmbedding = (ATTENTION_PARAMS_PER_DMODEL_SQ + EXPERT_PARAMS_PER_DMODEL_SQ * experts) * perBlockSq;
  return {
    nTotal: embedding + nTotalNonEmbedding,
    nAct: embedding + nActNonEmbedding,
    embedding,
    nActNonEmbedding,
    nTotalNonEmbedding,
  };
}
