/**
 * Closed lists of ids declared once, for the engine that defines what they mean and for the
 * contract's zod-free face (contract/ids.ts re-exports them), which builds its enums, the CLI's
 * choices and the renderer's controls from them. Nothing here imports anything, so the renderer
 * can list them without loading the engine.
 */

/** Design questions a law can answer; each law's description says the same in a planner's words. */
export const QUESTION_IDS = [
  /** The loss a given design reaches. */
  'loss-prediction',
  /** The best model and token count for a FLOP budget. */
  'compute-optimal',
  /** The best design under a memory cap. */
  'memory-optimal',
  /** The best design when the budget also pays for inference. */
  'inference-optimal',
  /** How much dense compute an MoE is worth. */
  'leverage',
  /** Expert configuration: number, granularity, activation, shared experts. */
  'architecture',
  /** Learning rate, batch size, schedule. */
  'hyper-parameters',
  /** The compute-optimal dense model to set an MoE against. */
  'dense-baseline',
  /** How dense and MoE differ in their use of data. */
  'data-utilisation',
] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

/** Laws the fitter can fit. `per-e` is the Chinchilla-shaped joint law at one expert count (LAWS.md §1, Eq. 5). */
export const FIT_LAW_IDS = ['chinchilla', 'joint', 'per-e', 'comprehensive', 'dense-moe'] as const;
export type FitLawId = (typeof FIT_LAW_IDS)[number];

/**
 * Fits that become coefficient sets (per-E in Chinchilla form). A dense-vs-MoE fit is not saved:
 * that law is calibrated per architecture, which the Baselines page takes from the fit directly.
 */
export const SAVABLE_FIT_LAW_IDS = ['chinchilla', 'joint', 'per-e', 'comprehensive'] as const satisfies readonly FitLawId[];

/** Variables a runs CSV column can map to. */
export const RUN_VARIABLES = ['nAct', 'nTotal', 'dModel', 'nBlocks', 'tokens', 'flops', 'experts', 'loss', 'learningRate', 'batchTokens', 'activatedExperts', 'sharedRatio', 'label'] as const;
export type RunVariable = (typeof RUN_VARIABLES)[number];

/**
 * Units of a runs CSV column. Counts (parameters, tokens, FLOPs, batch): '' (raw), 'K' = 10³,
 * 'M' = 10⁶, 'B' or 'G' = 10⁹, 'T' = 10¹², 'P' = 10¹⁵, 'E' = 10¹⁸, 'Z' = 10²¹; FLOPs also
 * 'PF-days' = 8.64·10¹⁹. Loss: 'nats' (default) or 'bits' (× ln 2). Shared ratio: '' (fraction) or '%'.
 */
export const COLUMN_UNITS = ['', 'K', 'M', 'B', 'G', 'T', 'P', 'E', 'Z', 'PF-days', 'nats', 'bits', '%'] as const;
export type ColumnUnit = (typeof COLUMN_UNITS)[number];

/**
 * The next-run planner's default candidate grid: 6 × 5 × 6 = 180 runs from 50 M to 1.6 B active
 * parameters at 5 to 80 tokens per parameter, over the expert counts the joint law was fitted on
 * (the scale at which a team runs ablations). Here, beside the ids, so the Next runs page can
 * start from it without loading the engine.
 */
export const DEFAULT_CANDIDATE_GRID: { readonly nAct: readonly number[]; readonly tokensPerParam: readonly number[]; readonly experts: readonly number[] } = Object.freeze({
  nAct: Object.freeze([5e7, 1e8, 2e8, 4e8, 8e8, 1.6e9]),
  tokensPerParam: Object.freeze([5, 10, 20, 40, 80]),
  experts: Object.freeze([1, 2, 4, 8, 16, 32]),
});
