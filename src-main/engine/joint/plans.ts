/**
 * The four design problems of Sec. 4, each solved per expert count and then across them.
 * E is discrete, so the best E is simply the feasible candidate with the lowest loss.
 */
import type { ResultFlag } from '../common/flags';
import { requirePositiveFinite } from '../accounting/validate';
import { solveCandidate, type DesignConstraint, type FeasibleCandidate, type MemoryMode, type PlanCandidate } from './candidate';
import { jointCoefficients } from './coefficients';
import {
  resolveMemoryMode,
  resolveSettings,
  type InferencePlanOptions,
  type MemoryPlanOptions,
  type PlanOptions,
  type ResolvedSettings,
} from './plan-options';

export type DesignProblem = 'compute-optimal' | 'model-memory-optimal' | 'total-memory-optimal' | 'inference-optimal';

export interface PlanResult extends ResolvedSettings {
  problem: DesignProblem;
  coefficientSetId: string;
  inferenceTokens: number;
  memoryBytes: number | null;
  memoryMode: MemoryMode | null;
  candidates: PlanCandidate[];
  best: FeasibleCandidate | null;
  feasible: boolean;
  /** Set when no candidate is feasible. */
  reason?: string;
  /** The best candidate's flags, or the union of all candidates' when none is feasible. */
  flags: ResultFlag[];
}

export function bestCandidate(candidates: readonly PlanCandidate[]): FeasibleCandidate | null {
  let best: FeasibleCandidate | null = null;
  for (const c of candidates) if (c.feasible && (best === null || c.loss < best.loss)) best = c;
  return best;
}

function runPlan(problem: DesignProblem, o: PlanOptions, inferenceTokens: number, memory: DesignConstraint['memory']): PlanResult {
  const s = resolveSettings(o);
  const k = jointCoefficients(o.coefficients);
  const constraint: DesignConstraint = Object.assign({}, s, { inferenceTokens, memory, byteConvention: o.byteConvention }); // not `{ ...s, more }`: slow on Node 20 (see candidate.ts)
  const candidates = s.experts.map((e) => solveCandidate(e, k, constraint));
  const best = bestCandidate(candidates);
  const result: PlanResult = {
    problem,
    coefficientSetId: k.setId,
    ...s,
    inferenceTokens,
    memoryBytes: memory?.budgetBytes ?? null,
    memoryMode: memory?.mode ?? null,
    candidates,
    best,
    feasible: best !== null,
    flags: best ? best.flags : dedupe(candidates.flatMap((c) => c.flags)),
  };
  if (!best) result.reason = infeasibleSummary(candidates);
  return result;
}

/**
 * One readable reason for the whole plan: the first expert count's own reason, and which others
 * fail too. Every candidate keeps its full reason, so repeating them all here only buried it.
 */
function infeasibleSummary(candidates: readonly PlanCandidate[]): string {
  const [first, ...rest] = candidates;
  if (!first || first.feasible) return 'No expert count is feasible.';
  const others = rest.map((c) => c.experts);
  const tail = others.length ? ` The other expert counts (E = ${others.join(', ')}) are infeasible too; each says why in its row.` : '';
  return `No expert count is feasible. E = ${first.experts}: ${first.reason}${tail}`;
}

function dedupe(flags: ResultFlag[]): ResultFlag[] {
  const seen = new Set<string>();
  return flags.filter((f) => (seen.has(f.code) ? false : (seen.add(f.code), true)));
}

/** Problem 1: minimise loss subject to 6·N_act·D = F. */
export function planComputeOptimal(o: PlanOptions): PlanResult {
  return runPlan('compute-optimal', o, 0, null);
}

/** Problems 2 and 3: also N_total (plus the KV cache when memoryMode is 'total') within memoryBytes. */
export function planMemoryOptimal(o: MemoryPlanOptions): PlanResult {
  const mode = resolveMemoryMode(o.memoryMode);
  const budgetBytes = requirePositiveFinite(o.memoryBytes, 'memoryBytes');
  return runPlan(mode === 'model' ? 'model-memory-optimal' : 'total-memory-optimal', o, 0, { budgetBytes, mode });
}

/** Problem 4: 6·N_act·D + 2·N_act·D_inf = F, with an optional memory cap. */
export function planInferenceOptimal(o: InferencePlanOptions): PlanResult {
  const inferenceTokens = requirePositiveFinite(o.inferenceTokens, 'inferenceTokens');
  const memory =
    o.memoryBytes === undefined ? null : { budgetBytes: requirePositiveFinite(o.memoryBytes, 'memoryBytes'), mode: resolveMemoryMode(o.memoryMode) };
  return runPlan('inference-optimal', o, inferenceTokens, memory);
}
