/**
 * The domain the joint law was fitted on, derived from its 270 training runs (App. E of
 * arXiv:2502.05172, shipped in resources/data) rather than typed by hand: per-variable bounds,
 * and how far a design lies from the nearest run, so that a point inside every range but far
 * from every run (E = 16 at 2.7B active parameters, say) is flagged too.
 */
import runsFile from '../../../resources/data/joint-moe-runs.json';
import { EngineInputError } from '../common/errors';

export interface JointRun {
  nAct: number;
  nTotal: number;
  tokens: number;
  experts: number;
}

export interface Bounds {
  min: number;
  max: number;
}

export interface JointDomain {
  nAct: Bounds;
  nTotal: Bounds;
  tokens: Bounds;
  /** D / N_act. */
  tokensPerParam: Bounds;
  /** Training compute 6·N_act·D. */
  flops: Bounds;
  experts: Bounds & { values: number[] };
  runs: readonly JointRun[];
  /** (ln N_act, ln D, ln E) of each run, in run order: computed once, since every plan candidate asks for its nearest run. */
  logRuns: Float64Array;
}

/** A design counts as among the runs when some run lies within this factor in N_act, D and E at once. */
export const NEAR_RUNS_FACTOR = 2;

function bounds(values: readonly number[]): Bounds {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

export function deriveJointDomain(runs: readonly JointRun[]): JointDomain {
  if (runs.length === 0) throw new EngineInputError('runs', 'the fitted domain needs at least one run');
  runs.forEach((r, i) => {
    for (const key of ['nAct', 'nTotal', 'tokens', 'experts'] as const) {
      if (!(Number.isFinite(r[key]) && r[key] > 0)) throw new EngineInputError('runs', `run ${i + 1}: ${key} must be a positive number (got ${r[key]})`);
    }
  });
  const experts = bounds(runs.map((r) => r.experts));
  return {
    nAct: bounds(runs.map((r) => r.nAct)),
    nTotal: bounds(runs.map((r) => r.nTotal)),
    tokens: bounds(runs.map((r) => r.tokens)),
    tokensPerParam: bounds(runs.map((r) => r.tokens / r.nAct)),
    flops: bounds(runs.map((r) => 6 * r.nAct * r.tokens)),
    experts: { ...experts, values: [...new Set(runs.map((r) => r.experts))].sort((a, b) => a - b) },
    runs,
    logRuns: Float64Array.from(runs.flatMap((r) => [Math.log(r.nAct), Math.log(r.tokens), Math.log(r.experts)])),
  };
}

export interface NearestRun {
  run: JointRun;
  /**
   * The smallest F such that the run lies within F× of the design in active parameters, tokens
   * and E at once: exp of the Chebyshev distance between (ln N_act, ln D, ln E). Every axis is
   * measured in the same unit, a factor, so the distance reads as one ("the nearest run is 3×
   * away"); scaling each axis by the runs' span instead would make 2× in E weigh as much as
   * 5× in tokens. N_total, D/N_act and 6·N_act·D follow from these three and have their own bounds.
   */
  factor: number;
}

export function nearestRun(domain: JointDomain, design: { nAct: number; tokens: number; experts: number }): NearestRun {
  const a = Math.log(design.nAct);
  const d = Math.log(design.tokens);
  const e = Math.log(design.experts);
  const logs = domain.logRuns;
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0, j = 0; i < domain.runs.length; i++, j += 3) {
    // Chebyshev distance: once one axis is no closer than the best so far, the run cannot win (ties keep the earlier run).
    const da = Math.abs(a - logs[j]!);
    if (da >= bestDistance) continue;
    const dd = Math.abs(d - logs[j + 1]!);
    if (dd >= bestDistance) continue;
    const dist = Math.max(da, dd, Math.abs(e - logs[j + 2]!));
    if (dist < bestDistance) {
      bestDistance = dist;
      best = i;
    }
  }
  return { run: domain.runs[best]!, factor: Math.exp(bestDistance) };
}

/** The paper's runs, as shipped (resources/data/joint-moe-runs.csv, generated JSON twin). */
export const JOINT_RUNS: readonly JointRun[] = Object.freeze(
  runsFile.runs.map((r) => Object.freeze({ nAct: r.nAct, nTotal: r.nTotal, tokens: r.tokens, experts: r.experts })),
);
export const JOINT_RUNS_CITATION: string = runsFile.citation;

export const JOINT_DOMAIN: JointDomain = deriveJointDomain(JOINT_RUNS);
