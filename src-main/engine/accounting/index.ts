/** Model accounting for the joint-law architecture: shape ↔ parameters ↔ FLOPs ↔ memory. */
export {
  GPT2_VOCAB,
  HEAD_DIM,
  BF16,
  DEFAULT_KV_TOKENS,
  isBuildable,
  paperShape,
  type ModelShape,
  type BasedShape,
  type ShapeBasis,
  type Precision,
} from './architecture';
export { countParameters, type ParameterCounts } from './parameter-counts';
export { trainingFlops, inferenceFlops } from './flops';
export {
  weightBytes,
  kvCacheValues,
  kvCacheBytes,
  kvValuesPerBlock,
  memoryFootprint,
  validateCacheLayout,
  describeCacheLayout,
  MHA_CACHE,
  type CacheLayout,
  type MemoryFootprint,
} from './memory';
export { accountShape, resolvePrecision, validateShape, type AccountShapeOptions, type ShapeAccount } from './account-shape';
export { solveIncreasingCubic } from './cubic';
export {
  exactShapeForActive,
  exactShapeForTotal,
  exactShapeForMemory,
  buildableShape,
  buildableNeighbours,
  nearestBuildableShape,
  type MemoryFitOptions,
  type BuildableTarget,
} from './shape-solver';
export { requirePositiveFinite, requireNonNegativeFinite, requirePositiveInteger, requireExpertList } from './validate';
