/**
 * Types shared by the fitter: runs, laws' loss models, options and results.
 * Everything here is plain data (structured-clone safe) except `LossModel`.
 */

import { FIT_LAW_IDS, type FitLawId } from '../ids';

export type { FitLawId };
export const FIT_LAWS: readonly FitLawId[] = FIT_LAW_IDS;

/**
 * One training run, in raw units (parameters and tokens as counts, loss in nats).
 * Which fields a law needs is given by its model's `requires`.
 */
export interface FitRun {
  /** Active parameters N_act (Chinchilla's N; the comprehensive law's N_a). */
  nAct: number;
  /** Training tokens D. */
  tokens: number;
  /** Final training loss, nats per token. */
  loss: number;
  /** Total parameters (the comprehensive law's N). */
  nTotal?: number;
  /** Number of experts E (1 for dense). */
  experts?: number;
  /** Activated experts G, shared plus routed (comprehensive law). */
  activatedExperts?: number;
  /** Shared-expert ratio S = shared / activated (comprehensive law). */
  sharedRatio?: number;
  learningRate?: number;
  /** Batch size in tokens. */
  batchTokens?: number;
  /** Free label (run name); the importer sets it to `line N` when the file has none. */
  label?: string;
  /** 1-based line of the CSV record the run came from, when imported. */
  line?: number;
}

export type RunVariable = 'nAct' | 'tokens' | 'loss' | 'nTotal' | 'experts' | 'activatedExperts' | 'sharedRatio';

/** Feature columns and targets of a set of runs, arranged for a model's objective. */
export interface FitData {
  /** Number of runs. */
  n: number;
  /** Model-specific feature columns (e.g. ln N − shift, ln D − shift), each of length n. */
  cols: Float64Array[];
  /** Observed ln L. */
  y: Float64Array;
  /** Weight of each run in the objective (bootstrap multiplicity × outlier weight). */
  w: Float64Array;
  /** Model-specific constants (centring shifts) used to map internal parameters to coefficients. */
  shifts: Float64Array;
}

export interface ParamSpec {
  /** Internal (optimisation) name, e.g. `a` = ln A for Chinchilla, `log_c` for the joint law. */
  name: string;
  /** Coefficient this parameter determines, as the law's coefficient set names it. */
  coefficient: string;
  /** `log`: the parameter is ln(coefficient), so the coefficient is positive. */
  transform: 'identity' | 'log';
}

/**
 * A law with a loss form, as the fitter sees it. The optimiser works on an internal vector
 * `z` that may be a linear re-parameterisation of the parameters `theta` (centring ln N and
 * ln D decorrelates a and α, which speeds L-BFGS up without changing the optimum).
 */
export interface LossModel {
  law: FitLawId;
  /** Parameters in the order of `theta`. */
  params: readonly ParamSpec[];
  /** Coefficient names of the law's coefficient set, in display order. */
  coefficients: readonly string[];
  /** Run fields the law needs. */
  requires: readonly RunVariable[];
  /** Default Huber δ. */
  defaultDelta: number;
  /** Default start grid, keyed by parameter (internal) names. */
  defaultGrid(): GridSpec;
  /** Builds feature columns for the runs. `fixed[j]` true when parameter j is held fixed. */
  data(runs: readonly FitRun[], fixed: readonly boolean[], shifts?: Float64Array): FitData;
  /** theta (parameters) → z (internal, optimiser coordinates), in place into `z`. */
  toInternal(theta: Float64Array, shifts: Float64Array, z: Float64Array): void;
  /** z → theta, in place into `theta`. */
  toParams(z: Float64Array, shifts: Float64Array, theta: Float64Array): void;
  /**
   * Σ_i w_i · huber_δ(pred_i − y_i) at internal point z, pred = predicted ln L; writes the
   * gradient with respect to z into `grad`. Returns Infinity where the law is undefined
   * (e.g. a predicted loss ≤ 0). Must not allocate.
   */
  objective(z: Float64Array, data: FitData, delta: number, grad: Float64Array): number;
  /** Predicted ln L of every run at internal point z into `out`. */
  predict(z: Float64Array, data: FitData, out: Float64Array): void;
}

/** Start grid: parameter name (internal, or the coefficient name for log parameters: then ln is applied) → values. */
export type GridSpec = Record<string, readonly number[]>;

export type HoldoutSpec = { lowestLoss: number } | { indices: readonly number[] };

export interface OutlierOptions {
  /** Runs whose residual lies more than `threshold` robust standard deviations (1.4826·MAD) from the median are down-weighted. Default 3. */
  threshold?: number;
  /** Re-weighting passes. Default 2. */
  iterations?: number;
}

export interface BootstrapOptions {
  /** Number of bootstrap replicates (resampling training runs with replacement). */
  samples: number;
  /** PRNG seed; the same seed gives the same intervals. Default 1. */
  seed?: number;
  /** Two-sided confidence level of the percentile intervals. Default 0.95. */
  confidence?: number;
  /** Distinct local optima of the main fit used as starts for every replicate. Default 3. */
  starts?: number;
}

