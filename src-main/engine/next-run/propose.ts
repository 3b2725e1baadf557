/**
 * The next-run planner (issue 17, item 3): given a project's runs, a fit of the joint MoE law or
 * of Chinchilla's dense law (./laws.ts) with its bootstrap replicates, a target budget and a GPU-hour allowance, propose the few small runs
 * that most narrow the band of the recommendation at the target, with the band before and after.
 *
 * How: the replicates are the prior over the law's parameters; a shortlist of run sets comes
 * from Bayesian c-optimal design on the linearised law (./linear-design.ts); simulated refits with
 * the project's fitter (./simulate.ts) score the shortlist, and the narrowest set's band before
 * and after is the figure shown, next to the linearised one.
 */
import { EngineInputError } from '../common/errors';
import { compactFlags, rangeFlag, type ResultFlag } from '../common/flags';
import type { FitRun } from '../fit';
import { DEFAULT_EXPERTS } from '../joint/plan-options';
import { candidateRuns, DEFAULT_CANDIDATE_GRID, type CandidateGrid, type CandidateRun, type Throughput } from './candidates';
import type { NextRunHooks } from './hooks';
import { greedyDesign, ensembleCovariance, linearisedCovariance, type DesignStrategy, type LinearDesign } from './linear-design';
import { errorBand, simulatedErrors, type RunDesign } from './simulate';
import { targetValue, toQuantityUnit, type NextRunQuantity, type TargetPlan } from './target-quantity';
import { gradient, thetaOf } from './theta';
import { PLANNER_LAWS, type NextRunLawId, type PlannerLaw } from './laws';
import { quantile } from '../common/quantile';
import { significant as fmtSig } from '../../format';

export interface NextRunInput {
  /** The law of the fit: the joint MoE law (default) or Chinchilla's dense law (./laws.ts). */
  law?: NextRunLawId;
  /** The project's stored runs (N_act, D, E and the observed loss). */
  runs: readonly FitRun[];
  /** The fit's coefficients. */
  coefficients: Readonly<Record<string, number>>;
  /** The fit's bootstrap replicates (each a full set of the law's coefficients). */
  replicates: ReadonlyArray<Readonly<Record<string, number>>>;
  /** Training FLOPs of the run being planned. */
  targetFlops: number;
  /** Expert counts the target plan chooses from (joint law). Default 1, 2, 4, …, 64; a dense plan has E = 1. */
  planExperts?: readonly number[];
  /** GPU-hours available for the new runs together. */
  gpuHours: number;
  throughput: Throughput;
  /** Most runs to propose. Default 3. */
  count?: number;
  /** What the band is of: the plan's loss (default) or its N_act. */
  quantity?: NextRunQuantity;
  /** The candidate runs; a dense law's runs take E = 1 whatever the grid's expert counts. */
  candidates?: CandidateGrid;
  /** Simulated refits for the band before and after. Default 40; 0 skips them. */
  worlds?: number;
  /** Seed of the simulated outcomes. Default 1. */
  seed?: number;
  /** Huber δ of the refits. Default: the joint law's. */
  delta?: number;
}

export type NextRunPrior = 'ensemble' | 'jacobian';

export interface Band {
  low: number;
  high: number;
}

export interface ProposedRun extends CandidateRun {
  /** ln L of the run predicted by the fit, as a loss in nats. */
  predictedLoss: number;
  /** The linearised 90 % band once this run and those above it are added. */
  bandAfter: Band;
}

