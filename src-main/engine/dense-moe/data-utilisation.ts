/**
 * Wang et al.'s "16.37% better data utilisation" for MoE: the relative difference of the
 * model-size exponents, (nExp_MoE − nExp_dense)/nExp_dense = (0.590 − 0.507)/0.507.
 * A ratio of exponents, so it needs no calibration.
 */
import type { CoefficientSet } from '../common/coefficients';
import { allocationExponents, defaultDenseMoeSet, type AllocationExponents } from './coefficients';

export interface DataUtilisationComparison {
  dense: AllocationExponents;
  moe: AllocationExponents;
  /** (nExp_MoE − nExp_dense)/nExp_dense, as a fraction (0.1637 for the published set). */
  relativeGain: number;
}

export function dataUtilisationComparison(set: CoefficientSet = defaultDenseMoeSet()): DataUtilisationComparison {
  const e = allocationExponents(set);
  return { dense: e.dense, moe: e.moe, relativeGain: (e.moe.nExp - e.dense.nExp) / e.dense.nExp };
}
