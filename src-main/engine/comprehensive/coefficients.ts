/**
 * Typed access to a comprehensive-law coefficient set. The numbers live in
 * resources/seed/coefficient-sets.json (a secondary transcription, marked as such there).
 */
import { publishedSet, requireValues, type CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';

export const COMPREHENSIVE_SET_ID = 'moe-comprehensive-2025';

export const COMPREHENSIVE_KEYS = ['e', 'f', 'm', 'n', 'k', 'h', 'a', 'alpha', 'b', 'beta', 'c', 'epsilon'] as const;
const KEYS = COMPREHENSIVE_KEYS;

export type ComprehensiveCoefficients = Record<(typeof KEYS)[number], number>;

export function defaultComprehensiveSet(): CoefficientSet {
  return publishedSet(COMPREHENSIVE_SET_ID);
}

export function comprehensiveCoefficients(set: CoefficientSet = defaultComprehensiveSet()): ComprehensiveCoefficients {
  if (set.law !== 'comprehensive') {
    throw new EngineInputError('coefficients', `Coefficient set "${set.id}" is for law "${set.law}", not "comprehensive"`);
  }
  return requireValues(set, KEYS);
}
