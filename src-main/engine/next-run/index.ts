/** The next-run planner: which small runs most narrow the band of the recommendation at a target budget. */
export { proposeNextRuns, plannerPrior, priorCovariance, NEXT_RUN_METHOD, NEXT_RUN_Z90, type NextRunInput, type NextRunProposal, type NextRunPrior, type PlannerPrior, type ProposedRun, type Band } from './propose';
export { observeInOrder, type ObservedStep } from './linear-design';
export { DEFAULT_CANDIDATE_GRID, candidateRuns, gpuHoursOf, type CandidateGrid, type CandidateRun, type Throughput } from './candidates';
export { NEXT_RUN_QUANTITIES, jointTargetPlan, targetValue, type NextRunQuantity, type TargetPlan } from './target-quantity';
export { simulatedErrors, errorBand, refit, normalStream, type ErrorBand, type RunDesign } from './simulate';
export { lnLossAt, thetaOf, valuesOf } from './theta';
export type { NextRunHooks, NextRunProgress } from './hooks';
export { NEXT_RUN_LAWS, PLANNER_LAWS, type NextRunLawId, type PlannerLaw } from './laws';
