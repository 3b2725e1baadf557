/** Reverse planning: from a target loss (or a model to match) to the cheapest design per law and E. */
export { jointSurface, chinchillaSurface, comprehensiveSurface, lossOn, type LossSurface, type TargetLawId } from './loss-surface';
export { cheapestOnContour, smallestReachingSize, smallestWithinTokens, tokensForLoss, type ContourPoint } from './solve';
export { referenceFor, computeOptimalOn, type TargetGoal, type TargetReference } from './reference';
export {
  planTarget,
  designsFor,
  objectiveValue,
  DEFAULT_MAX_TOKENS,
  TARGET_OBJECTIVES,
  type TargetObjective,
  type TargetOptions,
  type TargetHardware,
  type TargetDesign,
  type TargetRow,
  type TargetWinner,
  type TargetUncertainty,
  type Range,
  type TargetLawSummary,
  type TargetDisagreement,
  type TargetResult,
} from './plan-target';
export { publishedFitError, type PublishedFitError } from './fit-error';
export { bootstrapBand, type BootstrapBand } from './bootstrap';
export { lawsAtDesign, type DesignPrediction, type DesignForLaws, type DesignLawId } from './laws-at-design';
