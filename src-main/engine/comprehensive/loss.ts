/**
 * The five-factor loss:
 *
 *   L = (e·G + f/G + m·S² + n·S) · (1/N^α + k/N_a^α + h·N_a/N) + a/N^α + b/D^β + c/N_a^α + ε
 *
 * The first factor is the "MoE structure" penalty P(G, S); it multiplies a term that falls
 * with N and N_a but rises with the activation ratio N_a/N — the trade-off behind the
 * optimal N_a/N.
 */
import type { CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';
import type { ResultFlag } from '../common/flags';
import { flagsOutsideFittedRanges } from '../common/range-flags';
import { requireInRange, requirePositive } from '../common/require-input';
import { comprehensiveCoefficients, defaultComprehensiveSet, type ComprehensiveCoefficients } from './coefficients';
import { COMPREHENSIVE_LAW } from './description';

export interface ComprehensiveInput {
  /** N: total parameters. */
  total: number;
  /** D: training tokens. */
  tokens: number;
  /** N_a: activated parameters, 0 < N_a ≤ N. */
  active: number;
  /** G: activated experts (shared + routed). */
  activeExperts: number;
  /** S: shared / activated experts, in [0, 1]. */
  sharedRatio: number;
}

export interface ComprehensiveLossResult {
  loss: number;
  flags: ResultFlag[];
}

/** P(G, S) = e·G + f/G + m·S² + n·S. */
export function structureFactor(activeExperts: number, sharedRatio: number, c: ComprehensiveCoefficients): number {
  return c.e * activeExperts + c.f / activeExperts + c.m * sharedRatio * sharedRatio + c.n * sharedRatio;
}

export function lossUnchecked(input: ComprehensiveInput, c: ComprehensiveCoefficients): number {
  const { total: N, tokens: D, active: Na } = input;
  const P = structureFactor(input.activeExperts, input.sharedRatio, c);
  const nPow = Math.pow(N, -c.alpha);
  const naPow = Math.pow(Na, -c.alpha);
  return P * (nPow + c.k * naPow + (c.h * Na) / N) + c.a * nPow + c.b * Math.pow(D, -c.beta) + c.c * naPow + c.epsilon;
}

export function validateShape(input: { total: number; active?: number; activeExperts?: number; sharedRatio?: number }): void {
  requirePositive('total', input.total);
  if (input.active !== undefined) {
    requirePositive('active', input.active);
    if (input.active > input.total) {
      throw new EngineInputError('active', `active (${input.active}) cannot exceed total (${input.total})`);
    }
  }
  if (input.activeExperts !== undefined) requirePositive('activeExperts', input.activeExperts);
  if (input.sharedRatio !== undefined) requireInRange('sharedRatio', input.sharedRatio, 0, 1);
}

export function comprehensiveFlags(values: Partial<ComprehensiveInput>): ResultFlag[] {
  return flagsOutsideFittedRanges(COMPREHENSIVE_LAW, { ...values });
}

export function comprehensiveLoss(input: ComprehensiveInput, set: CoefficientSet = defaultComprehensiveSet()): ComprehensiveLossResult {
  requirePositive('activeExperts', input.activeExperts);
  requireInRange('sharedRatio', input.sharedRatio, 0, 1);
  requirePositive('active', input.active);
  validateShape(input);
  requirePositive('tokens', input.tokens);
  const loss = lossUnchecked(input, comprehensiveCoefficients(set));
  return { loss, flags: comprehensiveFlags(input) };
}
