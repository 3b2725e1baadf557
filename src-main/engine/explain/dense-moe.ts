/**
 * The joint law's dense-versus-MoE savings (Fig. 2b), as compareDenseMoe computes them: the
 * compute-optimal dense model (E = 1) at the budget F sets the loss L_dense; each E's
 * compute-optimal loss is c + K·(F/6)^s along its optimum (optimalLossCurve), so the FLOPs at
 * which it reaches L_dense are 6·((L_dense − c)/K)^(1/s) (flopsToReachLoss), the savings
 * 1 − F_match/F, and the matched design is that E's optimum at F_match (computeOptimum).
 */
import type { CoefficientSet } from '../common/coefficients';
import { jointCoefficients } from '../joint/coefficients';
import { hasInteriorOptimum, perExpertLaw } from '../joint/per-expert-law';
import { add, div, evaluate, input, mul, pow, step, sub, term, type Leaf, type Step } from './expr';
import { explainJointOptimum, flopsToReachStep, optimalLossCurveSteps, perExpertSteps, setOf, sourceOf } from './laws';
import type { Explanation } from './render';
import { count as fmtCount } from '../../format';

/** The dense optimum first, then one explanation per E > 1 that reaches the dense loss. */
export function explainDenseMoeSavings(x: { flops: number; experts: readonly number[] }, set: CoefficientSet): Explanation[] {
  const k = jointCoefficients(set);
  const dense = explainJointOptimum({ flops: x.flops, experts: 1 }, set);
  const denseLoss = dense.headline.find((s) => s.symbol === 'L_opt')!;
  const out: Explanation[] = [{ ...dense, figure: 'denseMoe.dense', title: 'Joint MoE law: the compute-optimal dense model (E = 1) at this budget' }];
  for (const e of x.experts) {
    if (e === 1 || !hasInteriorOptimum(perExpertLaw(e, k))) continue;
    const LDense = term('L_dense', evaluate(denseLoss), 'nats/token', 'loss of the compute-optimal dense model at F (above)');
    if (!(evaluate(LDense) > k.c)) continue;
    out.push(explainMatch(x.flops, e, LDense, set));
  }
  return out;
}

function explainMatch(flops: number, experts: number, LDense: Leaf, set: CoefficientSet): Explanation {
  const p = perExpertSteps(jointCoefficients(set), experts);
  const F = input('F', flops, 'FLOPs', 'the dense model’s training budget');
  const sum = add(p.mu, p.nu);
  const curve = optimalLossCurveSteps(p);
  const G = curve.G;
  const fMatch = flopsToReachStep(p, curve, LDense, 'F_match', `FLOPs at which E = ${experts}’s compute-optimal model reaches L_dense`);
  const savings = step('savings', 'share of the dense budget the MoE does not need', 'share', sub(1, div(fMatch, F)));
  const nAct = step('N_act', 'its active parameters at F_match', 'parameters', mul(G, pow(div(fMatch, 6), div(p.nu, sum))));
  const tokens = step('D', 'its training tokens at F_match', 'tokens', div(div(fMatch, 6), nAct));
  return {
    figure: 'denseMoe.savings',
    title: `Joint MoE law: FLOPs for E = ${experts} to match the dense loss, and the savings`,
    headline: [fMatch, savings, nAct, tokens],
    citation: set.citation,
    source: sourceOf(set, 'Fig. 2b’s comparison: along each E’s compute optimum (Eq. 7, sign fixed, on the per-E law of Eq. 5) the loss is c + K·(F/6)^s, solved for the F that reaches L_dense'),
    coefficientSet: setOf(set),
  };
}

/**
 * A design's savings against dense, as the report's denseSavingsFor computes them: the FLOPs at
 * which the compute-optimal dense model (E = 1, same coefficients) reaches the design's loss, and
 * the share of them the design does without.
 */
export function explainSavingsAgainstDense(x: { trainingFlops: number; loss: number }, set: CoefficientSet): Explanation {
  const p = perExpertSteps(jointCoefficients(set), 1);
  const L = input('L', x.loss, 'nats/token', 'the design’s predicted loss');
  const F = input('F', x.trainingFlops, 'FLOPs', 'the design’s training FLOPs');
  const fDense = flopsToReachStep(p, optimalLossCurveSteps(p, 'dense '), L, 'F_dense', 'FLOPs the compute-optimal dense model needs to reach L');
  const savings = step('savings', 'share of the dense FLOPs the design does without (negative: it needs more)', 'share', sub(1, div(F, fDense)));
  return {
    figure: 'denseMoe.designSavings',
    title: 'Joint MoE law: savings against a compute-optimal dense model',
    headline: [fDense, savings],
    citation: set.citation,
    source: sourceOf(set, 'the per-E law of Eq. 5 at E = 1 (dense); along its compute optimum (Eq. 7, sign fixed) the loss is c + K·(F/6)^s, solved for the F that reaches the design’s loss'),
    coefficientSet: setOf(set),
  };
}

