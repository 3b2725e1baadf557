/**
 * The two laws Tian et al. fitted so that dense and MoE are compared at their own best
 * settings: the model–data allocation (Table 1, C = M·D) and the optimal learning rate and
 * batch size (Eq. 3, Fig. 2; batch in tokens). All are power laws a·C^b in the training
 * compute C (non-embedding FLOPs).
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { EngineInputError } from '../common/errors';
import { requirePositive } from '../common/require-input';
import { allocationCoefficients, defaultLeverageSet, hyperCoefficients } from './coefficients';
import { leverageFlags } from './efficiency-leverage';

export type Architecture = 'dense' | 'moe';

export interface ComputeAllocation {
  /** M_opt: non-embedding FLOPs per token (activated experts only for MoE). */
  flopsPerToken: number;
  /** D_opt: training tokens. */
  tokens: number;
}

export interface HyperParameters {
  learningRate: number;
  batchTokens: number;
}

export interface ArchitecturePlan extends ComputeAllocation, HyperParameters {}

export interface LeverageAllocationResult {
  flops: number;
  dense: ArchitecturePlan;
  moe: ArchitecturePlan;
  flags: ResultFlag[];
}

function architectureKey(architecture: Architecture): Architecture {
  if (architecture !== 'dense' && architecture !== 'moe') {
    throw new EngineInputError('architecture', `architecture must be "dense" or "moe" (got ${String(architecture)})`);
  }
  return architecture;
}

export function optimalAllocation(flops: number, architecture: Architecture, set: CoefficientSet = defaultLeverageSet()): ComputeAllocation {
  requirePositive('flops', flops);
  const c = allocationCoefficients(set);
  const k = architectureKey(architecture);
  return {
    flopsPerToken: c[`allocation.${k}.mCoef`] * Math.pow(flops, c[`allocation.${k}.mExp`]),
    tokens: c[`allocation.${k}.dCoef`] * Math.pow(flops, c[`allocation.${k}.dExp`]),
  };
}

export function optimalHyperParameters(flops: number, architecture: Architecture, set: CoefficientSet = defaultLeverageSet()): HyperParameters {
  requirePositive('flops', flops);
  const c = hyperCoefficients(set);
  const k = architectureKey(architecture);
  return {
    learningRate: c[`hyper.${k}.lrCoef`] * Math.pow(flops, c[`hyper.${k}.lrExp`]),
    batchTokens: c[`hyper.${k}.batchCoef`] * Math.pow(flops, c[`hyper.${k}.batchExp`]),
  };
}

/** Dense and MoE side by side at one budget: M_opt, D_opt, learning rate and batch. */
export function leverageAllocation(flops: number, set: CoefficientSet = defaultLeverageSet()): LeverageAllocationResult {
  requirePositive('flops', flops);
  const plan = (a: Architecture): ArchitecturePlan => ({ ...optimalAllocation(flops, a, set), ...optimalHyperParameters(flops, a, set) });
  return { flops, dense: plan('dense'), moe: plan('moe'), flags: leverageFlags({ flops }) };
}
