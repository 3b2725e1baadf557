/**
 * Closed lists of ids the contract's enums are built from, kept free of zod (like names.ts) so
 * a caller can list them without loading the schemas: the CLI's --help shows them as choices,
 * and the renderer offers them in its controls (through contract/runtime.ts). Declared once in
 * engine/ids.ts, next to the engine that gives them meaning.
 */
export { COLUMN_UNITS, DEFAULT_CANDIDATE_GRID, FIT_LAW_IDS, QUESTION_IDS, RUN_VARIABLES, type RunVariable } from '../../engine/ids';
/** Laws whose fits can be saved as coefficient sets. */
export { SAVABLE_FIT_LAW_IDS as SAVABLE_FIT_LAWS } from '../../engine/ids';
