/**
 * Band jobs (../jobs/job-table.ts): the plan is solved here (cheap), its replicate re-solves run
 * in a worker thread (./worker.ts), progress is polled with band.status, and a cancelled job
 * leaves the plan without its band.
 */
import type { ParsedRequestOf, ResponseOf } from '../../ipc/contract';
import { count, seconds as fmtSeconds } from '../../format';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { elapsedSeconds, JobTable, newJob, type JobBase } from '../jobs/job-table';
import { JobCancelled, runInWorker, workerUrl } from '../jobs/run-in-worker';
import { solveForwardPlan } from '../joint';
import { replicateSets } from '../replicates';
import { resolveTarget, targetResponse } from '../target';
import type { BandProgress, BandWorkerInput, BandWorkerOutput } from './protocol';

type Request = ParsedRequestOf<'band.start'>;
type Status = ResponseOf<'band.status'>;

export interface BandJob extends JobBase {
  of: Request['of'];
  progress: Status['progress'];
  result: Status['result'];
  error: Status['error'];
}

export function statusOf(job: BandJob): Status {
  return { jobId: job.id, of: job.of, state: job.state, progress: job.progress, startedAt: job.started.toISOString(), elapsed: elapsedSeconds(job), result: job.result, error: job.error };
}

const progressLabel = (p: BandProgress) => `Bootstrap replicates re-solved: ${count(p.done)} of ${count(p.total)}`;

/** What the worker re-solves and how its answer becomes the job's result. */
function prepare(req: Request, ctx: ServiceContext): { input: BandWorkerInput; replicates: number; finish: (out: BandWorkerOutput) => NonNullable<Status['result']> } {
  if (req.of === 'plan.target') {
    const t = resolveTarget(req.request, ctx);
    if (t.replicates === 0) throw new ServiceError('invalid-request', 'No coefficient set of this plan has bootstrap replicates: its band (if any) is the published fit error, given with the plan', ['request']);
    return {
      input: { of: 'target', options: t.options },
      replicates: t.replicates,
      finish: (out) => {
        if (out.of !== 'target') throw new Error('band worker answered a reverse plan with a forward band');
        return { of: 'plan.target', target: targetResponse(out.result, req.request, t, null) };
      },
    };
  }
  const { set, plan } = solveForwardPlan(req.of, req.request as never, ctx);
  const reps = replicateSets(ctx, set);
  if (!reps) throw new ServiceError('invalid-request', `Coefficient set "${set.id}" has no bootstrap replicates: its band (if any) is the published fit error, given with the plan`, ['request', 'coefficientSetId']);
  return {
    input: { of: 'forward', replicates: reps, plan },
    replicates: reps.length,
    finish: (out) => {
      if (out.of !== 'forward') throw new Error('band worker answered a forward plan with a reverse plan');
      return { of: req.of as 'plan.compute', uncertainty: out.band };
    },
  };
}

export class BandJobs {
  private readonly table: JobTable<BandJob>;

  constructor(maxJobs = 16, maxRunning = 4) {
    this.table = new JobTable<BandJob>('band', maxJobs, maxRunning);
  }

  get(id: string): BandJob {
    return this.table.get(id);
  }

  /** Solves the plan and starts its band; `onProgress` sees each report after the job has taken it (tests cancel from it). */
  start(req: Request, ctx: ServiceContext, onProgress?: (job: BandJob, p: BandProgress) => void): { job: BandJob; replicates: number } {
    this.table.checkRoom();
    const { input, replicates, finish } = prepare(req, ctx);
    const job: BandJob = { ...newJob(), of: req.of, progress: { fraction: 0, done: 0, total: replicates, label: 'Starting the worker thread' }, result: null, error: null };
    const url = workerUrl(import.meta.url, './worker.ts', './band-worker.js', 'MOE_BAND_WORKER');
    job.done = runInWorker<BandWorkerInput, BandProgress, BandWorkerOutput>(url, input, {
      what: 'Band',
      signal: job.controller.signal,
      onProgress: (p) => {
        job.progress = { fraction: p.done / p.total, done: p.done, total: p.total, label: progressLabel(p) };
        onProgress?.(job, p);
      },
    }).then(
      ({ value, seconds }) => {
        job.ended = new Date();
        try {
          job.result = finish(value);
          job.state = 'done';
          job.progress = { ...job.progress, fraction: 1, done: replicates, label: `${count(replicates)} replicates re-solved in ${fmtSeconds(seconds)}` };
        } catch (err) {
          job.state = 'failed';
          job.error = { code: 'internal', message: (err as Error).message };
        }
      },
      (err: Error) => {
        job.ended = new Date();
        if (err instanceof JobCancelled) {
          job.state = 'cancelled';
          job.progress = { ...job.progress, label: `Band cancelled after ${count(job.progress.done)} of ${count(job.progress.total)} replicates: the plan stands without its band` };
          return;
        }
        job.state = 'failed';
        job.error = { code: err instanceof ServiceError ? err.code : 'internal', message: err.message };
        job.progress = { ...job.progress, label: 'Failed' };
      },
    );
    return { job: this.table.add(job), replicates };
  }

  cancel(id: string): Promise<BandJob> {
    return this.table.cancel(id);
  }
}
