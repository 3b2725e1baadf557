/**
 * The next-run planner through the contract (a job in a worker thread: start, status, cancel)
 * and the CLI (`next-runs`, in words and --json), on a project fitted with bootstrap replicates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, cliJson, ctx } from '../cli/run-cli';
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
    const tiny = await dispatch(handlers, ctx, 'nextRun.start', { projectId: fixture.projectId, coefficientSetId: fixture.setId, targetFlops: 1e22, gpuHours: 0.001, hardwareId: 'h100-sxm' });
    expect(tiny.ok).toBe(false);
    if (!tiny.ok) expect(tiny.error).toMatchObject({ code: 'invalid-request', path: ['gpuHours'] });
    const nope = await dispatch(handlers, ctx, 'nextRun.start', { projectId: 'no-such-project', coefficientSetId: fixture.setId, targetFlops: 1e22, gpuHours: 2000, hardwareId: 'h100-sxm' });
    expect(nope.ok).toBe(false);
    if (!nope.ok) expect(nope.error.code).toBe('not-found');
  }, 60_000);

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
