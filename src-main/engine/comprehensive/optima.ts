/**
 * Closed-form optima of the structure factor P(G, S) = e·G + f/G + m·S² + n·S:
 * G_opt = √(f/e) (a hook in G) and S_opt = −n/(2m) (a parabola in S). P multiplies a
 * positive term, and no other term depends on G or S, so these minimise the loss itself.
 */
import type { CoefficientSet } from '../common/coefficients';
import { comprehensiveCoefficients, defaultComprehensiveSet } from './coefficients';
import { significant as fmtSig } from '../../format';

export type OptimumResult = { feasible: true; value: number } | { feasible: false; reason: string };

export function optimalActiveExperts(set: CoefficientSet = defaultComprehensiveSet()): OptimumResult {
  const c = comprehensiveCoefficients(set);
  if (!(c.e > 0 && c.f > 0)) {
    return { feasible: false, reason: `e·G + f/G has no interior minimum unless e > 0 and f > 0 (e = ${c.e}, f = ${c.f})` };
  }
  return { feasible: true, value: Math.sqrt(c.f / c.e) };
}

export function optimalSharedRatio(set: CoefficientSet = defaultComprehensiveSet()): OptimumResult {
  const c = comprehensiveCoefficients(set);
  if (!(c.m > 0)) return { feasible: false, reason: `m·S² + n·S has no minimum unless m > 0 (m = ${c.m})` };
  const s = -c.n / (2 * c.m);
  if (s < 0 || s > 1) return { feasible: false, reason: `the parabola's vertex S = ${fmtSig(s, 4)} lies outside [0, 1]` };
  return { feasible: true, value: s };
}
