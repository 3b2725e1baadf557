/** A fitted set's bootstrap replicates as sets of the same law, and the band they (or a published fit error) put on a plan. */
import { PUBLISHED_SETS, type CoefficientSet } from '../engine/common/coefficients';
import type { PlanResult } from '../engine/joint';
import { publishedFitError } from '../engine/target';
import { INLINE_BAND_REPLICATES, bootstrapPlanBand, fitErrorPlanBand, type PlanBand } from '../engine/uncertainty';
import type { ServiceContext } from './context';
import type { BandJobNotice } from '../ipc/contract/band';
import { count } from '../format';

/** Null for published sets and sets without any replicates. */
export function replicateSets(ctx: ServiceContext, set: CoefficientSet): CoefficientSet[] | null {
  if (PUBLISHED_SETS.some((p) => p.id === set.id)) return null;
  const list = ctx.store().coefficients.replicates(set.id);
  return list ? list.map((values, i) => ({ ...set, id: `${set.id}#replicate-${i + 1}`, values })) : null;
}

/** Why a band was left to a job, in the words the plan carries. */
export function bandJobNotice(replicates: number): BandJobNotice {
  return {
    replicates,
    reason: `The band re-solves the plan with each of ${count(replicates)} bootstrap replicates; above ${INLINE_BAND_REPLICATES} that runs as a job with progress and cancel (band.start), so the plan is answered first without it.`,
  };
}

/**
 * The band of a forward plan: the bootstrap band when the set has replicates (inline up to
 * INLINE_BAND_REPLICATES, else left to a band job named in `bandJob`), else the published fit
 * error of its paper, else null (a set with neither says so where the band would be).
 */
export function planUncertainty(ctx: ServiceContext, set: CoefficientSet, plan: PlanResult): { uncertainty: PlanBand | null; bandJob: BandJobNotice | null } {
  const reps = replicateSets(ctx, set);
  if (reps && reps.length > INLINE_BAND_REPLICATES) return { uncertainty: null, bandJob: bandJobNotice(reps.length) };
  if (reps) return { uncertainty: bootstrapPlanBand(reps, plan), bandJob: null };
  const error = publishedFitError(set.id);
  return { uncertainty: error ? fitErrorPlanBand(plan, error) : null, bandJob: null };
}
