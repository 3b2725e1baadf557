/**
 * The joint law's chart data as rows, like `sweep`: `sweep savings` (Fig. 2b: for each expert
 * count and budget, the MoE compute that matches the dense loss and the share of the dense budget
 * it saves) and `sweep iso-flop` (Fig. 2a: loss along the iso-FLOP line per expert count) — one
 * row per point, as CSV (units in the header) or JSON Lines.
 */
import { toRequest, type FlagSpec, type FlagValues } from '../args';
import { command } from '../command';
import type { ResponseOf } from '../../ipc/contract';

/** A column: key and unit (in the CSV header as `key (unit)`). */
type Columns<R> = ReadonlyArray<[keyof R & string, string]>;

/** The rows as written, kept beside the response (the CSV writer is loaded only when a sweep runs). */
const written = new WeakMap<object, string>();

const formatFlag: FlagSpec = { kind: 'string', description: 'csv (default: units in the header) or jsonl (one JSON object per row)', choices: ['csv', 'jsonl'] };

/**
 * Each row ends with the coefficient set it was computed with, as `sweep`'s rows do, so a file
 * read on its own still says which law's numbers it holds. Nothing is written under --json.
 */
async function writeRows<R extends Record<string, number | boolean>>(value: Pick<ResponseOf<'sweep.savings'>, 'provenance'>, rows: readonly R[], columns: Columns<R>, values: FlagValues): Promise<void> {
  if (values.json) return;
  const set = value.provenance.coefficientSet.id;
  if (values.format === 'jsonl') {
    written.set(value, rows.map((r) => JSON.stringify({ ...Object.fromEntries(columns.map(([k]) => [k, r[k]])), coefficientSetId: set })).join('\n'));
    return;
  }
  const { toCsv, withUnit } = await import('../../reports/csv');
  written.set(value, toCsv([...columns.map(([k, unit]) => withUnit(k, unit)), 'coefficientSetId'], rows.map((r) => [...columns.map(([k]) => r[k]), set])).trimEnd());
}

/** Every option but --format (and --model-only, a memory mode) is a request field; a boolean given is true. */
const rowsRequest = (flags: Record<string, FlagSpec>) => (v: FlagValues) => ({
  ...toRequest(v, flags, ['format', 'json', 'help', 'bytes', 'model-only']),
  ...(v['model-only'] ? { memoryMode: 'model' } : {}),
});

/**
 * A line's points with its optimum marked: the point at the optimum (to 1e-12, as `at` places it)
 * when the line has one, else the optimum added where it falls.
 */
function withOptimum<P extends object>(points: readonly P[], optimum: P, at: (p: P) => number): Array<P & { optimum: boolean }> {
  const same = (p: P) => Math.abs(at(p) / at(optimum) - 1) <= 1e-12;
  const marked = points.map((p) => ({ ...p, optimum: same(p) }));
  if (marked.some((p) => p.optimum)) return marked;
  return [...marked, { ...optimum, optimum: true }].sort((a, b) => at(a) - at(b));
}

type SavingsRow = { experts: number; flops: number; savings: number; flopsToMatch: number };
const SAVINGS_COLUMNS: Columns<SavingsRow> = [
  ['experts', 'experts'],
  ['flops', 'FLOPs'],
  ['flopsToMatch', 'FLOPs'],
  ['savings', 'fraction'],
];

type IsoFlopRow = { experts: number; nAct: number; tokens: number; loss: number; optimum: boolean };
const ISO_FLOP_COLUMNS: Columns<IsoFlopRow> = [
  ['experts', 'experts'],
  ['nAct', 'parameters'],
  ['tokens', 'tokens'],
  ['loss', 'nats/token'],
  ['optimum', ''],
];

/** The options every joint-law chart takes: which expert counts, which coefficient set. */
const SERIES_FLAGS: Record<string, FlagSpec> = {
  experts: { kind: 'int-list', unit: 'experts', description: 'Expert counts (default: the plans\' 1,2,4,…)' },
  'fitted-experts-only': { kind: 'boolean', description: 'Only the expert counts the joint law was fitted on' },
  coefficients: { kind: 'string', unit: 'id', description: 'Joint-law coefficient set id (default: the published set)', field: 'coefficientSetId' },
};

const SAVINGS_FLAGS: Record<string, FlagSpec> = {
  'min-flops': { kind: 'number', unit: 'FLOPs', description: 'Smallest training budget (default 1e18)' },
  'max-flops': { kind: 'number', unit: 'FLOPs', description: 'Largest training budget (default 1e25)' },
  points: { kind: 'number', unit: 'budgets', description: 'Budgets, log-spaced from --min-flops to --max-flops (default 60, 5 to 500)' },
  ...SERIES_FLAGS,
  format: { ...formatFlag, description: 'csv (default: units in the header; flopsToMatch is the MoE compute reaching the dense loss, savings = 1 − flopsToMatch/flops) or jsonl' } as FlagSpec,
};

