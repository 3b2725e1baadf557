/**
 * The fitter (LAWS.md §1 "Fitting procedure", generalised to every law with a loss form).
 *
 * Objective: Σ_i w_i · huber_δ(ln L̂_i − ln L_i) over the training runs, minimised with L-BFGS
 * (analytic gradients) from every start of a grid. The multistart runs in stages, each a pure
 * function of the options so that it can be split across worker threads and give the same
 * answer as a single thread:
 *
 * 1. screen   every start, L-BFGS to a loose tolerance on a loss-stratified subsample of the
 *             training runs (every k-th by loss; the whole set when it is small). This ranks the
 *             basins of attraction cheaply: on the Chinchilla data it is ~4× cheaper per start.
 * 2. refine   the `keep` best distinct screened points, L-BFGS to a tight tolerance on all the
 *             training runs, restarted from its own end point until it stops improving.
 * 3. choose   the refined point with the lowest objective, or, with a held-out set, the lowest
 *             train RMSE + held-out RMSE (both of ln L).
 * 4. outliers optional: down-weight runs whose residual is more than `threshold` robust SDs from
 *             the median, refit from the refined points, repeat.
 * 5. bootstrap optional: resample the training runs with replacement (seeded, one PRNG stream
 *             per replicate), refit from the best few refined points, percentile intervals.
 */
import { lossModel } from './models';
import { huber } from './models/common';
import { centralRange } from '../common/quantile';
import { Lbfgs } from './lbfgs';
import { resolveGrid, startAt, toThetaValue, type ResolvedGrid } from './grid';
import { mulberry32, streamSeed } from './prng';
import type {
  CoefficientInterval,
  FitData,
  FitOptions,
  FitProgress,
  FitResult,
  FitRun,
  LossModel,
  RunResidual,
  RunRole,
  StartOutcome,
} from './types';
import { FIT_LAWS } from './types';

export class FitCancelledError extends Error {
  constructor() {
    super('Fit cancelled');
    this.name = 'FitCancelledError';
  }
}

export interface FitHooks {
  onProgress?: (p: FitProgress) => void;
  /** Polled between starts; returning true aborts with FitCancelledError. */
  isCancelled?: () => boolean;
}

/** Tolerances of the screening stage. */
const SCREEN = { ftol: 1e-3, gtolPerUnit: 4e-5, maxIterations: 200, maxEvaluations: 600 };
/** Tolerances of the refining stage. */
const REFINE = { ftol: 1e-13, gtolPerUnit: 1e-12, maxIterations: 2000, maxEvaluations: 6000, polishRounds: 4 };

export interface PreparedFit {
  options: FitOptions;
  model: LossModel;
  p: number;
  delta: number;
  runs: readonly FitRun[];
  roles: RunRole[];
  trainIdx: number[];
  holdoutIdx: number[];
  /** 1 = free, 0 = fixed, per parameter. */
  mask: Uint8Array;
  fixed: Map<number, number>;
  grid: ResolvedGrid;
  train: FitData;
  screen: FitData;
  screenStride: number;
  holdout: FitData | null;
  /** Every run (all roles), for residuals. */
  all: FitData;
  keep: number;
}

function assertInt(v: unknown, field: string, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new Error(`${field} must be an integer ≥ ${min}, got ${String(v)}`);
  return v;
}

