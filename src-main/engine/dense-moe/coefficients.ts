/**
 * The partial coefficient set: allocation exponents only (N_opt ∝ C^nExp, D_opt ∝ C^dExp).
 * The numbers live in resources/seed/coefficient-sets.json.
 */
import { publishedSet, requireValues, type CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';

export const DENSE_MOE_SET_ID = 'wang2024-dense-moe';

export type DenseMoeArchitecture = 'dense' | 'moe';

export interface AllocationExponents {
  /** N_opt ∝ C^nExp. */
  nExp: number;
  /** D_opt ∝ C^dExp. */
  dExp: number;
}

export const DENSE_MOE_KEYS = ['moe.nExp', 'moe.dExp', 'dense.nExp', 'dense.dExp'] as const;
const KEYS = DENSE_MOE_KEYS;

export function defaultDenseMoeSet(): CoefficientSet {
  return publishedSet(DENSE_MOE_SET_ID);
}

export function requireArchitecture(architecture: DenseMoeArchitecture): DenseMoeArchitecture {
  if (architecture !== 'dense' && architecture !== 'moe') {
    throw new EngineInputError('architecture', `architecture must be "dense" or "moe" (got ${String(architecture)})`);
  }
  return architecture;
}

export function allocationExponents(set: CoefficientSet = defaultDenseMoeSet()): Record<DenseMoeArchitecture, AllocationExponents> {
  if (set.law !== 'dense-moe') {
    throw new EngineInputError('coefficients', `Coefficient set "${set.id}" is for law "${set.law}", not "dense-moe"`);
  }
  const v = requireValues(set, KEYS);
  return {
    dense: { nExp: v['dense.nExp'], dExp: v['dense.dExp'] },
    moe: { nExp: v['moe.nExp'], dExp: v['moe.dExp'] },
  };
}
