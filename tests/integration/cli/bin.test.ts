/**
 * The built bin, spawned as a user runs it — a bounded handful of processes; everything else
 * runs in-process (run-cli.ts). The bundle is rebuilt first so the bin runs the current
 * sources. These check what only a real process shows: it starts from out/cli without a
 * TypeScript loader, finds the report fonts and the fit worker from there, and loads pdfkit,
 * ECharts and the worker only for the commands that use them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, cliJson } from './run-cli';
import { openWorkspace } from '../../unit/reports/workspace';

const binDir = mkdtempSync(join(tmpdir(), 'moe-bin-'));

function bin(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(root, 'bin/moe-workbench.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MOE_WORKBENCH_DATA: binDir, NODE_OPTIONS: '' },
    timeout: 120_000,
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const b = spawnSync(process.execPath, [join(root, 'build/bundle-cli.mjs')], { encoding: 'utf8', timeout: 120_000 });
  if (b.status !== 0) throw new Error(`bundling the CLI failed: ${b.stderr}`);
});

describe('the built moe-workbench bin', () => {
  it('answers --help from the bundle', () => {
    const r = bin(['--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: moe-workbench <command>/m);
  });

  it('plans as the in-process CLI does, and refuses a bad flag with exit 2 naming it', async () => {
    const r = bin(['plan', 'compute', '--flops', '1e22', '--experts', '1,8,64', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const fromBin = JSON.parse(r.stdout);
    const inProcess = await cliJson('plan', 'compute', '--flops', '1e22', '--experts', '1,8,64');
    expect(fromBin.candidates.map((c: { experts: number }) => c.experts)).toEqual([1, 8, 64]);
    expect(fromBin).toEqual(inProcess);
    const bad = bin(['plan', 'compute', '--flops', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--flops/);
  });

  it('writes a PDF report: pdfkit, ECharts and the fonts load from the built location', async () => {
    const w = await openWorkspace(binDir, 'Bin');
    const id = (await w.save('Bin plan', 'compute', await w.call('plan.compute', { flops: 2e21 }))).id;
    w.close();
    const pdf = join(binDir, 'bin.pdf');
    const r = bin(['report', '--scenario', id, '--pdf', pdf]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('fits in worker threads started from the bundle (fit-worker.js next to it)', () => {
    // Exact Chinchilla-form losses L = E + A/N^α + B/D^β with D = F/(6N): a fit recovers them to rounding.
    const [E, A, alpha, B, beta] = [1.8, 480, 0.35, 2000, 0.37];
    const rows = ['Model Size,Training FLOP,loss'];
    for (const n of [5e7, 1e8, 2e8, 4e8, 8e8, 1.6e9]) {
      for (const tpp of [5, 20, 80]) {
        const d = tpp * n;
        rows.push(`${n},${6 * n * d},${(E + A / n ** alpha + B / d ** beta).toPrecision(12)}`);
      }
    }
    const file = join(binDir, 'runs.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const r = bin(['fit', '--law', 'chinchilla', '--runs', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.result.counts.train).toBe(18);
    expect(v.result.rmseTrain).toBeLessThan(1e-3);
    expect(v.result.coefficients.E).toBeCloseTo(E, 1);
  });
});
