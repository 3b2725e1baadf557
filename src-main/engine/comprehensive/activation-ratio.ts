/**
 * The activation ratio r = N_a/N for a given total size N.
 *
 * From the loss, ∂L/∂N_a = −α·(P·k + c)·N_a^(−α−1) + P·h/N, so the loss saved by one more
 * percentage point of r is
 *
 *   g(r) = 0.01·N·(−∂L/∂N_a) = 0.01·[α·(P·k + c)·N^(−α)·r^(−α−1) − P·h],
 *
 * which falls monotonically in r when α·(P·k + c) > 0. The theoretical optimum is g(r) = 0;
 * the efficiency-aware ratio (LAWS.md §3, Decision) is the smallest r with g(r) ≤ τ — the
 * point where one more percentage point of activation stops paying τ in loss. Both are found
 * by bisection on g, so the same code serves user-fitted sets where no closed form is safe.
 * Neither depends on D.
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { requireNonNegative, requirePositive } from '../common/require-input';
import { comprehensiveCoefficients, defaultComprehensiveSet, type ComprehensiveCoefficients } from './coefficients';
import { comprehensiveFlags, structureFactor, validateShape } from './loss';
import { optimalActiveExperts, optimalSharedRatio } from './optima';

/** τ that reproduces the paper's efficiency-aware endpoints (≈9% at 30B, ≈5% at 671B). */
export const DEFAULT_EFFICIENCY_THRESHOLD = 0.004;

export interface ActiveRatioInput {
  total: number;
  /** G; defaults to G_opt. */
  activeExperts?: number;
  /** S; defaults to S_opt. */
  sharedRatio?: number;
}

export type ActiveRatioResult =
  | {
      feasible: true;
      /** N_a/N. */
      activeRatio: number;
      active: number;
      /** True when the ratio hit N_a = N: the law wants no sparsity at all here. */
      atDenseBound: boolean;
      activeExperts: number;
      sharedRatio: number;
      flags: ResultFlag[];
    }
  | { feasible: false; reason: string };

/** Loss saved by one more percentage point of N_a/N at ratio r (nats/token per point). */
export function marginalLossPerPoint(
  total: number,
  activeRatio: number,
  activeExperts: number,
  sharedRatio: number,
  c: ComprehensiveCoefficients,
): number {
  const P = structureFactor(activeExperts, sharedRatio, c);
  return 0.01 * (c.alpha * (P * c.k + c.c) * Math.pow(total, -c.alpha) * Math.pow(activeRatio, -c.alpha - 1) - P * c.h);
}

function resolveStructure(input: ActiveRatioInput, set: CoefficientSet): { activeExperts: number; sharedRatio: number } | string {
  let activeExperts = input.activeExperts;
  if (activeExperts === undefined) {
    const g = optimalActiveExperts(set);
    if (!g.feasible) return g.reason;
    activeExperts = g.value;
  }
  let sharedRatio = input.sharedRatio;
  if (sharedRatio === undefined) {
    const s = optimalSharedRatio(set);
    if (!s.feasible) return s.reason;
    sharedRatio = s.value;
  }
  return { activeExperts, sharedRatio };
}

/** Smallest r in (0, 1] with marginalLossPerPoint(r) ≤ threshold. */
function solveRatio(input: ActiveRatioInput, threshold: number, set: CoefficientSet): ActiveRatioResult {
  validateShape(input);
  const c = comprehensiveCoefficients(set);
  const structure = resolveStructure(input, set);
  if (typeof structure === 'string') return { feasible: false, reason: structure };
  const { activeExperts, sharedRatio } = structure;
  const P = structureFactor(activeExperts, sharedRatio, c);
  if (!(c.alpha * (P * c.k + c.c) > 0)) {
    return {
      feasible: false,
      reason: 'With these coefficients more activated parameters never lower the loss (α·(P·k + c) ≤ 0), so no activation ratio is optimal.',
    };
  }
  const g = (r: number) => marginalLossPerPoint(input.total, r, activeExperts, sharedRatio, c) - threshold;
  let ratio: number;
  let atDenseBound = false;
  if (g(1) > 0) {
    ratio = 1;
    atDenseBound = true;
  } else {
    // g → +∞ as r → 0 and falls monotonically: bisect in log r.
    let lo = Math.log(1e-12);
    let hi = 0;
    if (g(Math.exp(lo)) <= 0) {
      return { feasible: false, reason: 'The optimal activation ratio is below 1e-12: the coefficients are outside any sensible range.' };
    }
    for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
      const mid = (lo + hi) / 2;
      if (g(Math.exp(mid)) > 0) lo = mid;
      else hi = mid;
    }
    ratio = Math.exp(hi);
  }
  const active = ratio * input.total;
  const flags = comprehensiveFlags({ total: input.total, active, activeExperts, sharedRatio });
  if (atDenseBound) {
    flags.push({
      code: 'comprehensive-ratio-at-dense-bound',
      severity: 'info',
      message: 'The law asks for every parameter to be active (N_a = N): at this size and threshold sparsity does not pay.',
      variable: 'activeRatio',
      value: 1,
    });
  }
  return { feasible: true, activeRatio: ratio, active, atDenseBound, activeExperts, sharedRatio, flags };
}

/** The theoretical optimum of N_a/N for a total N: ∂L/∂N_a = 0 (≈40% at 30B, ≈22% at 671B). */
export function optimalActiveRatio(input: ActiveRatioInput, set: CoefficientSet = defaultComprehensiveSet()): ActiveRatioResult {
  return solveRatio(input, 0, set);
}

/**
 * The efficiency-aware N_a/N: the smallest ratio at which one more percentage point saves
 * less than `threshold` in loss (default τ = 0.004, ≈9% at 30B and ≈5% at 671B).
 */
export function efficientActiveRatio(
  input: ActiveRatioInput & { threshold?: number },
  set: CoefficientSet = defaultComprehensiveSet(),
): ActiveRatioResult & { threshold: number } {
  const threshold = requireNonNegative('threshold', input.threshold ?? DEFAULT_EFFICIENCY_THRESHOLD);
  const r = solveRatio(input, threshold, set);
  return { ...r, threshold };
}

export interface ComprehensiveOptimumResult {
  feasible: true;
  total: number;
  activeExperts: number;
  sharedRatio: number;
  activeRatio: number;
  activeRatioEfficient: number;
  threshold: number;
  flags: ResultFlag[];
}

/** Everything the law recommends for a total size N: G_opt, S_opt, and both activation ratios. */
export function comprehensiveOptimum(
  input: { total: number; threshold?: number },
  set: CoefficientSet = defaultComprehensiveSet(),
): ComprehensiveOptimumResult | { feasible: false; reason: string } {
  requirePositive('total', input.total);
  const threshold = requireNonNegative('threshold', input.threshold ?? DEFAULT_EFFICIENCY_THRESHOLD);
  const theoretical = optimalActiveRatio({ total: input.total }, set);
  if (!theoretical.feasible) return theoretical;
  const efficient = solveRatio({ total: input.total }, threshold, set);
  if (!efficient.feasible) return efficient;
  const codes = new Set<string>();
  const flags = [...theoretical.flags, ...efficient.flags].filter((f) => {
    const key = `${f.code}:${f.value}`;
    if (codes.has(key)) return false;
    codes.add(key);
    return true;
  });
  return {
    feasible: true,
    total: input.total,
    activeExperts: theoretical.activeExperts,
    sharedRatio: theoretical.sharedRatio,
    activeRatio: theoretical.activeRatio,
    activeRatioEfficient: efficient.activeRatio,
    threshold,
    flags,
  };
}
