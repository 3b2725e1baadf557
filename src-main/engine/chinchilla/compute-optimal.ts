/**
 * Compute-optimal N and D under F = 6·N·D. Setting dL/dN = 0 along the iso-FLOP line gives
 * α·A/N^α = β·B/D^β, whence
 *
 *   N_opt = G·(F/6)^(β/(α+β)),  D_opt = (F/6)/N_opt,  G = (α·A/(β·B))^(1/(α+β)).
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { requireList, requirePositive } from '../common/require-input';
import { chinchillaCoefficients, chinchillaSet } from './coefficients';
import { chinchillaFlags, chinchillaLossUnchecked } from './loss';

export interface ChinchillaPlan {
  flops: number;
  params: number;
  tokens: number;
  tokensPerParam: number;
  loss: number;
  /** Id of the coefficient set used, so every number can be cited. */
  coefficients: string;
  flags: ResultFlag[];
}

export function chinchillaComputeOptimal(flops: number, set: CoefficientSet = chinchillaSet()): ChinchillaPlan {
  requirePositive('flops', flops);
  const c = chinchillaCoefficients(set);
  const sum = c.alpha + c.beta;
  const G = Math.pow((c.alpha * c.A) / (c.beta * c.B), 1 / sum);
  const params = G * Math.pow(flops / 6, c.beta / sum);
  const tokens = flops / 6 / params;
  return {
    flops,
    params,
    tokens,
    tokensPerParam: tokens / params,
    loss: chinchillaLossUnchecked(params, tokens, c),
    coefficients: set.id,
    flags: chinchillaFlags({ params, tokens }),
  };
}

/** The compute-optimal frontier at several budgets, for charts. */
export function chinchillaFrontier(flops: readonly number[], set: CoefficientSet = chinchillaSet()): ChinchillaPlan[] {
  return requireList('flops', flops, requirePositive).map((f) => chinchillaComputeOptimal(f, set));
}
