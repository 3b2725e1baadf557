/**
 * Activation memory per transformer layer, 16-bit activations (Korthikanti et al. 2022,
 * "Reducing Activation Recomputation in Large Transformer Models", arXiv 2205.05198, §4).
 *
 * Their count for a GPT layer, s = sequence, b = micro-batch, h = hidden, a = heads, bytes:
 *   attention: QKV input 2sbh, Q and K for QKᵀ 4sbh, softmax output 2as²b, its dropout mask as²b,
 *              dropout output 2as²b, V 2sbh, output-projection input 2sbh, dropout mask sbh
 *              = 11sbh + 5as²b
 *   MLP (GELU, hidden f = 4h): input 2sbh, GELU input 2sbf, GELU output 2sbf, dropout mask sbh
 *              = 3sbh + 4sbf = 19sbh
 *   two layer norms: 2 × 2sbh = 4sbh
 *   total      sbh·(34 + 5as/h)                                   (their Eq. 1)
 *
 * The product's blocks use SwiGLU (Shazeer 2020) with hidden f = 3h and three matrices W1, W3
 * (up) and W2 (down): out = W2·(SiLU(W1·x) ⊙ W3·x). Backward needs x (2sbh, shared by W1 and W3),
 * W1·x for SiLU's derivative (2sbf), SiLU(W1·x) and W3·x for the product's derivative (2sbf each),
 * the product as W2's input (2sbf), and the dropout mask (sbh):
 *   MLP (SwiGLU) = 3sbh + 8sbf;  with f = 3h: 27sbh, so a dense SwiGLU layer is sbh·(42 + 5as/h).
 *
 * A routed MoE layer (top-k, E experts, expert hidden f_e) keeps the layer-norm output for the
 * router (2sbh), the router's fp32 logits and probabilities (4sbE + 4sbE = 8sbE), the dropout
 * mask (sbh), and, for each of the k copies of a token sent to an expert, the permuted expert
 * input 2sbh plus the expert's own MLP tensors (8sbf_e for SwiGLU, 4sbf_e for GELU); shared
 * experts see the layer-norm output already counted and add their MLP tensors only. With
 * balanced routing a rank holds the tokens of its own micro-batch, whatever the expert-parallel
 * degree. Top-1 SwiGLU with f_e = 3h: 3sbh + 8sbE + 26sbh = 29sbh + 8sbE.
 *
 * Tensor parallelism t with sequence parallelism divides everything by t (their Eq. 3: sbh(34/t
 * + 5as/(ht))). Without sequence parallelism the layer-norm inputs (4sbh), the attention and MLP
 * inputs (2sbh + 2sbh) and the two dropout masks (2sbh) stay whole — 10sbh, their Eq. 2 — and the
 * router's logits stay whole too. Selective recomputation drops the 5as²b attention-score term;
 * full recomputation keeps only each layer's input, 2sbh (divided by t under sequence parallelism).
 */
import type { DeployModel } from './model';

export type Recompute = 'none' | 'selective' | 'full';

export interface ActivationInput {
  seqLen: number;
  microBatch: number;
  tp: number;
  sequenceParallel: boolean;
  recompute: Recompute;
}

interface LayerTerms {
  /** Bytes that tensor parallelism divides. */
  split: number;
  /** Bytes that only sequence parallelism divides. */
  replicated: number;
  /** The 5as²b attention-score bytes (dropped by selective recomputation). */
  scores: number;
}

function mlpBytes(sb: number, kind: DeployModel['ffnKind'], f: number): number {
  return kind === 'swiglu' ? 8 * sb * f : 4 * sb * f;
}

function layerTerms(m: DeployModel, moe: boolean, s: number, b: number): LayerTerms {
  const sb = s * b;
  const sbh = sb * m.hidden;
  const scores = 5 * m.heads * s * s * b;
  // Attention without the scores: 11sbh, of which the QKV input (2sbh) and the dropout mask (sbh) are replicated.
  let split = 8 * sbh;
  let replicated = 3 * sbh;
  // Two layer norms.
  replicated += 4 * sbh;
  if (!moe) {
    // MLP input 2sbh and dropout mask sbh replicated; the hidden tensors split.
    replicated += 2 * sbh + sbh; // MLP input, dropout mask
    split += mlpBytes(sb, m.ffnKind, m.denseFfnHidden);
  } else {
    replicated += 2 * sbh + sbh + 8 * sb * m.experts; // router input, dropout mask, fp32 router logits + probabilities
    split += m.activeExperts * (2 * sbh + mlpBytes(sb, m.ffnKind, m.expertFfnHidden));
    split += m.sharedExperts * mlpBytes(sb, m.ffnKind, m.expertFfnHidden);
  }
  return { split, replicated, scores };
}

function layerBytes(m: DeployModel, moe: boolean, a: ActivationInput): number {
  const t = a.tp;
  const seqDiv = a.sequenceParallel ? t : 1;
  if (a.recompute === 'full') return (2 * a.seqLen * a.microBatch * m.hidden) / seqDiv;
  const terms = layerTerms(m, moe, a.seqLen, a.microBatch);
  const scores = a.recompute === 'selective' ? 0 : terms.scores / t;
  return terms.split / t + terms.replicated / seqDiv + scores;
}

/** Bytes of one layer's stored activations for a dense (non-MoE) layer of this model. */
export function denseLayerActivationBytes(m: DeployModel, a: ActivationInput): number {
  return layerBytes(m, false, a);
}

export function moeLayerActivationBytes(m: DeployModel, a: ActivationInput): number {
  return layerBytes(m, true, a);
}

/**
 * Activations held by the busiest pipeline rank. Under the 1F1B schedule the first stage keeps p
 * micro-batches in flight over its L/p layers — L layers' worth, whatever p (Korthikanti §4.2.3);
 * the last stage keeps one micro-batch over L/p layers plus the fp32 output logits 4sbv/t.
 */
export function activationBytesPerDevice(m: DeployModel, a: ActivationInput & { pp: number }): number {
  const denseLayers = m.layers - m.moeLayers;
  const allLayers = denseLayers * denseLayerActivationBytes(m, a) + m.moeLayers * moeLayerActivationBytes(m, a);
  const logits = (4 * a.seqLen * a.microBatch * m.vocab) / a.tp;
  if (a.pp === 1) return allLayers + logits;
  return Math.max(allLayers, allLayers / a.pp + logits);
}
