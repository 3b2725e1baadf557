/** Uncertainty of recommendations: bootstrap replicates of fitted sets, or the published fit error of the papers' own sets. */
export { INLINE_BAND_REPLICATES, bootstrapPlanBand, fitErrorPlanBand, planConstraint, type ExpertBand, type PlanBand } from './plan-band';
