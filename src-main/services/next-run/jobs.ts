/**
 * Next-run jobs (../jobs/job-table.ts): a job runs the engine in a worker thread, its progress is
 * polled with nextRun.status, and finished jobs are kept until pushed out by newer ones.
 */
import type { NextRunProgress } from '../../engine/next-run';
import type { ParsedRequestOf, ResponseOf } from '../../ipc/contract';
import { count, seconds as fmtSeconds } from '../../format';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { elapsedSeconds, JobTable, newJob, type JobBase } from '../jobs/job-table';
import { JobCancelled } from '../jobs/run-in-worker';
import { ENGINE_FIELD_PATH, nextRunAnswer, resolveNextRun } from './input';
import { runNextRunWorker } from './run-worker';

type Status = ResponseOf<'nextRun.status'>;

export interface NextRunJob extends JobBase {
  progress: Status['progress'];
  result: ResponseOf<'nextRun.propose'> | null;
  error: { code: string; message: string; path?: Array<string | number> } | null;
}

function progressOf(p: NextRunProgress, worlds: number): Status['progress'] {
  // The design is quick; the simulated refits are nearly all the work.
  if (p.phase === 'design') return { fraction: worlds > 0 ? 0.05 : 0.95, phase: 'design', label: 'Choosing runs on the linearised law' };
  return { fraction: 0.05 + (0.95 * p.done) / p.total, phase: 'simulate', label: `Simulated refits: ${count(p.done)} of ${count(p.total)} worlds` };
}

export function statusOf(job: NextRunJob): Status {
  return {
    jobId: job.id,
    state: job.state,
    progress: job.progress,
    startedAt: job.started.toISOString(),
    elapsed: elapsedSeconds(job),
    result: job.result,
    error: job.error ? { code: job.error.code, message: job.error.message } : null,
  };
}

export class NextRunJobs {
  private readonly table: JobTable<NextRunJob>;

  constructor(maxJobs = 16, maxRunning = 2) {
    this.table = new JobTable<NextRunJob>('next-run', maxJobs, maxRunning);
  }

  get(id: string): NextRunJob {
    return this.table.get(id);
  }

  start(req: ParsedRequestOf<'nextRun.start'>, ctx: ServiceContext): NextRunJob {
    this.table.checkRoom();
    const { input, context } = resolveNextRun(req, ctx);
    const job: NextRunJob = { ...newJob(), progress: { fraction: 0, phase: 'starting', label: 'Starting the worker thread' }, result: null, error: null };
    job.done = runNextRunWorker(input, { signal: job.controller.signal, onProgress: (p) => (job.progress = progressOf(p, req.worlds)) }).then(
      ({ proposal, seconds }) => {
        job.ended = new Date();
        job.result = { ...proposal, ...context, answer: nextRunAnswer(proposal, context.hardware.name), seconds };
        job.state = 'done';
        job.progress = { fraction: 1, phase: 'finished', label: `Finished in ${fmtSeconds(seconds)}` };
      },
      (err: Error) => {
        job.ended = new Date();
        if (err instanceof JobCancelled) {
          job.state = 'cancelled';
          job.progress = { ...job.progress, phase: 'finished', label: 'Cancelled' };
          return;
        }
        job.state = 'failed';
        const path = err instanceof ServiceError ? err.path?.flatMap((f) => ENGINE_FIELD_PATH[String(f)] ?? String(f).split('.')) : undefined;
        job.error = { code: err instanceof ServiceError ? err.code : 'internal', message: err.message, ...(path ? { path } : {}) };
        job.progress = { ...job.progress, phase: 'finished', label: 'Failed' };
      },
    );
    return this.table.add(job);
  }

  cancel(id: string): Promise<NextRunJob> {
    return this.table.cancel(id);
  }
}
