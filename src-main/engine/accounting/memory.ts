import type { ModelShape, Precision } from './architecture';

export function weightBytes(nTotal: number, bytesPerWeight: number): number {
  return nTotal * bytesPerWeight;
}

/** Multi-head attention caches one key and one value of width d_model per block per token. */
export function kvCacheValues(shape: Pick<ModelShape, 'dModel' | 'nBlocks'>, kvTokens: number): number {
  return 2 * kvTokens * shape.nBlocks * shape.dModel;
}

export function kvCacheBytes(shape: Pick<ModelShape, 'dModel' | 'nBlocks'>, kvTokens: number, bytesPerKvValue: number): number {
  return kvCacheValues(shape, kvTokens) * bytesPerKvValue;
}

export interface MemoryFootprint {
  weightsBytes: number;
  kvBytes: number;
  totalBytes: number;
}

export function memoryFootprint(nTotal: number, shape: Pick<ModelShape, 'dModel' | 'nBlocks'>, kvTokens: number, precision: Precision): MemoryFootprint {
  const weightsBytes = weightBytes(nTotal, precision.bytesPerWeight);
  const kvBytes = kvCacheBytes(shape, kvTokens, precision.bytesPerKvValue);
  return { weightsBytes, kvBytes, totalBytes: weightsBytes + kvBytes };
}
