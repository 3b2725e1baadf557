/**
 * `sweep savings`: the Compute page's savings chart (the joint law's Fig. 2b) as data — for each
 * expert count and budget, the MoE compute that matches the dense loss at that budget and the
 * share of the dense budget it saves — one row per point, as CSV (units in the header) or JSON
 * Lines, like `sweep`.
 */
import { command } from '../command';

type Row = { experts: number; flops: number; savings: number; flopsToMatch: number };
/** The columns: key and unit (in the CSV header as `key (unit)`). */
const COLUMNS: ReadonlyArray<[keyof Row, string]> = [
  ['experts', 'experts'],
  ['flops', 'FLOPs'],
  ['flopsToMatch', 'FLOPs'],
  ['savings', 'fraction'],
];

/** The rows as written, kept beside the response (the CSV writer is loaded only when a sweep runs). */
const written = new WeakMap<object, string>();

export const sweepSavingsCommands = [
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
      format: { kind: 'string', description: 'csv (default: units in the header; flopsToMatch is the MoE compute reaching the dense loss, savings = 1 − flopsToMatch/flops) or jsonl', choices: ['csv', 'jsonl'] },
    },
    toRequest: (v) => ({
      ...(v['min-flops'] !== undefined ? { minFlops: v['min-flops'] } : {}),
      ...(v['max-flops'] !== undefined ? { maxFlops: v['max-flops'] } : {}),
      ...(v.points !== undefined ? { points: v.points } : {}),
      ...(v.experts !== undefined ? { experts: v.experts } : {}),
      ...(v['fitted-experts-only'] ? { fittedExpertsOnly: true } : {}),
      ...(typeof v.coefficients === 'string' ? { coefficientSetId: v.coefficients } : {}),
    }),
    after: async (value, values) => {
      const rows: Row[] = value.series.flatMap((s) => s.points.map((p) => ({ experts: s.experts, ...p })));
      if (values.format === 'jsonl') {
        written.set(value, rows.map((r) => JSON.stringify(Object.fromEntries(COLUMNS.map(([k]) => [k, r[k]])))).join('\n'));
        return;
      }
      const { csvField, withUnit } = await import('../../reports/csv');
      const lines = [COLUMNS.map(([k, unit]) => csvField(withUnit(k, unit))).join(','), ...rows.map((r) => COLUMNS.map(([k]) => csvField(r[k])).join(','))];
      written.set(value, lines.join('\r\n'));
    },
    format: (value) => written.get(value) ?? '',
  }),
];
