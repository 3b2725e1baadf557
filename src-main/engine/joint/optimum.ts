/**
 * Optima of the per-E law along a compute line. With F = 6·N·D the optimum is Chinchilla's closed
 * form; LAWS.md fixes the sign of G's exponent that the printed Eq. 7 gets wrong for negative μ, ν.
 */
import type { PerExpertLaw } from './per-expert-law';
import { perExpertLoss } from './per-expert-law';

export interface Allocation {
  nAct: number;
  tokens: number;
  loss: number;
}

/** G = (μ·m / (ν·n))^(−1/(μ+ν)); N_opt = G·(F/6)^(ν/(μ+ν)); D_opt = (F/6)/N_opt. */
export function computeOptimum(law: PerExpertLaw, flops: number): Allocation {
  const { m, mu, n, nu } = law;
  const g = Math.pow((mu * m) / (nu * n), -1 / (mu + nu));
  const nAct = g * Math.pow(flops / 6, nu / (mu + nu));
  const tokens = flops / 6 / nAct;
  return { nAct, tokens, loss: perExpertLoss(law, nAct, tokens) };
}

/**
 * At the optimum both reducible terms scale as (F/6)^s with s = μν/(μ+ν), so the best loss is
 * c + K·(F/6)^s; this is what lets the FLOPs that reach a given loss be read off in closed form.
 */
export function optimalLossCurve(law: PerExpertLaw): { K: number; s: number } {
  const { m, mu, n, nu } = law;
  const g = Math.pow((mu * m) / (nu * n), -1 / (mu + nu));
  return { K: m * Math.pow(g, mu) + n * Math.pow(g, -nu), s: (mu * nu) / (mu + nu) };
}

/** Training FLOPs at which the compute-optimal model of this E reaches `loss`; null when the law never gets there. */
export function flopsToReachLoss(law: PerExpertLaw, loss: number): number | null {
  if (!(loss > law.c)) return null;
  const { K, s } = optimalLossCurve(law);
  return 6 * Math.pow((loss - law.c) / K, 1 / s);
}

/** Tokens left for training at N_act when D_inf inference tokens share the budget. */
export function trainingTokensOnLine(flops: number, inferenceTokens: number, nAct: number): number {
  return (flops - 2 * nAct * inferenceTokens) / (6 * nAct);
}

/**
 * Minimum of L(N, F/(6N) − D_inf/3). The ratio of the two gradient terms, ∝ D^(ν−1)·N^(−μ−1)·…,
 * rises strictly with N (see joint tests for the unimodality check), so the stationary point is
 * unique and bisection on ln N finds it. It lies below both the training-only optimum and F/(2·D_inf).
 */
export function inferenceOptimum(law: PerExpertLaw, flops: number, inferenceTokens: number): Allocation {
  if (inferenceTokens === 0) return computeOptimum(law, flops);
  const { m, mu, n, nu } = law;
  const logRatio = Math.log((n * nu) / (m * mu));
  const logF6 = Math.log(flops / 6);
  const slope = (x: number) => {
    const d = trainingTokensOnLine(flops, inferenceTokens, Math.exp(x));
    return logRatio + (nu - 1) * Math.log(d) + logF6 - (mu + 1) * x;
  };
  let hi = Math.min(Math.log(computeOptimum(law, flops).nAct), Math.log(flops / (2 * inferenceTokens)) - 1e-12);
  let lo = hi - 1;
  while (slope(lo) > 0) lo -= 2 * (hi - lo);
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = 0.5 * (lo + hi);
    if (slope(mid) > 0) hi = mid;
    else lo = mid;
  }
  const nAct = Math.exp(0.5 * (lo + hi));
  const tokens = trainingTokensOnLine(flops, inferenceTokens, nAct);
  return { nAct, tokens, loss: perExpertLoss(law, nAct, tokens) };
}
