/**
 * Bootstrap bands as jobs (issue 17, item 4): a set with more replicates than stay inline answers
 * its plan at once with `bandJob` and no band; the band then runs in a worker thread with progress
 * and cancel, through the contract and the CLI (progress on stderr, Ctrl-C cancels cleanly).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { BandJobs } from '../../../src-main/services/band/jobs';
import { replicateSets } from '../../../src-main/services/replicates';
import { bootstrapPlanBand, INLINE_BAND_REPLICATES } from '../../../src-main/engine/uncertainty';
import { planComputeOptimal } from '../../../src-main/engine/joint';
import { captureIo, runCli } from '../../../src-main/cli/run';
import { contract } from '../../../src-main/ipc/contract';
import { ctx } from '../cli/run-cli';
import { fittedProject } from '../next-run/fixture';

const REPLICATES = 300;
let setId: string;
beforeAll(async () => {
  setId = (await fittedProject(ctx, { samples: REPLICATES, name: 'Band fixture' })).setId;
}, 120_000);

const computeRequest = () => ({ flops: 1e22, experts: [1, 4, 16, 64], coefficientSetId: setId });
/** band.start's request as the dispatch hands it to the service (defaults filled in). */
const parsed = (r: unknown) => contract['band.start'].request.parse(r);

