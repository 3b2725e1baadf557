/**
 * Typed access to an Efficiency Leverage coefficient set. The numbers themselves live in
 * resources/seed/coefficient-sets.json; this only names the keys the formulas need.
 */
import { publishedSet, requireValues, type CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';

export const LEVERAGE_SET_ID = 'tian2025-leverage';

const EL_KEYS = ['a', 'd', 'gamma', 'beta', 'aStart', 'aMax'] as const;
const ALLOCATION_KEYS = [
  'allocation.dense.mCoef', 'allocation.dense.mExp', 'allocation.dense.dCoef', 'allocation.dense.dExp',
  'allocation.moe.mCoef', 'allocation.moe.mExp', 'allocation.moe.dCoef', 'allocation.moe.dExp',
] as const;
const HYPER_KEYS = [
  'hyper.moe.lrCoef', 'hyper.moe.lrExp', 'hyper.moe.batchCoef', 'hyper.moe.batchExp',
  'hyper.dense.lrCoef', 'hyper.dense.lrExp', 'hyper.dense.batchCoef', 'hyper.dense.batchExp',
] as const;

/** Every value a leverage set holds: Eq. 13's, the allocation's and the hyper-parameters'. */
export const LEVERAGE_KEYS = [...EL_KEYS, ...ALLOCATION_KEYS, ...HYPER_KEYS] as const;

export type ElCoefficients = Record<(typeof EL_KEYS)[number], number>;
export type AllocationCoefficients = Record<(typeof ALLOCATION_KEYS)[number], number>;
export type HyperCoefficients = Record<(typeof HYPER_KEYS)[number], number>;

export function defaultLeverageSet(): CoefficientSet {
  return publishedSet(LEVERAGE_SET_ID);
}

function checkLaw(set: CoefficientSet): CoefficientSet {
  if (set.law !== 'leverage') {
    throw new EngineInputError('coefficients', `Coefficient set "${set.id}" is for law "${set.law}", not "leverage"`);
  }
  return set;
}

export function elCoefficients(set: CoefficientSet = defaultLeverageSet()): ElCoefficients {
  return requireValues(checkLaw(set), EL_KEYS);
}

export function allocationCoefficients(set: CoefficientSet = defaultLeverageSet()): AllocationCoefficients {
  return requireValues(checkLaw(set), ALLOCATION_KEYS);
}

export function hyperCoefficients(set: CoefficientSet = defaultLeverageSet()): HyperCoefficients {
  return requireValues(checkLaw(set), HYPER_KEYS);
}
