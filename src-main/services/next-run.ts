/** The next-run planner's channels (issue 17, item 3): jobs in a worker thread, and a blocking form for the CLI and reports. */
import type { Handlers } from './handlers';
import { ServiceError } from './errors';
import { NextRunJobs, statusOf } from './next-run/jobs';

type NextRunChannel = 'nextRun.start' | 'nextRun.status' | 'nextRun.cancel' | 'nextRun.propose';

export function createNextRunHandlers(jobs = new NextRunJobs()): Pick<Handlers, NextRunChannel> {
  return {
    'nextRun.start': (r, ctx) => ({ jobId: jobs.start(r, ctx).id }),
    'nextRun.status': (r) => statusOf(jobs.get(r.jobId)),
    'nextRun.cancel': async (r) => {
      const job = await jobs.cancel(r.jobId);
      return { jobId: job.id, state: job.state };
    },
    'nextRun.propose': async (r, ctx) => {
      const job = jobs.start(r, ctx);
      await job.done;
      if (job.state === 'done' && job.result) return job.result;
      const e = job.error;
      throw new ServiceError(e?.code === 'invalid-request' ? 'invalid-request' : 'internal', `The next-run proposal ${job.state}: ${e?.message ?? 'no result'}`, e?.path);
    },
  };
}

export const nextRunHandlers = createNextRunHandlers();
