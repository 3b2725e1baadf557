/** `moe-workbench report` (in-process through runCli) writes the PDF and the CSV it prints, with their sizes. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/engine/fit/runs-csv';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { cli, dataDir } from '../cli/run-cli';
import { openWorkspace, type Workspace } from '../../unit/reports/workspace';

describe('moe-workbench report', () => {
  let w: Workspace;
  let plan: ResponseOf<'plan.compute'>;
  const ids: string[] = [];

  beforeAll(async () => {
    // Scenarios saved in the CLI's own data folder, then that store closed before the CLI opens its own.
    w = await openWorkspace(dataDir, 'CLI reports');
    plan = await w.call('plan.compute', { flops: 2e21 });
    ids.push((await w.save('CLI compute, 2e21', 'compute', plan)).id);
    ids.push((await w.save('CLI memory', 'memory', await w.call('plan.memory', { flops: 2e21, memoryBytes: 20e9 }))).id);
    w.close();
  });
  afterAll(() => w.close());

  it('writes the PDF and the CSV of one scenario and prints both with their sizes', async () => {
    const pdfPath = join(dataDir, 'out.pdf');
    const csvPath = join(dataDir, 'out.csv');
    const r = await cli('report', '--scenario', ids[0]!, '--pdf', pdfPath, '--csv', csvPath, '--paper', 'letter');
    expect(r.code, r.stderr).toBe(0);
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.stdout).toContain(`Wrote ${pdfPath} (${statSync(pdfPath).size.toLocaleString('en-US')} bytes)`);
    expect(r.stdout).toContain(`Wrote ${csvPath} (${statSync(csvPath).size.toLocaleString('en-US')} bytes)`);
    const { records, errors } = parseCsv(readFileSync(csvPath, 'utf8'));
    expect(errors).toEqual([]);
    const header = records[0]!.fields;
    const best = records.find((rec) => rec.fields[header.indexOf('best')] === 'true')!;
    expect(Number(best.fields[header.indexOf('experts (experts)')])).toBe(plan.best!.experts);
    expect(Number(best.fields[header.indexOf('nAct (parameters)')])).toBe(plan.best!.nAct);
  });

  it('a comparison of two scenarios writes the comparison table', async () => {
    const csvPath = join(dataDir, 'cmp.csv');
    const r = await cli('report', '--scenario', ids.join(','), '--csv', csvPath);
    expect(r.code, r.stderr).toBe(0);
    const { records } = parseCsv(readFileSync(csvPath, 'utf8'));
    expect(records[0]!.fields).toEqual(['quantity', 'key', 'unit', 'differs', `CLI compute, 2e21 [${ids[0]}]`, `CLI memory [${ids[1]}]`]);
  });

  it('exits non-zero naming the problem: no output file, unknown scenario', async () => {
    const none = await cli('report', '--scenario', ids[0]!);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--pdf/);
    const unknown = await cli('report', '--scenario', 'no-such-scenario', '--pdf', join(dataDir, 'x.pdf'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no-such-scenario/);
  });
});
