import { publishedSet, requireValues, type CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';

export const JOINT_DEFAULT_SET_ID = 'ludziejewski2025-joint';

export const JOINT_KEYS = ['a', 'alpha', 'delta', 'gamma', 'b', 'beta', 'omega', 'zeta', 'eStart', 'eMax', 'c'] as const;
export type JointKey = (typeof JOINT_KEYS)[number];
export type JointCoefficients = Record<JointKey, number> & { setId: string };

export function defaultJointSet(): CoefficientSet {
  return publishedSet(JOINT_DEFAULT_SET_ID);
}

/** Reads a joint-law set, refusing sets of another law and E-transform parameters that make Ê meaningless. */
export function jointCoefficients(set: CoefficientSet = defaultJointSet()): JointCoefficients {
  if (set.law !== 'joint') throw new EngineInputError('coefficientSetId', `Coefficient set "${set.id}" is for law "${set.law}", not the joint law`);
  const v = requireValues(set, JOINT_KEYS);
  if (!(v.eStart > 0 && v.eMax > v.eStart)) {
    throw new EngineInputError('coefficientSetId', `Coefficient set "${set.id}" needs 0 < eStart < eMax (got eStart=${v.eStart}, eMax=${v.eMax})`);
  }
  return Object.assign({}, v, { setId: set.id }); // not `{ ...v, setId }`: slow on Node 20 (see candidate.ts)
}