type MemoryRow = { experts: number; memoryBytes: number; nAct: number; tokens: number; loss: number; optimum: boolean };
const MEMORY_COLUMNS: Columns<MemoryRow> = [
  ['experts', 'experts'],
  ['memoryBytes', 'bytes'],
  ['nAct', 'parameters'],
  ['tokens', 'tokens'],
  ['loss', 'nats/token'],
  ['optimum', ''],
];

const MEMORY_FLAGS: Record<string, FlagSpec> = {
  flops: { kind: 'number', unit: 'FLOPs', description: 'Training budget C (F = 6·N_act·D)', required: true },
  'min-memory': { kind: 'bytes', unit: 'bytes', description: 'Smallest memory budget (80GB, 80GiB or bytes; default: the law\'s own range)', field: 'minBytes' },
  'max-memory': { kind: 'bytes', unit: 'bytes', description: 'Largest memory budget (default: up to the compute-optimal model\'s)', field: 'maxBytes' },
  points: { kind: 'number', unit: 'budgets', description: 'Memory budgets, log-spaced (default 200, 5 to 1000)' },
  'model-only': { kind: 'boolean', description: 'Count weights only against the memory budget, not the KV cache' },
  'inference-tokens': { kind: 'number', unit: 'tokens', description: 'Inference tokens paid from the same budget (Fig. 3c; default 0)' },
  'weight-bytes': { kind: 'number', unit: 'bytes/weight', description: 'Bytes per weight: 2 bf16 (default), 1 fp8, 0.5 int4, 4 fp32' },
  'kv-bytes': { kind: 'number', unit: 'bytes/value', description: 'Bytes per KV-cache value (default 2); the cache is MHA, the joint law\'s convention' },
  'kv-tokens': { kind: 'number', unit: 'tokens', description: 'Tokens held in the KV cache (default 16384)' },
  ...SERIES_FLAGS,
  format: formatFlag,
};

const ISO_FLOP_FLAGS: Record<string, FlagSpec> = {
  flops: { kind: 'number', unit: 'FLOPs', description: 'Training budget C (F = 6·N_act·D)', required: true },
  points: { kind: 'number', unit: 'points', description: 'Points along each line (default 120, 5 to 1000)' },
  ...SERIES_FLAGS,
  format: formatFlag,
};

export const sweepChartCommands = [
  command({
    words: ['sweep', 'savings'],
    summary: 'FLOP savings against dense across budgets per expert count (the joint law\'s Fig. 2b): one row per E and budget, as CSV or JSON Lines',
    channel: 'sweep.savings',
    example: 'sweep savings --min-flops 1e20 --max-flops 1e24 --points 5 --experts 1,8,64',
    flags: SAVINGS_FLAGS,
    toRequest: rowsRequest(SAVINGS_FLAGS),
    after: (value, values) => writeRows(value, value.series.flatMap((s) => s.points.map((p) => ({ experts: s.experts, ...p }))), SAVINGS_COLUMNS, values),
    format: (value) => written.get(value) ?? '',
  }),
  command({
    words: ['sweep', 'iso-flop'],
    summary: 'Loss along the iso-FLOP line at one budget per expert count (the joint law\'s Fig. 2a): N_act from 1/30 to 30 times the optimum, D = C/(6·N_act); the optimum row marked',
    channel: 'sweep.isoFlop',
    example: 'sweep iso-flop --flops 1e21 --experts 1,8,64 --points 9',
    flags: ISO_FLOP_FLAGS,
    toRequest: rowsRequest(ISO_FLOP_FLAGS),
    after: (value, values) =>
      writeRows(
        value,
        value.series.flatMap((s) => withOptimum(s.points, s.optimum, (p) => p.nAct).map((p) => ({ experts: s.experts, ...p }))),
        ISO_FLOP_COLUMNS,
        values,
      ),
    format: (value) => written.get(value) ?? '',
  }),
  command({
    words: ['sweep', 'memory'],
    summary: 'Best loss against memory budget per expert count at one compute budget, up to the compute-optimal model (the joint law\'s Fig. 1a, 3): one row per E and memory budget',
    channel: 'sweep.memory',
    example: 'sweep memory --flops 1e22 --experts 1,8,64 --points 6 --min-memory 8GiB --max-memory 640GiB',
    flags: MEMORY_FLAGS,
    toRequest: rowsRequest(MEMORY_FLAGS),
    after: (value, values) =>
      writeRows(
        value,
        value.series.flatMap((s) => withOptimum(s.points, { memoryBytes: s.optimumMemoryBytes, ...s.optimum }, (p) => p.memoryBytes).map((p) => ({ experts: s.experts, ...p }))),
        MEMORY_COLUMNS,
        values,
      ),
    format: (value) => written.get(value) ?? '',
  }),
];
