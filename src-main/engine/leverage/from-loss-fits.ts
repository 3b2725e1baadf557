/**
 * EL from two loss–compute fits, the paper's own definition: with
 * L_X(C) = α_X·C^(−β_X) + b_X for X ∈ {dense, MoE}, take the MoE's loss at its budget as the
 * target L* and solve L_dense(C_d) = L*:  C_d = ((L* − b_d)/α_d)^(−1/β_d),  EL = C_d/C_MoE.
 * If the dense fit's floor b_d is at or above L*, no dense budget reaches the MoE's loss.
 */
import { requireNonNegative, requirePositive } from '../common/require-input';
import { significant as fmtSig } from '../../format';

export interface LossComputeFit {
  /** α_X > 0. */
  coefficient: number;
  /** β_X > 0: loss falls as C^(−β_X). */
  exponent: number;
  /** b_X ≥ 0, the irreducible floor (0 when the fit has none). */
  offset?: number;
}

export type LeverageFromFitsResult =
  | { feasible: true; el: number; targetLoss: number; denseFlops: number; moeFlops: number }
  | { feasible: false; reason: string; targetLoss: number };

function checkFit(name: string, fit: LossComputeFit): Required<LossComputeFit> {
  return {
    coefficient: requirePositive(`${name}.coefficient`, fit.coefficient),
    exponent: requirePositive(`${name}.exponent`, fit.exponent),
    offset: requireNonNegative(`${name}.offset`, fit.offset ?? 0),
  };
}

export function leverageFromLossFits(input: { dense: LossComputeFit; moe: LossComputeFit; flops: number }): LeverageFromFitsResult {
  const dense = checkFit('dense', input.dense);
  const moe = checkFit('moe', input.moe);
  const moeFlops = requirePositive('flops', input.flops);
  const moeReducible = moe.coefficient * Math.pow(moeFlops, -moe.exponent);
  const targetLoss = moeReducible + moe.offset;
  // L* − b_d, summed without forming L* first: at large budgets the reducible part is tiny
  // next to the offsets, and subtracting two near-equal losses would lose its digits.
  const excess = moeReducible + (moe.offset - dense.offset);
  if (!(excess > 0)) {
    return {
      feasible: false,
      targetLoss,
      reason: `The MoE reaches loss ${fmtSig(targetLoss, 5)}, at or below the dense fit's floor ${dense.offset}; no dense budget matches it.`,
    };
  }
  // Work in logs: C_d can be astronomically large for a small excess.
  const logDense = -Math.log(excess / dense.coefficient) / dense.exponent;
  const denseFlops = Math.exp(logDense);
  const el = Math.exp(logDense - Math.log(moeFlops));
  if (!Number.isFinite(denseFlops) || !Number.isFinite(el)) {
    return { feasible: false, targetLoss, reason: 'The equivalent dense compute overflows: the MoE loss is too close to the dense floor.' };
  }
  return { feasible: true, el, targetLoss, denseFlops, moeFlops };
}
