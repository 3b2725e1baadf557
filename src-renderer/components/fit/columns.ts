/**
 * The Fit page's column mapping: what each run variable is called, which units it accepts, and
 * the mapping that results from the user choosing a variable (and unit) for one column.
 */
import type { COLUMN_UNITS, ColumnMappingInput, FIT_LAW_IDS, RunVariable } from '../../../src-main/ipc/contract/fit';

export type FitLaw = (typeof FIT_LAW_IDS)[number];
export type ColumnUnit = (typeof COLUMN_UNITS)[number];

export const LAW_NAMES: Record<FitLaw, string> = {
  chinchilla: 'Chinchilla (dense): L = E + A/N^α + B/D^β',
  joint: 'Joint MoE law (Ludziejewski et al. 2025)',
  'per-e': 'Per-E Chinchilla form (one expert count)',
  comprehensive: 'Comprehensive five-factor MoE law',
  'dense-moe': 'Dense vs MoE (Wang et al. 2024)',
};

export const VARIABLE_NAMES: Record<RunVariable, string> = {
  nAct: 'Active parameters N_act',
  nTotal: 'Total parameters N_total',
  dModel: 'Model width d_model',
  nBlocks: 'Transformer blocks',
  tokens: 'Training tokens D',
  flops: 'Training FLOPs F (D = F / 6N)',
  experts: 'Experts E',
  loss: 'Final loss',
  learningRate: 'Learning rate',
  batchTokens: 'Batch size (tokens)',
  activatedExperts: 'Activated experts G',
  sharedRatio: 'Shared-expert ratio S',
  label: 'Run name',
};

/** Units that apply to each variable (the engine refuses the others). */
const COUNT_UNITS = ['', 'K', 'M', 'B', 'G', 'T', 'P', 'E', 'Z'] as const;
export const UNITS_FOR: Record<RunVariable, readonly ColumnUnit[]> = {
  nAct: COUNT_UNITS,
  nTotal: COUNT_UNITS,
  tokens: COUNT_UNITS,
  batchTokens: COUNT_UNITS,
  flops: [...COUNT_UNITS, 'PF-days'],
  loss: ['nats', 'bits'],
  sharedRatio: ['', '%'],
  dModel: [''],
  nBlocks: [''],
  experts: [''],
  learningRate: [''],
  activatedExperts: [''],
  label: [''],
};

/** Variables only some laws use: offered in the mapping when the chosen law needs them (or a column already maps to one). */
export const LAW_SPECIFIC: readonly RunVariable[] = ['activatedExperts', 'sharedRatio'];
/** N_act may come from a shape (d_model) and tokens from FLOPs, so only the others are marked required. */
export const HAS_ALTERNATIVE: readonly RunVariable[] = ['nAct', 'tokens'];

export const unitLabel = (u: string) =>
  u === '' ? 'raw' : u === 'K' ? 'thousands (K)' : u === 'M' ? 'millions (M)' : u === 'B' || u === 'G' ? `billions (${u})` : u === 'T' ? 'trillions (T)' : u;

/** A column as the importer resolved it: its header, and the variable and unit it maps to. */
export interface ColumnState {
  header: string;
  index: number;
  variable: RunVariable | '';
  unit: string;
}

/**
 * The explicit mapping after the user maps column `index` to `variable` (or to nothing).
 * The user's earlier picks win over what the (debounced) preview shows, so two quick changes
 * never lose the first one; the other columns keep what the importer recognised.
 */
export function remapColumn(picks: ColumnMappingInput | null, columns: readonly ColumnState[], index: number, variable: RunVariable | '', unit?: string): ColumnMappingInput {
  type Entry = { column: number; unit?: ColumnUnit };
  const picked: Record<string, Entry> = {};
  for (const [v, m] of Object.entries(picks ?? {})) if (m && typeof m.column === 'number') picked[v] = { column: m.column, ...(m.unit !== undefined ? { unit: m.unit } : {}) };
  const pickedColumns = new Set(Object.values(picked).map((m) => m.column));
  const next: Record<string, Entry> = {};
  for (const c of columns) {
    if (c.index === index || !c.variable || c.variable in picked || pickedColumns.has(c.index)) continue;
    next[c.variable] = { column: c.index, unit: c.unit as ColumnUnit };
  }
  for (const [v, m] of Object.entries(picked)) if (m.column !== index) next[v] = m;
  if (variable) {
    const allowed = UNITS_FOR[variable];
    const u = unit !== undefined && allowed.includes(unit as ColumnUnit) ? unit : allowed[0]!;
    next[variable] = { column: index, unit: u as ColumnUnit };
  }
  return next as ColumnMappingInput;
}

/** The first line of CSV text (without a byte-order mark): a new one means new columns. */
export const headerLine = (t: string) => t.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
