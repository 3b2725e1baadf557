import { requirePositiveFinite } from '../accounting/validate';

/**
 * Eq. 8 counts active non-embedding parameters; the authors' public training code feeds active
 * parameters with embeddings. LAWS.md decides for non-embedding by default and shows the choice.
 */
export type LearningRateBasis = 'active-non-embedding' | 'active-with-embedding';

export interface LearningRate {
  value: number;
  basis: LearningRateBasis;
  /** The N that went into Eq. 8. */
  parameterCount: number;
  experts: number;
}

export function peakLearningRate(parameterCount: number, experts: number, basis: LearningRateBasis = 'active-non-embedding'): LearningRate {
  requirePositiveFinite(parameterCount, 'parameterCount');
  requirePositiveFinite(experts, 'experts');
  const value = Math.exp(8.39 - 0.81 * Math.log(parameterCount) - 0.25 * Math.log(experts));
  return { value, basis, parameterCount, experts };
}
