/**
 * From a fine-grained MoE configuration to the quantities the EL law speaks in:
 * A = (E_a + E_s)/(E + E_s), S = E_s/(E_a + E_s), G = 2·d_model/d_expert.
 * E counts routed experts only; shared experts are added to both sides of A.
 */
import type { CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';
import { requireInteger, requirePositive } from '../common/require-input';
import { defaultLeverageSet } from './coefficients';
import { efficiencyLeverage, type LeverageResult } from './efficiency-leverage';

export interface FineGrainedConfig {
  /** E: routed experts per MoE layer. */
  experts: number;
  /** E_a: routed experts activated per token. */
  activeExperts: number;
  /** E_s: shared experts, always active. */
  sharedExperts: number;
  dModel: number;
  /** Hidden size of one expert. */
  dExpert: number;
}

export interface DerivedArchitecture {
  activation: number;
  sharedRatio: number;
  granularity: number;
}

export function deriveArchitecture(config: FineGrainedConfig): DerivedArchitecture {
  const E = requireInteger('experts', config.experts, 1);
  const Ea = requireInteger('activeExperts', config.activeExperts, 0);
  const Es = requireInteger('sharedExperts', config.sharedExperts, 0);
  const dModel = requirePositive('dModel', config.dModel);
  const dExpert = requirePositive('dExpert', config.dExpert);
  if (Ea > E) throw new EngineInputError('activeExperts', `activeExperts (${Ea}) cannot exceed experts (${E})`);
  if (Ea + Es === 0) throw new EngineInputError('activeExperts', 'activeExperts + sharedExperts must be at least 1: some expert must be active');
  return {
    activation: (Ea + Es) / (E + Es),
    sharedRatio: Es / (Ea + Es),
    granularity: (2 * dModel) / dExpert,
  };
}

/** EL of a concrete configuration at a budget, echoing the derived A, S and G. */
export function leverageForConfiguration(
  config: FineGrainedConfig,
  flops: number,
  set: CoefficientSet = defaultLeverageSet(),
): LeverageResult & DerivedArchitecture {
  const derived = deriveArchitecture(config);
  const r = efficiencyLeverage({ activation: derived.activation, granularity: derived.granularity, flops }, set);
  return { ...derived, ...r };
}
