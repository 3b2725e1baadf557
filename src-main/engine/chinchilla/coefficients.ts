/**
 * Typed access to a Chinchilla coefficient set (L = E + A/N^α + B/D^β). The two published
 * sets live in resources/seed/coefficient-sets.json.
 */
import { publishedSet, requireValues, type CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';

export const CHINCHILLA_SET_IDS = ['hoffmann2022', 'besiroglu2024'] as const;
export type ChinchillaSetId = (typeof CHINCHILLA_SET_IDS)[number];

export const CHINCHILLA_KEYS = ['A', 'B', 'E', 'alpha', 'beta'] as const;
const KEYS = CHINCHILLA_KEYS;
export type ChinchillaCoefficients = Record<(typeof KEYS)[number], number>;

/** A published set by id (default: Hoffmann et al. 2022, Approach 3). */
export function chinchillaSet(id: ChinchillaSetId = 'hoffmann2022'): CoefficientSet {
  if (!CHINCHILLA_SET_IDS.includes(id)) {
    throw new EngineInputError('coefficients', `coefficients must be one of ${CHINCHILLA_SET_IDS.join(', ')} (got ${String(id)})`);
  }
  return publishedSet(id);
}

export function chinchillaCoefficients(set: CoefficientSet = chinchillaSet()): ChinchillaCoefficients {
  if (set.law !== 'chinchilla') {
    throw new EngineInputError('coefficients', `Coefficient set "${set.id}" is for law "${set.law}", not "chinchilla"`);
  }
  const c = requireValues(set, KEYS);
  for (const k of ['A', 'B', 'alpha', 'beta'] as const) {
    if (!(c[k] > 0)) throw new EngineInputError('coefficients', `Coefficient set "${set.id}" needs ${k} > 0 (got ${c[k]})`);
  }
  return c;
}