export interface NextRunProposal {
  law: NextRunLawId;
  quantity: NextRunQuantity;
  targetFlops: number;
  planExperts: number[];
  /** The recommendation at the target with the fit's own coefficients. */
  plan: TargetPlan;
  /** Noise of one run's ln L: the fit's residual standard deviation on the stored runs. */
  noise: number;
  /** Degrees of freedom behind `noise` (runs − free parameters). */
  noiseDof: number;
  replicates: number;
  /** Coefficients no replicate moves, taken as held fixed by the fit (and held in the refits). */
  fixed: Record<string, number>;
  /** 90 % band of the recommendation over the replicates: what the plan shows now. */
  bootstrapBand: Band;
  runs: ProposedRun[];
  gpuHours: number;
  gpuHoursAllowance: number;
  strategy: DesignStrategy;
  prior: NextRunPrior;
  /** Every distinct set the linear design proposed, with its linearised and (when simulated) refit band; the narrowest simulated one is chosen. */
  shortlist: Array<{ prior: NextRunPrior; strategy: DesignStrategy; runs: number; gpuHours: number; predicted: Band; simulated: Band | null }>;
  /** Candidates within the allowance that the design chose from. */
  candidates: number;
  /** Linearised 90 % bands (±1.645 posterior SD around the recommendation). */
  predicted: { before: Band; after: Band };
  /** 90 % bands of the refits' error in the simulated worlds; null when `worlds` is 0. */
  simulated: {
    worlds: number;
    failed: number;
    seed: number;
    before: Band;
    after: Band;
    /** Each world's error of the refit recommendation (q of the refit − q of the world's truth), the failed left out: what the bands are the 5th–95th percentiles of. */
    errors: { before: number[]; after: number[] };
  } | null;
  flags: ResultFlag[];
  method: string;
}

export const NEXT_RUN_METHOD =
  'Bayesian c-optimal experimental design (Chaloner & Verdinelli 1995, Statist. Sci. 10(3)): the fit’s bootstrap replicates are the prior over the law’s parameters; ' +
  'each candidate run’s ln L is linearised in them (from the replicates’ own predictions, and by Jacobians at the fit) with noise σ from the fit’s residuals, and runs are added greedily under the GPU-hour allowance (Leskovec et al. 2007). ' +
  'The shortlisted sets are then scored by simulated refits with the project’s fitter (each world takes a replicate as the truth, redraws every run’s loss with that noise and refits); the narrowest band wins, and its band before and after is the one shown.';

/** The standard normal's 95th percentile: a 90 % band is ±Z90 standard deviations. */
export const NEXT_RUN_Z90 = 1.6448536269514722;
const Z90 = NEXT_RUN_Z90;

function checkPositive(v: number, field: string): void {
  if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new EngineInputError(field, `${field} must be a finite positive number (got ${String(v)})`);
}

function checkInt(v: number, field: string, min: number, max: number): void {
  if (!(Number.isInteger(v) && v >= min && v <= max)) throw new EngineInputError(field, `${field} must be a whole number from ${min} to ${max} (got ${String(v)})`);
}

/** Residual SD of ln L on the stored runs with `free` fitted parameters (RMSE when runs ≤ free). */
function residualNoise(law: PlannerLaw, theta: Float64Array, runs: readonly FitRun[], free: number): { noise: number; dof: number } {
  let ss = 0;
  runs.forEach((r, i) => {
    const pred = law.lnLossAt(theta, r.nAct, r.tokens, r.experts ?? 1);
    if (!Number.isFinite(pred)) throw new EngineInputError('runs', `run ${i + 1}: the fit predicts no finite loss for it`);
    ss += (pred - Math.log(r.loss)) ** 2;
  });
  const dof = Math.max(1, runs.length - free);
  return { noise: Math.max(Math.sqrt(ss / (runs.length > free ? dof : runs.length)), 1e-4), dof };
}

/**
 * Two readings of the prior joint covariance of the target and the candidates' ln L, both from
 * the replicates: `ensemble` takes it straight from the replicates' own predictions (the
 * statistical linearisation of ensemble Kalman methods, Evensen 1994, which follows the law's
 * curvature across the spread); `jacobian` linearises at the fit (Jacobians times the replicates'
 * parameter covariance). Each gives its greedy sets; the simulated refits decide between them.
 */
/**
 * The prior joint covariance of (q, y_1 … y_M) over these runs, read one way or the other. `q`:
 * each replicate's q as plannerPrior solved it (`values`, aligned with `thetas`), and q as a
 * function of theta for the gradient at the fit (`of`), so no replicate's plan is solved again.
 */
export function priorCovariance(prior: NextRunPrior, law: PlannerLaw, center: Float64Array, thetas: readonly Float64Array[], runs: readonly RunDesign[], q: { values: readonly number[]; of: (t: Float64Array) => number }): Float64Array {
  return prior === 'ensemble' ? ensemblePrior(law, thetas, runs, q.values) : jacobianPrior(law, center, thetas, runs, q.of);
}

