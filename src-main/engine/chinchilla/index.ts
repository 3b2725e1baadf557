/** Public API of the Chinchilla dense baseline (Hoffmann et al. 2022; Besiroglu et al. 2024; LAWS.md §5). */
export { CHINCHILLA_LAW, CHINCHILLA_BUDGET, chinchillaApproach } from './description';
export {
  CHINCHILLA_SET_IDS,
  chinchillaSet,
  chinchillaCoefficients,
  type ChinchillaSetId,
  type ChinchillaCoefficients,
} from './coefficients';
export { chinchillaLoss, type ChinchillaLossResult } from './loss';
export { chinchillaComputeOptimal, chinchillaFrontier, type ChinchillaPlan } from './compute-optimal';
