/**
 * `moe-workbench sweep savings`: the joint law's Fig. 2b as rows. Checked against what holds
 * whatever the code: budgets log-spaced from --min-flops to --max-flops, E = 1 (dense against
 * dense) saves nothing, savings = 1 − flopsToMatch/flops by definition, more experts save more
 * (the paper's Fig. 2b), and each row matches the Compute page's own comparison at that budget.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

const args = ['sweep', 'savings', '--min-flops', '1e20', '--max-flops', '1e24', '--points', '5', '--experts', '1,8,64'];
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('moe-workbench sweep savings', () => {
  it('writes CSV with units in the header, one row per E and budget, log-spaced budgets', async () => {
    const r = await cli(...args);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('experts (experts),flops (FLOPs),flopsToMatch (FLOPs),savings (fraction),coefficientSetId');
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    expect(rows).toHaveLength(15);
    for (const E of [1, 8, 64]) {
      const mine = rows.filter((x) => x[0] === E);
      mine.forEach((x, i) => expect(rel(x[1]!, 1e20 * 10 ** i)).toBeLessThan(1e-9));
      for (const [, flops, match, savings] of mine) expect(Math.abs(savings! - (1 - match! / flops!))).toBeLessThan(1e-12);
    }
    // Dense against dense: nothing saved.
    for (const x of rows.filter((x) => x[0] === 1)) {
      expect(Math.abs(x[3]!)).toBeLessThan(1e-9);
      expect(rel(x[2]!, x[1]!)).toBeLessThan(1e-9);
    }
    // Fig. 2b: at every budget, 64 experts save more than 8, and 8 more than none.
    for (let i = 0; i < 5; i++) {
      const at = (E: number) => rows.filter((x) => x[0] === E)[i]![3]!;
      expect(at(64)).toBeGreaterThan(at(8));
      expect(at(8)).toBeGreaterThan(0);
    }
  });

  it('each row is the Compute page’s dense-vs-MoE comparison at that budget; --format jsonl gives the same rows', async () => {
    const json = await cliJson(...args);
    const e8 = json.series.find((s: { experts: number }) => s.experts === 8).points[2];
    expect(rel(e8.flops, 1e22)).toBeLessThan(1e-9);
    const cmp = await cliJson('compare', 'dense-moe', '--flops', String(e8.flops), '--experts', '1,8,64');
    const row = cmp.perExpert.find((p: { experts: number }) => p.experts === 8);
    expect(rel(row.savings, e8.savings)).toBeLessThan(1e-12);
    expect(rel(row.flopsToMatch, e8.flopsToMatch)).toBeLessThan(1e-12);
    const jsonl = (await cli(...args, '--format', 'jsonl')).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonl).toHaveLength(15);
    expect(jsonl.find((x) => x.experts === 8 && rel(x.flops, 1e22) < 1e-9)).toEqual({ experts: 8, flops: e8.flops, flopsToMatch: e8.flopsToMatch, savings: e8.savings, coefficientSetId: 'ludziejewski2025-joint' });
  });

  it('refuses too few budgets naming --points (exit 2)', async () => {
    const r = await cli('sweep', 'savings', '--points', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(option --points)');
  });
});
