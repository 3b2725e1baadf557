import { EngineInputError } from '../common/errors';
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { requirePositiveFinite } from '../accounting/validate';
import { jointCoefficients, type JointCoefficients } from './coefficients';
import { jointFlags } from './joint-flags';
import { perExpertLaw, perExpertLoss, type PerExpertLaw } from './per-expert-law';

export interface JointLossInput {
  nAct: number;
  tokens: number;
  experts: number;
  coefficients?: CoefficientSet;
}

export interface JointLossResult {
  loss: number;
  perExpert: PerExpertLaw;
  coefficientSetId: string;
  flags: ResultFlag[];
}

/** Eq. 6 on validated inputs, with the per-E reduction and extrapolation flags. */
export function jointLoss(input: JointLossInput): JointLossResult {
  const nAct = requirePositiveFinite(input.nAct, 'nAct');
  const tokens = requirePositiveFinite(input.tokens, 'tokens');
  const experts = requirePositiveFinite(input.experts, 'experts');
  if (experts < 1) throw new EngineInputError('experts', `experts must be at least 1 (got ${experts})`);
  const k = jointCoefficients(input.coefficients);
  const law = perExpertLaw(experts, k);
  return {
    loss: perExpertLoss(law, nAct, tokens),
    perExpert: law,
    coefficientSetId: k.setId,
    flags: jointFlags({ experts, nAct, tokens }),
  };
}

/** Eq. 6 without validation or allocation, for hot loops whose inputs are already known good. */
export function jointLossValue(k: JointCoefficients, nAct: number, tokens: number, experts: number): number {
  return perExpertLoss(perExpertLaw(experts, k), nAct, tokens);
}
