/**
 * The dense-versus-MoE allocation law (Wang et al., LAWS.md §4), as engine/dense-moe computes it:
 * the data-utilisation gain (a_MoE − a_dense)/a_dense from the published exponents
 * (dataUtilisationComparison), and, for a calibrated architecture, N_opt = k_N·C^a and
 * D_opt = k_D·C^b with the calibration's constants (denseMoeOptimum).
 */
import type { CoefficientSet } from '../common/coefficients';
import { allocationExponents, type DenseMoeArchitecture } from '../dense-moe/coefficients';
import type { AllocationCalibration } from '../dense-moe/calibration';
import { coef, div, input, mul, pow, step, sub } from './expr';
import { setOf, sourceOf } from './laws';
import type { Explanation } from './render';

export function explainDataUtilisation(set: CoefficientSet): Explanation {
  const e = allocationExponents(set);
  const aMoe = coef('a_MoE', e.moe.nExp, 'MoE exponent of N_opt in C');
  const aDense = coef('a_dense', e.dense.nExp, 'dense exponent of N_opt in C');
  return {
    figure: 'denseMoe.dataUtilisation',
    title: 'Dense-vs-MoE law: data-utilisation gain of MoE',
    headline: [step('gain', 'relative gain of the MoE’s model-size exponent over dense', 'share', div(sub(aMoe, aDense), aDense))],
    citation: set.citation,
    source: sourceOf(set, 'the published allocation exponents (N_opt ∝ C^a), whose relative difference is the paper’s “16.37% better data utilisation”'),
    coefficientSet: setOf(set),
  };
}

const NAME: Record<DenseMoeArchitecture, string> = { dense: 'Dense', moe: 'MoE' };

export function explainCalibratedAllocation(x: { flops: number; architecture: DenseMoeArchitecture; calibration: AllocationCalibration }, set: CoefficientSet): Explanation {
  const c = x.calibration;
  const C = input('C', x.flops, 'FLOPs', 'training compute C = N·D');
  const from = c.source === 'compute-optimal-point' ? 'one compute-optimal point you gave (its constants make the curve pass through it)' : 'your own loss fit';
  return {
    figure: 'denseMoe.allocation',
    title: `Dense-vs-MoE law: ${NAME[x.architecture]} compute-optimal allocation (calibrated)`,
    headline: [
      step('N_opt', 'non-embedding FLOPs per token', 'FLOPs/token', mul(coef('k_N', c.nCoef), pow(C, coef('a', c.nExp)))),
      step('D_opt', 'training tokens', 'tokens', mul(coef('k_D', c.dCoef), pow(C, coef('b', c.dExp)))),
    ],
    citation: set.citation,
    source: sourceOf(set, `N_opt ∝ C^(β/(α+β)), D_opt ∝ C^(α/(α+β)) under C = N·D; the constants k_N, k_D come from ${from}`),
    coefficientSet: setOf(set),
  };
}
