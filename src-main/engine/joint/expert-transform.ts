import { EngineInputError } from '../common/errors';
import { requirePositiveFinite } from '../accounting/validate';
import type { JointCoefficients } from './coefficients';

/**
 * Eq. 4: 1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)^(−1)) + 1/E_max. Maps E = 1 to E_start, so the
 * dense model carries the auxiliary-loss overhead the law assigns to small E, and saturates at E_max.
 */
export function transformedExperts(experts: number, k: Pick<JointCoefficients, 'eStart' | 'eMax'>): number {
  requirePositiveFinite(experts, 'experts');
  if (experts < 1) throw new EngineInputError('experts', `experts must be at least 1 (got ${experts})`);
  const offset = 1 / (1 / k.eStart - 1 / k.eMax);
  return 1 / (1 / (experts - 1 + offset) + 1 / k.eMax);
}