/** Validates the options and builds everything the stages need. Deterministic. */
export function prepareFit(options: FitOptions): PreparedFit {
  if (options === null || typeof options !== 'object') throw new Error('options must be an object');
  if (!FIT_LAWS.includes(options.law)) throw new Error(`law must be one of ${FIT_LAWS.join(', ')}, got ${JSON.stringify(options.law)}`);
  const model = lossModel(options.law);
  const p = model.params.length;
  const delta = options.delta ?? model.defaultDelta;
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) throw new Error(`delta must be a finite positive number, got ${String(delta)}`);
  if (!Array.isArray(options.runs)) throw new Error('runs must be an array');
  const runs = options.runs;
  // Validate every run up front: the error names the run and the field.
  model.data(runs, new Array<boolean>(p).fill(false));

  const fixed = new Map<number, number>();
  for (const [key, value] of Object.entries(options.fixed ?? {})) {
    const r = toThetaValue(model, key, value, `fixed.${key}`);
    if (fixed.has(r.index)) throw new Error(`fixed.${key}: parameter ${model.params[r.index]!.name} is given twice`);
    fixed.set(r.index, r.value);
  }
  const mask = new Uint8Array(p).fill(1);
  for (const j of fixed.keys()) mask[j] = 0;
  const fixedFlags = Array.from(mask, (m) => m === 0);

  const roles: RunRole[] = runs.map(() => 'train');
  if (options.law === 'per-e') {
    if (options.experts !== undefined) {
      if (typeof options.experts !== 'number' || !(options.experts >= 1)) throw new Error(`experts must be a number ≥ 1, got ${String(options.experts)}`);
      runs.forEach((r, i) => {
        if ((r.experts ?? 1) !== options.experts) roles[i] = 'excluded';
      });
    } else {
      const es = new Set(runs.map((r) => r.experts ?? 1));
      if (es.size > 1) throw new Error(`experts: the runs have several expert counts (${[...es].join(', ')}); choose one for the per-E fit`);
    }
  } else if (options.experts !== undefined) {
    throw new Error('experts applies only to the per-e law');
  }
  const byLossDesc = (idx: number[]) => idx.sort((a, b) => runs[b]!.loss - runs[a]!.loss || a - b);
  if (options.dropHighest !== undefined) {
    const k = assertInt(options.dropHighest, 'dropHighest', 0);
    const cand = byLossDesc(roles.flatMap((r, i) => (r === 'train' ? [i] : [])));
    for (const i of cand.slice(0, k)) roles[i] = 'dropped';
  }
  if (options.holdout !== undefined) {
    const h = options.holdout as { lowestLoss?: unknown; indices?: unknown };
    if (h.lowestLoss !== undefined) {
      const k = assertInt(h.lowestLoss, 'holdout.lowestLoss', 0);
      const cand = byLossDesc(roles.flatMap((r, i) => (r === 'train' ? [i] : []))).reverse();
      for (const i of cand.slice(0, k)) roles[i] = 'holdout';
    } else if (Array.isArray(h.indices)) {
      h.indices.forEach((i: unknown, j: number) => {
        if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= runs.length) throw new Error(`holdout.indices[${j}] must be a run index in [0, ${runs.length}), got ${String(i)}`);
        if (roles[i] === 'train') roles[i] = 'holdout';
      });
    } else {
      throw new Error('holdout must be { lowestLoss: k } or { indices: [...] }');
    }
  }
  const trainIdx = roles.flatMap((r, i) => (r === 'train' ? [i] : []));
  const holdoutIdx = roles.flatMap((r, i) => (r === 'holdout' ? [i] : []));
  const free = mask.reduce((s, m) => s + m, 0);
  if (trainIdx.length < Math.max(1, free)) {
    throw new Error(`runs: ${trainIdx.length} training runs cannot determine ${free} free parameters of the ${model.law} law`);
  }
  const trainRuns = trainIdx.map((i) => runs[i]!);
  const train = model.data(trainRuns, fixedFlags);
  const shifts = train.shifts;
  const holdout = holdoutIdx.length ? model.data(holdoutIdx.map((i) => runs[i]!), fixedFlags, shifts) : null;
  const allData = model.data(runs, fixedFlags, shifts);

  const sc = options.screening ?? {};
  const target = Math.max(60, 10 * free);
  const stride = sc.stride !== undefined ? assertInt(sc.stride, 'screening.stride', 1) : Math.max(1, Math.floor(trainRuns.length / target));
  let screen = train;
  if (stride > 1) {
    const order = trainRuns.map((_, i) => i).sort((a, b) => trainRuns[a]!.loss - trainRuns[b]!.loss || a - b);
    const pick = order.filter((_, r) => r % stride === 0).sort((a, b) => a - b);
    screen = model.data(pick.map((i) => trainRuns[i]!), fixedFlags, shifts);
  }
  const keep = sc.keep !== undefined ? assertInt(sc.keep, 'screening.keep', 1) : 16;
  const grid = resolveGrid(model, options.grid, options.replaceGrid === true, fixed);
  validateOptimizer(options);
  if (options.bootstrap !== undefined) {
    const b = options.bootstrap;
    assertInt(b.samples, 'bootstrap.samples', 0);
    if (b.seed !== undefined) assertInt(b.seed, 'bootstrap.seed', 0);
    if (b.confidence !== undefined && !(b.confidence > 0 && b.confidence < 1)) throw new Error(`bootstrap.confidence must be in (0, 1), got ${String(b.confidence)}`);
    if (b.starts !== undefined) assertInt(b.starts, 'bootstrap.starts', 1);
  }
  if (options.outliers !== undefined) {
    const o = options.outliers;
    if (o.threshold !== undefined && !(o.threshold > 0)) throw new Error(`outliers.threshold must be positive, got ${String(o.threshold)}`);
    if (o.iterations !== undefined) assertInt(o.iterations, 'outliers.iterations', 1);
  }
  return { options, model, p, delta, runs, roles, trainIdx, holdoutIdx, mask, fixed, grid, train, screen, screenStride: stride, holdout, all: allData, keep };
}