export interface RuleOfThumbFigures {
  totalParams: number;
  /** The dense model's tokens when the user gave them (else its compute-optimal count). */
  denseTokens?: number | undefined;
  /** Each MoE's active parameters at the shared total size, from the exact shape for that total (App. A). */
  perExpert: ReadonlyArray<{ experts: number; nAct: number }>;
}

/**
 * The rule of thumb at a fixed total size (Sec. 4.5), as ruleOfThumb computes it: the dense model
 * of N parameters on its compute-optimal tokens (N_opt(F) inverted) or the given ones, its loss; each
 * MoE with the same N_total trained on E times the tokens, its loss, FLOPs and FLOPs per token
 * saved, and its loss on the dense model's FLOPs.
 */
export function explainRuleOfThumb(x: RuleOfThumbFigures, set: CoefficientSet): Explanation[] {
  const k = jointCoefficients(set);
  const d = perExpertSteps(k, 1);
  const N = input('N', x.totalParams, 'parameters', 'total parameters of every model (the dense model’s are all active)');
  const sum = add(d.mu, d.nu);
  const denseHeadline: Step[] = [];
  let D: Step;
  if (x.denseTokens === undefined) {
    const { G } = optimalLossCurveSteps(d, 'dense ');
    // N = G·(F/6)^(ν/(μ+ν)) solved for F/6, then D = (F/6)/N.
    D = step('D_dense', 'tokens at which N is the compute-optimal dense size: N_opt(F) = G·(F/6)^(ν/(μ+ν)) solved for F', 'tokens', div(pow(div(N, G), div(sum, d.nu)), N));
  } else {
    D = step('D_dense', 'the dense model’s training tokens (given)', 'tokens', input('D', x.denseTokens, 'tokens', 'dense training tokens'));
  }
  const LDense = step('L_dense', 'loss of the dense model', 'nats/token', add(mul(d.m, pow(N, d.mu)), mul(d.n, pow(D, d.nu)), d.c));
  const FDense = step('F_dense', 'its training FLOPs', 'FLOPs', mul(6, N, D));
  denseHeadline.push(D, LDense, FDense);
  const out: Explanation[] = [
    {
      figure: 'ruleOfThumb.dense',
      title: `Joint MoE law: the dense model of ${fmtCount(x.totalParams)} parameters`,
      headline: denseHeadline,
      citation: set.citation,
      source: sourceOf(set, 'Sec. 4.5 (rule of thumb) on the per-E law of Eq. 5 at E = 1, F = 6·N·D'),
      coefficientSet: setOf(set),
    },
  ];
  for (const e of x.perExpert) {
    const p = perExpertSteps(k, e.experts);
    const nAct = term('N_act', e.nAct, 'parameters', `active parameters of the E = ${e.experts} model with N_total = N (App. A shape solved for d_model)`);
    const dDense = term('D_dense', evaluate(D), 'tokens', 'the dense model’s tokens (above)');
    const E = input('E', e.experts, 'experts', 'experts per MoE layer');
    const tokens = step('D_E', 'E times the dense model’s tokens', 'tokens', mul(E, dDense));
    const loss = step('L_E', 'its loss', 'nats/token', add(mul(p.m, pow(nAct, p.mu)), mul(p.n, pow(tokens, p.nu)), p.c));
    const flops = step('F_E', 'its training FLOPs', 'FLOPs', mul(6, nAct, tokens));
    const saved = step('saved', 'FLOPs per token saved against dense, 1 − N_act/N_total', 'share', sub(1, div(nAct, input('N', x.totalParams, 'parameters', 'total parameters'))));
    const fDense = term('F_dense', evaluate(FDense), 'FLOPs', 'the dense model’s training FLOPs (above)');
    const matchedTokens = step('D_F', 'tokens on the dense model’s FLOPs F_dense/(6·N_act)', 'tokens', div(fDense, mul(6, nAct)), { inline: true });
    const matched = step('L_F', 'its loss on the dense model’s FLOPs', 'nats/token', add(mul(p.m, pow(nAct, p.mu)), mul(p.n, pow(matchedTokens, p.nu)), p.c));
    out.push({
      figure: 'ruleOfThumb.moe',
      title: `Joint MoE law: E = ${e.experts} at the same total size`,
      headline: [tokens, loss, flops, saved, matched],
      citation: set.citation,
      source: sourceOf(set, 'Sec. 4.5: at a fixed total parameter count an MoE with E ≤ 8 trained on E times the tokens beats the dense model; per-E law of Eq. 5'),
      coefficientSet: setOf(set),
    });
  }
  return out;
}
