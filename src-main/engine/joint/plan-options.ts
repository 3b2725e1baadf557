import { EngineInputError } from '../common/errors';
import type { CoefficientSet } from '../common/coefficients';
import { DEFAULT_KV_TOKENS, type Precision } from '../accounting/architecture';
import { resolvePrecision } from '../accounting/account-shape';
import { validateCacheLayout, type CacheLayout } from '../accounting/memory';
import { requireExpertList, requireNonNegativeFinite, requirePositiveFinite } from '../accounting/validate';
import type { MemoryMode } from './candidate';
import type { LearningRateBasis } from './learning-rate';
import { JOINT_DOMAIN } from './fitted-domain';
import type { ByteConvention } from '../../format';

export const DEFAULT_EXPERTS: readonly number[] = Object.freeze([1, 2, 4, 8, 16, 32, 64]);

export interface PlanOptions {
  /** Total FLOP budget: training only, or training plus inference for the inference problem. */
  flops: number;
  experts?: readonly number[];
  coefficients?: CoefficientSet;
  kvTokens?: number;
  precision?: Partial<Precision>;
  learningRateBasis?: LearningRateBasis;
  /** Keep only the expert counts the law's runs used (E ∈ {1, 2, 4, 8, 16, 32}). */
  fittedExpertsOnly?: boolean;
  /** How the KV cache counted against a memory budget is laid out (default MHA, the law's convention). */
  cacheLayout?: CacheLayout;
  /** Memory in the infeasibility reasons as GB or GiB, the reader's convention (default GiB). */
  byteConvention?: ByteConvention;
}

export interface MemoryPlanOptions extends PlanOptions {
  memoryBytes: number;
  /** 'model' counts weights only (Sec. 4.2), 'total' adds the KV cache (Sec. 4.3). Default 'total'. */
  memoryMode?: MemoryMode;
}

export interface InferencePlanOptions extends PlanOptions {
  inferenceTokens: number;
  memoryBytes?: number;
  memoryMode?: MemoryMode;
}

export interface ResolvedSettings {
  flops: number;
  experts: number[];
  kvTokens: number;
  precision: Precision;
  learningRateBasis: LearningRateBasis;
  cacheLayout: CacheLayout;
}

export function resolveSettings(o: PlanOptions): ResolvedSettings {
  const basis = o.learningRateBasis ?? 'active-non-embedding';
  if (basis !== 'active-non-embedding' && basis !== 'active-with-embedding') {
    throw new EngineInputError('learningRateBasis', `learningRateBasis must be 'active-non-embedding' or 'active-with-embedding' (got ${String(basis)})`);
  }
  return {
    flops: requirePositiveFinite(o.flops, 'flops'),
    experts: o.fittedExpertsOnly ? fittedExpertsOnly(requireExpertList(o.experts ?? DEFAULT_EXPERTS)) : requireExpertList(o.experts ?? DEFAULT_EXPERTS),
    kvTokens: requireNonNegativeFinite(o.kvTokens ?? DEFAULT_KV_TOKENS, 'kvTokens'),
    precision: resolvePrecision(o.precision),
    learningRateBasis: basis,
    cacheLayout: validateCacheLayout(o.cacheLayout),
  };
}

/** The expert counts among the E values the joint law was fitted on (its runs'), refusing a list with none. */
export function fittedExpertsOnly(experts: readonly number[]): number[] {
  const fitted = JOINT_DOMAIN.experts.values;
  const kept = experts.filter((e) => fitted.includes(e));
  if (kept.length === 0) {
    throw new EngineInputError('experts', `none of the expert counts ${experts.join(', ')} is among the E values the law was fitted on (${fitted.join(', ')}); add one, or do not restrict to fitted E`);
  }
  return kept;
}

export function resolveMemoryMode(mode: unknown): MemoryMode {
  if (mode === undefined) return 'total';
  if (mode !== 'model' && mode !== 'total') throw new EngineInputError('memoryMode', `memoryMode must be 'model' or 'total' (got ${String(mode)})`);
  return mode;
}
