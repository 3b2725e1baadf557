/**
 * The next-run planner through the contract (a job in a worker thread: start, status, cancel)
 * and the CLI (`next-runs`, in words and --json), on a project fitted with bootstrap replicates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, cliJson, ctx } from '../cli/run-cli';
import { pdfText } from '../reports/pdf-text';
import { fittedProject } from './fixture';

let fixture: Awaited<ReturnType<typeof fittedProject>>;
beforeAll(async () => {
  fixture = await fittedProject(ctx);
}, 120_000);

// The seed profile: NVIDIA H100 SXM datasheet, 989.4 TFLOP/s dense BF16.
const H100_PEAK = 9.894e14;

async function status(jobId: string): Promise<Record<string, any>> {
  const r = await dispatch(handlers, ctx, 'nextRun.status', { jobId });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Record<string, any>;
}

describe('moe-workbench next-runs', () => {
  it('proposes at most --count runs within the allowance, each costed as 6·N·D / (peak × utilisation), with the band before and after', async () => {
    const v = await cliJson('next-runs', '--project', fixture.projectId, '--coefficient-set', fixture.setId, '--budget', '1e22', '--gpu-hours', '2000', '--hardware', 'h100-sxm', '--utilization', '0.4', '--count', '3', '--worlds', '12');
    expect(v.runs.length).toBeGreaterThan(0);
    expect(v.runs.length).toBeLessThanOrEqual(3);
    for (const r of v.runs) expect(r.gpuHours).toBeCloseTo((6 * r.nAct * r.tokens) / (H100_PEAK * 0.4) / 3600, 6);
    expect(v.gpuHours).toBeLessThanOrEqual(2000);
    expect(v.hardware).toMatchObject({ id: 'h100-sxm', utilization: 0.4 });
    expect(v.project).toEqual({ id: fixture.projectId, name: 'Next-run fixture', runs: fixture.runs });
    expect(v.provenance.coefficientSet.id).toBe(fixture.setId);
    expect(v.simulated.worlds).toBe(12);
    // The recommendation lies inside each band it is given with.
    for (const b of [v.bootstrapBand, v.predicted.before, v.simulated.before]) expect(b.low).toBeLessThan(b.high);
    expect(v.predicted.after.high - v.predicted.after.low).toBeLessThanOrEqual(v.predicted.before.high - v.predicted.before.low);
    // The target lies far beyond the stored runs (≤ 3.5e18 FLOPs): flagged with how far.
    expect(v.flags.find((f: any) => f.code === 'next-run-target-beyond-runs').factor).toBeGreaterThan(1000);
    const words = await cli('next-runs', '--project', fixture.projectId, '--coefficient-set', fixture.setId, '--budget', '1e22', '--gpu-hours', '2000', '--hardware', 'h100-sxm', '--worlds', '0');
    expect(words.code).toBe(0);
    expect(words.stdout).toMatch(/GPU-hours/);
    expect(words.stdout).toMatch(/90 % band of the loss/);
    expect(words.stdout).toMatch(/Chaloner & Verdinelli/);
  }, 120_000);

  it('refuses a published set (no replicates), an allowance no run fits in, and an unknown project, naming the field', async () => {
    const published = await cli('next-runs', '--project', fixture.projectId, '--coefficient-set', 'ludziejewski2025-joint', '--budget', '1e22', '--gpu-hours', '2000', '--hardware', 'h100-sxm', '--json');
    expect(published.code).not.toBe(0);
    const error = JSON.parse(published.stdout || published.stderr).error;
    expect(error.path).toEqual(['coefficientSetId']);
    expect(error.message).toMatch(/bootstrap replicates/);
    // A Chinchilla-form (dense) set is refused with the reason the synthetic test measured.
    const dense = await cli('next-runs', '--project', fixture.projectId, '--coefficient-set', 'besiroglu2024', '--budget', '1e22', '--gpu-hours', '2000', '--hardware', 'h100-sxm', '--json');
    expect(dense.code).not.toBe(0);
    const denseError = JSON.parse(dense.stdout || dense.stderr).error;
    expect(denseError.path).toEqual(['coefficientSetId']);
    expect(denseError.message).toMatch(/does not take Chinchilla-form \(dense\) fits yet/);
    expect(denseError.message).toMatch(/not better than the obvious ladder of three runs at 20 tokens per parameter/);
    const tiny = await dispatch(handlers, ctx, 'nextRun.start', { projectId: fixture.projectId, coefficientSetId: fixture.setId, targetFlops: 1e22, gpuHours: 0.001, hardwareId: 'h100-sxm' });
    expect(tiny.ok).toBe(false);
    if (!tiny.ok) expect(tiny.error).toMatchObject({ code: 'invalid-request', path: ['gpuHours'] });
    const nope = await dispatch(handlers, ctx, 'nextRun.start', { projectId: 'no-such-project', coefficientSetId: fixture.setId, targetFlops: 1e22, gpuHours: 2000, hardwareId: 'h100-sxm' });
    expect(nope.ok).toBe(false);
    if (!nope.ok) expect(nope.error.code).toBe('not-found');
  }, 60_000);

  it('--save NAME keeps the proposal in --project as a next-run scenario whose inputs reopen the page, listed, and laid out in the PDF', async () => {
    const args = ['next-runs', '--project', fixture.projectId, '--coefficient-set', fixture.setId, '--budget', '1e22', '--gpu-hours', '2000', '--hardware', 'h100-sxm', '--worlds', '6', '--seed', '5'];
    const saved = await cli(...args, '--save', 'Next runs from the CLI', '--tags', 'ablations, q3', '--json');
    expect(saved.code).toBe(0);
    const id = /Saved scenario "Next runs from the CLI" \[([^\]]+)\] in project/.exec(saved.stderr)?.[1];
    expect(id).toBeTruthy();
    const v = JSON.parse(saved.stdout);
    const s = await dispatch(handlers, ctx, 'scenarios.get', { id: id! });
    if (!s.ok) throw new Error(s.error.message);
    const scenario = s.value as Record<string, any>;
    expect(scenario).toMatchObject({ wizard: 'next-run', projectId: fixture.projectId, coefficientSetId: fixture.setId, hardwareProfileId: 'h100-sxm', tags: ['ablations', 'q3'] });
    // The inputs are the page's fields with every default filled: the default grid is 50 M–1.6 B × 5–80 tokens per parameter × E = 1–32, doubling.
    expect(scenario.inputs).toEqual({
      projectId: fixture.projectId,
      coefficientSetId: fixture.setId,
      targetFlops: 1e22,
      gpuHours: 2000,
      hardwareId: 'h100-sxm',
      utilization: null,
      count: 3,
      quantity: 'loss',
      experts: null,
      worlds: 6,
      seed: 5,
      candidates: { nAct: [5e7, 1e8, 2e8, 4e8, 8e8, 1.6e9], tokensPerParam: [5, 10, 20, 40, 80], experts: [1, 2, 4, 8, 16, 32] },
    });
    expect(scenario.results.runs).toEqual(v.runs);
    const listed = await cliJson('scenarios', 'list', '--project', fixture.projectId);
    expect(listed.items.map((x: any) => x.id)).toContain(id);
    // The report page of the saved proposal: the runs on the hardware, the band before and after, the method and its citation.
    const pdf = await dispatch(handlers, ctx, 'reports.pdf', { scenarioIds: [id!], paper: 'a4' });
    if (!pdf.ok) throw new Error(pdf.error.message);
    const text = (await pdfText(new Uint8Array(Buffer.from((pdf.value as { base64: string }).base64, 'base64')))).text;
    expect(text).toContain('Next runs from the CLI');
    expect(text).toMatch(/Proposed runs on NVIDIA H100 SXM/);
    expect(text).toMatch(/90 % band of the recommendation's loss at 1(\.0+)? ?[×x] ?10/);
    expect(text).toMatch(/6 simulated refits/);
    expect(text).toMatch(/Chaloner & Verdinelli/);
    // Saving needs a project to save into; a scenario name alone is refused before anything runs.
    const noName = await cli('next-runs', '--coefficient-set', fixture.setId, '--budget', '1e22', '--gpu-hours', '2000', '--hardware', 'h100-sxm', '--save', 'x');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/--save needs --project/);
  }, 120_000);

  it('--grid-n-act, --grid-tokens-per-param and --grid-experts set the candidate grid (lists or FROM:TO:FACTOR); a bad axis names its option', async () => {
    const base = ['next-runs', '--project', fixture.projectId, '--coefficient-set', fixture.setId, '--budget', '1e22', '--gpu-hours', '2000', '--hardware', 'h100-sxm', '--worlds', '0'];
    const v = await cliJson(...base, '--grid-n-act', '1e8:4e8:2', '--grid-tokens-per-param', '20', '--grid-experts', '1,8');
    expect(v.inputs.candidates).toEqual({ nAct: [1e8, 2e8, 4e8], tokensPerParam: [20], experts: [1, 8] });
    // 3 sizes × 1 ratio × 2 expert counts, every one within 2,000 GPU-hours on the H100 at 40 % (the largest: 6·4e8·8e9 / (989.4e12 × 0.4) / 3600 ≈ 13.5).
    expect(v.candidates).toBe(6);
    for (const r of v.runs) {
      expect([1e8, 2e8, 4e8]).toContain(r.nAct);
      expect(r.tokens).toBe(20 * r.nAct);
      expect([1, 8]).toContain(r.experts);
    }
    // One axis given: the others keep the default grid's.
    const one = await cliJson(...base, '--grid-experts', '4');
    expect(one.inputs.candidates).toEqual({ nAct: [5e7, 1e8, 2e8, 4e8, 8e8, 1.6e9], tokensPerParam: [5, 10, 20, 40, 80], experts: [4] });
    for (const r of one.runs) expect(r.experts).toBe(4);

    const small = await cli(...base, '--grid-n-act', '1e5,1e8');
    expect(small.code).not.toBe(0);
    expect(small.stderr).toMatch(/nAct must be at least 1000000 parameters.*\(option --grid-n-act\)/);
    const backwards = await cli(...base, '--grid-tokens-per-param', '80:5:2');
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/--grid-tokens-per-param: the range ends \(5\) below where it starts \(80\)/);
    const fractional = await cli(...base, '--grid-experts', '1,2.5');
    expect(fractional.code).toBe(2);
    expect(fractional.stderr).toMatch(/--grid-experts: "2.5" is not a whole number/);
  }, 120_000);

  it('runs as a job: status reports progress and the result; cancel stops a running job', async () => {
    const req = { projectId: fixture.projectId, coefficientSetId: fixture.setId, targetFlops: 1e22, gpuHours: 2000, hardwareId: 'h100-sxm', worlds: 8 };
    const started = await dispatch(handlers, ctx, 'nextRun.start', req);
    expect(started.ok).toBe(true);
    if (!started.ok) throw new Error(started.error.message);
    const jobId = (started.value as { jobId: string }).jobId;
    let s = await status(jobId);
    while (s.state === 'running') {
      await new Promise((r) => setImmediate(r));
      s = await status(jobId);
    }
    expect(s.state).toBe('done');
    expect(s.progress.fraction).toBe(1);
    expect(s.result.runs.length).toBeGreaterThan(0);

    const long = await dispatch(handlers, ctx, 'nextRun.start', { ...req, worlds: 500 });
    if (!long.ok) throw new Error(long.error.message);
    const longId = (long.value as { jobId: string }).jobId;
    const cancelled = await dispatch(handlers, ctx, 'nextRun.cancel', { jobId: longId });
    expect(cancelled.ok && cancelled.value).toEqual({ jobId: longId, state: 'cancelled' });
    expect((await status(longId)).result).toBeNull();
  }, 120_000);
});
