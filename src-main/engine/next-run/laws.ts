/**
 * The laws the planner works with, each in its fitter's own coordinates (theta) so that the
 * replicates, the linearisation and the refits all speak the same parameters:
 *
 * - `joint`: the joint MoE law (LAWS.md §1), theta = ln a, α, δ, γ, ln b, β, ω, ζ, ln E_start,
 *   ln E_max, ln c; the recommendation is the compute-optimal plan over a list of E.
 * - `chinchilla`: the dense law L = E + A/N^α + B/D^β (LAWS.md §5), theta = ln A, ln B, ln E, α, β
 *   (Besiroglu et al.'s log form); the recommendation is the compute-optimal dense model,
 *   N_opt = G·(F/6)^(β/(α+β)) with G = (αA/(βB))^(1/(α+β)) (engine/chinchilla/compute-optimal.ts).
 *   The design space is N and D: a dense run has one expert.
 *
 * The method carries over unchanged: it needs only a law's ln L at a run, its recommendation at
 * the target as a smooth function of theta, replicates of theta, and the fitter to refit.
 */
import { chinchillaModel, jointModel, type LossModel } from '../fit';
import { lse3 } from '../fit/models/chinchilla';
import { lnLossAt as jointLnLossAt } from './theta';
import { jointTargetPlan, type TargetPlan } from './target-quantity';

export type NextRunLawId = 'joint' | 'chinchilla';
export const NEXT_RUN_LAWS: readonly NextRunLawId[] = ['joint', 'chinchilla'];

export interface PlannerLaw {
  id: NextRunLawId;
  /** The fitter's model: parameter order and transforms of theta, and the law refits use. */
  model: LossModel;
  /** ln L of a run under theta; NaN where the law is undefined. */
  lnLossAt(theta: ArrayLike<number>, nAct: number, tokens: number, experts: number): number;
  /** The compute-optimal recommendation at `flops` (over `experts` for an MoE law); null when there is none. */
  targetPlan(theta: ArrayLike<number>, flops: number, experts: readonly number[]): TargetPlan | null;
  /** Whether a run's expert count is a design variable (false: every run is dense, E = 1). */
  hasExperts: boolean;
}

const chinchillaLnLossAt = (theta: ArrayLike<number>, nAct: number, tokens: number): number =>
  lse3(theta[0]! - theta[3]! * Math.log(nAct), theta[1]! - theta[4]! * Math.log(tokens), theta[2]!);

function chinchillaTargetPlan(theta: ArrayLike<number>, flops: number): TargetPlan | null {
  const [lnA, lnB, , alpha, beta] = [theta[0]!, theta[1]!, theta[2]!, theta[3]!, theta[4]!];
  // Without both exponents positive, loss falls forever along one axis: no interior optimum.
  if (!(alpha > 0 && beta > 0)) return null;
  const sum = alpha + beta;
  const lnG = (Math.log(alpha) + lnA - Math.log(beta) - lnB) / sum;
  const nAct = Math.exp(lnG + (beta / sum) * Math.log(flops / 6));
  const tokens = flops / 6 / nAct;
  const loss = Math.exp(chinchillaLnLossAt(theta, nAct, tokens));
  return Number.isFinite(nAct) && Number.isFinite(loss) && nAct > 0 ? { experts: 1, nAct, tokens, loss } : null;
}

export const PLANNER_LAWS: Record<NextRunLawId, PlannerLaw> = {
  joint: { id: 'joint', model: jointModel, lnLossAt: jointLnLossAt, targetPlan: jointTargetPlan, hasExperts: true },
  chinchilla: { id: 'chinchilla', model: chinchillaModel, lnLossAt: chinchillaLnLossAt, targetPlan: (t, f) => chinchillaTargetPlan(t, f), hasExperts: false },
};
