/**
 * Calibrating the exponents-only law. A DenseMoeModel holds the published exponents and, per
 * architecture, an optional calibration; without one, absolute numbers are refused.
 *
 * From one compute-optimal point (C₀, N₀) or (C₀, D₀): with N_opt = k_N·C^nExp and C = N·D,
 * k_N = N₀/C₀^nExp and k_D = D₀/C₀^dExp.
 *
 * From a fit of L = A/(N^α·E^γ) + B/D^β + σ (Wang et al.'s form): for fixed E it is
 * Chinchilla-shaped with A' = A/E^γ, so N_opt = (α·A'/(β·B))^(1/(α+β))·C^(β/(α+β)) and
 * D_opt = C/N_opt. The exponents then come from the fit, not from the paper.
 */
import type { CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';
import { requireFinite, requireNonNegative, requirePositive } from '../common/require-input';
import {
  allocationExponents,
  defaultDenseMoeSet,
  requireArchitecture,
  type AllocationExponents,
  type DenseMoeArchitecture,
} from './coefficients';

/** The user's own fit of Wang et al.'s loss form. */
export interface DenseMoeLossFit {
  A: number;
  B: number;
  alpha: number;
  beta: number;
  /** σ: irreducible loss. */
  sigma: number;
  /** γ: expert exponent (MoE only; ignored for dense). */
  gamma?: number;
  /** E: experts (MoE only; dense is E = 1). */
  experts?: number;
}

export type AllocationCalibration = AllocationExponents & {
  /** N_opt = nCoef·C^nExp (FLOPs per token). */
  nCoef: number;
  /** D_opt = dCoef·C^dExp (tokens). */
  dCoef: number;
} & (
    | { source: 'compute-optimal-point'; point: { flops: number; flopsPerToken: number; tokens: number } }
    | { source: 'user-fit'; fit: DenseMoeLossFit }
  );

export interface DenseMoeModel {
  /** The exponent set the model started from (for citation). */
  setId: string;
  exponents: Record<DenseMoeArchitecture, AllocationExponents>;
  calibration: Partial<Record<DenseMoeArchitecture, AllocationCalibration>>;
}

/** The published, uncalibrated law: exponents only. */
export function denseMoeModel(set: CoefficientSet = defaultDenseMoeSet()): DenseMoeModel {
  return { setId: set.id, exponents: allocationExponents(set), calibration: {} };
}

export interface ComputeOptimalPoint {
  flops: number;
  /** N_opt at that budget (FLOPs per token); give this or tokens. */
  flopsPerToken?: number;
  /** D_opt at that budget; give this or flopsPerToken. */
  tokens?: number;
}

export function calibrateFromPoint(model: DenseMoeModel, architecture: DenseMoeArchitecture, point: ComputeOptimalPoint): DenseMoeModel {
  requireArchitecture(architecture);
  const flops = requirePositive('flops', point.flops);
  if ((point.flopsPerToken === undefined) === (point.tokens === undefined)) {
    throw new EngineInputError('flopsPerToken', 'give exactly one of flopsPerToken (N_opt) or tokens (D_opt) with the budget');
  }
  const flopsPerToken =
    point.flopsPerToken !== undefined ? requirePositive('flopsPerToken', point.flopsPerToken) : flops / requirePositive('tokens', point.tokens!);
  const tokens = flops / flopsPerToken;
  const { nExp, dExp } = model.exponents[architecture];
  const calibration: AllocationCalibration = {
    nExp,
    dExp,
    nCoef: flopsPerToken / Math.pow(flops, nExp),
    dCoef: tokens / Math.pow(flops, dExp),
    source: 'compute-optimal-point',
    point: { flops, flopsPerToken, tokens },
  };
  return { ...model, calibration: { ...model.calibration, [architecture]: calibration } };
}

export function calibrateFromFit(model: DenseMoeModel, architecture: DenseMoeArchitecture, fit: DenseMoeLossFit): DenseMoeModel {
  requireArchitecture(architecture);
  const A = requirePositive('fit.A', fit.A);
  const B = requirePositive('fit.B', fit.B);
  const alpha = requirePositive('fit.alpha', fit.alpha);
  const beta = requirePositive('fit.beta', fit.beta);
  requireNonNegative('fit.sigma', fit.sigma);
  let aEff = A;
  if (architecture === 'moe') {
    const experts = requirePositive('fit.experts', fit.experts ?? Number.NaN);
    const gamma = requireFinite('fit.gamma', fit.gamma ?? Number.NaN);
    aEff = A / Math.pow(experts, gamma);
  }
  const sum = alpha + beta;
  const nCoef = Math.pow((alpha * aEff) / (beta * B), 1 / sum);
  const calibration: AllocationCalibration = {
    nExp: beta / sum,
    dExp: alpha / sum,
    nCoef,
    dCoef: 1 / nCoef,
    source: 'user-fit',
    fit: { ...fit },
  };
  return { ...model, calibration: { ...model.calibration, [architecture]: calibration } };
}
