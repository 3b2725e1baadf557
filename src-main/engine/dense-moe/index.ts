/** Public API of the dense-vs-MoE law (Wang et al., EMNLP 2024, arXiv:2410.05661; LAWS.md §4). */
export { DENSE_MOE_LAW } from './description';
export {
  DENSE_MOE_SET_ID,
  defaultDenseMoeSet,
  allocationExponents,
  type DenseMoeArchitecture,
  type AllocationExponents,
} from './coefficients';
export {
  denseMoeModel,
  calibrateFromPoint,
  calibrateFromFit,
  type DenseMoeModel,
  type DenseMoeLossFit,
  type AllocationCalibration,
  type ComputeOptimalPoint,
} from './calibration';
export { denseMoeOptimum, denseMoeCurve, type DenseMoeOptimum, type Uncalibrated } from './allocation';
export { dataUtilisationComparison, type DataUtilisationComparison } from './data-utilisation';
