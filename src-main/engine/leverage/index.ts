/** Public API of the Efficiency Leverage law (Tian et al., arXiv:2507.17702; LAWS.md §2). */
export { LEVERAGE_LAW } from './description';
export {
  LEVERAGE_SET_ID,
  defaultLeverageSet,
  elCoefficients,
  allocationCoefficients,
  hyperCoefficients,
  type ElCoefficients,
  type AllocationCoefficients,
  type HyperCoefficients,
} from './coefficients';
export {
  activationHat,
  efficiencyLeverage,
  equivalentDenseCompute,
  type LeverageInput,
  type LeverageResult,
  type EquivalentDenseComputeResult,
} from './efficiency-leverage';
export { deriveArchitecture, leverageForConfiguration, type FineGrainedConfig, type DerivedArchitecture } from './fine-grained';
export { bestGranularity, type BestGranularityResult } from './best-granularity';
export { leverageContours, defaultContourAxes, type LeverageContourInput, type LeverageContourGrid } from './contours';
export {
  optimalAllocation,
  optimalHyperParameters,
  leverageAllocation,
  type Architecture,
  type ComputeAllocation,
  type HyperParameters,
  type ArchitecturePlan,
  type LeverageAllocationResult,
} from './allocation';
export { leverageFromLossFits, type LossComputeFit, type LeverageFromFitsResult } from './from-loss-fits';
export { LING_MINI_BETA, referenceDesignArchitecture, referenceDesignCompute, type ReferenceDesign, type ReferenceCompute } from './reference-design';
