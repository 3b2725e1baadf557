/**
 * The CLI's text output follows the planner-unit rules: no "e+" notation, no caret exponent, no
 * float longer than the chosen significant digits. `--json` keeps raw numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

/** Raw notation a planner should never read: 1e22, 1.00e+22, 10^22, 3.14159265. */
export const RAW_NOTATION = /\d[eE][+-]?\d|\^\s*[-+]?\d|\d\.\d{5,}/;

let w: Workspace;
beforeAll(async () => {
  w = await openWorkspace();
});
afterAll(() => removeWorkspace(w));

const COMMANDS: string[][] = [
  ['plan', 'compute', '--flops', '1e22', '--experts', '1,8,64'],
  ['plan', 'memory', '--flops', '1e23', '--memory', '640GiB', '--experts', '1,8,32'],
  ['plan', 'inference', '--flops', '1e22', '--inference-tokens', '2e12', '--experts', '1,8'],
  ['compare', 'dense-moe', '--flops', '3e21', '--experts', '1,8,64'],
  ['law', 'chinchilla', '--params', '7e10', '--tokens', '1.4e12'],
  ['plan', 'chinchilla', '--flops', '5.76e23'],
  ['law', 'leverage', '--flops', '1e22', '--activation', '0.031', '--granularity', '12'],
  ['optimum', 'leverage', '--activation', '0.031', '--flops', '1e22'],
  ['allocation', 'leverage', '--flops', '1e22'],
  ['law', 'comprehensive', '--total', '3e10', '--tokens', '1e12', '--active', '3e9', '--active-experts', '7', '--shared-ratio', '0.3'],
  ['optimum', 'comprehensive', '--total', '3e10'],
  ['hardware', 'list'],
  ['laws', 'list'],
];

describe('CLI text output in planner units', () => {
  it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('%s', async (_name, argv) => {
    const r = await runCli(argv, w.ctx);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // arXiv identifiers (2203.15556) are names, not figures.
    const offending = r.stdout.split('\n').filter((line) => RAW_NOTATION.test(line.replace(/arXiv:\d{4}\.\d{4,5}/g, '')));
    expect(offending).toEqual([]);
  });

  it('--json keeps raw numbers', async () => {
    const r = await runCli(['plan', 'compute', '--flops', '1e22', '--experts', '1,8', '--json'], w.ctx);
    const v = JSON.parse(r.stdout) as { flops: number; best: { nAct: number } };
    expect(v.flops).toBe(1e22);
    expect(typeof v.best.nAct).toBe('number');
  });

  it('a bare number for memory asks for a unit', async () => {
    const r = await runCli(['plan', 'memory', '--flops', '1e22', '--memory', '80'], w.ctx);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/add a unit to "80"/);
  });
});
