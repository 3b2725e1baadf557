/**
 * `moe-workbench leverage contours`: the Leverage page's EL grid from the command line, and
 * `--explain --cell A,G` for one cell of it, as the page's two selects pick one. The cell is named
 * by the values the answer lists (four significant digits) and explained at the grid's own point;
 * a point off the grid, or --cell without --explain, is refused naming --cell. EL by hand from
 * Eq. 13 with Table 2's coefficients; the default grid is 41 log-spaced points per axis, A from
 * 0.008 to 1 and G from 2 to 16 (the law's fitted ranges), worked out here.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';
import { leverageByHand } from './leverage-by-hand';

type Explained = { explanations: Array<{ title: string; rows: Array<{ symbol: string; raw: number; value: string }> }>; note: string | null };
const rel = (a: number, b: number) => Math.abs(a / b - 1);
/** The default grid's i-th point of a log-spaced axis of 41 from lo to hi. */
const logPoint = (lo: number, hi: number, i: number) => lo * (hi / lo) ** (i / 40);

describe('moe-workbench leverage contours', () => {
  it('prints a small grid as a table of EL multiples, each Eq. 13 at its A and G', async () => {
    const r = await cli('leverage', 'contours', '--flops', '1e21', '--activations', '0.01,0.03,0.1,0.3', '--granularities', '2,4,8,16');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('EL over 4 activation ratios × 4 granularities at C = 1.0 × 10²¹ FLOPs');
    const row = r.stdout.split('\n').find((l) => l.startsWith('0.03 '))!;
    const cells = row.trim().split(/\s+/).slice(1);
    expect(cells).toEqual([2, 4, 8, 16].map((g) => `${Number(leverageByHand(0.03, g, 1e21).toPrecision(3))}×`));
    expect(r.stdout).toContain('add --explain --cell A,G');
  });

  it('takes an axis as long as the page’s default grid (41 values, beyond format’s usual 24), each cell Eq. 13 at its point', async () => {
    const gs = Array.from({ length: 41 }, (_, i) => Number(logPoint(2, 16, i).toPrecision(6)));
    const x = (await cliJson('leverage', 'contours', '--flops', '1e21', '--activations', '0.03', '--granularities', gs.join(','))) as unknown as { granularities: number[]; el: number[][] };
    expect(x.granularities).toHaveLength(41);
    gs.forEach((g, j) => expect(rel(x.el[0]![j]!, leverageByHand(0.03, g, 1e21))).toBeLessThan(1e-9));
    const r = await cli('leverage', 'contours', '--flops', '1e21', '--activations', '0.03', '--granularities', Array.from({ length: 201 }, (_, i) => 2 + i * 0.05).join(','));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--granularities.*200/);
  });

  it('--explain --cell A,G writes that cell first: Eq. 13 at A and G, with the grid’s highest cell and corners after it', async () => {
    const x = (await cliJson('leverage', 'contours', '--flops', '1e21', '--activations', '0.01,0.03,0.1,0.3', '--granularities', '2,4,8,16', '--explain', '--cell', '0.03,8')) as unknown as Explained;
    expect(x.explanations.map((e) => e.title.split(':')[0])).toEqual([
      'Contour cell, your cell',
      'Contour cell, highest EL',
      'Contour cell, lowest A, lowest G',
      'Contour cell, lowest A, highest G',
      'Contour cell, highest A, lowest G',
      'Contour cell, highest A, highest G',
    ]);
    expect(x.explanations[0]!.title).toBe('Contour cell, your cell: EL at A = 3%, G = 8');
    const el = x.explanations[0]!.rows.find((r) => r.symbol === 'EL')!;
    expect(rel(el.raw, leverageByHand(0.03, 8, 1e21))).toBeLessThan(1e-12);
    // And in the text: the answer, then the cell's formulas in planner units.
    const text = await cli('leverage', 'contours', '--flops', '1e21', '--activations', '0.01,0.03,0.1,0.3', '--granularities', '2,4,8,16', '--explain', '--cell', '0.03,8');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('How was this computed? Contour cell, your cell: EL at A = 3%, G = 8');
    expect(text.stdout).toContain(`= ${leverageByHand(0.03, 8, 1e21).toPrecision(3)}×   (efficiency leverage C_dense/C_MoE)`);
  });

  it('on the default grid, a cell named as the answer lists it is explained at the grid’s own point', async () => {
    const text = (await cli('leverage', 'contours', '--flops', '1e21')).stdout;
    const listed = (label: string) => text.split('\n').find((l) => l.startsWith(label))!.split(': ')[1]!.split(', ');
    const [as, gs] = [listed('Activation ratios A'), listed('Granularities G')];
    expect(as).toHaveLength(41);
    expect(gs).toHaveLength(41);
    // The 8th activation ratio and the 20th granularity, as printed (four digits), and as the grid holds them.
    const [i, j] = [7, 19];
    expect(rel(Number(as[i]), logPoint(0.008, 1, i))).toBeLessThan(5e-4);
    expect(rel(Number(gs[j]), logPoint(2, 16, j))).toBeLessThan(5e-4);
    const x = (await cliJson('leverage', 'contours', '--flops', '1e21', '--explain', '--cell', `${as[i]},${gs[j]}`)) as unknown as Explained;
    const el = x.explanations[0]!.rows.find((r) => r.symbol === 'EL')!.raw;
    expect(rel(el, leverageByHand(logPoint(0.008, 1, i), logPoint(2, 16, j), 1e21))).toBeLessThan(1e-9);
    const grid = await cliJson('leverage', 'contours', '--flops', '1e21');
    expect(el).toBe(grid.el[i][j]);
  });

  it('refuses a point off the grid naming --cell and the grid values either side, and --cell without --explain', async () => {
    const off = await cli('leverage', 'contours', '--flops', '1e21', '--explain', '--cell', '0.0123,8');
    expect(off.code).toBe(2);
    expect(off.stdout).toBe('');
    // 0.0123 lies between the default grid's 4th and 5th activation ratios.
    const [below, above] = [logPoint(0.008, 1, 3), logPoint(0.008, 1, 4)];
    expect(below).toBeLessThan(0.0123);
    expect(above).toBeGreaterThan(0.0123);
    expect(off.stderr).toContain(`--cell: activation ratio 0.0123 is not on the grid's 41 activation ratios; the nearest: ${below.toPrecision(4)} or ${above.toPrecision(4)}`);
    const offG = await cli('leverage', 'contours', '--flops', '1e21', '--activations', '0.01,0.03', '--granularities', '2,4,8,16', '--explain', '--cell', '0.03,5');
    expect(offG.code).toBe(2);
    expect(offG.stderr).toContain("--cell: granularity 5 is not on the grid's 4 granularities; the nearest: 4 or 8");
    const bare = await cli('leverage', 'contours', '--flops', '1e21', '--cell', '0.01,2');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--cell names the cell --explain writes out: add --explain');
    const malformed = await cli('leverage', 'contours', '--flops', '1e21', '--explain', '--cell', '0.01');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--cell: "0.01" is not ACTIVATION,GRANULARITY');
  });

  it('--help lists --cell with its form, and the example with the --explain --cell it suggests works as written', async () => {
    const help = await cli('leverage', 'contours', '--help');
    expect(help.stdout).toMatch(/--cell <A,G>\s+With --explain: the grid cell written out first.*\(the example with --explain --cell 0\.03,8\)/);
    expect(help.stdout).toMatch(/--explain\s+Also print how each figure was computed/);
    const example = /Example:\n\s+moe-workbench (leverage contours .*)\n/.exec(help.stdout)![1]!.split(' ');
    const r = await cli(...example, '--explain', '--cell', '0.03,8');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('How was this computed? Contour cell, your cell: EL at A = 3%, G = 8');
  });
});
