/**
 * The explanations of a joint-law plan's recommended design, shared by explain.figure and the
 * report's appendix: its loss (the compute optimum when compute binds, else the law at the
 * design), its training FLOPs, weights and KV cache, its peak learning rate (Eq. 8), and time and
 * cost when the plan was priced.
 */
import type { CoefficientSet } from '../common/coefficients';
import { explainDesignMemory, explainTimeCost, type TimeCostFigures } from './deploy';
import { explainJointLoss, explainJointOptimum, explainLearningRate, explainTrainingFlops } from './laws';
import type { LearningRate } from '../joint/learning-rate';
import type { Explanation } from './render';
import type { ExplainableCandidate, ExplainableDesignProblem } from './design';

/** A plan as its recommended design's figures depend on it: the problem it solved (as its candidates' do) and its best design. */
export interface ExplainablePlan extends Pick<ExplainableDesignProblem, 'flops' | 'inferenceTokens' | 'kvTokens' | 'precision' | 'cacheLayout'> {
  best: (Pick<ExplainableCandidate, 'experts' | 'nAct' | 'tokens' | 'shape' | 'bindingConstraint'> & { learningRate?: LearningRate | undefined }) | null;
  reason?: string | undefined;
  timeCost?: TimeCostFigures | null | undefined;
}

export function explainPlanResult(plan: ExplainablePlan, set: CoefficientSet): { explanations: Explanation[]; note: string | null } {
  const best = plan.best;
  if (!best) return { explanations: [], note: `No design to explain: ${plan.reason ?? 'no expert count gives a feasible design'}` };
  const computeBound = best.bindingConstraint === 'compute' && plan.inferenceTokens === 0;
  const explanations = [
    computeBound
      ? explainJointOptimum({ flops: plan.flops, experts: best.experts }, set)
      : explainJointLoss({ nAct: best.nAct, tokens: best.tokens, experts: best.experts }, set),
    explainTrainingFlops({ nAct: best.nAct, tokens: best.tokens }),
    explainDesignMemory({ shape: best.shape, kvTokens: plan.kvTokens, precision: plan.precision, layout: plan.cacheLayout }),
  ];
  if (best.learningRate) explanations.push(explainLearningRate(best.learningRate));
  if (plan.timeCost) explanations.push(explainTimeCost(plan.timeCost));
  const note = computeBound
    ? null
    : plan.inferenceTokens > 0
      ? 'The design is the inference-optimal one (the budget also pays 2·N_act·D_inf for inference), found by bisection on the iso-FLOP line; its loss is the law evaluated there.'
      : 'The memory cap binds: the design is the largest that fits, and its loss is the law evaluated there.';
  return { explanations, note };
}
