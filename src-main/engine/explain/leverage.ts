/**
 * The Efficiency Leverage law's figures (Tian et al., LAWS.md §2), each tree in the arrangement of
 * the engine function named on it: EL and the dense compute it is worth (leverageUnchecked,
 * equivalentDenseCompute), A, S and G from an expert configuration (deriveArchitecture), the best
 * granularity (bestGranularity: the vertex of the exponent's quadratic in log₂ G), and the
 * compute-optimal allocation and hyper-parameters of dense and MoE (optimalAllocation,
 * optimalHyperParameters: power laws a·C^b in the compute).
 */
import { TIMES_UNIT } from '../../format';
import type { CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';
import { allocationCoefficients, elCoefficients, hyperCoefficients, type ElCoefficients } from '../leverage/coefficients';
import type { Architecture } from '../leverage/allocation';
import type { FineGrainedConfig } from '../leverage/fine-grained';
import { add, coef, div, evaluate, input, ln, log10, log2, mul, neg, pow, step, sub, type Leaf, type Step } from './expr';
import { setOf, sourceOf } from './laws';
import type { Explanation } from './render';

const SYMBOL_NOTE = 'log₂ for G, log₁₀ for C in FLOPs: LAWS.md §2 Decision';

/** Â = 1/(1/(A + (1/A_start − 1/A_max)⁻¹) + 1/A_max), as hatOf computes it. */
function activationHatStep(A: Leaf | Step, c: ElCoefficients): Step {
  const aMax = coef('A_max', c.aMax);
  return step('Â', 'saturating transform of A', '1', div(1, add(div(1, add(A, div(1, sub(div(1, coef('A_start', c.aStart)), div(1, aMax))))), div(1, aMax))));
}

/** The exponent α(C) + γ·x² + β·x on Â with x = log₂ G (exponentQuadratic), and EL = Â^exponent. */
function leverageSteps(A: Leaf | Step, G: Leaf | Step, C: Leaf, c: ElCoefficients) {
  const aHat = activationHatStep(A, c);
  const alphaC = step('α(C)', 'compute-dependent exponent a + d·log₁₀ C', '1', add(coef('a', c.a), mul(coef('d', c.d), log10(C))), { inline: true });
  const x = log2(G);
  const exponent = step('q', 'exponent on Â', '1', add(alphaC, mul(coef('γ', c.gamma), pow(x, 2)), mul(coef('β', c.beta), x)), { inline: true });
  const EL = step('EL', 'efficiency leverage C_dense/C_MoE', TIMES_UNIT, pow(aHat, exponent), { signature: 'EL(A, G, C)' });
  return { aHat, EL };
}

export interface LeverageFigures {
  activation: number;
  granularity: number;
  flops: number;
  /** The expert configuration A, S and G were derived from, when the user gave one. */
  configuration?: FineGrainedConfig | null | undefined;
}

/** EL = Â^(α + γ·(log₂ G)² + β·log₂ G) with α = a + d·log₁₀ C (Eq. 13), and C_dense = EL·C. */
export function explainLeverage(x: LeverageFigures, set: CoefficientSet): Explanation {
  const c = elCoefficients(set);
  const C = input('C', x.flops, 'FLOPs', 'training compute');
  const headline: Step[] = [];
  let A: Leaf | Step;
  let G: Leaf | Step;
  const cfg = x.configuration;
  if (cfg) {
    const E = input('E', cfg.experts, 'experts', 'routed experts');
    const Ea = input('E_a', cfg.activeExperts, 'experts', 'activated routed experts');
    const Es = input('E_s', cfg.sharedExperts, 'experts', 'shared experts');
    A = step('A', 'activation ratio (E_a + E_s)/(E + E_s)', 'share', div(add(Ea, Es), add(E, Es)));
    G = step('G', 'granularity 2·d_model/d_expert', '1', div(mul(2, input('d_model', cfg.dModel, '1', 'model width')), input('d_expert', cfg.dExpert, '1', 'expert hidden width')));
    headline.push(step('S', 'shared ratio E_s/(E_a + E_s)', '1', div(Es, add(Ea, Es))));
  } else {
    A = input('A', x.activation, '1', 'activation ratio (E_a + E_s)/(E + E_s)');
    G = input('G', x.granularity, '1', 'granularity 2·d_model/d_expert');
  }
  const { EL } = leverageSteps(A, G, C, c);
  const dense = step('C_dense', 'dense compute that reaches the MoE’s loss', 'FLOPs', mul(EL, C));
  return {
    figure: 'leverage',
    title: 'Efficiency Leverage',
    headline: [EL, dense, ...headline],
    citation: set.citation,
    source: sourceOf(set, `Eq. 13 (${SYMBOL_NOTE}); EL = C_dense/C_MoE, so C_dense = EL·C`),
    coefficientSet: setOf(set),
  };
}

/**
 * The granularity with the largest EL at this A and C, as bestGranularity finds it: ln EL is
 * q(x)·ln Â with q quadratic in x = log₂ G, so its vertex x* = −β/(2γ) is the maximum when γ·ln Â < 0.
 */
export function explainBestGranularity(x: { activation: number; flops: number }, set: CoefficientSet): Explanation {
  const c = elCoefficients(set);
  const A = input('A', x.activation, '1', 'activation ratio');
  const C = input('C', x.flops, 'FLOPs', 'training compute');
  const xStar = step('x*', 'log₂ of the best granularity: the vertex −β/(2γ) of the exponent', '1', div(neg(coef('β', c.beta)), mul(2, coef('γ', c.gamma))));
  const G = step('G*', 'granularity with the largest EL', '1', pow(2, xStar));
  const { aHat, EL } = leverageSteps(A, G, C, c);
  if (!(c.gamma * Math.log(evaluate(aHat)) < 0)) {
    throw new EngineInputError('activation', `EL has no interior maximum in G at A = ${x.activation} with set "${set.id}": γ·ln Â is not negative`);
  }
  const curvature = step('γ·ln Â', 'curvature of ln EL in log₂ G (negative: the vertex is a maximum)', '1', mul(coef('γ', c.gamma), ln(aHat)));
  return {
    figure: 'leverage.bestGranularity',
    title: 'Efficiency Leverage: best granularity for this A and C',
    headline: [G, { ...EL, symbol: 'EL(G*)', signature: 'EL(A, G*, C)', meaning: 'efficiency leverage at the best granularity' }, curvature],
    citation: set.citation,
    source: sourceOf(set, `Eq. 13 (${SYMBOL_NOTE}): ln EL = (α(C) + γ·x² + β·x)·ln Â with x = log₂ G is largest at x = −β/(2γ) when γ·ln Â < 0, whatever A and C`),
    coefficientSet: setOf(set),
  };
}

const ARCHITECTURE_NAME: Record<Architecture, string> = { dense: 'Dense', moe: 'MoE' };

/**
 * One architecture's compute-optimal FLOPs per token and tokens (Table 1, C = M·D) and its optimal
 * learning rate and batch (Eq. 3, Fig. 2), each a power law k·C^b in the compute.
 */
export function explainLeverageAllocation(x: { flops: number; architecture: Architecture }, set: CoefficientSet): Explanation {
  const a = allocationCoefficients(set);
  const h = hyperCoefficients(set);
  const k = x.architecture;
  const C = input('C', x.flops, 'FLOPs', 'training compute (non-embedding)');
  const law = (symbol: string, meaning: string, unit: string, scale: Leaf, exponent: Leaf) => step(symbol, meaning, unit, mul(scale, pow(C, exponent)));
  const M = law('M_opt', 'non-embedding FLOPs per token (activated experts only for MoE)', 'FLOPs/token', coef('k_M', a[`allocation.${k}.mCoef`]), coef('b_M', a[`allocation.${k}.mExp`]));
  const D = law('D_opt', 'training tokens', 'tokens', coef('k_D', a[`allocation.${k}.dCoef`]), coef('b_D', a[`allocation.${k}.dExp`]));
  const lr = law('η_opt', 'optimal learning rate', '1', coef('k_η', h[`hyper.${k}.lrCoef`]), coef('b_η', h[`hyper.${k}.lrExp`]));
  const batch = law('B_opt', 'optimal batch', 'tokens', coef('k_B', h[`hyper.${k}.batchCoef`]), coef('b_B', h[`hyper.${k}.batchExp`]));
  return {
    figure: 'leverage.allocation',
    title: `Efficiency Leverage law: ${ARCHITECTURE_NAME[k]} compute-optimal allocation and hyper-parameters`,
    headline: [M, D, lr, batch],
    citation: set.citation,
    source: sourceOf(set, `Table 1 (${ARCHITECTURE_NAME[k]} allocation, C = M·D) and Eq. 3 with Fig. 2 (learning rate and batch in tokens)`),
    coefficientSet: setOf(set),
    ...(k === 'moe' ? { note: 'The MoE hyper-parameter laws were fitted on 64 experts with 4 active and 1 shared.' } : {}),
  };
}