function validateOptimizer(options: FitOptions): void {
  const o = options.optimizer;
  if (o === undefined) return;
  for (const k of ['maxIterations', 'maxEvaluations', 'memory'] as const) if (o[k] !== undefined) assertInt(o[k], `optimizer.${k}`, 1);
  for (const k of ['gtol', 'ftol'] as const) {
    const v = o[k];
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && Number.isFinite(v))) throw new Error(`optimizer.${k} must be a finite number ≥ 0, got ${String(v)}`);
  }
}

function sumW(d: FitData): number {
  let s = 0;
  for (let i = 0; i < d.n; i++) s += d.w[i]!;
  return s;
}

function screenOptimizer(prep: PreparedFit): Lbfgs {
  const scale = prep.delta * Math.max(1, sumW(prep.screen));
  return new Lbfgs(prep.p, { ftol: SCREEN.ftol, gtol: SCREEN.gtolPerUnit * scale, maxIterations: SCREEN.maxIterations, maxEvaluations: SCREEN.maxEvaluations, memory: prep.options.optimizer?.memory });
}

function refineOptimizer(prep: PreparedFit, data: FitData): Lbfgs {
  const o = prep.options.optimizer ?? {};
  const scale = prep.delta * Math.max(1, sumW(data));
  return new Lbfgs(prep.p, {
    ftol: o.ftol ?? REFINE.ftol,
    gtol: o.gtol ?? REFINE.gtolPerUnit * scale,
    maxIterations: o.maxIterations ?? REFINE.maxIterations,
    maxEvaluations: o.maxEvaluations ?? REFINE.maxEvaluations,
    memory: o.memory,
  });
}

/** Screening outcome of starts [from, to): objective and end point (internal z) of each. */
export interface ScreenBatch {
  from: number;
  to: number;
  f: Float64Array;
  z: Float64Array;
  iterations: number;
  evaluations: number;
}

/** Stage 1 on starts [from, to). */
export function screenStarts(prep: PreparedFit, from: number, to: number, hooks: FitHooks = {}): ScreenBatch {
  const { model, p, delta, screen, grid, mask } = prep;
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= grid.size)) throw new Error(`start range [${from}, ${to}) is outside the grid of ${grid.size}`);
  const opt = screenOptimizer(prep);
  const fn = (z: Float64Array, g: Float64Array) => model.objective(z, screen, delta, g);
  const theta = new Float64Array(p);
  const z = new Float64Array(p);
  const n = to - from;
  const fs = new Float64Array(n);
  const zs = new Float64Array(n * p);
  let iterations = 0;
  let evaluations = 0;
  const every = Math.max(1, Math.min(256, Math.ceil(n / 50)));
  for (let s = from; s < to; s++) {
    if (hooks.isCancelled?.()) throw new FitCancelledError();
    startAt(grid, s, theta);
    model.toInternal(theta, screen.shifts, z);
    const r = opt.minimize(fn, z, mask);
    iterations += r.iterations;
    evaluations += r.evaluations;
    fs[s - from] = Number.isFinite(r.f) ? r.f : Infinity;
    zs.set(z, (s - from) * p);
    if (hooks.onProgress && ((s - from + 1) % every === 0 || s + 1 === to)) hooks.onProgress({ phase: 'screen', done: s - from + 1, total: n });
  }
  return { from, to, f: fs, z: zs, iterations, evaluations };
}

