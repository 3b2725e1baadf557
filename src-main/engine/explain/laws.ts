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
import { add, coef, div, exp, input, ln, mul, neg, pow, step, sub, type Leaf, type Step } from './expr';
import type { LearningRateBasis } from '../joint/learning-rate';
import type { Explanation } from './render';

export const setOf = (s: CoefficientSet) => ({ id: s.id, name: s.name });
// A set's source is free text (a user fit's may say "δ = 1e-3"): its numbers are written as planner numbers.
export const sourceOf = (s: CoefficientSet, equation: string) => `${equation}; coefficients: ${s.name} (${prose(s.source)})`;

/** Eq. 4 and the per-E reduction of Eq. 5, as the steps perExpertLaw takes. */
export function perExpertSteps(k: JointCoefficients, experts: number) {
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

/** Eq. 7's allocation constant G (sign fixed) of one E's per-E law; `of` names the model ("dense "). */
function allocationConstantStep(p: ReturnType<typeof perExpertSteps>, of = ''): Step {
  return step('G', `${of}allocation constant (μ·m/(ν·n))^(−1/(μ+ν))`, '1', pow(div(mul(p.mu, p.m), mul(p.nu, p.n)), div(neg(1), add(p.mu, p.nu))));
}

/**
 * Along one E's compute optimum the loss is c + K·(F/6)^s (optimalLossCurve): G, K = m·G^μ +
 * n·G^(−ν) and s = μ·ν/(μ+ν), as the dense-vs-MoE comparisons invert it; `of` names the model ("dense ").
 */
export function optimalLossCurveSteps(p: ReturnType<typeof perExpertSteps>, of = '') {
  const G = allocationConstantStep(p, of);
  const K = step('K', `scale of the ${of}optimal loss curve m·G^μ + n·G^(−ν)`, '1', add(mul(p.m, pow(G, p.mu)), mul(p.n, pow(G, neg(p.nu)))));
  const s = step('s', `exponent of the ${of}optimal loss curve μ·ν/(μ+ν)`, '1', div(mul(p.mu, p.nu), add(p.mu, p.nu)));
  return { G, K, s };
}

/** The FLOPs at which that curve reaches the loss L: 6·((L − c)/K)^(1/s) (flopsToReachLoss). */
export function flopsToReachStep(p: ReturnType<typeof perExpertSteps>, curve: ReturnType<typeof optimalLossCurveSteps>, L: Leaf | Step, symbol: string, meaning: string): Step {
  return step(symbol, meaning, 'FLOPs', mul(6, pow(div(sub(L, p.c), curve.K), div(1, curve.s))));
}

/** Eq. 7's steps (sign fixed) on one E's per-E law, as computeOptimum computes them. */
export function jointOptimumSteps(p: ReturnType<typeof perExpertSteps>, F: Leaf) {
  const G = allocationConstantStep(p);
  const nOpt = step('N_opt', 'compute-optimal active parameters', 'parameters', mul(G, pow(div(F, 6), div(p.nu, add(p.mu, p.nu)))));
  const dOpt = step('D_opt', 'compute-optimal training tokens', 'tokens', div(div(F, 6), nOpt));
  const L = step('L_opt', 'loss at the optimum', 'nats/token', add(mul(p.m, pow(nOpt, p.mu)), mul(p.n, pow(dOpt, p.nu)), p.c));
  return { G, nOpt, dOpt, L };
}

/** The compute-optimal N_act and D for one E (Eq. 7 with LAWS.md's sign fix), as computeOptimum computes them. */
export function explainJointOptimum(x: { flops: number; experts: number }, set: CoefficientSet): Explanation {
  const k = jointCoefficients(set);
  const p = perExpertSteps(k, x.experts);
  if (!hasInteriorOptimum(perExpertLaw(x.experts, k))) throw new EngineInputError('experts', `the joint law has no interior compute optimum at E = ${x.experts} with set "${set.id}"`);
  const { nOpt, dOpt, L } = jointOptimumSteps(p, input('F', x.flops, 'FLOPs', 'training compute budget'));
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

/** Eq. 8's step for any N and E, as peakLearningRate computes it. */
export function learningRateStep(N: Leaf | Step, E: Leaf | Step, signature?: string): Step {
  return step('LR', 'peak learning rate', '1', exp(sub(sub(8.39, mul(0.81, ln(N))), mul(0.25, ln(E)))), signature ? { signature } : {});
}

/** Eq. 8: LR = exp(8.39 − 0.81·ln N − 0.25·ln E), as peakLearningRate computes it. */
export function explainLearningRate(x: { parameterCount: number; experts: number; basis: LearningRateBasis }): Explanation {
  const withEmbeddings = x.basis === 'active-with-embedding';
  const N = input('N', x.parameterCount, 'parameters', withEmbeddings ? 'active parameters, embeddings included' : 'active non-embedding parameters');
  const lr = learningRateStep(N, input('E', x.experts, 'experts', 'experts per MoE layer'), 'LR(N, E)');
  return {
    figure: 'joint.learningRate',
    title: 'Joint MoE law: peak learning rate (Eq. 8)',
    headline: [lr],
    citation: JOINT_LAW_DESCRIPTION.citation,
    source: 'Eq. 8, fitted under the training recipe of §3 (constant LR after warm-up, linear decay over the final 20% of tokens)',
    note: withEmbeddings
      ? 'N counts active parameters with embeddings, as the authors’ public training code feeds them (the paper says non-embedding; LAWS.md §1 Decision).'
      : 'N counts active non-embedding parameters, as the paper states (its public training code feeds them with embeddings; LAWS.md §1 Decision).',
  };
}
