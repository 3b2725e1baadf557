/**
 * Closed lists of ids the contract's enums are built from, kept free of zod (like names.ts) so
 * a caller can list them without loading the schemas: the CLI's --help shows them as choices.
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