export interface Candidate {
  start: number;
  z: number[];
}

/** The `keep` best distinct screened points (ties broken by start index). */
export function selectCandidates(prep: PreparedFit, batches: readonly ScreenBatch[]): Candidate[] {
  const { p } = prep;
  const items: { start: number; f: number; z: Float64Array }[] = [];
  for (const b of batches) {
    for (let s = b.from; s < b.to; s++) {
      const f = b.f[s - b.from]!;
      if (Number.isFinite(f)) items.push({ start: s, f, z: b.z.subarray((s - b.from) * p, (s - b.from + 1) * p) });
    }
  }
  items.sort((a, b) => a.f - b.f || a.start - b.start);
  const out: Candidate[] = [];
  for (const it of items) {
    const dup = out.some((c) => c.z.every((v, j) => Math.abs(v - it.z[j]!) <= 1e-3 * (1 + Math.abs(v))));
    if (dup) continue;
    out.push({ start: it.start, z: Array.from(it.z) });
    if (out.length >= prep.keep) break;
  }
  if (out.length === 0) throw new Error('grid: no start gave a finite objective; check the runs and the grid');
  return out;
}

function rmse(pred: Float64Array, d: FitData): number {
  if (d.n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < d.n; i++) {
    const r = pred[i]! - d.y[i]!;
    s += r * r;
  }
  return Math.sqrt(s / d.n);
}

/** Minimises from z (in place) to a tight tolerance, restarting L-BFGS from its end point until it stops improving. */
function polish(prep: PreparedFit, opt: Lbfgs, data: FitData, z: Float64Array): { f: number; iterations: number; evaluations: number; status: string } {
  const fn = (x: Float64Array, g: Float64Array) => prep.model.objective(x, data, prep.delta, g);
  let r = opt.minimize(fn, z, prep.mask);
  let iterations = r.iterations;
  let evaluations = r.evaluations;
  for (let k = 0; k < REFINE.polishRounds && Number.isFinite(r.f); k++) {
    const before = r.f;
    const again = opt.minimize(fn, z, prep.mask);
    iterations += again.iterations;
    evaluations += again.evaluations;
    r = again;
    if (!(again.f < before - 1e-15 * Math.abs(before))) break;
  }
  return { f: r.f, iterations, evaluations, status: r.status };
}

/** Stage 2 (and the outlier refits): tight fits from the candidates on the training runs with the given weights. */
export function refineCandidates(prep: PreparedFit, candidates: readonly Candidate[], weights?: Float64Array, hooks: FitHooks = {}): StartOutcome[] {
  const train = weights ? { ...prep.train, w: weights } : prep.train;
  const opt = refineOptimizer(prep, train);
  const z = new Float64Array(prep.p);
  const predT = new Float64Array(train.n);
  const predH = new Float64Array(prep.holdout?.n ?? 0);
  const theta = new Float64Array(prep.p);
  return candidates.map((c, k) => {
    if (hooks.isCancelled?.()) throw new FitCancelledError();
    z.set(c.z);
    const r = polish(prep, opt, train, z);
    prep.model.predict(z, train, predT);
    let rh: number | null = null;
    if (prep.holdout) {
      prep.model.predict(z, prep.holdout, predH);
      rh = rmse(predH, prep.holdout);
    }
    prep.model.toParams(z, train.shifts, theta);
    hooks.onProgress?.({ phase: 'refine', done: k + 1, total: candidates.length });
    return { start: c.start, theta: Array.from(theta), objective: r.f, rmseTrain: rmse(predT, train), rmseHoldout: rh, iterations: r.iterations, evaluations: r.evaluations, status: r.status };
  });
}

