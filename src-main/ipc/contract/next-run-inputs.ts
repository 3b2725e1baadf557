/**
 * A next-run scenario's inputs to the request that recomputes it, zod-free so the Next runs page
 * imports it at run time (the inputs' shape is schema/scenario-inputs.ts's).
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
