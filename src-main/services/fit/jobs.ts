/**
 * Fit jobs (../jobs/job-table.ts): a job runs through runFit (worker threads, so the calling
 * thread never blocks), its progress is polled with fit.status, and a finished result is kept
 * until it is discarded or pushed out by newer jobs (saved, cancelled and failed jobs go first,
 * then unsaved results, oldest first).
 */
import { seconds, whole } from '../../format';
import { prepareFit, type FitLawId, type FitOptions } from '../../engine/fit';
import type { ParsedRequestOf, ResponseOf } from '../../ipc/contract';
import type { FitResultData } from '../../ipc/contract/fit';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { elapsedSeconds, JobTable, newJob, type JobBase } from '../jobs/job-table';
import { runFit, type FitServiceProgress, type RunFitOptions } from './run-fit';
import { fitOptions, resolveSource, type FitSettings, type SourceDetail } from './source';
import { resultData } from './result-data';

type Status = ResponseOf<'fit.status'>;

export interface FitJob extends JobBase {
  law: FitLawId;
  progress: Status['progress'];
  source: string;
  sourceDetail: SourceDetail;
  settings: FitSettings;
  /** What the fitter was given (the runs, δ, grid, drops…): how the result was computed is explained from it. */
  options: FitOptions;
  result: FitResultData | null;
  /** The bootstrap replicates' coefficients (engine names), saved with the set for uncertainty bands. */
  replicates: Array<Record<string, number>> | null;
  error: { code: string; message: string } | null;
  savedSetId: string | null;
}

const PHASE_LABEL: Record<Status['progress']['phase'], (done: number, total: number) => string> = {
  starting: () => 'Starting worker threads',
  screen: (d, t) => `Screening starts: ${whole(d)} of ${whole(t)}`,
  refine: (d, t) => `Refining the best starts: ${d} of ${t}`,
  outliers: () => 'Down-weighting outliers and refitting',
  bootstrap: (d, t) => `Bootstrap replicates: ${d} of ${t}`,
  finished: () => 'Finished',
};

function progressOf(p: FitServiceProgress): Status['progress'] {
  return { fraction: p.fraction, phase: p.phase, label: PHASE_LABEL[p.phase](p.done, p.total), done: p.done, total: p.total };
}

export function statusOf(job: FitJob): Status {
  return {
    jobId: job.id,
    law: job.law,
    state: job.state,
    progress: job.progress,
    source: job.source,
    startedAt: job.started.toISOString(),
    elapsed: elapsedSeconds(job),
    result: job.result,
    error: job.error,
    savedSetId: job.savedSetId,
  };
}

/** The request setting an engine message names first (the engine says "holdout…" for holdoutLowest), so the error lands at its field. */
function settingOf(message: string): string[] {
  const key = /^(delta|dropHighest|holdout|bootstrap|grid|experts|outliers)\b/.exec(message)?.[1];
  if (!key) return [];
  return [key === 'holdout' ? 'holdoutLowest' : key === 'outliers' ? 'outlierThreshold' : key];
}

export class FitJobs {
  private readonly table: JobTable<FitJob>;

  constructor(maxJobs = 16, maxRunning = 2) {
    // An unsaved result is pushed out after saved, cancelled and failed jobs.
    const rank = (j: FitJob) => (j.state === 'done' && !j.savedSetId ? 1 : 0);
    this.table = new JobTable<FitJob>('fit', maxJobs, maxRunning, rank, 'finished jobs are kept until discarded or replaced by newer ones');
  }

  get(id: string): FitJob {
    return this.table.get(id);
  }

  /** Validates the request and the runs (naming the field) before any worker starts, then starts the job. */
  start(req: ParsedRequestOf<'fit.start'>, ctx: ServiceContext): FitJob {
    this.table.checkRoom();
    const { runs, text, detail } = resolveSource(req.law, req.source, ctx);
    const options = fitOptions(req.law, runs, req.options);
    try {
      prepareFit(options); // validates delta, grid, holdout… naming the field
    } catch (err) {
      throw new ServiceError('invalid-request', (err as Error).message, ['options', ...settingOf((err as Error).message)]);
    }
    const job: FitJob = {
      ...newJob(),
      law: req.law,
      progress: { fraction: 0, phase: 'starting', label: PHASE_LABEL.starting(0, 0), done: 0, total: 0 },
      source: text,
      sourceDetail: detail,
      settings: req.options,
      options,
      result: null,
      replicates: null,
      error: null,
      savedSetId: null,
    };
    const controller = job.controller;
    const run: RunFitOptions = { signal: controller.signal, onProgress: (p) => (job.progress = progressOf(p)) };
    if (ctx.fitWorkers !== undefined) run.workers = ctx.fitWorkers;
    job.done = runFit(options, run).then(
      (result) => {
        job.ended = new Date();
        if (job.state !== 'running') return;
        try {
          job.result = resultData(result, runs);
          job.replicates = result.replicates ?? null;
          job.state = 'done';
          job.progress = { fraction: 1, phase: 'finished', label: `Finished in ${seconds(result.seconds)}`, done: 1, total: 1 };
        } catch (err) {
          job.state = 'failed';
          job.error = { code: 'internal', message: (err as Error).message };
        }
      },
      (err: Error) => {
        job.ended = new Date();
        if (err.name === 'FitCancelledError' || controller.signal.aborted) {
          job.state = 'cancelled';
          job.progress = { ...job.progress, phase: 'finished', label: 'Cancelled' };
        } else {
          job.state = 'failed';
          job.error = { code: err.name === 'Error' ? 'internal' : err.name, message: err.message };
          job.progress = { ...job.progress, phase: 'finished', label: 'Failed' };
        }
      },
    );
    return this.table.add(job);
  }

  /** Stops a running job and waits for its workers to end. */
  cancel(id: string): Promise<FitJob> {
    return this.table.cancel(id);
  }

  discard(id: string): Promise<string> {
    return this.table.discard(id);
  }
}
