/**
 * The recommendation whose band the planner narrows: the compute-optimal plan at the target
 * budget (for the joint law the best E of a list, each E's closed-form optimum; LAWS.md §1 Eq. 7
 * as corrected; for a dense law its own optimum, ./laws.ts), read as its predicted loss (nats)
 * or as ln N_act of the winning design.
 */
import type { JointCoefficients } from '../joint/coefficients';
import { computeOptimum } from '../joint/optimum';
import { hasInteriorOptimum, perExpertLaw } from '../joint/per-expert-law';
import { valuesOf } from './theta';

export type NextRunQuantity = 'loss' | 'nAct';
export const NEXT_RUN_QUANTITIES: readonly NextRunQuantity[] = ['loss', 'nAct'];

export type PlanOf = (theta: ArrayLike<number>, flops: number, experts: readonly number[]) => TargetPlan | null;

export interface TargetPlan {
  experts: number;
  nAct: number;
  tokens: number;
  loss: number;
}

/** The joint law's compute-optimal plan at `flops` over `experts` under theta; null when no E has an interior optimum. */
export function jointTargetPlan(theta: ArrayLike<number>, flops: number, experts: readonly number[]): TargetPlan | null {
  const v = valuesOf(theta);
  if (!(v.eMax! > v.eStart! && v.eStart! > 0)) return null;
  const k = { ...v, setId: 'theta' } as JointCoefficients;
  let best: TargetPlan | null = null;
  for (const e of experts) {
    const law = perExpertLaw(e, k);
    if (!hasInteriorOptimum(law)) continue;
    const a = computeOptimum(law, flops);
    if (!Number.isFinite(a.loss)) continue;
    if (!best || a.loss < best.loss) best = { experts: e, ...a };
  }
  return best;
}

/** The scalar the planner linearises: the plan's loss, or ln N_act (so its band is relative). NaN without a plan. */
export function targetValue(theta: ArrayLike<number>, flops: number, experts: readonly number[], quantity: NextRunQuantity, plan: PlanOf = jointTargetPlan): number {
  const p = plan(theta, flops, experts);
  if (!p) return NaN;
  return quantity === 'loss' ? p.loss : Math.log(p.nAct);
}

/** The linearised scalar back in the quantity's own unit (nats, or parameters). */
export function toQuantityUnit(value: number, quantity: NextRunQuantity): number {
  return quantity === 'loss' ? value : Math.exp(value);
}
