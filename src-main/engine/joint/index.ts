/** The joint MoE scaling law (Ludziejewski, Pióro et al. 2025) and its design problems. */
export { JOINT_DEFAULT_SET_ID, JOINT_KEYS, defaultJointSet, jointCoefficients, type JointCoefficients } from './coefficients';
export { transformedExperts } from './expert-transform';
export { perExpertLaw, perExpertLoss, hasInteriorOptimum, type PerExpertLaw } from './per-expert-law';
export { jointLoss, jointLossValue, type JointLossInput, type JointLossResult } from './loss';
export { computeOptimum, inferenceOptimum, optimalLossCurve, flopsToReachLoss, trainingTokensOnLine, type Allocation } from './optimum';
export { peakLearningRate, type LearningRate, type LearningRateBasis } from './learning-rate';
export { trainingRecipe, type TrainingRecipe, type BatchStage } from './training-recipe';
export { jointFlags, mergeFlags, type FlaggedQuantities } from './joint-flags';
export { JOINT_LAW_DESCRIPTION, JOINT_FITTED_RANGES, JOINT_DOMAIN_NOTE } from './description';
export {
  JOINT_DOMAIN,
  JOINT_RUNS,
  JOINT_RUNS_CITATION,
  NEAR_RUNS_FACTOR,
  deriveJointDomain,
  nearestRun,
  type JointDomain,
  type JointRun,
  type NearestRun,
} from './fitted-domain';
export {
  solveCandidate,
  allocateCandidate,
  allocateAll,
  type Allocated,
  type PlanCandidate,
  type FeasibleCandidate,
  type InfeasibleCandidate,
  type BuildableFigures,
  type CandidateMemory,
  type MemoryMode,
  type BindingConstraint,
  type DesignConstraint,
} from './candidate';
export { DEFAULT_EXPERTS, fittedExpertsOnly, type PlanOptions, type MemoryPlanOptions, type InferencePlanOptions } from './plan-options';
export { planComputeOptimal, planMemoryOptimal, planInferenceOptimal, bestCandidate, type PlanResult, type DesignProblem } from './plans';
export {
  compareDenseMoe,
  ruleOfThumb,
  type DenseMoeOptions,
  type DenseMoeComparison,
  type MatchedMoe,
  type MatchedMoeResult,
  type RuleOfThumbOptions,
  type RuleOfThumbResult,
  type RuleOfThumbEntry,
} from './dense-vs-moe';
export {
  isoFlopSweep,
  memorySweep,
  savingsSweep,
  optimalExpertTable,
  optimalExpertTableProblem,
  PAPER_MEMORY_BUDGETS,
  PAPER_TABLE_BUDGETS,
  type IsoFlopSweepOptions,
  type IsoFlopSeries,
  type MemorySweepOptions,
  type MemorySweepResult,
  type MemorySweepSeries,
  type MemorySweepPoint,
  type SavingsSweepOptions,
  type MemoryBudget,
  type OptimalExpertTableOptions,
  type OptimalExpertCell,
  type SweepPoint,
} from './sweeps';
