/**
 * `moe-workbench sweep`, in-process: the grid is checked before anything runs, and every row
 * is the plan the same point gives on its own (each point planned separately here).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/engine/fit/runs-csv';
import { parseAxis } from '../../../src-main/cli/sweep-grid';
import { UsageError } from '../../../src-main/cli/args';
import { cli, cliJson, ctx, dataDir } from './run-cli';

type Json = Record<string, any>;

describe('sweep axes', () => {
  it('reads lists, log-spaced ranges with a count, and stepped ranges', () => {
    const log = parseAxis('1e20..1e24', 'flops', 5);
    expect(log).toHaveLength(5);
    [1e20, 1e21, 1e22, 1e23, 1e24].forEach((x, i) => expect(log[i]! / x).toBeCloseTo(1, 12));
    expect(parseAxis('1e20..1e24*10', 'flops', undefined).map((x) => Math.round(Math.log10(x)))).toEqual([20, 21, 22, 23, 24]);
    expect(parseAxis('1024..4096+1024', 'kv-tokens', undefined)).toEqual([1024, 2048, 3072, 4096]);
    expect(parseAxis('3×10^21,1e22', 'flops', undefined)).toEqual([3e21, 1e22]);
  });

  it('refuses a bad axis naming the option', () => {
    const refused = (raw: string, count?: number) => {
      try {
        parseAxis(raw, 'flops', count);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      return 'accepted';
    };
    expect(refused('1e24..1e20', 5)).toMatch(/^--flops: .*backwards/);
    expect(refused('1e20..1e24')).toMatch(/^--flops: .*--count/);
    expect(refused('1e20..1e24*1')).toMatch(/^--flops: .*more than 1/);
    expect(refused('1e20,lots')).toMatch(/^--flops: "lots" is not a number/);
    expect(refused('1..1e9+1')).toMatch(/more than 10000 values/);
  });
});

describe('moe-workbench sweep', () => {
  it('5 budgets × 7 E × 3 devices: a CSV with units in its header whose rows are the plans of each point', async () => {
    const out = join(dataDir, 'sweep.csv');
    const devices = ['rtx4090', 'a100-80', 'h100-sxm'];
    const r = await cli('sweep', '--flops', '1e20..1e24', '--count', '5', '--experts', '1,2,4,8,16,32,64', '--hardware', devices.join(','), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Wrote 105 rows (15 plans) to ${out}`);
    const { records, errors } = parseCsv(readFileSync(out, 'utf8'));
    expect(errors).toEqual([]);
    const header = records[0]!.fields;
    for (const col of ['flops (FLOPs)', 'experts (experts)', 'nAct (parameters)', 'tokens (tokens)', 'loss (nats/token)', 'memory.countedBytes (bytes)', 'memoryBudget (bytes)', 'hardwareId']) {
      expect(header).toContain(col);
    }
    const rows = records.slice(1).map((rec) => Object.fromEntries(header.map((h, i) => [h, rec.fields[i]])));
    expect(rows).toHaveLength(5 * 7 * 3);
    const budgets = [...new Set(rows.map((row) => Number(row['flops (FLOPs)'])))];
    expect(budgets).toHaveLength(5);
    for (const f of budgets) {
      for (const hw of devices) {
        const plan = await cliJson('plan', 'memory', '--flops', String(f), '--hardware', hw, '--experts', '1,2,4,8,16,32,64');
        const mine = rows.filter((row) => Number(row['flops (FLOPs)']) === f && row.hardwareId === hw);
        expect(mine.map((row) => Number(row['experts (experts)']))).toEqual([1, 2, 4, 8, 16, 32, 64]);
        for (const row of mine) {
          const c = plan.candidates.find((x: Json) => x.experts === Number(row['experts (experts)']));
          expect(row.feasible).toBe(String(c.feasible));
          expect(row.best).toBe(String(plan.best?.experts === c.experts));
          expect(Number(row['memoryBudget (bytes)'])).toBe(plan.memory.bytes);
          if (!c.feasible) continue;
          expect(Number(row['nAct (parameters)'])).toBe(c.nAct);
          expect(Number(row['tokens (tokens)'])).toBe(c.tokens);
          expect(Number(row['loss (nats/token)'])).toBe(c.loss);
          expect(Number(row['memory.countedBytes (bytes)'])).toBe(c.memory.countedBytes);
          expect(row.fits).toBe(String(c.fits));
        }
      }
    }
  });

  it('writes JSON Lines with the same columns, and reports progress on stderr when asked', async () => {
    const r = await cli('sweep', '--flops', '1e20..1e22*10', '--weight-bytes', '2,1', '--experts', '1,8', '--format', 'jsonl', '--progress');
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Json);
    expect(rows).toHaveLength(3 * 2 * 2);
    expect(rows.map((x) => x.bytesPerWeight)).toEqual([2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1]);
    // fp8 weights take half the bytes of bf16 for the same design.
    const fp8 = await cliJson('plan', 'compute', '--flops', '1e21', '--experts', '1,8', '--weight-bytes', '1');
    expect(rows[6]).toMatchObject({ flops: 1e21, experts: 1, nAct: fp8.candidates[0].nAct, bytesPerWeight: 1 });
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe('sweep: 6/6 plans (100%), 12 rows');
  });

  it('refuses a bad grid before anything runs, naming the option, and writes no file', async () => {
    const out = join(dataDir, 'never.csv');
    const cases: Array<[string[], RegExp]> = [
      [['--flops', '1e20..1e24', '--count', '5', '--kv-bytes', '2,3'], /--kv-bytes = 3: kvBytes must be/],
      [['--flops', '1e20..1e24', '--count', '5', '--hardware', 'h100-sxm,tpu-v9'], /--hardware: no hardware profile "tpu-v9"/],
      [['--flops', '1e20..1e24', '--count', '5', '--coefficients', 'hoffmann2022'], /--coefficients: no joint-law coefficient set "hoffmann2022"/],
      [['--flops', '1e20..1e24'], /--flops: .*--count/],
      [['--flops', '1e20', '--memory', '80GB', '--hardware', 'h100-sxm'], /--memory or --hardware, not both/],
      [['--flops', '1e20', '--devices', '2'], /--devices needs --hardware/],
      [['--flops', '1e20..1e24', '--count', '400', '--kv-tokens', '1..400+1'], /the grid has 160,000 plans/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('sweep', ...args, '--out', out);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('neutralises a text cell a spreadsheet would run as a formula: a hardware profile whose id came from a hostile project file', async () => {
    const hostile = '@SUM(1+2)*cmd';
    const profile = { id: hostile, name: 'Hostile box', deviceCount: 8, memoryBytesPerDevice: 80 * 2 ** 30, peakFlopsPerDevice: 9.894e14, defaultUtilization: 0.4, pricePerDeviceHour: null, source: '' };
    const file = { formatVersion: 2, app: 'moe-workbench', exportedAt: '2026-01-01T00:00:00Z', project: { name: 'Hostile', notes: '', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }, scenarios: [], hardwareProfiles: [profile], coefficientSets: [], runs: [] };
    const imported = await ctx.store().importProject(file);
    expect(imported.addedHardwareProfileIds).toEqual([hostile]);
    const out = join(dataDir, 'hostile.csv');
    const r = await cli('sweep', '--flops', '1e21', '--experts', '1,8', '--hardware', hostile, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`'${hostile}`);
    const { records } = parseCsv(text);
    const cells = records.slice(1).flatMap((rec) => rec.fields);
    expect(cells).toContain(`'${hostile}`);
    // every cell is a number, empty, or text that cannot start a formula
    for (const c of cells) if (c !== '' && !Number.isFinite(Number(c))) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });
});