/** Joint covariance of (q, y_1 … y_M) over the replicates' own predictions. */
function ensemblePrior(law: PlannerLaw, thetas: readonly Float64Array[], pool: readonly RunDesign[], qs: readonly number[]): Float64Array {
  const d = pool.length + 1;
  const samples = new Float64Array(thetas.length * d);
  thetas.forEach((t, r) => {
    samples[r * d] = qs[r]!;
    pool.forEach((c, j) => (samples[r * d + j + 1] = law.lnLossAt(t, c.nAct, c.tokens, c.experts)));
  });
  return ensembleCovariance(samples, thetas.length, d);
}

/** Joint covariance of (q, y_1 … y_M) linearised at the fit: [g; H] Σ [g; H]ᵀ. */
function jacobianPrior(law: PlannerLaw, center: Float64Array, thetas: readonly Float64Array[], pool: readonly RunDesign[], qOf: (t: Float64Array) => number): Float64Array {
  const size = center.length;
  const rows = [qOf, ...pool.map((c) => (t: Float64Array) => law.lnLossAt(t, c.nAct, c.tokens, c.experts))].map((f) => {
    const h = new Float64Array(size);
    gradient(f, center, h);
    return h;
  });
  const samples = new Float64Array(thetas.length * size);
  thetas.forEach((t, r) => samples.set(t, r * size));
  return linearisedCovariance(rows, ensembleCovariance(samples, thetas.length, size));
}

/**
 * What the planner knows before it chooses: the law, the fit (center), the replicates it keeps
 * (readable, with a plan at the target; the others counted), the coefficients none moves (held
 * fixed), the run noise σ from the fit's residuals, the recommendation and the target scalar q.
 * proposeNextRuns starts from it, and explaining a proposal reads the same.
 */
export interface PlannerPrior {
  law: PlannerLaw;
  quantity: NextRunQuantity;
  count: number;
  worlds: number;
  seed: number;
  planExperts: number[];
  center: Float64Array;
  thetas: Float64Array[];
  /** Each kept replicate's q (its plan solved once, here), aligned with `thetas`. */
  qs: number[];
  leftOut: number;
  plan: TargetPlan;
  fixed: Record<string, number>;
  noise: number;
  dof: number;
  /** The target scalar under theta: the plan's loss, or ln N_act. */
  qOf: (t: Float64Array) => number;
}

export function plannerPrior(input: NextRunInput): PlannerPrior {
  const law = PLANNER_LAWS[input.law ?? 'joint'];
  if (!law) throw new EngineInputError('law', `law must be one of ${Object.keys(PLANNER_LAWS).join(', ')} (got ${String(input.law)})`);
  const quantity = input.quantity ?? 'loss';
  const count = input.count ?? 3;
  const worlds = input.worlds ?? 40;
  const seed = input.seed ?? 1;
  const planExperts = law.hasExperts ? [...(input.planExperts ?? DEFAULT_EXPERTS)] : [1];
  checkPositive(input.targetFlops, 'targetFlops');
  checkPositive(input.gpuHours, 'gpuHours');
  checkPositive(input.throughput.peakFlopsPerDevice, 'peakFlopsPerDevice');
  if (!(input.throughput.utilization > 0 && input.throughput.utilization <= 1)) throw new EngineInputError('utilization', `utilization must be in (0, 1] (got ${input.throughput.utilization})`);
  checkInt(count, 'count', 1, 10);
  checkInt(worlds, 'worlds', 0, 2000);
  checkInt(seed, 'seed', 0, 2 ** 32 - 1);
  if (planExperts.length === 0 || planExperts.some((e) => !(Number.isFinite(e) && e >= 1))) throw new EngineInputError('planExperts', 'planExperts must list expert counts ≥ 1');
  if (input.runs.length === 0) throw new EngineInputError('runs', 'the project has no runs: the planner adds to the runs a fit was made on');

  const center = thetaOf(input.coefficients, 'coefficients', law.model);
  // A replicate the law cannot be written in (a positive coefficient that underflowed to 0 in a
  // resample that could not pin it down) or that gives no plan at the target is left out, and counted.
  const readable = (r: Readonly<Record<string, number>>, i: number): Float64Array | null => {
    try {
      return thetaOf(r, `replicates[${i}]`, law.model);
    } catch (e) {
      if (e instanceof EngineInputError) return null;
      throw e;
    }
  };
  const qOf = (t: Float64Array) => targetValue(t, input.targetFlops, planExperts, quantity, law.targetPlan);
  const thetas: Float64Array[] = [];
  const qs: number[] = [];
  input.replicates.forEach((r, i) => {
    const t = readable(r, i);
    const q = t ? qOf(t) : NaN;
    if (t && Number.isFinite(q)) thetas.push(t), qs.push(q);
  });
  const leftOut = input.replicates.length - thetas.length;
  if (thetas.length < 2) {
    throw new EngineInputError('coefficientSetId', `the fit needs at least 2 bootstrap replicates with a plan at the target (has ${thetas.length}); refit with bootstrap replicates on`);
  }
  const plan = law.targetPlan(center, input.targetFlops, planExperts);
  if (!plan) throw new EngineInputError('coefficientSetId', law.hasExperts ? 'the fit gives no compute-optimal plan at the target budget for any of the expert counts' : 'the fit gives no compute-optimal plan at the target budget (α and β must both be positive)');

  const fixed: Record<string, number> = {};
  law.model.params.forEach((p, j) => {
    if (thetas.every((t) => t[j] === thetas[0]![j])) fixed[p.coefficient] = p.transform === 'log' ? Math.exp(thetas[0]![j]!) : thetas[0]![j]!;
  });
  const free = center.length - Object.keys(fixed).length;
  const { noise, dof } = residualNoise(law, center, input.runs, free);
  return { law, quantity, count, worlds, seed, planExperts, center, thetas, qs, leftOut, plan, fixed, noise, dof, qOf };
}