export interface OptimizerOptions {
  maxIterations?: number;
  maxEvaluations?: number;
  gtol?: number;
  ftol?: number;
  memory?: number;
}

export interface FitOptions {
  law: FitLawId;
  runs: readonly FitRun[];
  /** Huber δ on the ln L residual. Default: 1e-3 for Chinchilla, 1e-2 otherwise (LAWS.md §1, §5). */
  delta?: number;
  /** Start grid (replaces the default grid axis by axis: axes not given keep the default). */
  grid?: GridSpec;
  /** Use exactly this grid, no defaults merged. */
  replaceGrid?: boolean;
  /** Parameters held fixed, by internal or coefficient name, at the given coefficient value. */
  fixed?: Record<string, number>;
  /** Drop the k highest-loss runs before anything else (the Chinchilla replication drops 5). */
  dropHighest?: number;
  /** Held-out runs: never trained on; the start with the lowest train RMSE + held-out RMSE wins. */
  holdout?: HoldoutSpec;
  /** For `per-e`: use only runs with this expert count (runs without `experts` count as 1). */
  experts?: number;
  outliers?: OutlierOptions;
  bootstrap?: BootstrapOptions;
  /** Tolerances of the refining stage (screening uses fixed loose tolerances). */
  optimizer?: OptimizerOptions;
  screening?: ScreeningOptions;
}

/**
 * The multistart's first stage runs every start to a loose tolerance on a loss-stratified
 * subsample (every `stride`-th training run by loss); the `keep` best distinct end points are
 * then refined on all training runs to a tight tolerance.
 */
export interface ScreeningOptions {
  /** Default: ⌊train runs / max(60, 10 × free parameters)⌋, at least 1 (1 = all runs). */
  stride?: number;
  /** Distinct screened points refined. Default 16. */
  keep?: number;
}

/** `excluded`: not at the per-E fit's expert count. */
export type RunRole = 'train' | 'holdout' | 'dropped' | 'excluded';

export interface RunResidual {
  /** Index of the run in the `runs` given to the fit. */
  index: number;
  label?: string;
  line?: number;
  role: RunRole;
  observedLoss: number;
  predictedLoss: number;
  /** predicted ln L − observed ln L. */
  residual: number;
  /** Weight in the final objective (outlier down-weighting; 1 otherwise, 0 for held-out and dropped runs). */
  weight: number;
}

export interface CoefficientInterval {
  lower: number;
  upper: number;
  /** Bootstrap standard deviation. */
  sd: number;
}

export interface StartOutcome {
  /** Index of the start in the grid enumeration. */
  start: number;
  /** Parameters (theta, not internal z) at the end of the local fit. */
  theta: number[];
  objective: number;
  rmseTrain: number;
  rmseHoldout: number | null;
  iterations: number;
  evaluations: number;
  status: string;
}

export interface FitResult {
  law: FitLawId;
  /** Coefficients named as the law's coefficient set names them. */
  coefficients: Record<string, number>;
  /** Internal parameters (theta), by internal name. */
  params: Record<string, number>;
  delta: number;
  /** Huber objective Σ w·huber_δ(ln L̂ − ln L) over the training runs at the optimum. */
  objective: number;
  /** RMSE of the ln L residual over training runs. */
  rmseTrain: number;
  /** RMSE of the ln L residual over held-out runs (null without a held-out set). */
  rmseHoldout: number | null;
  /** Largest |ln L̂ − ln L| over training and held-out runs. */
  maxError: number;
  maxErrorHoldout: number | null;
  /** What the RMSEs and max error are measured on. */
  residualScale: 'ln L';
  residuals: RunResidual[];
  /** Number of starts tried. */
  starts: number;
  /** Grid index of the winning start. */
  bestStart: number;
  /** How the winning start was chosen. */
  selection: 'lowest-objective' | 'lowest-train-plus-holdout-rmse';
  counts: { runs: number; train: number; holdout: number; dropped: number; excluded: number };
  /** How the starts were screened: every `stride`-th training run by loss (`runs` of them), `keep` refined. */
  screening: { stride: number; runs: number; keep: number };
  /** The expert count of a per-E fit. */
  experts?: number;
  fixed: Record<string, number>;
  /** Bootstrap percentile intervals by coefficient name (absent without bootstrap). */
  intervals?: Record<string, CoefficientInterval>;
  bootstrap?: { samples: number; seed: number; confidence: number; failed: number };
  /** Each successful bootstrap replicate's coefficients, so plans made with the fit can show a band. */
  replicates?: Array<Record<string, number>>;
  /** Total L-BFGS iterations and evaluations over all starts. */
  iterations: number;
  evaluations: number;
  seconds: number;
}

export interface FitProgress {
  phase: 'screen' | 'refine' | 'outliers' | 'bootstrap';
  done: number;
  total: number;
}
