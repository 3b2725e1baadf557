/** Bootstrap bands as jobs (issue 17, item 4): start, poll, cancel; the re-solves run in a worker thread. */
import type { Handlers } from './handlers';
import { BandJobs, statusOf } from './band/jobs';

type BandChannel = 'band.start' | 'band.status' | 'band.cancel';

export function createBandHandlers(jobs = new BandJobs()): Pick<Handlers, BandChannel> {
  return {
    'band.start': (r, ctx) => {
      const { job, replicates } = jobs.start(r, ctx);
      return { jobId: job.id, replicates };
    },
    'band.status': (r) => statusOf(jobs.get(r.jobId)),
    'band.cancel': async (r) => {
      const job = await jobs.cancel(r.jobId);
      return { jobId: job.id, state: job.state };
    },
  };
}

export const bandHandlers = createBandHandlers();