/** Stage 3: the winner among refined points. */
export function chooseBest(prep: PreparedFit, outcomes: readonly StartOutcome[]): StartOutcome {
  const score = (o: StartOutcome) => (prep.holdout ? o.rmseTrain + (o.rmseHoldout ?? Infinity) : o.objective);
  let best: StartOutcome | null = null;
  for (const o of outcomes) {
    const s = score(o);
    if (!Number.isFinite(s) || !Number.isFinite(o.objective)) continue;
    if (best === null || s < score(best) || (s === score(best) && o.start < best.start)) best = o;
  }
  if (!best) throw new Error('fit: every refined start failed (non-finite objective)');
  return best;
}

function thetaToZ(prep: PreparedFit, theta: readonly number[]): number[] {
  const z = new Float64Array(prep.p);
  prep.model.toInternal(Float64Array.from(theta), prep.train.shifts, z);
  return Array.from(z);
}

/** Stage 4: robust down-weighting; returns the training weights and the refit outcomes. */
export function reweightOutliers(prep: PreparedFit, best: StartOutcome, refined: readonly StartOutcome[], hooks: FitHooks = {}): { weights: Float64Array; best: StartOutcome; refined: StartOutcome[] } {
  const o = prep.options.outliers ?? {};
  const threshold = o.threshold ?? 3;
  const rounds = o.iterations ?? 2;
  const pred = new Float64Array(prep.train.n);
  let weights = new Float64Array(prep.train.n).fill(1);
  let cur = best;
  let outs = [...refined];
  for (let k = 0; k < rounds; k++) {
    prep.model.predict(Float64Array.from(thetaToZ(prep, cur.theta)), prep.train, pred);
    const res = Array.from(pred, (v, i) => v - prep.train.y[i]!);
    const med = median(res);
    const s = 1.4826 * median(res.map((r) => Math.abs(r - med)));
    const w = new Float64Array(prep.train.n);
    for (let i = 0; i < w.length; i++) {
      const dev = Math.abs(res[i]! - med);
      w[i] = s > 0 && dev > threshold * s ? (threshold * s) / dev : 1;
    }
    weights = w;
    outs = refineCandidates(
      prep,
      outs.map((c) => ({ start: c.start, z: thetaToZ(prep, c.theta) })),
      weights,
    );
    cur = chooseBest(prep, outs);
    hooks.onProgress?.({ phase: 'outliers', done: k + 1, total: rounds });
  }
  return { weights, best: cur, refined: outs };
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) >> 1]! : 0.5 * (s[n / 2 - 1]! + s[n / 2]!);
}

/** Distinct refined optima to start bootstrap replicates from: the best first. */
export function bootstrapStarts(prep: PreparedFit, best: StartOutcome, refined: readonly StartOutcome[]): number[][] {
  const k = prep.options.bootstrap?.starts ?? 3;
  const sorted = [best, ...[...refined].filter((o) => o !== best && Number.isFinite(o.objective)).sort((a, b) => a.objective - b.objective || a.start - b.start)];
  const out: number[][] = [];
  for (const o of sorted) {
    if (out.some((t) => t.every((v, j) => Math.abs(v - o.theta[j]!) <= 1e-6 * (1 + Math.abs(v))))) continue;
    out.push(o.theta);
    if (out.length >= k) break;
  }
  return out;
}

/**
 * Stage 5 on replicates [from, to): each resamples the training runs with replacement
 * (multiplicities from PRNG stream `replicate` of the seed), multiplies by the outlier weights
 * and refits from `starts` (theta vectors). Returns theta of each replicate (null if it failed).
 */
