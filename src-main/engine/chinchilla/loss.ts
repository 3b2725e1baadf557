/** L(N, D) = E + A/N^α + B/D^β with training compute F = 6·N·D. */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { flagsOutsideFittedRanges } from '../common/range-flags';
import { requirePositive } from '../common/require-input';
import { chinchillaCoefficients, chinchillaSet, type ChinchillaCoefficients } from './coefficients';
import { CHINCHILLA_LAW } from './description';

export interface ChinchillaLossResult {
  loss: number;
  flops: number;
  flags: ResultFlag[];
}

export function chinchillaLossUnchecked(params: number, tokens: number, c: ChinchillaCoefficients): number {
  return c.E + c.A / Math.pow(params, c.alpha) + c.B / Math.pow(tokens, c.beta);
}

export function chinchillaFlags(values: { params?: number; tokens?: number }): ResultFlag[] {
  return flagsOutsideFittedRanges(CHINCHILLA_LAW, values);
}

export function chinchillaLoss(input: { params: number; tokens: number }, set: CoefficientSet = chinchillaSet()): ChinchillaLossResult {
  const params = requirePositive('params', input.params);
  const tokens = requirePositive('tokens', input.tokens);
  const loss = chinchillaLossUnchecked(params, tokens, chinchillaCoefficients(set));
  return { loss, flops: 6 * params * tokens, flags: chinchillaFlags({ params, tokens }) };
}
