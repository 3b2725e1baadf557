/**
 * Next-run jobs in this process's memory, like the fit jobs (../fit/jobs.ts): a job runs the
 * engine in a worker thread, its progress is polled with nextRun.status, and finished jobs are
 * kept until pushed out by newer ones (at most `maxJobs`, oldest finished first).
 */
import { randomUUID } from 'node:crypto';
import type { NextRunProgress } from '../../engine/next-run';
import type { ParsedRequestOf, ResponseOf } from '../../ipc/contract';
import { count } from '../../format';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { ENGINE_FIELD_PATH, nextRunAnswer, resolveNextRun } from './input';
import { NextRunCancelled, runNextRunWorker } from './run-worker';

type Status = ResponseOf<'nextRun.status'>;

export interface NextRunJob {
  id: string;
  state: Status['state'];
  progress: Status['progress'];
  started: Date;
  ended: Date | null;
  controller: AbortController;
  done: Promise<void>;
  result: ResponseOf<'nextRun.propose'> | null;
  error: { code: string; message: string; path?: Array<string | number> } | null;
}

function progressOf(p: NextRunProgress, worlds: number): Status['progress'] {
  // The design is quick; the simulated refits are nearly all the work.
  if (p.phase === 'design') return { fraction: worlds > 0 ? 0.05 : 0.95, phase: 'design', label: 'Choosing runs on the linearised law' };
  return { fraction: 0.05 + (0.95 * p.done) / p.total, phase: 'simulate', label: `Simulated refits: ${count(p.done)} of ${count(p.total)} worlds` };
}

export function statusOf(job: NextRunJob): Status {
  const end = job.ended ?? new Date();
  return {
    jobId: job.id,
    state: job.state,
    progress: job.progress,
    startedAt: job.started.toISOString(),
    elapsed: (end.getTime() - job.started.getTime()) / 1000,
    result: job.result,
    error: job.error ? { code: job.error.code, message: job.error.message } : null,
  };
}

export class NextRunJobs {
  private readonly jobs = new Map<string, NextRunJob>();

  constructor(
    readonly maxJobs = 16,
    readonly maxRunning = 2,
  ) {}

  get(id: string): NextRunJob {
    const job = this.jobs.get(id);
    if (!job) throw new ServiceError('not-found', `No next-run job "${id}" (finished jobs are kept until replaced by newer ones)`, ['jobId']);
    return job;
  }

  start(req: ParsedRequestOf<'nextRun.start'>, ctx: ServiceContext): NextRunJob {
    const running = [...this.jobs.values()].filter((j) => j.state === 'running').length;
    if (running >= this.maxRunning) throw new ServiceError('conflict', `${running} next-run proposals are already running; wait for one to finish or cancel it`);
    const { input, context } = resolveNextRun(req, ctx);
    this.evict();
    const controller = new AbortController();
    const job: NextRunJob = {
      id: randomUUID(),
      state: 'running',
      progress: { fraction: 0, phase: 'starting', label: 'Starting the worker thread' },
      started: new Date(),
      ended: null,
      controller,
      done: Promise.resolve(),
      result: null,
      error: null,
    };
    job.done = runNextRunWorker(input, { signal: controller.signal, onProgress: (p) => (job.progress = progressOf(p, req.worlds)) }).then(
      ({ proposal, seconds }) => {
        job.ended = new Date();
        job.result = { ...proposal, ...context, answer: nextRunAnswer(proposal, context.hardware.name), seconds };
        job.state = 'done';
        job.progress = { fraction: 1, phase: 'finished', label: `Finished in ${seconds.toFixed(2)} s` };
      },
      (err: Error) => {
        job.ended = new Date();
        if (err instanceof NextRunCancelled) {
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
    this.jobs.set(job.id, job);
    return job;
  }

  async cancel(id: string): Promise<NextRunJob> {
    const job = this.get(id);
    if (job.state === 'running') {
      job.controller.abort();
      await job.done;
    }
    return job;
  }

  private evict(): void {
    if (this.jobs.size < this.maxJobs) return;
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running').sort((a, b) => a.started.getTime() - b.started.getTime());
    while (this.jobs.size >= this.maxJobs && finished.length) this.jobs.delete(finished.shift()!.id);
  }
}
