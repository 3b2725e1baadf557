/**
 * Key/value cache accounting for the attention layouts teams deploy (LAWS.md §7).
 * Values cached per token, summed over layers:
 *   MHA      2·L·h                     (one key and one value of width d_model per layer)
 *   GQA/MQA  2·L·n_kv·d_head           (MQA is n_kv = 1)
 *   MLA      L·(d_c + d_rope)          (DeepSeek-V2/V3: one compressed latent plus the decoupled RoPE key)
 * The joint law was fitted on MHA models, so its own memory figures use the MHA line.
 */
import { EngineInputError } from '../common/errors';
import { requireInteger, requirePositive } from '../common/require-input';

export type AttentionLayout =
  | { kind: 'mha'; layers: number; hidden: number }
  | { kind: 'gqa'; layers: number; kvHeads: number; headDim: number }
  | { kind: 'mla'; layers: number; latentDim: number; ropeDim: number };

export function validateAttention(a: AttentionLayout): AttentionLayout {
  requireInteger('layers', a.layers, 1);
  switch (a.kind) {
    case 'mha':
      requirePositive('hidden', a.hidden);
      break;
    case 'gqa':
      requireInteger('kvHeads', a.kvHeads, 1);
      requireInteger('headDim', a.headDim, 1);
      break;
    case 'mla':
      requireInteger('latentDim', a.latentDim, 1);
      requireInteger('ropeDim', a.ropeDim, 0);
      break;
    default:
      throw new EngineInputError('attention', `unknown attention layout ${String((a as { kind: unknown }).kind)}`);
  }
  return a;
}

/** Cached values (not bytes) per token, all layers. */
export function kvValuesPerToken(a: AttentionLayout): number {
  validateAttention(a);
  switch (a.kind) {
    case 'mha':
      return 2 * a.layers * a.hidden;
    case 'gqa':
      return 2 * a.layers * a.kvHeads * a.headDim;
    case 'mla':
      return a.layers * (a.latentDim + a.ropeDim);
  }
}

export function kvBytesPerToken(a: AttentionLayout, bytesPerValue: number): number {
  return kvValuesPerToken(a) * requirePositive('kvBytes', bytesPerValue);
}

export interface KvCacheFigures {
  valuesPerToken: number;
  bytesPerToken: number;
  tokens: number;
  totalBytes: number;
}

/** The cache for `tokens` cached tokens in all (batch × context: the caller multiplies). */
export function kvCache(a: AttentionLayout, tokens: number, bytesPerValue: number): KvCacheFigures {
  if (!Number.isFinite(tokens) || tokens < 0) throw new EngineInputError('tokens', `tokens must be a non-negative number (got ${tokens})`);
  const bytesPerToken = kvBytesPerToken(a, bytesPerValue);
  return { valuesPerToken: kvValuesPerToken(a), bytesPerToken, tokens, totalBytes: bytesPerToken * tokens };
}

/**
 * How many ways tensor parallelism splits the cache: MHA/GQA shard by KV head, so beyond n_kv
 * ranks the heads are replicated; the MLA latent is shared by all heads and is not split.
 */
export function kvShardsUnderTensorParallel(a: AttentionLayout, tp: number, heads: number): number {
  switch (a.kind) {
    case 'mha':
      return Math.min(tp, heads);
    case 'gqa':
      return Math.min(tp, a.kvHeads);
    case 'mla':
      return 1;
  }
}

export function describeAttention(a: AttentionLayout): string {
  switch (a.kind) {
    case 'mha':
      return 'multi-head attention (the joint law’s convention: 2·L·d_model values per token)';
    case 'gqa':
      return a.kvHeads === 1 ? 'multi-query attention (1 KV head)' : `grouped-query attention (${a.kvHeads} KV heads × ${a.headDim})`;
    case 'mla':
      return `multi-head latent attention (latent ${a.latentDim} + RoPE ${a.ropeDim})`;
  }
}
