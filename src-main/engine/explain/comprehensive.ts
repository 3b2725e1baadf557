/**
 * The comprehensive five-factor law's optima for a total size (LAWS.md §3), as
 * engine/comprehensive computes them: G_opt = √(f/e) and S_opt = −n/(2m) (optima.ts), the
 * structure factor P at them (structureFactor), and the activation ratios where the loss saved
 * by one more percentage point of N_a/N, g(r) = 0.01·(α·(P·k + c)·N^(−α)·r^(−α−1) − P·h)
 * (marginalLossPerPoint), falls to 0 (theoretical) or to τ (efficiency-aware). The engine finds
 * those ratios by bisection on g; g is one power of r less a constant, so g(r) = τ solves to
 * the closed form written here, and the row g(r_τ) shows it lands on τ.
 */
import type { CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';
import { comprehensiveCoefficients } from '../comprehensive/coefficients';
import { COMPREHENSIVE_LAW } from '../comprehensive/description';
import { add, coef, div, evaluate, input, lit, min, mul, neg, pow, sqrt, step, sub, type Expr, type Step } from './expr';
import type { Explanation } from './render';
import { count, prose } from '../../format';

export function explainComprehensiveOptimum(x: { total: number; threshold: number }, set: CoefficientSet): Explanation {
  const k = comprehensiveCoefficients(set);
  if (!(k.e > 0 && k.f > 0)) throw new EngineInputError('coefficientSetId', `e·G + f/G has no interior minimum unless e > 0 and f > 0 (set "${set.id}")`);
  if (!(k.m > 0)) throw new EngineInputError('coefficientSetId', `m·S² + n·S has no minimum unless m > 0 (set "${set.id}")`);
  const e = coef('e', k.e);
  const f = coef('f', k.f);
  const m = coef('m', k.m);
  const n = coef('n', k.n);
  const alpha = coef('α', k.alpha);
  const N = input('N', x.total, 'parameters', 'total parameters');
  const tau = input('τ', x.threshold, 'nats/token per point', 'efficiency threshold: loss one more percentage point of N_a/N must save');
  const G = step('G_opt', 'optimal activated experts (shared + routed): the minimum of e·G + f/G', '1', sqrt(div(f, e)));
  const S = step('S_opt', 'optimal shared-expert ratio: the vertex of m·S² + n·S', '1', div(neg(n), mul(2, m)));
  const P = step('P', 'structure factor e·G + f/G + m·S² + n·S at G_opt, S_opt', '1', add(mul(e, G), div(f, G), mul(m, pow(S, 2)), mul(n, S)));
  // α·(P·k + c)·N^(−α): the part of g(r) that falls with r, at r = 1.
  const A = step('κ', 'α·(P·k + c)·N^(−α): the falling part of g(r), at r = 1', '1', mul(alpha, add(mul(P, coef('k', k.k)), coef('c', k.c)), pow(N, neg(alpha))), { inline: true });
  const Ph = mul(P, coef('h', k.h));
  if (!(evaluate(A) > 0)) throw new EngineInputError('coefficientSetId', `with set "${set.id}" more activated parameters never lower the loss (α·(P·k + c) ≤ 0), so no activation ratio is optimal`);
  // g(r) > τ for every r when P·h + 100·τ ≤ 0: the engine's bisection then stops at r = 1.
  const ratio = (symbol: string, meaning: string, denominator: Expr): Step =>
    step(symbol, meaning, 'share', evaluate(denominator) > 0 ? min(1, pow(div(A, denominator), div(1, add(alpha, 1)))) : lit(1));
  const r0 = ratio('r_opt', 'theoretical activation ratio N_a/N: g(r) = 0, i.e. ∂L/∂N_a = 0 (capped at 1)', Ph);
  const rTau = ratio('r_τ', 'efficiency-aware activation ratio: g(r) = τ (capped at 1)', add(Ph, mul(100, tau)));
  const headline: Step[] = [
    G,
    S,
    r0,
    step('N_a', 'active parameters at r_opt', 'parameters', mul(r0, N)),
    rTau,
    step('N_a,τ', 'active parameters at r_τ', 'parameters', mul(rTau, N)),
    step('g(r_τ)', 'loss one more percentage point saves at r_τ (τ unless capped at 1)', 'nats/token per point', mul(0.01, sub(mul(A, pow(rTau, sub(neg(alpha), 1))), Ph))),
  ];
  const capped = evaluate(rTau) === 1;
  return {
    figure: 'comprehensive.optimum',
    title: `Comprehensive MoE law: optimal G, S and N_a/N for N = ${count(x.total)}`,
    headline,
    citation: set.citation,
    source: `${COMPREHENSIVE_LAW.name}: G_opt and S_opt minimise the structure factor; the activation ratios solve g(r) = 0 and g(r) = τ with g(r) = 0.01·(α·(P·k + c)·N^(−α)·r^(−α−1) − P·h), the loss saved per percentage point (LAWS.md §3 Decision); coefficients: ${set.name} (${prose(set.source)})`,
    coefficientSet: { id: set.id, name: set.name },
    note: [
      'The engine finds both ratios by bisection on g; solved for r, g(r) = τ is the closed form shown.',
      capped ? 'At this size one more percentage point still saves more than τ at N_a = N, so the ratio is capped at 1: sparsity does not pay.' : null,
      set.provenance === 'secondary-transcription' ? 'The coefficients were transcribed from a secondary source, not read from the paper’s table.' : null,
    ]
      .filter(Boolean)
      .join(' '),
  };
}
