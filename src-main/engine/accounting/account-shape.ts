import { EngineInputError } from '../common/errors';
import { BF16, DEFAULT_KV_TOKENS, isBuildable, type ModelShape, type Precision, type ShapeBasis } from './architecture';
import { inferenceFlops, trainingFlops } from './flops';
import { memoryFootprint, type MemoryFootprint } from './memory';
import { countParameters, type ParameterCounts } from './parameter-counts';
import { requireNonNegativeFinite, requirePositiveFinite } from './validate';

export interface AccountShapeOptions {
  trainingTokens?: number;
  inferenceTokens?: number;
  kvTokens?: number;
  precision?: Partial<Precision>;
  /** Override when the caller knows better, e.g. a continuous shape that happens to be integral. */
  basis?: ShapeBasis;
}

export interface ShapeAccount extends ParameterCounts {
  basis: ShapeBasis;
  shape: ModelShape;
  trainingTokens: number | null;
  trainingFlops: number | null;
  inferenceTokens: number | null;
  inferenceFlops: number | null;
  kvTokens: number;
  precision: Precision;
  memory: MemoryFootprint;
}

export function resolvePrecision(p: Partial<Precision> | undefined): Precision {
  return {
    bytesPerWeight: requirePositiveFinite(p?.bytesPerWeight ?? BF16.bytesPerWeight, 'precision.bytesPerWeight'),
    bytesPerKvValue: requirePositiveFinite(p?.bytesPerKvValue ?? BF16.bytesPerKvValue, 'precision.bytesPerKvValue'),
  };
}

export function validateShape(shape: ModelShape): ModelShape {
  requirePositiveFinite(shape.dModel, 'shape.dModel');
  requirePositiveFinite(shape.nBlocks, 'shape.nBlocks');
  requirePositiveFinite(shape.nHeads, 'shape.nHeads');
  requirePositiveFinite(shape.experts, 'shape.experts');
  requirePositiveFinite(shape.vocab, 'shape.vocab');
  if (shape.experts < 1) throw new EngineInputError('shape.experts', `shape.experts must be at least 1 (got ${shape.experts})`);
  return shape;
}

/** Forward accounting: shape → parameters, FLOPs and memory, all tagged with the shape's basis. */
export function accountShape(shape: ModelShape, options: AccountShapeOptions = {}): ShapeAccount {
  validateShape(shape);
  const precision = resolvePrecision(options.precision);
  const kvTokens = requireNonNegativeFinite(options.kvTokens ?? DEFAULT_KV_TOKENS, 'kvTokens');
  const trainingTokens = options.trainingTokens === undefined ? null : requireNonNegativeFinite(options.trainingTokens, 'trainingTokens');
  const inferenceTokens = options.inferenceTokens === undefined ? null : requireNonNegativeFinite(options.inferenceTokens, 'inferenceTokens');
  const counts = countParameters(shape);
  return {
    basis: options.basis ?? (isBuildable(shape) ? 'buildable' : 'exact'),
    shape: { dModel: shape.dModel, nBlocks: shape.nBlocks, nHeads: shape.nHeads, experts: shape.experts, vocab: shape.vocab },
    ...counts,
    trainingTokens,
    trainingFlops: trainingTokens === null ? null : trainingFlops(counts.nAct, trainingTokens),
    inferenceTokens,
    inferenceFlops: inferenceTokens === null ? null : inferenceFlops(counts.nAct, inferenceTokens),
    kvTokens,
    precision,
    memory: memoryFootprint(counts.nTotal, shape, kvTokens, precision),
  };
}
