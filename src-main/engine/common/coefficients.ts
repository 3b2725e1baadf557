/**
 * Coefficient sets as the engine sees them: a law id, flat named numbers and their
 * provenance. The published sets live in resources/seed/coefficient-sets.json, the one
 * source for both the engine's defaults and the store's seeding.
 */
import seed from '../../../resources/seed/coefficient-sets.json';
import { EngineInputError } from './errors';

export type LawId = 'joint' | 'leverage' | 'comprehensive' | 'dense-moe' | 'chinchilla';

export type Provenance = 'published-table' | 'secondary-transcription' | 'partial' | 'user-fit';

export interface CoefficientSet {
  id: string;
  law: LawId;
  name: string;
  citation: string;
  provenance: Provenance;
  source: string;
  values: Record<string, number>;
  notes: string;
}

export const PUBLISHED_SEED_VERSION: number = seed.seedVersion;

export const PUBLISHED_SETS: readonly CoefficientSet[] = Object.freeze(
  (seed.sets as unknown as CoefficientSet[]).map((s) => Object.freeze({ ...s, values: Object.freeze({ ...s.values }) })),
);

export function publishedSet(id: string): CoefficientSet {
  const set = PUBLISHED_SETS.find((s) => s.id === id);
  if (!set) throw new Error(`No published coefficient set with id "${id}"`);
  return set;
}

/** Reads the named values of a set, failing with the missing or non-finite key named. */
export function requireValues<K extends string>(set: CoefficientSet, keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const v = set.values[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new EngineInputError('coefficientSetId', `Coefficient set "${set.id}" lacks a finite value for "${k}"`);
    }
    out[k] = v;
  }
  return out;
}
