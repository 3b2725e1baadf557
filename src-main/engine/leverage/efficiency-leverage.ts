/**
 * Efficiency Leverage, Eq. 13 of Tian et al.:
 *
 *   EL(A, G, C) = Â^(α + γ·(log₂ G)² + β·log₂ G),   α = a + d·log₁₀ C
 *   1/Â = 1/(A + (1/A_start − 1/A_max)^(−1)) + 1/A_max
 *
 * The paper prints no log bases; log₂ for G and log₁₀ for C (FLOPs) are the ones that
 * reproduce its stated results (LAWS.md §2, Decision), and d is negative as in Table 2.
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { requireInRange, requirePositive } from '../common/require-input';
import { flagsOutsideFittedRanges } from '../common/range-flags';
import { elCoefficients, defaultLeverageSet, type ElCoefficients } from './coefficients';
import { LEVERAGE_LAW } from './description';

export interface LeverageInput {
  /** Activation ratio A = (E_a + E_s)/(E + E_s), in (0, 1]. */
  activation: number;
  /** Granularity G = 2·d_model/d_expert. */
  granularity: number;
  /** Training compute C in FLOPs. */
  flops: number;
}

export interface LeverageResult {
  el: number;
  activationHat: number;
  /** The exponent α + γ·(log₂ G)² + β·log₂ G applied to Â. */
  exponent: number;
  flags: ResultFlag[];
}

export interface EquivalentDenseComputeResult extends LeverageResult {
  /** Dense compute reaching the same loss: C_dense = EL·C. */
  denseFlops: number;
}

/** Â: saturating transform of A, so that A → 0 does not send EL to infinity. */
export function activationHat(activation: number, set: CoefficientSet = defaultLeverageSet()): number {
  requireInRange('activation', activation, Number.MIN_VALUE, 1);
  return hatOf(activation, elCoefficients(set));
}

function hatOf(activation: number, c: ElCoefficients): number {
  const offset = 1 / (1 / c.aStart - 1 / c.aMax);
  return 1 / (1 / (activation + offset) + 1 / c.aMax);
}

/** The exponent on Â as a quadratic in x = log₂ G: (γ, β, α(C)). */
export function exponentQuadratic(flops: number, c: ElCoefficients): { quadratic: number; linear: number; constant: number } {
  return { quadratic: c.gamma, linear: c.beta, constant: c.a + c.d * Math.log10(flops) };
}

/** EL without input checks or flags; callers have validated. */
export function leverageUnchecked(input: LeverageInput, c: ElCoefficients): { el: number; activationHat: number; exponent: number } {
  const hat = hatOf(input.activation, c);
  const q = exponentQuadratic(input.flops, c);
  const x = Math.log2(input.granularity);
  const exponent = q.constant + q.quadratic * x * x + q.linear * x;
  return { el: Math.pow(hat, exponent), activationHat: hat, exponent };
}

export function validateLeverageInput(input: LeverageInput): void {
  requireInRange('activation', input.activation, Number.MIN_VALUE, 1);
  requirePositive('granularity', input.granularity);
  requirePositive('flops', input.flops);
}

/** Flags A, G, C outside the fitted ranges; EL above 6 only as information (that region validated, not fitted). */
export function leverageFlags(input: Partial<LeverageInput> & { el?: number }): ResultFlag[] {
  return flagsOutsideFittedRanges(LEVERAGE_LAW, {
    activation: input.activation,
    granularity: input.granularity,
    flops: input.flops,
    el: input.el,
  }).map((f) =>
    f.variable === 'el'
      ? { ...f, severity: 'info' as const, message: `${f.message} The law was fitted on EL < 6; EL ≥ 6 was used only to validate it.` }
      : f,
  );
}

export function efficiencyLeverage(input: LeverageInput, set: CoefficientSet = defaultLeverageSet()): LeverageResult {
  validateLeverageInput(input);
  const r = leverageUnchecked(input, elCoefficients(set));
  return { ...r, flags: leverageFlags({ ...input, el: r.el }) };
}

/** The dense compute that reaches the MoE's loss: C_dense = EL·C_MoE. */
export function equivalentDenseCompute(
  input: LeverageInput,
  set: CoefficientSet = defaultLeverageSet(),
): EquivalentDenseComputeResult {
  const r = efficiencyLeverage(input, set);
  return { ...r, denseFlops: r.el * input.flops };
}
