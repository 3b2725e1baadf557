import { compactFlags, extentOf, extentWords, fmtFactor, rangeFlag, type ResultFlag } from '../common/flags';
import { flagsOutsideFittedRanges } from '../common/range-flags';
import { JOINT_LAW_DESCRIPTION } from './description';
import { JOINT_DOMAIN, NEAR_RUNS_FACTOR, nearestRun } from './fitted-domain';
import { count, flops } from '../../format';

export interface FlaggedQuantities {
  experts?: number;
  nAct?: number;
  nTotal?: number;
  tokens?: number;
  /**
   * Training compute. When N_act and D are both given it is 6·N_act·D and this is ignored, so a
   * flag called "training compute" can only ever test the training compute.
   */
  flops?: number;
  /** Training plus lifetime inference compute (inference plans only), checked on its own. */
  totalFlops?: number;
}

/**
 * Extrapolation flags for whatever quantities a result has, against the domain of the law's
 * runs: each quantity outside its bounds gets a flag with its factor; a design inside every
 * bound but with no run within 2× in N_act, D and E at once gets one flag saying how far the
 * nearest run is.
 */
export function jointFlags(q: FlaggedQuantities): ResultFlag[] {
  const known = q.nAct !== undefined && q.tokens !== undefined;
  const tokensPerParam = known ? q.tokens! / q.nAct! : undefined;
  const flops = known ? 6 * q.nAct! * q.tokens! : q.flops;
  const perVariable = flagsOutsideFittedRanges(JOINT_LAW_DESCRIPTION, {
    experts: q.experts,
    nAct: q.nAct,
    nTotal: q.nTotal,
    tokens: q.tokens,
    tokensPerParam,
    flops,
  });
  const joint = perVariable.length === 0 && known && q.experts !== undefined ? farFromRuns(q.nAct!, q.tokens!, q.experts) : null;
  return compactFlags([...perVariable, joint, q.totalFlops === undefined ? null : totalComputeFlag(q.totalFlops, flops)]);
}

function farFromRuns(nAct: number, tokens: number, experts: number): ResultFlag | null {
  const { run, factor } = nearestRun(JOINT_DOMAIN, { nAct, tokens, experts });
  if (factor <= NEAR_RUNS_FACTOR) return null;
  const extent = extentOf(factor);
  return {
    code: 'joint-far-from-runs',
    severity: 'warning',
    variable: 'runs',
    quantity: 'distance to the nearest fitted run',
    value: factor,
    range: { max: NEAR_RUNS_FACTOR },
    factor,
    extent,
    message:
      `Extrapolation: every quantity is within the fitted bounds, but no fitted run lies within ${NEAR_RUNS_FACTOR}× of this design in ` +
      `active parameters, tokens and E together; the nearest (E = ${run.experts}, N_act = ${count(run.nAct)}, D = ${count(run.tokens)} tokens) ` +
      `is ${fmtFactor(factor)} away; ${extentWords(extent)}.`,
  };
}

/** The budget of an inference plan also pays for serving, which the law does not model; its training share is checked as `flops`. */
function totalComputeFlag(totalFlops: number, trainingFlops: number | undefined): ResultFlag | null {
  const flag = rangeFlag('joint-total-flops-above-fitted', 'totalFlops', 'total compute (training + lifetime inference)', totalFlops, { max: JOINT_DOMAIN.flops.max }, 'FLOPs');
  if (!flag) return null;
  const training = trainingFlops === undefined ? '' : ` (here ${flops(trainingFlops)} FLOPs)`;
  return {
    ...flag,
    severity: 'info',
    message: `${flag.message} The fitted runs spent their compute on training only; the law sees the training compute 6·N_act·D${training}, which is checked on its own.`,
  };
}

/** One flag per code, so a plan's summary does not repeat the same warning seven times. */
export function mergeFlags(lists: ResultFlag[][]): ResultFlag[] {
  const seen = new Map<string, ResultFlag>();
  for (const list of lists) for (const f of list) if (!seen.has(f.code)) seen.set(f.code, f);
  return [...seen.values()];
}