export function bootstrapReplicates(prep: PreparedFit, starts: readonly (readonly number[])[], weights: Float64Array | null, from: number, to: number, hooks: FitHooks = {}): (number[] | null)[] {
  const b = prep.options.bootstrap;
  if (!b) throw new Error('bootstrap options are required for bootstrap replicates');
  const seed = b.seed ?? 1;
  const n = prep.train.n;
  const counts = new Float64Array(n);
  const out: (number[] | null)[] = [];
  const theta = new Float64Array(prep.p);
  for (let rep = from; rep < to; rep++) {
    if (hooks.isCancelled?.()) throw new FitCancelledError();
    const rng = mulberry32(streamSeed(seed, rep));
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(rng() * n)]! += 1;
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (counts[i]! > 0) idx.push(i);
    const data: FitData = {
      n: idx.length,
      cols: prep.train.cols.map((c) => Float64Array.from(idx, (i) => c[i]!)),
      y: Float64Array.from(idx, (i) => prep.train.y[i]!),
      w: Float64Array.from(idx, (i) => counts[i]! * (weights ? weights[i]! : 1)),
      shifts: prep.train.shifts,
    };
    const opt = refineOptimizer(prep, data);
    let bestF = Infinity;
    let bestTheta: number[] | null = null;
    for (const s of starts) {
      const z = Float64Array.from(thetaToZ(prep, s));
      const r = polish(prep, opt, data, z);
      if (Number.isFinite(r.f) && r.f < bestF) {
        bestF = r.f;
        prep.model.toParams(z, data.shifts, theta);
        bestTheta = Array.from(theta);
      }
    }
    out.push(bestTheta);
    hooks.onProgress?.({ phase: 'bootstrap', done: rep - from + 1, total: to - from });
  }
  return out;
}

/** Coefficients named as the law's coefficient set names them, from theta. */
export function coefficientsOf(model: LossModel, theta: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  model.params.forEach((p, j) => {
    const v = theta[j]!;
    out[p.coefficient] = p.transform === 'log' ? Math.exp(v) : v;
  });
  return out;
}

export interface AssembleInput {
  best: StartOutcome;
  weights: Float64Array | null;
  replicates: (number[] | null)[] | null;
  iterations: number;
  evaluations: number;
  seconds: number;
}

/** Builds the FitResult: coefficients, RMSEs, residuals of every run, intervals. */
export function assembleResult(prep: PreparedFit, input: AssembleInput): FitResult {
  const { model, runs, roles } = prep;
  const { best } = input;
  const z = Float64Array.from(thetaToZ(prep, best.theta));
  const pred = new Float64Array(prep.all.n);
  model.predict(z, prep.all, pred);
  const trainPos = new Map(prep.trainIdx.map((i, k) => [i, k]));
  const residuals: RunResidual[] = runs.map((run, i) => {
    const role = roles[i]!;
    const k = trainPos.get(i);
    const weight = role === 'train' ? (input.weights && k !== undefined ? input.weights[k]! : 1) : 0;
    const r: RunResidual = { index: i, role, observedLoss: run.loss, predictedLoss: Math.exp(pred[i]!), residual: pred[i]! - prep.all.y[i]!, weight };
    if (run.label !== undefined) r.label = run.label;
    if (run.line !== undefined) r.line = run.line;
    return r;
  });
  let maxError = 0;
  let maxErrorHoldout: number | null = prep.holdout ? 0 : null;
  for (const r of residuals) {
    if (r.role === 'train' || r.role === 'holdout') maxError = Math.max(maxError, Math.abs(r.residual));
    if (r.role === 'holdout') maxErrorHoldout = Math.max(maxErrorHoldout!, Math.abs(r.residual));
  }
  const params: Record<string, number> = {};
  model.params.forEach((p, j) => (params[p.name] = best.theta[j]!));
  const fixed: Record<string, number> = {};
  for (const [j, v] of prep.fixed) {
    const p = model.params[j]!;
    fixed[p.coefficient] = p.transform === 'log' ? Math.exp(v) : v;
  }
  const result: FitResult = {
    law: model.law,
    coefficients: coefficientsOf(model, best.theta),
    params,
    delta: prep.delta,
    objective: best.objective,
    rmseTrain: best.rmseTrain,
    rmseHoldout: best.rmseHoldout,
    maxError,
    maxErrorHoldout,
    residualScale: 'ln L',
    residuals,
    starts: prep.grid.size,
    bestStart: best.start,
    selection: prep.holdout ? 'lowest-train-plus-holdout-rmse' : 'lowest-objective',
    counts: {
      runs: runs.length,
      train: prep.trainIdx.length,
      holdout: prep.holdoutIdx.length,
      dropped: roles.filter((r) => r === 'dropped').length,
      excluded: roles.filter((r) => r === 'excluded').length,
    },
    fixed,
    screening: { stride: prep.screenStride, runs: prep.screen.n, keep: prep.keep },
    iterations: input.iterations,
    evaluations: input.evaluations,
    seconds: input.seconds,
  };
  if (prep.options.law === 'per-e') result.experts = prep.options.experts ?? runs[prep.trainIdx[0]!]?.experts ?? 1;
  const b = prep.options.bootstrap;
  if (b && input.replicates) {
    // A replicate whose coefficient ran off to infinity (E_max of a law the resample cannot pin down,
    // stored as ln E_max) failed: it has no finite set to store or plan with.
    const ok = input.replicates.filter((t): t is number[] => t !== null && Object.values(coefficientsOf(model, t)).every(Number.isFinite));
    const confidence = b.confidence ?? 0.95;
    const intervals: Record<string, CoefficientInterval> = {};
    if (ok.length > 0) {
      const coefs = ok.map((t) => coefficientsOf(model, t));
      for (const name of Object.keys(result.coefficients)) {
        const v = coefs.map((c) => c[name]!).sort((x, y) => x - y);
        // Scaled by the largest |value|, so a replicate near the largest double (an E_max the resample
        // leaves free) gives a large finite SD instead of overflowing to NaN.
        const scale = Math.max(...v.map(Math.abs)) || 1;
        const m = v.reduce((s, x) => s + x / scale, 0) / v.length;
        const sd = scale * Math.sqrt(v.reduce((s, x) => s + (x / scale - m) ** 2, 0) / Math.max(1, v.length - 1));
        const { low, high } = centralRange(v, confidence);
        intervals[name] = { lower: low, upper: high, sd };
      }
    }
    result.intervals = intervals;
    result.replicates = ok.map((t) => coefficientsOf(model, t));
    result.bootstrap = { samples: b.samples, seed: b.seed ?? 1, confidence, failed: input.replicates.length - ok.length };
  }
  return result;
}

