/**
 * The granularity that maximises EL for a given A and C. ln EL = q(x)·ln Â with
 * q(x) = γx² + βx + α(C) and x = log₂ G, so the optimum is the vertex x* = −β/(2γ)
 * whenever that vertex is a maximum of q(x)·ln Â, i.e. when γ·ln Â < 0. With the
 * published set (γ > 0) that means Â < 1, and x* does not depend on A or C at all —
 * which is the paper's "optimum around 8–12, consistent across budgets".
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { requireInRange, requirePositive } from '../common/require-input';
import { defaultLeverageSet, elCoefficients } from './coefficients';
import { leverageFlags, leverageUnchecked } from './efficiency-leverage';
import { significant as fmtSig } from '../../format';

export type BestGranularityResult =
  | { feasible: true; granularity: number; log2Granularity: number; el: number; activationHat: number; flags: ResultFlag[] }
  | { feasible: false; reason: string };

export function bestGranularity(
  input: { activation: number; flops: number },
  set: CoefficientSet = defaultLeverageSet(),
): BestGranularityResult {
  const activation = requireInRange('activation', input.activation, Number.MIN_VALUE, 1);
  const flops = requirePositive('flops', input.flops);
  const c = elCoefficients(set);
  const probe = leverageUnchecked({ activation, granularity: 1, flops }, c);
  const curvature = c.gamma * Math.log(probe.activationHat);
  if (!(curvature < 0)) {
    return {
      feasible: false,
      reason:
        `EL has no interior maximum in G at A = ${activation}: the transformed activation Â = ${fmtSig(probe.activationHat, 4)} ` +
        `and γ = ${c.gamma} make ln EL ${curvature === 0 ? 'flat' : 'convex'} in log₂ G, so the law would push G to an extreme.`,
    };
  }
  const x = -c.beta / (2 * c.gamma);
  const granularity = Math.pow(2, x);
  const r = leverageUnchecked({ activation, granularity, flops }, c);
  return {
    feasible: true,
    granularity,
    log2Granularity: x,
    el: r.el,
    activationHat: r.activationHat,
    flags: leverageFlags({ activation, granularity, flops, el: r.el }),
  };
}
