/**
 * What a design saves against dense: the training FLOPs a compute-optimal dense model (E = 1 under
 * the same joint-law coefficients) needs to reach the design's predicted loss, and the share of
 * them the design does without, 1 − F / F_dense. Computed by the engine's own law, per design, so a
 * memory-bound design is credited only with the loss it actually reaches.
 */
import { jointCoefficients } from '../engine/joint/coefficients';
import { flopsToReachLoss } from '../engine/joint/optimum';
import { perExpertLaw } from '../engine/joint/per-expert-law';
import type { SetResolver } from './law-snapshots';
import type { PlanSnapshot } from './plan-snapshot';

export interface DenseSavings {
  /** FLOPs a compute-optimal dense model needs for the same loss (null: dense never gets there). */
  denseFlops: number | null;
  /** 1 − trainingFlops / denseFlops; negative when the design needs more than dense would. */
  savings: number | null;
}

/** A function from (training FLOPs, loss) to the savings, for one plan's coefficient set; null when the set is gone. */
export function denseSavingsFor(plan: PlanSnapshot, resolve: SetResolver): ((trainingFlops: number, loss: number) => DenseSavings) | null {
  let set;
  try {
    set = resolve(plan.coefficientSetId ?? plan.provenance.coefficientSet.id);
  } catch {
    return null;
  }
  if (!set || set.law !== 'joint') return null;
  const dense = perExpertLaw(1, jointCoefficients(set));
  return (trainingFlops, loss) => {
    const denseFlops = flopsToReachLoss(dense, loss);
    return denseFlops === null ? { denseFlops: null, savings: null } : { denseFlops, savings: 1 - trainingFlops / denseFlops };
  };
}
