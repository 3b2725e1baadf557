/**
 * How wide the band of the recommendation would be, measured with the project's own fitter
 * rather than by a linearisation: a parametric bootstrap. Each simulated world takes one
 * replicate as the truth, draws every run's loss from it with the fit's noise (the stored runs
 * and any added ones), refits with the fitter (engine/fit, from the fit's own coefficients,
 * holding fixed what the fit held fixed) and records the error of the refit's recommendation.
 * The band is the 5th–95th percentile of that error around the current recommendation. Every
 * run set is scored in the same worlds with the same noise draws for the stored runs (common
 * random numbers), so differences between sets are the sets' doing, not the draws'.
 */
import { fit, FitCancelledError, mulberry32, streamSeed, type FitRun } from '../fit';
import { quantile } from '../common/quantile';
import type { NextRunHooks } from './hooks';
import type { PlannerLaw } from './laws';
import { targetValue, type NextRunQuantity } from './target-quantity';
import { thetaOf, valuesOf } from './theta';

export interface RunDesign {
  nAct: number;
  tokens: number;
  experts: number;
}

export interface SimulationInput {
  /** The law fitted and refitted (./laws.ts). */
  law: PlannerLaw;
  /** The stored runs (their N_act, D and E; their losses are redrawn in every world). */
  runs: readonly FitRun[];
  /** The fit's coefficients (the refits start there). */
  center: Float64Array;
  replicates: readonly Float64Array[];
  /** Each replicate's q (the target scalar), as the planner solved it: a world's truth is not solved again. */
  replicateQs: readonly number[];
  /** Coefficients the fit held fixed (every replicate has the same value), by name. */
  fixed: Record<string, number>;
  noise: number;
  flops: number;
  experts: readonly number[];
  quantity: NextRunQuantity;
  worlds: number;
  seed: number;
  /** Huber δ of the refits (the law's default when absent). */
  delta?: number;
}

export interface ErrorBand {
  /** 5th and 95th percentiles of the recommendation's error, in the target scalar's units (nats, or ln N_act). */
  low: number;
  high: number;
  /** Worlds whose refit failed or gave no plan (left out). */
  failed: number;
}

/** Standard normal draws (Box–Muller) from a seeded uniform stream. */
export function normalStream(seed: number): () => number {
  const u = mulberry32(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const a = 2 * Math.PI * u();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

/** One refit of the law from `center` (a one-point start grid): the project's fitter, not a re-implementation. */
export function refit(law: PlannerLaw, runs: FitRun[], center: Float64Array, fixed: Record<string, number>, delta: number | undefined, isCancelled?: () => boolean): Float64Array | null {
  const grid: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(valuesOf(center, law.model))) if (!(k in fixed)) grid[k] = [v];
  try {
    const r = fit({ law: law.model.law, runs, grid, replaceGrid: true, fixed, ...(delta !== undefined ? { delta } : {}) }, isCancelled ? { isCancelled } : {});
    return thetaOf(r.coefficients, 'refit', law.model);
  } catch (e) {
    if (e instanceof FitCancelledError) throw e;
    return null;
  }
}

/**
 * The recommendation's error in every world, one array per run set (`[]` = the stored runs
 * alone); NaN where the refit failed. `onWorld` is called after each world.
 */
export function simulatedErrors(input: SimulationInput, sets: ReadonlyArray<readonly RunDesign[]>, hooks: NextRunHooks = {}, onWorld?: () => void): number[][] {
  const out = sets.map(() => [] as number[]);
  for (let w = 0; w < input.worlds; w++) {
    const truth = input.replicates[w % input.replicates.length]!;
    const normal = normalStream(streamSeed(input.seed, w));
    const lnLossAt = (r: RunDesign) => input.law.lnLossAt(truth, r.nAct, r.tokens, r.experts);
    const draw = (r: RunDesign): FitRun => ({ nAct: r.nAct, tokens: r.tokens, experts: r.experts, loss: Math.exp(lnLossAt(r) + input.noise * normal()) });
    const stored = input.runs.map((r) => draw({ nAct: r.nAct, tokens: r.tokens, experts: r.experts ?? 1 }));
    // One draw per candidate position, shared by every set, so a run two sets share has the same outcome in both.
    const extra = Array.from({ length: Math.max(0, ...sets.map((s) => s.length)) }, () => normal());
    const qTrue = input.replicateQs[w % input.replicates.length]!;
    sets.forEach((set, k) => {
      if (hooks.isCancelled?.()) throw new FitCancelledError();
      const added = set.map((r, i) => ({ nAct: r.nAct, tokens: r.tokens, experts: r.experts, loss: Math.exp(lnLossAt(r) + input.noise * extra[i]!) }));
      const theta = refit(input.law, [...stored, ...added], input.center, input.fixed, input.delta, hooks.isCancelled);
      const q = theta ? targetValue(theta, input.flops, input.experts, input.quantity, input.law.targetPlan) : NaN;
      out[k]!.push(Number.isFinite(q) && Number.isFinite(qTrue) ? q - qTrue : NaN);
    });
    onWorld?.();
  }
  return out;
}

/** 5th–95th percentile of the finite errors. */
export function errorBand(errors: readonly number[]): ErrorBand {
  const ok = errors.filter(Number.isFinite);
  return { low: quantile(ok, 0.05), high: quantile(ok, 0.95), failed: errors.length - ok.length };
}
