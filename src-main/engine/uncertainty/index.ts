/** Uncertainty of recommendations made with fitted coefficient sets (their bootstrap replicates). */
export { computePlanBand, type PlanBand } from './plan-band';
