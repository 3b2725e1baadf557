/**
 * Public API of the fitter: fit a law with a loss form to training runs (LAWS.md §1 "Fitting
 * procedure"), and import runs from CSV. Pure TypeScript, no I/O.
 */
export * from './types';
export { Lbfgs } from './lbfgs';
export type { LbfgsOptions, LbfgsResult, LbfgsStatus, ObjectiveFn, IterationMonitor } from './lbfgs';
export { lossModel, chinchillaModel, jointModel, perEModel, comprehensiveModel, denseMoeModel } from './models';
export { lnEHat } from './models/joint';
export { huber } from './models/common';
export { resolveGrid, startAt, MAX_STARTS } from './grid';
export type { ResolvedGrid } from './grid';
export { mulberry32, streamSeed } from './prng';
export {
  fit,
  prepareFit,
  screenStarts,
  selectCandidates,
  refineCandidates,
  chooseBest,
  reweightOutliers,
  bootstrapStarts,
  bootstrapReplicates,
  assembleResult,
  coefficientsOf,
  objectiveAt,
  FitCancelledError,
} from './fit';
export type { FitHooks, PreparedFit, ScreenBatch, Candidate, AssembleInput } from './fit';
export { parseCsv, importRuns, RUN_COLUMNS } from './runs-csv';
export { savedSetForm, fitFormOf, SAVABLE_FIT_LAW_IDS } from './saved-set';
export type { SavedSetForm } from './saved-set';
export type { CsvRecord, ImportError, RunColumn, ColumnUnit, ColumnMap, ColumnMapping, ImportOptions, ImportResult, ResolvedColumn } from './runs-csv';
