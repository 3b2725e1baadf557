/** Public API of the comprehensive five-factor MoE law (arXiv:2509.23678; LAWS.md §3). */
export { COMPREHENSIVE_LAW } from './description';
export {
  COMPREHENSIVE_SET_ID,
  defaultComprehensiveSet,
  comprehensiveCoefficients,
  type ComprehensiveCoefficients,
} from './coefficients';
export { comprehensiveLoss, structureFactor, type ComprehensiveInput, type ComprehensiveLossResult } from './loss';
export { optimalActiveExperts, optimalSharedRatio, type OptimumResult } from './optima';
export {
  DEFAULT_EFFICIENCY_THRESHOLD,
  optimalActiveRatio,
  efficientActiveRatio,
  comprehensiveOptimum,
  marginalLossPerPoint,
  type ActiveRatioInput,
  type ActiveRatioResult,
  type ComprehensiveOptimumResult,
} from './activation-ratio';
export {
  structureLossSurface,
  activeRatioLossCurve,
  type StructureSurfaceInput,
  type StructureSurface,
  type ActiveRatioCurveInput,
  type ActiveRatioCurve,
} from './surfaces';
