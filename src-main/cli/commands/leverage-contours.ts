/**
 * `leverage contours`: the Leverage page's contour chart as text, EL over a grid of activation
 * ratios and granularities at one budget; with `--explain --cell A,G` the grid cell a reader picks
 * is written out first (Eq. 13 with its values), as the page's two selects pick one.
 */
import type { ResponseOf } from '../../ipc/contract';
import * as fmt from '../../format';
import { command } from '../command';
import { toRequest, UsageError, type FlagSpec, type FlagValues } from '../args';
import { flagLines, gridText, joinBlocks, provenanceLines, table } from '../text';

type Grid = ResponseOf<'leverage.contours'>;

/** Axis values as the answer lists them, and as --cell reads them back: four significant digits. */
const AXIS_DIGITS = 4;
const axisValue = (x: number) => fmt.significant(x, AXIS_DIGITS);
/** A typed value is a grid point when it is that point to the digits the lists show it with. */
const ON_GRID = 0.5 * 10 ** (1 - AXIS_DIGITS);

const flags: Record<string, FlagSpec> = {
  flops: { kind: 'number', unit: 'FLOPs', description: 'Training compute C in FLOPs (non-embedding), e.g. 1e21', required: true },
  points: { kind: 'number', unit: 'points', description: 'Grid points per axis not given as a list (default 41, log-spaced: A from 0.8% to 100%, G from 2 to 16; at most 200)' },
  activations: { kind: 'axis', unit: 'ratio', maxValues: 200, description: 'Activation ratios A in (0, 1] of the grid, instead of --points of them' },
  granularities: { kind: 'axis', unit: 'ratio', maxValues: 200, description: 'Granularities G = 2·d_model/d_expert of the grid, instead of --points of them' },
  coefficients: { kind: 'string', unit: 'id', description: 'Coefficient set id (default tian2025-leverage)', field: 'coefficientSetId' },
  cell: {
    kind: 'string',
    unit: 'A,G',
    description:
      'With --explain: the grid cell written out first, an activation ratio and a granularity as the answer lists them (the example with --explain --cell 0.03,8); a point off the grid is refused, naming the nearest grid values',
  },
};

/** "0.03,8" → [0.03, 8]; anything else is refused naming --cell. */
function parseCell(text: string): [number, number] {
  const parts = text.split(',').map((p) => p.trim());
  const values = parts.map((p) => fmt.parseNumber(p, '--cell'));
  if (parts.length !== 2 || values.some((v) => !v.ok)) {
    const bad = values.find((v) => !v.ok);
    throw new UsageError(bad && !bad.ok ? bad.message : `--cell: "${text}" is not ACTIVATION,GRANULARITY (e.g. 0.03,8)`);
  }
  return values.map((v) => (v.ok ? v.value : NaN)) as [number, number];
}

/** The grid's value a typed one names (to the digits the answer lists it with), or a refusal naming --cell and the nearest values. */
function snap(axis: readonly number[], typed: number, what: string, whats: string): number {
  let nearest = 0;
  axis.forEach((g, i) => Math.abs(Math.log(g / typed)) < Math.abs(Math.log(axis[nearest]! / typed)) && (nearest = i));
  const g = axis[nearest]!;
  if (typed > 0 && Math.abs(typed / g - 1) <= ON_GRID) return g;
  const below = [...axis].reverse().find((x) => x < typed);
  const above = axis.find((x) => x > typed);
  const near = [below, above].filter((x): x is number => x !== undefined).map(axisValue).join(' or ');
  throw new UsageError(`--cell: ${what} ${axisValue(typed)} is not on the grid's ${axis.length} ${whats}; the nearest: ${near} (the answer lists them all)`);
}

/** The cell --cell names, as the grid's own values (explain.figure takes only those). */
export function contourCell(grid: Pick<Grid, 'activations' | 'granularities'>, text: string): { activation: number; granularity: number } {
  const [a, g] = parseCell(text);
  return { activation: snap(grid.activations, a, 'activation ratio', 'activation ratios'), granularity: snap(grid.granularities, g, 'granularity', 'granularities') };
}

function contoursText(v: Grid): string {
  const [nA, nG] = [v.activations.length, v.granularities.length];
  const cells = v.activations.flatMap((a, i) => v.granularities.map((g, j) => ({ a, g, el: v.el[i]![j]! })));
  const top = cells.reduce((b, c) => (c.el > b.el ? c : b));
  const low = cells.reduce((b, c) => (c.el < b.el ? c : b));
  const at = (c: { a: number; g: number; el: number }) => `EL = ${fmt.times(c.el)} at A = ${axisValue(c.a)}, G = ${axisValue(c.g)}`;
  const grid = gridText({
    rows: nA,
    columns: nG,
    table: () => table(['A \\ G', ...v.granularities.map(axisValue)], v.activations.map((a, i) => [axisValue(a), ...v.el[i]!.map((x) => fmt.times(x))])),
    cell: (i, j) => at({ a: v.activations[i]!, g: v.granularities[j]!, el: v.el[i]![j]! }),
    columnsAre: 'granularities',
    narrower: '--granularities (or --points without it)',
  });
  return joinBlocks(
    [
      `EL over ${nA} activation ratios × ${nG} granularities at C = ${fmt.flops(v.flops)} FLOPs (Eq. 13; EL = dense compute ÷ MoE compute at equal loss)`,
      `Highest: ${at(top)}; lowest: ${at(low)}`,
    ].join('\n'),
    grid,
    [
      `Activation ratios A (fractions of 1): ${v.activations.map(axisValue).join(', ')}`,
      `Granularities G: ${v.granularities.map(axisValue).join(', ')}`,
      'How one cell was computed: add --explain --cell A,G with A and G from these lists.',
    ].join('\n'),
    flagLines(v.flags),
    provenanceLines(v.provenance),
  );
}

export const leverageContourCommands = [
  command({
    words: ['leverage', 'contours'],
    summary: 'EL over a grid of activation ratios and granularities at one budget (the Leverage page\'s contours); --explain --cell A,G writes one cell out',
    channel: 'leverage.contours',
    example: 'leverage contours --flops 1e21 --activations 0.01,0.03,0.1,0.3 --granularities 2,4,8,16',
    flags,
    toRequest: (v: FlagValues) => {
      if (typeof v.cell === 'string') {
        if (!v.explain) throw new UsageError('--cell names the cell --explain writes out: add --explain');
        parseCell(v.cell);
      }
      return toRequest(v, flags, ['cell', 'json', 'help', 'bytes', 'explain']);
    },
    explainWith: (grid, v) => (typeof v.cell === 'string' ? { cell: contourCell(grid, v.cell) } : {}),
    format: (v) => contoursText(v),
  }),
];