/** Huber objective of a coefficient set on the fit's training runs (e.g. to compare with a published point). */
export function objectiveAt(options: FitOptions, coefficients: Record<string, number>): number {
  const prep = prepareFit({ ...options, bootstrap: undefined, grid: undefined, replaceGrid: false });
  const theta = prep.model.params.map((p) => {
    const v = coefficients[p.coefficient] ?? coefficients[p.name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`coefficients.${p.coefficient} must be a finite number`);
    return toThetaValue(prep.model, p.coefficient, v, `coefficients.${p.coefficient}`).value;
  });
  const z = Float64Array.from(thetaToZ(prep, theta));
  return prep.model.objective(z, prep.train, prep.delta, new Float64Array(prep.p));
}

/** Per-run Huber terms, exported for tests and reports. */
export { huber };

/** The whole fit in the calling thread (see src-main/services/fit for the worker-thread version). */
export function fit(options: FitOptions, hooks: FitHooks = {}): FitResult {
  const t0 = performance.now();
  const prep = prepareFit(options);
  const batch = screenStarts(prep, 0, prep.grid.size, hooks);
  let iterations = batch.iterations;
  let evaluations = batch.evaluations;
  const candidates = selectCandidates(prep, [batch]);
  let refined = refineCandidates(prep, candidates, undefined, hooks);
  let best = chooseBest(prep, refined);
  let weights: Float64Array | null = null;
  if (options.outliers) {
    const o = reweightOutliers(prep, best, refined, hooks);
    weights = o.weights;
    best = o.best;
    refined = o.refined;
  }
  for (const o of refined) {
    iterations += o.iterations;
    evaluations += o.evaluations;
  }
  let replicates: (number[] | null)[] | null = null;
  if (options.bootstrap && options.bootstrap.samples > 0) {
    replicates = bootstrapReplicates(prep, bootstrapStarts(prep, best, refined), weights, 0, options.bootstrap.samples, hooks);
  }
  return assembleResult(prep, { best, weights, replicates, iterations, evaluations, seconds: (performance.now() - t0) / 1000 });
}
