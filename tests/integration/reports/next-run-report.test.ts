/**
 * A saved next-run proposal ('next-run' scenario) in the PDF and the CSV: the page answers "which
 * runs next, and how much do they narrow the band", with the runs, the band before and after and
 * the citations; the CSV carries each run as raw numbers, equal to the proposal's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { parseCsv } from '../../../src-main/engine/fit/runs-csv';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { fittedProject } from '../next-run/fixture';
import { readSnapshot } from '../../../src-main/schema/snapshots';


describe('reports of a next-run scenario', () => {
  let w: Workspace;
  let proposal: ResponseOf<'nextRun.propose'>;
  let id = '';

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Next-run reports');
    const f = await fittedProject(w.ctx);
    proposal = await w.call('nextRun.propose', { projectId: f.projectId, coefficientSetId: f.setId, targetFlops: 1e22, gpuHours: 2000, hardwareId: 'h100-sxm', worlds: 8 });
    id = (await w.save('Next runs at 1e22', 'next-run', proposal, { coefficientSetId: f.setId, hardwareProfileId: 'h100-sxm' })).id;
  }, 120_000);
  afterAll(() => removeWorkspace(w));

  it('the PDF gives the answer, the runs, the band before and after, the method and the citations', async () => {
    const r = await w.call('reports.pdf', { scenarioIds: [id], paper: 'a4' });
    const text = (await pdfText(new Uint8Array(Buffer.from(r.base64, 'base64')))).text;
    expect(text).toMatch(/Proposed runs on NVIDIA H100 SXM/);
    expect(text).toMatch(/90 % band of the recommendation's loss/);
    expect(text).toMatch(/8 simulated refits/);
    expect(text).toMatch(/Chaloner & Verdinelli/);
    expect(text).toContain('arXiv:2502.05172');
  });

  it('reads through its versioned schema: one saved before proposals echoed their inputs (56e5fcf) still reports; a damaged one is named by its field', async () => {
    expect(readSnapshot(proposal)).toMatchObject({ ok: true, kind: 'next-run', version: 2 });
    // The first next-run scenarios' proposals differ from today's only in having no inputs.
    const { inputs: _inputs, ...first } = proposal;
    expect(readSnapshot(first)).toMatchObject({ ok: true, kind: 'next-run', version: 1, value: { inputs: null, runs: proposal.runs } });
    const old = (await w.save('First next runs', 'next-run', first, {})).id;
    const r = await w.call('reports.pdf', { scenarioIds: [old], paper: 'a4' });
    expect((await pdfText(new Uint8Array(Buffer.from(r.base64, 'base64')))).text).toMatch(/Proposed runs on NVIDIA H100 SXM/);
    const damaged = { ...proposal, runs: [{ ...proposal.runs[0]!, gpuHours: 'many' }] };
    expect(readSnapshot(damaged)).toMatchObject({ ok: false, kind: 'next-run', problem: expect.stringMatching(/^runs\[0\]\.gpuHours: expected number/) });
    // scenarios.get says the same, so a page reopening the scenario (which cannot check them itself) knows what it holds.
    expect((await w.call('scenarios.get', { id: old })).snapshot).toEqual({ ok: true, kind: 'next-run', version: 1 });
    const bad = (await w.save('Damaged next runs', 'next-run', damaged, {})).id;
    expect((await w.call('scenarios.get', { id: bad })).snapshot).toMatchObject({ ok: false, kind: 'next-run', problem: expect.stringMatching(/^runs\[0\]\.gpuHours: expected number/) });
    expect((await w.call('scenarios.get', { id })).snapshot).toEqual({ ok: true, kind: 'next-run', version: 2 });
  });

  it('the CSV holds every proposed run as raw numbers with units in the header', async () => {
    const r = await w.call('reports.csv', { kind: 'scenario', id });
    const { records, errors } = parseCsv(r.content);
    expect(errors).toEqual([]);
    expect(records[0]!.fields.slice(0, 6)).toEqual(['run', 'nAct (parameters)', 'tokens (tokens)', 'experts (experts)', 'flops (FLOPs)', 'gpuHours (GPU-hours)']);
    expect(records.length - 1).toBe(proposal.runs.length);
    proposal.runs.forEach((run, i) => {
      const f = records[i + 1]!.fields;
      expect(Number(f[1])).toBe(run.nAct);
      expect(Number(f[2])).toBe(run.tokens);
      expect(Number(f[3])).toBe(run.experts);
      expect(Number(f[5])).toBe(run.gpuHours);
      // GPU-hours as LAWS.md §7 defines them, on the seed H100 (989.4 TFLOP/s) at its 40 % default.
      expect(Number(f[5])).toBeCloseTo((6 * run.nAct * run.tokens) / (9.894e14 * 0.4) / 3600, 6);
    });
  });
});
