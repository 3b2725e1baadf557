/**
 * `comprehensive surfaces`: the Architecture page's two charts as text — loss over activated
 * experts G × shared ratio S at one N, N_a, D, and loss along N_a/N with the loss one more
 * percentage point of activation saves (against which the threshold τ is drawn).
 */
import type { ResponseOf } from '../../ipc/contract';
import * as fmt from '../../format';
import { command } from '../command';
import { toRequest, UsageError, type FlagSpec } from '../args';
import { flagLines, gridText, joinBlocks, provenanceLines, table } from '../text';

type Surfaces = ResponseOf<'comprehensive.surfaces'>;

function structureText(v: Surfaces): string {
  const s = v.structure;
  const [nG, nS] = [s.activeExperts.length, s.sharedRatios.length];
  const cells = s.activeExperts.flatMap((g, i) => s.sharedRatios.map((r, j) => ({ g, s: r, loss: s.loss[i]![j]! })));
  const at = (c: { g: number; s: number; loss: number }) => `loss ${fmt.loss(c.loss)} at G = ${fmt.significant(c.g)}, S = ${fmt.significant(c.s)}`;
  const low = cells.reduce((b, c) => (c.loss < b.loss ? c : b));
  const head = [
    `Loss (nats/token) over ${nG} activated-expert counts G × ${nS} shared ratios S at N = ${fmt.count(v.total)} total, N_a = ${fmt.count(v.active)} active parameters (${fmt.percent(v.active / v.total)}), D = ${fmt.count(v.tokens)} tokens`,
    `Lowest: ${at(low)}`,
  ].join('\n');
  const grid = gridText({
    rows: nG,
    columns: nS,
    table: () => table(['G \\ S', ...s.sharedRatios.map((x) => fmt.significant(x))], s.activeExperts.map((g, i) => [fmt.significant(g), ...s.loss[i]!.map((x) => fmt.loss(x))])),
    cell: (i, j) => at({ g: s.activeExperts[i]!, s: s.sharedRatios[j]!, loss: s.loss[i]![j]! }),
    columnsAre: 'shared ratios',
    narrower: '--shared-ratios',
    more: [`Activated experts G: ${s.activeExperts.map((x) => fmt.significant(x)).join(', ')}`, `Shared ratios S: ${s.sharedRatios.map((x) => fmt.significant(x)).join(', ')}`],
  });
  return joinBlocks(head, grid);
}

function curveText(v: Surfaces): string {
  const c = v.activeRatioCurve;
  return joinBlocks(
    `Loss along N_a/N at N = ${fmt.count(v.total)}, D = ${fmt.count(v.tokens)} tokens, G = ${fmt.significant(c.activeExperts)}, S = ${fmt.significant(c.sharedRatio)}; the saving is the loss one more percentage point of N_a/N removes`,
    table(
      ['N_a/N', 'N_a (parameters)', 'loss (nats/token)', 'saving per point (nats/token)'],
      c.activeRatios.map((r, i) => [fmt.percent(r), fmt.count(r * v.total), fmt.loss(c.loss[i]), fmt.significant(c.marginalLossPerPoint[i], 4)]),
    ),
  );
}

function optimumText(v: Surfaces): string {
  const o = v.optimum;
  if (!o) return 'No optimum: the coefficient set has no interior G, S or N_a/N optimum.';
  return [
    `Optimum at N = ${fmt.count(v.total)}: G_opt = ${fmt.significant(o.activeExperts)}, S_opt = ${fmt.significant(o.sharedRatio)}`,
    `N_a/N = ${fmt.percent(o.activeRatio)} theoretical (saving per point = 0); ${fmt.percent(o.activeRatioEfficient)} efficiency-aware (saving per point = τ = ${fmt.significant(o.threshold)} nats/token per percentage point)`,
  ].join('\n');
}

const flags: Record<string, FlagSpec> = {
  total: { kind: 'number', unit: 'parameters', description: 'N: total parameters', required: true },
  tokens: { kind: 'number', unit: 'tokens', description: 'D: training tokens', required: true },
  active: { kind: 'number', unit: 'parameters', description: 'N_a of the (G, S) surface (default: the theoretical optimum N_a/N times N)' },
  'active-experts': { kind: 'axis', unit: 'experts', maxValues: 200, description: 'G values of the surface (default 1 to 20 in steps of 0.5)', field: 'activeExperts' },
  // A list, not an axis: S = 0 (no shared expert) is a value, and a geometric range cannot start there.
  'shared-ratios': { kind: 'string', unit: 'ratio,…', description: 'S values of the surface, in [0, 1], separated by commas (default 0 to 0.7 in steps of 0.025)', field: 'sharedRatios' },
  'active-ratios': { kind: 'axis', unit: 'ratio', maxValues: 200, description: 'N_a/N values of the curve, in (0, 1] (default 61 log-spaced from 1% to 100%)', field: 'activeRatios' },
  threshold: { kind: 'number', unit: 'nats/token per pp', description: 'τ: the saving per percentage point of N_a/N at which activation stops paying (default 0.004)' },
  coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default moe-comprehensive-2025)', field: 'coefficientSetId' },
};

/** "0, 0.2,0.4" → [0, 0.2, 0.4]; an item that is not a number is refused naming the option. */
function numberList(text: string, what: string): number[] {
  return text.split(',').map((item) => {
    const r = fmt.parseNumber(item, what);
    if (!r.ok) throw new UsageError(r.message);
    return r.value;
  });
}

export const comprehensiveSurfacesCommands = [
  command({
    words: ['comprehensive', 'surfaces'],
    summary: 'Loss over activated experts G × shared ratio S, and along N_a/N with the saving per percentage point (the Architecture page\'s charts)',
    channel: 'comprehensive.surfaces',
    example: 'comprehensive surfaces --total 3e9 --tokens 50e9 --active 1e9 --active-experts 2,4,7,12 --shared-ratios 0,0.2,0.4 --active-ratios 0.05,0.1,0.2,0.4',
    flags,
    toRequest: (v) => ({
      ...toRequest(v, flags, ['json', 'help', 'bytes', 'shared-ratios']),
      ...(typeof v['shared-ratios'] === 'string' ? { sharedRatios: numberList(v['shared-ratios'], '--shared-ratios') } : {}),
    }),
    format: (v) => joinBlocks(structureText(v), curveText(v), optimumText(v), flagLines(v.flags), provenanceLines(v.provenance)),
  }),
];