async function value<T = Record<string, any>>(channel: string, request: unknown): Promise<T> {
  const r = await dispatch(handlers, ctx, channel as never, request as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('band jobs', () => {
  it('leaves a band of more than INLINE_BAND_REPLICATES replicates to a job, which re-solves every replicate in a worker', async () => {
    expect(REPLICATES).toBeGreaterThan(INLINE_BAND_REPLICATES);
    const plan = await value('plan.compute', computeRequest());
    expect(plan.best).not.toBeNull();
    expect(plan.uncertainty).toBeNull();
    expect(plan.bandJob).toMatchObject({ replicates: REPLICATES });
    const jobs = new BandJobs();
    const seen: number[] = [];
    const { job, replicates } = jobs.start(parsed({ of: 'plan.compute', request: computeRequest() }), ctx, (_, p) => seen.push(p.done));
    expect(replicates).toBe(REPLICATES);
    await job.done;
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    // Progress every 10 replicates, in order, up to all of them.
    expect(seen).toEqual(Array.from({ length: REPLICATES / 10 }, (_, i) => 10 * (i + 1)));
    // The worker's band is the band of the same replicates re-solved here, in this thread.
    const set = ctx.store().coefficients.get(setId)!;
    const here = bootstrapPlanBand(replicateSets(ctx, set as never)!, planComputeOptimal({ flops: 1e22, experts: [1, 4, 16, 64], coefficients: set as never }));
    expect(job.result).toEqual({ of: 'plan.compute', uncertainty: JSON.parse(JSON.stringify(here)) });
    // A refit of 18 runs can be degenerate (no design at all): the band is over the others, and says so.
    const banded = here!.replicates!;
    expect(banded).toBeGreaterThan(REPLICATES * 0.9);
    if (banded < REPLICATES) expect(here!.label).toMatch(new RegExp(`${REPLICATES - banded} of ${REPLICATES} refits give no feasible design`));
  }, 60_000);

  it('cancelled at its 3rd progress report, a job ends cancelled after 30 replicates with no band, saying the plan stands without it', async () => {
    const jobs = new BandJobs();
    let reports = 0;
    const { job } = jobs.start(parsed({ of: 'plan.compute', request: computeRequest() }), ctx, (j) => {
      if (++reports === 3) j.controller.abort();
    });
    await job.done;
    expect(reports).toBe(3);
    expect(job.state).toBe('cancelled');
    expect(job.result).toBeNull();
    expect(job.progress).toMatchObject({ done: 30, total: REPLICATES });
    expect(job.progress.label).toMatch(/cancelled after 30 of 300 replicates: the plan stands without its band/);
  }, 60_000);

  it('band.start, band.status and band.cancel through the dispatch; a set without replicates is refused at its field', async () => {
    // The worker parks after its first report, so the job is surely running when it is cancelled.
    process.env.MOE_BAND_WORKER_HOLD_AFTER = '1';
    const started = await value<{ jobId: string; replicates: number }>('band.start', { of: 'plan.target', request: { goal: { kind: 'loss', loss: 2.7 }, laws: ['joint'], jointSetId: setId, experts: [1, 8] } });
    expect(started.replicates).toBe(REPLICATES);
    let s = await value('band.status', { jobId: started.jobId });
    delete process.env.MOE_BAND_WORKER_HOLD_AFTER;
    expect(s).toMatchObject({ of: 'plan.target', state: 'running', progress: { total: REPLICATES } });
    expect(await value('band.cancel', { jobId: started.jobId })).toEqual({ jobId: started.jobId, state: 'cancelled' });
    s = await value('band.status', { jobId: started.jobId });
    expect(s).toMatchObject({ state: 'cancelled', result: null });
    const published = await dispatch(handlers, ctx, 'band.start', { of: 'plan.compute', request: { flops: 1e22 } });
    expect(published.ok).toBe(false);
    if (!published.ok) expect(published.error).toMatchObject({ code: 'invalid-request', path: ['request', 'coefficientSetId'] });
  }, 60_000);

  it('the reverse plan leaves its bootstrap band to a job too, and the job fills it in', async () => {
    const req = { goal: { kind: 'loss', loss: 2.7 }, laws: ['joint'], jointSetId: setId, experts: [1, 8] };
    const target = await value('plan.target', req);
    expect(target.bandJob).toMatchObject({ replicates: REPLICATES });
    const w = target.laws[0].winners.find((x: any) => x.objective === 'trainingFlops');
    expect(w.uncertainty).toBeNull();
    const jobs = new BandJobs();
    const { job } = jobs.start(parsed({ of: 'plan.target', request: req }), ctx);
    await job.done;
    expect(job.state).toBe('done');
    const done = job.result as { of: 'plan.target'; target: any };
    const banded = done.target.laws[0].winners.find((x: any) => x.objective === 'trainingFlops');
    expect(banded.uncertainty).toMatchObject({ kind: 'bootstrap', replicates: REPLICATES });
    // The band holds the point answer's training FLOPs between its 5th and 95th percentiles' neighbourhood: low < high, both positive.
    expect(banded.uncertainty.value.low).toBeGreaterThan(0);
    expect(banded.uncertainty.value.low).toBeLessThan(banded.uncertainty.value.high);
    expect(done.target.bandJob).toBeNull();
    expect(banded.design).toEqual(w.design);
  }, 60_000);
});

describe('the CLI runs the band job', () => {
  it('prints progress on stderr and the plan with its band', async () => {
    const r = await runCli(['plan', 'compute', '--flops', '1e22', '--experts', '1,4,16,64', '--coefficients', setId, '--json'], ctx);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.bandJob).toBeNull();
    expect(out.uncertainty).toMatchObject({ kind: 'bootstrap' });
    expect(out.uncertainty.replicates).toBeGreaterThan(REPLICATES * 0.9);
    expect(r.stderr).toMatch(/band: re-solving the plan with 300 bootstrap replicates/);
  }, 60_000);

  it('Ctrl-C while the band runs cancels it, prints the plan without band and says so, exit 130', async () => {
    // The worker parks after its 3rd report (30 of 300 replicates, the first the CLI prints: it
    // prints each new tenth), so the one progress line is 30/300 whenever the CLI's poll lands;
    // parking at 40 raced the poll, which printed 30/300 if it came between the 3rd and 4th reports.
    process.env.MOE_BAND_WORKER_HOLD_AFTER = '3';
    try {
      const io = captureIo();
      const error = io.error;
      io.error = (t: string) => {
        error(t);
        if (/^band: 30\/300 replicates/.test(t)) process.emit('SIGINT');
      };
      const r = await runCli(['plan', 'compute', '--flops', '1e22', '--experts', '1,4,16,64', '--coefficients', setId], ctx, io);
      const err = r.stderr;
      const code = r.code;
      expect(err).toMatch(/band: 30\/300 replicates \(10%\)/);
      expect(err).toMatch(/band cancelled after 30 of 300 replicates: the plan below has no uncertainty band/);
      expect(code).toBe(130);
      expect(r.stdout).toMatch(/How sure: no band \(The band re-solves the plan with each of 300 bootstrap replicates/);
      expect(process.listenerCount('SIGINT')).toBe(0);
    } finally {
      delete process.env.MOE_BAND_WORKER_HOLD_AFTER;
    }
  }, 60_000);
});
