/**
 * Inputs of the Baselines page (dense baselines against a MoE plan), kept while the user moves
 * between pages. Requests are derived from them, never stored twice.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RequestOf } from '../../src-main/ipc/contract';
import type { BudgetState } from '../../src-main/ipc/contract/scenario-inputs';
import { defaultBudget } from './wizards';

export type Architecture = 'dense' | 'moe';

/** How one architecture of the dense-vs-MoE law is calibrated; every form keeps its values. */
export interface CalibrationInputs {
  source: 'none' | 'point' | 'fit';
  /** Budget of the known compute-optimal run. */
  pointFlops: number;
  /** Which of that run's optima is given: N_opt (FLOPs per token) or D_opt (tokens). */
  pointGiven: 'flopsPerToken' | 'tokens';
  flopsPerToken: number;
  tokens: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
  sigma: number;
  /** MoE only. */
  gamma: number;
  /** MoE only. */
  experts: number;
}

/** The joint law's rule of thumb (Sec. 4.5): dense against MoE at one total parameter count. */
export interface RuleOfThumbInputs {
  totalParams: number;
  /** Train the dense model on its compute-optimal tokens, or on `denseTokens` (the paper's 1.1B example uses 8B). */
  denseTokensComputeOptimal: boolean;
  denseTokens: number;
  experts: number[];
  coefficientSetId: string;
}

export interface BaselinesInputs {
  budget: BudgetState;
  denseMoeSetId: string;
  dense: CalibrationInputs;
  moe: CalibrationInputs;
  rule: RuleOfThumbInputs;
}

type DenseMoeRequest = RequestOf<'denseMoe.optimum'>;
type Calibration = NonNullable<NonNullable<DenseMoeRequest['calibration']>['dense']>;

const defaultCalibration = (): CalibrationInputs => ({
  source: 'none',
  pointFlops: 1e22,
  pointGiven: 'tokens',
  flopsPerToken: 5e10,
  tokens: 2e11,
  A: 406.4,
  B: 410.7,
  alpha: 0.34,
  beta: 0.28,
  sigma: 1.69,
  gamma: 0.1,
  experts: 8,
});

/** The calibration the request carries for one architecture; undefined leaves it uncalibrated. */
export function calibrationRequest(c: CalibrationInputs, architecture: Architecture): Calibration | undefined {
  if (c.source === 'none') return undefined;
  if (c.source === 'point') {
    return c.pointGiven === 'tokens'
      ? { source: 'point', flops: c.pointFlops, tokens: c.tokens }
      : { source: 'point', flops: c.pointFlops, flopsPerToken: c.flopsPerToken };
  }
  const fit = { source: 'fit' as const, A: c.A, B: c.B, alpha: c.alpha, beta: c.beta, sigma: c.sigma };
  return architecture === 'moe' ? { ...fit, gamma: c.gamma, experts: c.experts } : fit;
}

/** `count` budgets evenly spaced in log between `from` and `to` (both included). */
export function logSpaced(from: number, to: number, count: number): number[] {
  const lo = Math.log10(from);
  const step = (Math.log10(to) - lo) / (count - 1);
  return Array.from({ length: count }, (_, i) => 10 ** (lo + i * step));
}

/** Budgets of the N_opt/D_opt curves: 25 from 1e18 to 1e25 FLOPs. */
export const CURVE_BUDGETS = logSpaced(1e18, 1e25, 25);

export function denseMoeRequest(i: BaselinesInputs): DenseMoeRequest {
  const dense = calibrationRequest(i.dense, 'dense');
  const moe = calibrationRequest(i.moe, 'moe');
  return {
    flops: i.budget.flops,
    calibration: { ...(dense ? { dense } : {}), ...(moe ? { moe } : {}) },
    budgets: CURVE_BUDGETS,
    coefficientSetId: i.denseMoeSetId,
  };
}

export function ruleOfThumbRequest(r: RuleOfThumbInputs): RequestOf<'compare.denseMoe'> {
  // Inputs saved before the dense-token choice existed train the dense model compute-optimally.
  const given = r.denseTokensComputeOptimal === false ? { denseTokens: r.denseTokens } : {};
  return { totalParams: r.totalParams, ...given, experts: r.experts, coefficientSetId: r.coefficientSetId };
}

export const useBaselines = defineStore('baselines', () => {
  const inputs = ref<BaselinesInputs>({
    budget: defaultBudget(),
    denseMoeSetId: 'wang2024-dense-moe',
    dense: defaultCalibration(),
    moe: defaultCalibration(),
    // 5B total: the largest total size the joint law was fitted on; the paper states the rule for E ≤ 8.
    rule: { totalParams: 5e9, denseTokensComputeOptimal: true, denseTokens: 8e9, experts: [2, 4, 8, 16], coefficientSetId: 'ludziejewski2025-joint' },
  });
  return { inputs };
});
