/** Deployment accounting: serving and training memory, parallel layouts, time and cost (LAWS.md §7). */
export { kvCache, kvBytesPerToken, kvValuesPerToken, kvShardsUnderTensorParallel, describeAttention, validateAttention, type AttentionLayout, type KvCacheFigures } from './attention';
export { deployModelFromShape, validateModel, totalParams, activeParams, type DeployModel, type FfnKind } from './model';
export { OPTIMIZERS, OPTIMIZER_IDS, type OptimizerChoice, type OptimizerId } from './optimizers';
export { activationBytesPerDevice, denseLayerActivationBytes, moeLayerActivationBytes, type Recompute, type ActivationInput } from './activations';
export { trainingMemory, zeroModelStates, layoutProblems, validateLayout, type ParallelLayout, type ZeroStage, type TrainingMemory, type ModelStatesPerDevice, type LayoutProblem, type TrainingSettings } from './training';
export { usableMemory, DEFAULT_RESERVE, type Reserve, type UsableMemory } from './reserve';
export { servingMemory, servingProblems, type ServingInput, type ServingMemory } from './serving';
export { timeAndCost, devicesForDeadline, type TimeCost, type TimeCostInput } from './time-cost';
export { searchLayout, compareLayouts, describeLayout, DEFAULT_SEARCH_SPACE, LAYOUT_ORDERING, type SearchSpace, type LayoutSearchInput, type LayoutSearchResult, type EvaluatedLayout, type Suggestion } from './layout-search';
export { parseHfConfig } from './hf-config';
export { ARCHITECTURE_PRESETS, presetModel, type ArchitecturePreset } from './presets';