export function proposeNextRuns(input: NextRunInput, hooks: NextRunHooks = {}): NextRunProposal {
  const { law, quantity, count, worlds, seed, planExperts, center, thetas, qs, leftOut, plan, fixed, noise, dof, qOf } = plannerPrior(input);
  // A dense law's runs have one expert: the grid's expert counts do not apply.
  const grid = input.candidates ?? DEFAULT_CANDIDATE_GRID;
  const designGrid = law.hasExperts ? grid : { ...grid, experts: [1] };
  const pool = candidateRuns(designGrid, input.throughput, input.gpuHours);
  if (pool.length === 0) {
    const cheapest = candidateRuns(designGrid, input.throughput, Infinity)[0];
    throw new EngineInputError('gpuHours', `no candidate run fits in ${input.gpuHours} GPU-hours${cheapest ? ` (the cheapest takes ${fmtSig(cheapest.gpuHours, 3)})` : ''}`);
  }
  const q0 = qOf(center);
  const costs = pool.map((c) => c.gpuHours);
  const priors = (['ensemble', 'jacobian'] as const).map((prior) => ({ prior, cov: priorCovariance(prior, law, center, thetas, pool, { values: qs, of: qOf }) }));
  const shortlist: Array<LinearDesign & { prior: NextRunPrior }> = [];
  // Each prior's greedy by gain and by gain per GPU-hour, and by gain among the runs that spend at
  // least a half or a quarter share of the allowance each: the linearisation undervalues large
  // runs far from the stored ones, and the simulated refits below are the judge.
  const floors = [0, input.gpuHours / (4 * count), input.gpuHours / (2 * count)];
  for (const { prior, cov } of priors) {
    for (const [strategy, floor] of [['gain-per-gpu-hour', 0], ...floors.map((f) => ['gain', f] as const)] as const) {
      const d = greedyDesign({ cov, costs: costs.map((c) => (c >= floor ? c : Infinity)), noise, gpuHours: input.gpuHours, count }, strategy);
      const key = (x: LinearDesign) => x.steps.map((st) => st.candidate).sort((a, b) => a - b).join(',');
      if (d.steps.length > 0 && !shortlist.some((x) => key(x) === key(d))) shortlist.push({ ...d, prior });
    }
  }
  hooks.onProgress?.({ phase: 'design', done: 1, total: 1 });

  const around = (lo: number, hi: number): Band => ({ low: toQuantityUnit(q0 + lo, quantity), high: toQuantityUnit(q0 + hi, quantity) });
  const sdBand = (variance: number) => around(-Z90 * Math.sqrt(variance), Z90 * Math.sqrt(variance));
  const setOf = (d: LinearDesign) => d.steps.map((st) => pool[st.candidate]!);

  // Score the shortlist by simulated refits (the band a planner is shown); without worlds, by the ensemble prior's variance.
  let chosen = shortlist.find((d) => d.prior === 'ensemble') ?? shortlist[0]!;
  let simulated: NextRunProposal['simulated'] = null;
  let shortlistScores: NextRunProposal['shortlist'] = shortlist.map((d) => ({ prior: d.prior, strategy: d.strategy, runs: d.steps.length, gpuHours: d.gpuHours, predicted: sdBand(d.steps.at(-1)!.variance), simulated: null }));
  if (worlds > 0) {
    let done = 0;
    const errors = simulatedErrors(
      { law, runs: input.runs, center, replicates: thetas, replicateQs: qs, fixed, noise, flops: input.targetFlops, experts: planExperts, quantity, worlds, seed, ...(input.delta !== undefined ? { delta: input.delta } : {}) },
      [[], ...shortlist.map(setOf)],
      hooks,
      () => hooks.onProgress?.({ phase: 'simulate', done: ++done, total: worlds }),
    );
    const bands = errors.map(errorBand);
    const width = (k: number) => bands[k + 1]!.high - bands[k + 1]!.low;
    let best = 0;
    for (let k = 1; k < shortlist.length; k++) if (width(k) < width(best) || (width(k) === width(best) && shortlist[k]!.gpuHours < shortlist[best]!.gpuHours)) best = k;
    chosen = shortlist[best]!;
    shortlistScores = shortlistScores.map((x, k) => ({ ...x, simulated: around(bands[k + 1]!.low, bands[k + 1]!.high) }));
    const b = bands[0]!;
    const a = bands[best + 1]!;
    const finite = (k: number) => errors[k]!.filter(Number.isFinite);
    simulated = { worlds, failed: Math.max(b.failed, a.failed), seed, before: around(b.low, b.high), after: around(a.low, a.high), errors: { before: finite(0), after: finite(best + 1) } };
  }

  const runs: ProposedRun[] = chosen.steps.map((st) => {
    const c = pool[st.candidate]!;
    return { ...c, predictedLoss: Math.exp(law.lnLossAt(center, c.nAct, c.tokens, c.experts)), bandAfter: sdBand(st.variance) };
  });
  const before = chosen.varianceBefore;
  const after = chosen.steps.at(-1)?.variance ?? before;
  const bootstrapBand: Band = { low: toQuantityUnit(quantile(qs, 0.05), quantity), high: toQuantityUnit(quantile(qs, 0.95), quantity) };
  const design = chosen;

  const maxRunFlops = Math.max(...input.runs.map((r) => 6 * r.nAct * r.tokens));
  const flags = compactFlags([
    rangeFlag('next-run-target-beyond-runs', 'targetFlops', 'target budget against the largest stored run', input.targetFlops, { max: maxRunFlops }, 'FLOPs'),
    thetas.length < 20
      ? { code: 'next-run-few-replicates', severity: 'warning', variable: 'replicates', value: thetas.length, message: `Only ${thetas.length} bootstrap replicates describe the fit's uncertainty; the band and the choice of runs are rough (refit with 100 or more).` }
      : null,
    leftOut > 0
      ? { code: 'next-run-replicates-left-out', severity: 'info', variable: 'replicates', value: leftOut, message: `${leftOut} of ${input.replicates.length} bootstrap replicates are left out: their coefficients are degenerate (a positive coefficient at 0) or they give no compute-optimal plan at the target.` }
      : null,
    simulated && simulated.failed > 0
      ? { code: 'next-run-failed-refits', severity: 'info', variable: 'worlds', value: simulated.failed, message: `${simulated.failed} of ${simulated.worlds} simulated refits failed or gave no plan and are left out of the band.` }
      : null,
  ]);
  return {
    law: law.id,
    quantity,
    targetFlops: input.targetFlops,
    planExperts,
    plan,
    noise,
    noiseDof: dof,
    replicates: thetas.length,
    fixed,
    bootstrapBand,
    runs,
    gpuHours: design.gpuHours,
    gpuHoursAllowance: input.gpuHours,
    strategy: design.strategy,
    prior: design.prior,
    shortlist: shortlistScores,
    candidates: pool.length,
    predicted: { before: sdBand(before), after: sdBand(after) },
    simulated,
    flags,
    method: NEXT_RUN_METHOD,
  };
}
