/**
 * The joint law's chart data as rows, like `sweep`: `sweep savings` (Fig. 2b: for each expert
 * count and budget, the MoE compute that matches the dense loss and the share of the dense budget
 * it saves) and `sweep iso-flop` (Fig. 2a: loss along the iso-FLOP line per expert count) — one
 * row per point, as CSV (units in the header) or JSON Lines.
 */
import type { FlagSpec, FlagValues } from '../args';
import { command } from '../command';

/** A column: key and unit (in the CSV header as `key (unit)`). */
type Columns<R> = ReadonlyArray<[keyof R & string, string]>;

/** The rows as written, kept beside the response (the CSV writer is loaded only when a sweep runs). */
const written = new WeakMap<object, string>();

const formatFlag: FlagSpec = { kind: 'string', description: 'csv (default: units in the header) or jsonl (one JSON object per row)', choices: ['csv', 'jsonl'] };

async function writeRows<R extends Record<string, number | boolean>>(value: object, rows: readonly R[], columns: Columns<R>, values: FlagValues): Promise<void> {
  if (values.format === 'jsonl') {
    written.set(value, rows.map((r) => JSON.stringify(Object.fromEntries(columns.map(([k]) => [k, r[k]])))).join('\n'));
    return;
  }
  const { csvField, withUnit } = await import('../../reports/csv');
  written.set(value, [columns.map(([k, unit]) => csvField(withUnit(k, unit))).join(','), ...rows.map((r) => columns.map(([k]) => csvField(r[k])).join(','))].join('\r\n'));
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

export const sweepChartCommands = [
  command({
    words: ['sweep', 'savings'],
    summary: 'FLOP savings against dense across budgets per expert count (the joint law\'s Fig. 2b): one row per E and budget, as CSV or JSON Lines',
    channel: 'sweep.savings',
    example: 'sweep savings --min-flops 1e20 --max-flops 1e24 --points 5 --experts 1,8,64',
    flags: {
      'min-flops': { kind: 'number', unit: 'FLOPs', description: 'Smallest training budget (default 1e18)' },
      'max-flops': { kind: 'number', unit: 'FLOPs', description: 'Largest training budget (default 1e25)' },
      points: { kind: 'number', unit: 'budgets', description: 'Budgets, log-spaced from --min-flops to --max-flops (default 60, 5 to 500)' },
      experts: { kind: 'int-list', unit: 'experts', description: 'Expert counts (default: the plans\' 1,2,4,…)' },
      'fitted-experts-only': { kind: 'boolean', description: 'Only the expert counts the joint law was fitted on' },
      coefficients: { kind: 'string', unit: 'id', description: 'Joint-law coefficient set id (default: the published set)', field: 'coefficientSetId' },
      format: { ...formatFlag, description: 'csv (default: units in the header; flopsToMatch is the MoE compute reaching the dense loss, savings = 1 − flopsToMatch/flops) or jsonl' } as FlagSpec,
    },
    toRequest: (v) => ({
      ...(v['min-flops'] !== undefined ? { minFlops: v['min-flops'] } : {}),
      ...(v['max-flops'] !== undefined ? { maxFlops: v['max-flops'] } : {}),
      ...(v.points !== undefined ? { points: v.points } : {}),
      ...(v.experts !== undefined ? { experts: v.experts } : {}),
      ...(v['fitted-experts-only'] ? { fittedExpertsOnly: true } : {}),
      ...(typeof v.coefficients === 'string' ? { coefficientSetId: v.coefficients } : {}),
    }),
    after: (value, values) => writeRows(value, value.series.flatMap((s) => s.points.map((p) => ({ experts: s.experts, ...p }))), SAVINGS_COLUMNS, values),
    format: (value) => written.get(value) ?? '',
  }),
  command({
    words: ['sweep', 'iso-flop'],
    summary: 'Loss along the iso-FLOP line at one budget per expert count (the joint law\'s Fig. 2a): N_act from 1/30 to 30 times the optimum, D = C/(6·N_act); the optimum row marked',
    channel: 'sweep.isoFlop',
    example: 'sweep iso-flop --flops 1e21 --experts 1,8,64 --points 9',
    flags: {
      flops: { kind: 'number', unit: 'FLOPs', description: 'Training budget C (F = 6·N_act·D)', required: true },
      points: { kind: 'number', unit: 'points', description: 'Points along each line (default 120, 5 to 1000)' },
      experts: { kind: 'int-list', unit: 'experts', description: 'Expert counts (default: the plans\' 1,2,4,…)' },
      'fitted-experts-only': { kind: 'boolean', description: 'Only the expert counts the joint law was fitted on' },
      coefficients: { kind: 'string', unit: 'id', description: 'Joint-law coefficient set id (default: the published set)', field: 'coefficientSetId' },
      format: formatFlag,
    },
    toRequest: (v) => ({
      flops: v.flops,
      ...(v.points !== undefined ? { points: v.points } : {}),
      ...(v.experts !== undefined ? { experts: v.experts } : {}),
      ...(v['fitted-experts-only'] ? { fittedExpertsOnly: true } : {}),
      ...(typeof v.coefficients === 'string' ? { coefficientSetId: v.coefficients } : {}),
    }),
    after: (value, values) =>
      writeRows(
        value,
        value.series.flatMap((s) => [...s.points.map((p) => ({ experts: s.experts, ...p, optimum: false })), { experts: s.experts, ...s.optimum, optimum: true }]),
        ISO_FLOP_COLUMNS,
        values,
      ),
    format: (value) => written.get(value) ?? '',
  }),
];
