/**
 * What a design saves against dense: the training FLOPs a compute-optimal dense model (E = 1 under
 * the same joint-law coefficients) needs to reach the design's predicted loss, and the share of
 * them the design does without, 1 − F / F_dense. Computed by the engine's own law, per design, so a
 * memory-bound design is credited only with the loss it actually reaches.
 */
import { chinchillaComputeOptimal } from '../engine/chinchilla/compute-optimal';
import type { CoefficientSet } from '../engine/common/coefficients';
import { jointCoefficients } from '../engine/joint/coefficients';
import { flopsToReachLoss } from '../engine/joint/optimum';
import { perExpertLaw } from '../engine/joint/per-expert-law';
import type { SetResolver } from './law-snapshots';
import { readInputs } from '../schema/scenario-inputs';
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

/** The Chinchilla-form set a wizard draws the dense baseline with when its inputs name none (the app's default). */
export const DEFAULT_DENSE_BASELINE = 'besiroglu2024';

/**
 * The dense baseline a scenario was planned against: the Chinchilla-form coefficient set (published
 * or fitted) its inputs name, and that set's compute-optimal dense model at the plan's training
 * budget. The savings above are the joint law's own (E = 1, same data); this set's losses come
 * from other data and are not compared, only its size and tokens.
 */
export interface DenseBaseline {
  setId: string;
  /** Null when the set is no longer in the catalogue or is not of Chinchilla form. */
  set: Pick<CoefficientSet, 'id' | 'name' | 'citation' | 'provenance'> | null;
  params: number | null;
  tokens: number | null;
}

/** The set a plan page's saved inputs name (the Epoch replication for inputs saved before the choice, or unreadable ones). */
function denseBaselineSetId(wizard: string, inputs: unknown): string {
  if (wizard !== 'compute' && wizard !== 'memory' && wizard !== 'inference') return DEFAULT_DENSE_BASELINE;
  const read = readInputs(wizard, inputs);
  return read.ok ? read.value.denseBaselineSetId : DEFAULT_DENSE_BASELINE;
}

export function denseBaselineOf(wizard: string, inputs: unknown, plan: PlanSnapshot, resolve: SetResolver): DenseBaseline {
  const setId = denseBaselineSetId(wizard, inputs);
  let set: CoefficientSet | null = null;
  try {
    set = resolve(setId);
  } catch {
    set = null;
  }
  if (!set || set.law !== 'chinchilla') return { setId, set: null, params: null, tokens: null };
  const budget = plan.best?.trainingFlops ?? plan.flops;
  const dense = chinchillaComputeOptimal(budget, set);
  return { setId, set, params: dense.params, tokens: dense.tokens };
}

/** "Epoch AI replication [besiroglu2024]", or why the set cannot be named. */
export function denseBaselineName(b: DenseBaseline): string {
  return b.set ? `${b.set.name} [${b.set.id}]` : `"${b.setId}" (not a Chinchilla-form set in the catalogue)`;
}
