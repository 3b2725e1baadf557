/**
 * Closed lists of ids the contract's enums are built from, kept free of zod (like names.ts) so
 * a caller can list them without loading the schemas: the CLI's --help shows them as choices,
 * and the renderer offers them in its controls (through contract/runtime.ts).
 */

/** Mirrors QUESTION_IDS in engine/laws.ts (a test keeps the two equal). */
export const QUESTION_IDS = [
  'loss-prediction',
  'compute-optimal',
  'memory-optimal',
  'inference-optimal',
  'leverage',
  'architecture',
  'hyper-parameters',
  'dense-baseline',
  'data-utilisation',
] as const;

/** Laws the fitter can fit. All but dense-vs-MoE fits can be saved as coefficient sets (per-E in Chinchilla form). */
export const FIT_LAW_IDS = ['chinchilla', 'joint', 'per-e', 'comprehensive', 'dense-moe'] as const;
/** Laws whose fits can be saved as coefficient sets; mirrors the engine's SAVABLE_FIT_LAW_IDS (a test keeps them equal). */
export const SAVABLE_FIT_LAWS = ['chinchilla', 'joint', 'per-e', 'comprehensive'] as const;

/** CSV variables a column can map to (the engine's RunColumn). */
export const RUN_VARIABLES = ['nAct', 'nTotal', 'dModel', 'nBlocks', 'tokens', 'flops', 'experts', 'loss', 'learningRate', 'batchTokens', 'activatedExperts', 'sharedRatio', 'label'] as const;
export type RunVariable = (typeof RUN_VARIABLES)[number];
/** Units: counts '' (raw), K, M, B/G, T, P, E, Z; FLOPs also PF-days; loss nats or bits; shared ratio '' or %. */
export const COLUMN_UNITS = ['', 'K', 'M', 'B', 'G', 'T', 'P', 'E', 'Z', 'PF-days', 'nats', 'bits', '%'] as const;
