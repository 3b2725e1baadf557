/** Uncertainty of recommendations: bootstrap replicates of fitted sets, or the published fit error of the papers' own sets. */
export { BAND_CONFIDENCE, INLINE_BAND_REPLICATES, bootstrapPlanBand, fitErrorPlanBand, planConstraint, replicateWinners, type ExpertBand, type PlanBand, type Pick3 } from './plan-band';
