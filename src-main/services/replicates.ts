/** A fitted set's bootstrap replicates as sets of the same law, and the band they (or a published fit error) put on a plan. */
import { PUBLISHED_SETS, type CoefficientSet } from '../engine/common/coefficients';
import type { PlanResult } from '../engine/joint';
import { publishedFitError } from '../engine/target';
import { bootstrapPlanBand, fitErrorPlanBand, type PlanBand } from '../engine/uncertainty';
import type { ServiceContext } from './context';

/** Null for published sets and sets without any replicates. */
export function replicateSets(ctx: ServiceContext, set: CoefficientSet): CoefficientSet[] | null {
  if (PUBLISHED_SETS.some((p) => p.id === set.id)) return null;
  const list = ctx.store().coefficients.replicates(set.id);
  return list ? list.map((values, i) => ({ ...set, id: `${set.id}#replicate-${i + 1}`, values })) : null;
}

/**
 * The band of a forward plan: the bootstrap band when the set has replicates, else the published
 * fit error of its paper, else null (a set with neither says so where the band would be).
 */
export function planUncertainty(ctx: ServiceContext, set: CoefficientSet, plan: PlanResult): PlanBand | null {
  const reps = replicateSets(ctx, set);
  if (reps) return bootstrapPlanBand(reps, plan);
  const error = publishedFitError(set.id);
  return error ? fitErrorPlanBand(plan, error) : null;
}
