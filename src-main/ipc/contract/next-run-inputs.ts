/**
 * A next-run scenario's inputs to the request that recomputes it, and why dense fits are refused,
 * zod-free so the Next runs page imports them at run time (the inputs' shape is schema/scenario-inputs.ts's).
 */
import type { RequestOf } from './index';
import type { NextRunInputs } from './scenario-inputs';

/** The request that recomputes a saved proposal from its inputs (its fields always in this order, so two can be compared as JSON). */
export function nextRunRequestOf(i: NextRunInputs): RequestOf<'nextRun.propose'> {
  return {
    projectId: i.projectId,
    coefficientSetId: i.coefficientSetId,
    targetFlops: i.targetFlops,
    gpuHours: i.gpuHours,
    hardwareId: i.hardwareId,
    ...(i.utilization !== null ? { utilization: i.utilization } : {}),
    count: i.count,
    quantity: i.quantity,
    ...(i.experts ? { experts: i.experts } : {}),
    worlds: i.worlds,
    seed: i.seed,
    candidates: { nAct: i.candidates.nAct, tokensPerParam: i.candidates.tokensPerParam, experts: i.candidates.experts },
  };
}

/**
 * Why a Chinchilla-form (dense) fit is refused: the engine can plan with one
 * (engine/next-run/laws.ts), but its proposals do not meet the planner's standard, measured in
 * tests/unit/engine/next-run/synthetic-dense.test.ts (the figures are that test's).
 */
export const NEXT_RUN_DENSE_REFUSAL =
  'The next-run planner does not take Chinchilla-form (dense) fits yet: on synthetic runs from a known Chinchilla law (the Epoch replication; 12 runs of 30–240 M parameters, σ = 0.01) ' +
  'its proposals narrow the refit band of the dense compute-optimal loss at 10²² FLOPs from 0.68 to 0.09–0.15 nats, better than random runs of the same 2,000 GPU-hours (0.13–0.23), ' +
  'but not better than the obvious ladder of three runs at 20 tokens per parameter that spends the whole allowance (0.06). ' +
  'For the dense law the band at the target is set by how far the runs are extrapolated, so the largest near-compute-optimal run the allowance buys is already the best design, ' +
  "and the fit's bootstrap replicates (spread far wider than the refit error) cannot rank run sets finely enough to beat it. Spend the allowance on that ladder, or fit the joint law.";
