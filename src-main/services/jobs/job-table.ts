/**
 * Background jobs in this process's memory, shared by the fit, next-run and band jobs: a job is
 * started with an AbortController, its `done` promise settles its state, its status is polled by
 * id, and finished jobs are kept until pushed out by newer ones (at most `maxJobs`, in the order
 * `evictionRank` then age). At most `maxRunning` run at once.
 */
import { randomUUID } from 'node:crypto';
import type { JobState } from '../../ipc/contract/common';
import { ServiceError } from '../errors';

export type { JobState };

export interface JobBase {
  id: string;
  state: JobState;
  started: Date;
  ended: Date | null;
  controller: AbortController;
  done: Promise<void>;
}

/** The common fields of a job that starts now. */
export function newJob(): JobBase {
  return { id: randomUUID(), state: 'running', started: new Date(), ended: null, controller: new AbortController(), done: Promise.resolve() };
}

/** Seconds since the job started (until it ended, once it has). */
export function elapsedSeconds(job: JobBase): number {
  return ((job.ended ?? new Date()).getTime() - job.started.getTime()) / 1000;
}

export class JobTable<J extends JobBase> {
  private readonly jobs = new Map<string, J>();

  constructor(
    /** What the jobs are, in messages: "fit", "next-run proposal". */
    private readonly noun: string,
    readonly maxJobs = 16,
    readonly maxRunning = 2,
    /** Finished jobs with the lowest rank go first (default: all equal, oldest first). */
    private readonly evictionRank: (job: J) => number = () => 0,
    /** Added to "No … job" when an id is unknown. */
    private readonly keptNote = 'finished jobs are kept until replaced by newer ones',
  ) {}

  get(id: string): J {
    const job = this.jobs.get(id);
    if (!job) throw new ServiceError('not-found', `No ${this.noun} job "${id}" (${this.keptNote})`, ['jobId']);
    return job;
  }

  /** Refuses a start beyond `maxRunning`; call before validating and starting a job's work. */
  checkRoom(): void {
    const running = [...this.jobs.values()].filter((j) => j.state === 'running').length;
    if (running >= this.maxRunning) throw new ServiceError('conflict', `${running} ${this.noun} jobs are already running; wait for one to finish or cancel it`);
  }

  /** Keeps a started job, first pushing out finished ones beyond the limit. */
  add(job: J): J {
    if (this.jobs.size >= this.maxJobs) {
      const finished = [...this.jobs.values()].filter((j) => j.state !== 'running').sort((a, b) => this.evictionRank(a) - this.evictionRank(b) || a.started.getTime() - b.started.getTime());
      while (this.jobs.size >= this.maxJobs && finished.length) this.jobs.delete(finished.shift()!.id);
    }
    this.jobs.set(job.id, job);
    return job;
  }

  /** Stops a running job and waits until its work has ended. */
  async cancel(id: string): Promise<J> {
    const job = this.get(id);
    if (job.state === 'running') {
      job.controller.abort();
      await job.done;
    }
    return job;
  }

  /** Cancels a job if it runs and forgets it. */
  async discard(id: string): Promise<string> {
    const job = await this.cancel(id);
    this.jobs.delete(job.id);
    return job.id;
  }
}
