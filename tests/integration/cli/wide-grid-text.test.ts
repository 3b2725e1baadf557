/**
 * The two grid commands print a grid up to 12 columns wide as a table and a wider one by its four
 * corners and how to have the table (cli/text.ts gridText): the corners are the axes' ends, each
 * EL by hand from Eq. 13, and the option the hint names does give the table at 12 columns.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli';
import { leverageByHand } from './leverage-by-hand';

const el = (a: number, g: number) => `${Number(leverageByHand(a, g, 1e21).toPrecision(3))}×`;
const axis = (n: number, lo: number, step: number) => Array.from({ length: n }, (_, i) => Number((lo + i * step).toFixed(4)));

describe('a grid wider than a table', () => {
  it('leverage contours: 13 granularities print the four corners, each Eq. 13, and --granularities with 12 prints the table', async () => {
    const gs = axis(13, 2, 1);
    const wide = await cli('leverage', 'contours', '--flops', '1e21', '--activations', '0.01,0.1', '--granularities', gs.join(','));
    expect(wide.code, wide.stderr).toBe(0);
    const corners = wide.stdout.split('\n').find((l) => l.startsWith('Corners: '));
    expect(corners).toBe(`Corners: ${[[0.01, 2], [0.01, 14], [0.1, 2], [0.1, 14]].map(([a, g]) => `EL = ${el(a!, g!)} at A = ${a}, G = ${g}`).join('; ')}`);
    expect(wide.stdout).toContain('(The grid is 13 granularities wide: --granularities (or --points without it) with 12 or fewer prints it as a table, --json gives every cell.)');
    expect(wide.stdout).not.toContain('A \\ G');

    const narrow = await cli('leverage', 'contours', '--flops', '1e21', '--activations', '0.01,0.1', '--granularities', gs.slice(0, 12).join(','));
    expect(narrow.code, narrow.stderr).toBe(0);
    expect(narrow.stdout).toMatch(/^A \\ G /m);
    expect(narrow.stdout).not.toContain('Corners:');
    const row = narrow.stdout.split('\n').find((l) => l.startsWith('0.1 '))!;
    expect(row.trim().split(/\s+/).slice(1)).toEqual(gs.slice(0, 12).map((g) => el(0.1, g)));
  });

  it('comprehensive surfaces: 13 shared ratios print the corners at the axes’ ends and name --shared-ratios; 12 print the table', async () => {
    const base = ['comprehensive', 'surfaces', '--total', '3e9', '--tokens', '50e9', '--active', '1e9', '--active-experts', '2,4,7', '--active-ratios', '0.1,0.2'];
    const ss = axis(13, 0, 0.05);
    const wide = await cli(...base, '--shared-ratios', ss.join(','));
    expect(wide.code, wide.stderr).toBe(0);
    const corners = wide.stdout.split('\n').find((l) => l.startsWith('Corners: '))!;
    expect([...corners.matchAll(/at G = ([\d.]+), S = ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([[2, 0], [2, 0.6], [7, 0], [7, 0.6]]);
    expect(wide.stdout).toContain('(The grid is 13 shared ratios wide: --shared-ratios with 12 or fewer prints it as a table, --json gives every cell.)');
    expect(wide.stdout).toContain('Shared ratios S: 0, 0.05,');

    const narrow = await cli(...base, '--shared-ratios', ss.slice(0, 12).join(','));
    expect(narrow.code, narrow.stderr).toBe(0);
    expect(narrow.stdout).toMatch(/^G \\ S /m);
    expect(narrow.stdout).not.toContain('Corners:');
  });
});
