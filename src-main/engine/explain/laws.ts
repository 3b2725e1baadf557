/**
 * Explanations of the laws' figures, built from the coefficient readers the laws themselves use
 * (jointCoefficients, chinchillaCoefficients, …) and in the same arrangement of terms as the code
 * that computes each figure; tests/unit/engine/explain checks every tree against that code.
 */
import { prose } from '../../format';
import type { CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';
import { jointCoefficients, type JointCoefficients } from '../joint/coefficients';
import { JOINT_LAW_DESCRIPTION } from '../joint/description';
import { hasInteriorOptimum, perExpertLaw } from '../joint/per-expert-law';
import { chinchillaCoefficients } from '../chinchilla/coefficients';
import { comprehensiveCoefficients } from '../comprehensive/coefficients';
import { elCoefficients } from '../leverage/coefficients';
import { add, coef, div, input, ln, log10, log2, mul, neg, pow, step, sub, type Leaf, type Step } from './expr';
import type { Explanation } from './render';

const setOf = (s: CoefficientSet) => ({ id: s.id, name: s.name });
// A set's source is free text (a user fit's may say "δ = 1e-3"): its numbers are written as planner numbers.
const sourceOf = (s: CoefficientSet, equation: string) => `${equation}; coefficients: ${s.name} (${prose(s.source)})`;

/** Eq. 4 and the per-E reduction of Eq. 5, as the steps perExpertLaw takes. */
function perExpertSteps(k: JointCoefficients, experts: number) {
  const E = input('E', experts, 'experts', 'experts per MoE layer (E = 1 is dense)');
  const eStart = coef('E_start', k.eStart);
  const eMax = coef('E_max', k.eMax);
  const eHat = step('Ê', 'transformed expert count (Eq. 4)', '1', div(1, add(div(1, add(sub(E, 1), div(1, sub(div(1, eStart), div(1, eMax))))), div(1, eMax))));
  const lnE = ln(eHat);
  const m = step('m', 'parameter-term scale a·Ê^δ (Eq. 5)', '1', mul(coef('a', k.a), pow(eHat, coef('δ', k.delta))), { inline: true });
  const mu = step('μ', 'parameter-term exponent α + γ·ln Ê (Eq. 5)', '1', add(coef('α', k.alpha), mul(coef('γ', k.gamma), lnE)), { inline: true });
  const n = step('n', 'data-term scale b·Ê^ω (Eq. 5)', '1', mul(coef('b', k.b), pow(eHat, coef('ω', k.omega))), { inline: true });
  const nu = step('ν', 'data-term exponent β + ζ·ln Ê (Eq. 5)', '1', add(coef('β', k.beta), mul(coef('ζ', k.zeta), lnE)), { inline: true });
  return { eHat, m, mu, n, nu, c: coef('c', k.c) };
}

/** L = m·N_act^μ + n·D^ν + c (Eq. 6 through Eq. 5), as perExpertLoss computes it. */
export function explainJointLoss(x: { nAct: number; tokens: number; experts: number }, set: CoefficientSet): Explanation {
  const k = jointCoefficients(set);
  const p = perExpertSteps(k, x.experts);
  const N = input('N_act', x.nAct, 'parameters', 'active parameters, embeddings included');
  const D = input('D', x.tokens, 'tokens', 'training tokens');
  const L = step('L', 'predicted final training loss', 'nats/token', add(mul(p.m, pow(N, p.mu)), mul(p.n, pow(D, p.nu)), p.c), { signature: 'L(N_act, D, E)' });
  return {
    figure: 'joint.loss',
    title: 'Joint MoE law: loss',
    headline: [L],
    citation: set.citation,
    source: sourceOf(set, 'Eq. 6 with the expert transform of Eq. 4, reduced for this E to the Chinchilla form of Eq. 5'),
    coefficientSet: setOf(set),
  };
}

/** The compute-optimal N_act and D for one E (Eq. 7 with LAWS.md's sign fix), as computeOptimum computes them. */
export function explainJointOptimum(x: { flops: number; experts: number }, set: CoefficientSet): Explanation {
  const k = jointCoefficients(set);
  const p = perExpertSteps(k, x.experts);
  if (!hasInteriorOptimum(perExpertLaw(x.experts, k))) throw new EngineInputError('experts', `the joint law has no interior compute optimum at E = ${x.experts} with set "${set.id}"`);
  const F = input('F', x.flops, 'FLOPs', 'training compute budget');
  const G = step('G', 'allocation constant (μ·m/(ν·n))^(−1/(μ+ν))', '1', pow(div(mul(p.mu, p.m), mul(p.nu, p.n)), div(neg(1), add(p.mu, p.nu))));
  const nOpt = step('N_opt', 'compute-optimal active parameters', 'parameters', mul(G, pow(div(F, 6), div(p.nu, add(p.mu, p.nu)))));
  const dOpt = step('D_opt', 'compute-optimal training tokens', 'tokens', div(div(F, 6), nOpt));
  const L = step('L_opt', 'loss at the optimum', 'nats/token', add(mul(p.m, pow(nOpt, p.mu)), mul(p.n, pow(dOpt, p.nu)), p.c));
  return {
    figure: 'joint.optimum',
    title: `Joint MoE law: compute-optimal N_act and D at E = ${x.experts}`,
    headline: [nOpt, dOpt, L],
    citation: set.citation,
    source: sourceOf(set, 'Eq. 7 (with the sign of G’s exponent corrected, LAWS.md §1) on the per-E law of Eq. 5, F = 6·N_act·D'),
    coefficientSet: setOf(set),
  };
}

/** F = 6·N·D (App. A.2 of the joint law; Kaplan et al. 2020's approximation). */
export function explainTrainingFlops(x: { nAct: number; tokens: number }): Explanation {
  const F = step('F', 'training compute', 'FLOPs', mul(6, input('N_act', x.nAct, 'parameters', 'active parameters per token'), input('D', x.tokens, 'tokens', 'training tokens')));
  return {
    figure: 'training.flops',
    title: 'Training compute',
    headline: [F],
    citation: JOINT_LAW_DESCRIPTION.citation,
    source: 'App. A.2: training 6·N_act·D (forward 2, backward 4 FLOPs per active parameter and token; attention and routing costs ignored)',
  };
}

/** L = E + A/N^α + B/D^β, as chinchillaLossUnchecked computes it. */
export function explainChinchillaLoss(x: { params: number; tokens: number }, set: CoefficientSet): Explanation {
  const c = chinchillaCoefficients(set);
  const t = chinchillaTerms(c);
  const L = step('L', 'predicted final training loss', 'nats/token', t.loss(input('N', x.params, 'parameters', 'model parameters'), input('D', x.tokens, 'tokens', 'training tokens')), { signature: 'L(N, D)' });
  return { figure: 'chinchilla.loss', title: 'Chinchilla dense law: loss', headline: [L], citation: set.citation, source: sourceOf(set, 'Eq. 2 of Hoffmann et al. (Approach 3 parametric fit)'), coefficientSet: setOf(set) };
}

function chinchillaTerms(c: ReturnType<typeof chinchillaCoefficients>) {
  const A = coef('A', c.A);
  const B = coef('B', c.B);
  const alpha = coef('α', c.alpha);
  const beta = coef('β', c.beta);
  return {
    A,
    B,
    alpha,
    beta,
    loss: (N: Leaf | Step, D: Leaf | Step) => add(coef('E', c.E), div(A, pow(N, alpha)), div(B, pow(D, beta))),
  };
}

/** N_opt = G·(F/6)^(β/(α+β)), D_opt = (F/6)/N_opt, as chinchillaComputeOptimal computes them. */
export function explainChinchillaOptimum(x: { flops: number }, set: CoefficientSet): Explanation {
  const c = chinchillaCoefficients(set);
  const t = chinchillaTerms(c);
  const F = input('F', x.flops, 'FLOPs', 'training compute budget');
  const sum = add(t.alpha, t.beta);
  const G = step('G', 'allocation constant (α·A/(β·B))^(1/(α+β))', '1', pow(div(mul(t.alpha, t.A), mul(t.beta, t.B)), div(1, sum)));
  const nOpt = step('N_opt', 'compute-optimal parameters', 'parameters', mul(G, pow(div(F, 6), div(t.beta, sum))));
  const dOpt = step('D_opt', 'compute-optimal training tokens', 'tokens', div(div(F, 6), nOpt));
  const L = step('L_opt', 'loss at the optimum', 'nats/token', t.loss(nOpt, dOpt));
  return {
    figure: 'chinchilla.optimum',
    title: 'Chinchilla dense law: compute-optimal N and D',
    headline: [nOpt, dOpt, L],
    citation: set.citation,
    source: sourceOf(set, 'Eq. 4 of Hoffmann et al. (closed form of the Approach 3 fit under F = 6·N·D)'),
    coefficientSet: setOf(set),
  };
}

/** The five-factor loss, as lossUnchecked computes it. */
export function explainComprehensiveLoss(
  x: { total: number; tokens: number; active: number; activeExperts: number; sharedRatio: number },
  set: CoefficientSet,
): Explanation {
  const c = comprehensiveCoefficients(set);
  const N = input('N', x.total, 'parameters', 'total parameters');
  const D = input('D', x.tokens, 'tokens', 'training tokens');
  const Na = input('N_a', x.active, 'parameters', 'activated parameters');
  const G = input('G', x.activeExperts, '1', 'activated experts (shared + routed)');
  const S = input('S', x.sharedRatio, '1', 'shared-expert ratio');
  const alpha = coef('α', c.alpha);
  const P = step('P', 'MoE structure factor e·G + f/G + m·S² + n·S', '1', add(mul(coef('e', c.e), G), div(coef('f', c.f), G), mul(coef('m', c.m), pow(S, 2)), mul(coef('n', c.n), S)));
  const L = step(
    'L',
    'predicted final training loss',
    'nats/token',
    add(
      mul(P, add(div(1, pow(N, alpha)), div(coef('k', c.k), pow(Na, alpha)), div(mul(coef('h', c.h), Na), N))),
      div(coef('a', c.a), pow(N, alpha)),
      div(coef('b', c.b), pow(D, coef('β', c.beta))),
      div(coef('c', c.c), pow(Na, alpha)),
      coef('ε', c.epsilon),
    ),
    { signature: 'L(N, D, N_a, G, S)' },
  );
  return {
    figure: 'comprehensive.loss',
    title: 'Comprehensive MoE law: loss',
    headline: [L],
    citation: set.citation,
    source: sourceOf(set, 'the five-factor law'),
    coefficientSet: setOf(set),
    note: set.provenance === 'secondary-transcription' ? 'The coefficients were transcribed from a secondary source, not read from the paper’s table.' : undefined,
  };
}

/** EL = Â^(α + γ·(log₂ G)² + β·log₂ G) with α = a + d·log₁₀ C (Eq. 13), as leverageUnchecked computes it. */
export function explainLeverage(x: { activation: number; granularity: number; flops: number }, set: CoefficientSet): Explanation {
  const c = elCoefficients(set);
  const A = input('A', x.activation, '1', 'activation ratio (E_a + E_s)/(E + E_s)');
  const G = input('G', x.granularity, '1', 'granularity 2·d_model/d_expert');
  const C = input('C', x.flops, 'FLOPs', 'training compute');
  const aMax = coef('A_max', c.aMax);
  const aHat = step('Â', 'saturating transform of A', '1', div(1, add(div(1, add(A, div(1, sub(div(1, coef('A_start', c.aStart)), div(1, aMax))))), div(1, aMax))));
  const alphaC = step('α(C)', 'compute-dependent exponent a + d·log₁₀ C', '1', add(coef('a', c.a), mul(coef('d', c.d), log10(C))), { inline: true });
  const x2 = log2(G);
  const exponent = step('x', 'exponent on Â', '1', add(alphaC, mul(coef('γ', c.gamma), pow(x2, 2)), mul(coef('β', c.beta), x2)), { inline: true });
  const EL = step('EL', 'efficiency leverage C_dense/C_MoE', '1', pow(aHat, exponent), { signature: 'EL(A, G, C)' });
  return {
    figure: 'leverage',
    title: 'Efficiency Leverage',
    headline: [EL],
    citation: set.citation,
    source: sourceOf(set, 'Eq. 13 (log₂ for G, log₁₀ for C in FLOPs: LAWS.md §2 Decision)'),
    coefficientSet: setOf(set),
  };
}
