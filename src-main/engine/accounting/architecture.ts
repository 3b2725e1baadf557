/**
 * The transformer family the joint law was fitted on (Ludziejewski, Pióro et al. 2025, App. A):
 * Switch MoE with top-1 routing, every expert the size of the dense SwiGLU FFN (hidden 3·d_model,
 * so 9·d_model² parameters), attention 4·d_model² per block, and N_blocks = N_heads = d_model/64.
 */
export const GPT2_VOCAB = 50_257;
export const HEAD_DIM = 64;
export const ATTENTION_PARAMS_PER_DMODEL_SQ = 4;
export const EXPERT_PARAMS_PER_DMODEL_SQ = 9;

/** Which shape a figure belongs to: the continuous solution of the equations, or a model one can build. */
export type ShapeBasis = 'exact' | 'buildable';

export interface ModelShape {
  dModel: number;
  nBlocks: number;
  nHeads: number;
  experts: number;
  vocab: number;
}

export interface BasedShape extends ModelShape {
  basis: ShapeBasis;
}

/** Bytes per stored weight and per cached key/value element. */
export interface Precision {
  bytesPerWeight: number;
  bytesPerKvValue: number;
}

export const BF16: Readonly<Precision> = Object.freeze({ bytesPerWeight: 2, bytesPerKvValue: 2 });

/** The paper's hardware table assumes 16k cached tokens. */
export const DEFAULT_KV_TOKENS = 16_384;

/** A shape one could actually instantiate: whole blocks and heads, heads dividing d_model. */
export function isBuildable(shape: ModelShape): boolean {
  const ints = [shape.dModel, shape.nBlocks, shape.nHeads, shape.experts, shape.vocab];
  return ints.every((v) => Number.isInteger(v) && v >= 1) && shape.dModel % shape.nHeads === 0;
}

/** The paper's scaling rule, applied to any (possibly continuous) d_model. */
export function paperShape(dModel: number, experts: number, basis: ShapeBasis, vocab = GPT2_VOCAB): BasedShape {
  const blocks = dModel / HEAD_DIM;
  return { basis, dModel, nBlocks: blocks, nHeads: blocks, experts, vocab };
}
