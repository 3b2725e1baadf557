/** A fitted set's bootstrap replicates as sets of the same law, for uncertainty bands; null for published sets and sets without any. */
import { PUBLISHED_SETS, type CoefficientSet } from '../engine/common/coefficients';
import type { ServiceContext } from './context';

export function replicateSets(ctx: ServiceContext, set: CoefficientSet): CoefficientSet[] | null {
  if (PUBLISHED_SETS.some((p) => p.id === set.id)) return null;
  const list = ctx.store().coefficients.replicates(set.id);
  return list ? list.map((values, i) => ({ ...set, id: `${set.id}#replicate-${i + 1}`, values })) : null;
}
