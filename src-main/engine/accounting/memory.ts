import { EngineInputError } from '../common/errors';
import type { ModelShape, Precision } from './architecture';

export function weightBytes(nTotal: number, bytesPerWeight: number): number {
  return nTotal * bytesPerWeight;
}

/**
 * How the cache of a paper-rule shape is laid out when it counts against a memory budget
 * (LAWS.md §7). MHA is the joint law's convention (its runs were MHA models); GQA/MQA and MLA are
 * what a deployment may use instead, so the Memory and Inference problems can cap by them.
 */
export type CacheLayout =
  | { kind: 'mha' }
  | { kind: 'gqa'; kvHeads: number; headDim: number }
  | { kind: 'mla'; latentDim: number; ropeDim: number };

export const MHA_CACHE: Readonly<CacheLayout> = Object.freeze({ kind: 'mha' });

export function validateCacheLayout(layout: CacheLayout | undefined): CacheLayout {
  if (layout === undefined) return MHA_CACHE;
  const whole = (field: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new EngineInputError(`cacheLayout.${field}`, `${field} must be a whole number ≥ ${min} (got ${String(v)})`);
  };
  switch (layout.kind) {
    case 'mha':
      return MHA_CACHE;
    case 'gqa':
      whole('kvHeads', layout.kvHeads, 1);
      whole('headDim', layout.headDim, 1);
      return { kind: 'gqa', kvHeads: layout.kvHeads, headDim: layout.headDim };
    case 'mla':
      whole('latentDim', layout.latentDim, 1);
      whole('ropeDim', layout.ropeDim, 0);
      return { kind: 'mla', latentDim: layout.latentDim, ropeDim: layout.ropeDim };
    default:
      throw new EngineInputError('cacheLayout', `unknown cache layout ${String((layout as { kind: unknown }).kind)}`);
  }
}

/**
 * Values cached per token in one block of width d_model:
 *   MHA      2·d_model
 *   GQA/MQA  2·min(n_kv·d_head, d_model)  — a block has no more KV heads than query heads, so a
 *            model narrower than the grouped width caches as MHA does (never more)
 *   MLA      d_c + d_rope                 — one latent plus the decoupled RoPE key, whatever the width
 */
export function kvValuesPerBlock(dModel: number, layout: CacheLayout = MHA_CACHE): number {
  switch (layout.kind) {
    case 'mha':
      return 2 * dModel;
    case 'gqa':
      return 2 * Math.min(layout.kvHeads * layout.headDim, dModel);
    case 'mla':
      return layout.latentDim + layout.ropeDim;
  }
}

/** Cached values for `kvTokens` tokens over all blocks (MHA: one key and one value of width d_model per block). */
export function kvCacheValues(shape: Pick<ModelShape, 'dModel' | 'nBlocks'>, kvTokens: number, layout: CacheLayout = MHA_CACHE): number {
  return kvTokens * shape.nBlocks * kvValuesPerBlock(shape.dModel, layout);
}

export function kvCacheBytes(shape: Pick<ModelShape, 'dModel' | 'nBlocks'>, kvTokens: number, bytesPerKvValue: number, layout: CacheLayout = MHA_CACHE): number {
  return kvCacheValues(shape, kvTokens, layout) * bytesPerKvValue;
}

export function describeCacheLayout(layout: CacheLayout): string {
  switch (layout.kind) {
    case 'mha':
      return 'multi-head attention, the joint law’s convention (2·L·d_model values per token)';
    case 'gqa':
      return layout.kvHeads === 1
        ? `multi-query attention (1 KV head × ${layout.headDim}: 2·L·${layout.headDim} values per token, at most MHA’s)`
        : `grouped-query attention (${layout.kvHeads} KV heads × ${layout.headDim}: 2·L·${layout.kvHeads * layout.headDim} values per token, at most MHA’s)`;
    case 'mla':
      return `multi-head latent attention (latent ${layout.latentDim} + RoPE ${layout.ropeDim}: L·${layout.latentDim + layout.ropeDim} values per token)`;
  }
}

export interface MemoryFootprint {
  weightsBytes: number;
  kvBytes: number;
  totalBytes: number;
}

export function memoryFootprint(
  nTotal: number,
  shape: Pick<ModelShape, 'dModel' | 'nBlocks'>,
  kvTokens: number,
  precision: Precision,
  layout: CacheLayout = MHA_CACHE,
): MemoryFootprint {
  const weightsBytes = weightBytes(nTotal, precision.bytesPerWeight);
  const kvBytes = kvCacheBytes(shape, kvTokens, precision.bytesPerKvValue, layout);
  return { weightsBytes, kvBytes, totalBytes: weightsBytes + kvBytes };
}
