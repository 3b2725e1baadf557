import { EngineInputError } from '../common/errors';
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { requirePositiveFinite } from '../accounting/validate';
import { countParameters } from '../accounting/parameter-counts';
import { exactShapeForActive } from '../accounting/shape-solver';
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
  /** Total parameters of the paper-rule shape with this N_act and E (Eq. 9), which the law's runs bound too. */
  nTotal: number;
  /** 6·N_act·D. */
  trainingFlops: number;
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
  const nTotal = countParameters(exactShapeForActive(nAct, experts)).nTotal;
  return {
    loss: perExpertLoss(law, nAct, tokens),
    perExpert: law,
    coefficientSetId: k.setId,
    nTotal,
    trainingFlops: 6 * nAct * tokens,
    flags: jointFlags({ experts, nAct, nTotal, tokens }),
  };
}

/** Eq. 6 without validation or allocation, for hot loops whose inputs are already known good. */
export function jointLossValue(k: JointCoefficients, nAct: number, tokens: number, experts: number): number {
  return perExpertLoss(perExpertLaw(experts, k), nAct, tokens);
}
