/**
 * The fitter's channels (issue 8): CSV runs into a project (fit/runs-csv), fit jobs in worker
 * threads (fit/jobs), and saving a fit as a user coefficient set (fit/save).
 */
import { lossModel, resolveGrid, SAVABLE_FIT_LAW_IDS, type FitLawId } from '../engine/fit';
import type { ResponseOf } from '../ipc/contract';
import { FIT_PRESETS } from '../ipc/contract/fit-presets';
import { procedureOf } from '../engine/explain';
import type { Handlers } from './handlers';
import { ServiceError } from './errors';
import { FitJobs, statusOf } from './fit/jobs';
import { importRunsIntoProject, previewRuns } from './fit/runs-csv';
import { saveFit } from './fit/save';

function defaults(law: FitLawId): ResponseOf<'fit.defaults'> {
  const model = lossModel(law);
  const grid = model.defaultGrid();
  return {
    law,
    params: model.params.map((p) => ({ ...p })),
    coefficients: [...model.coefficients],
    requires: [...model.requires],
    delta: model.defaultDelta,
    grid: Object.fromEntries(Object.entries(grid).map(([k, v]) => [k, [...v]])),
    starts: resolveGrid(model, undefined, false, new Map()).size,
    savable: SAVABLE_FIT_LAW_IDS.includes(law),
    procedure: procedureOf(law),
    presets: FIT_PRESETS.filter((p) => p.law === law).map((p) => ({ id: p.id, name: p.name, settings: { ...p.settings }, summary: p.summary, citation: p.citation })),
  };
}

type FitChannel = 'runs.preview' | 'runs.import' | 'runs.list' | 'fit.defaults' | 'fit.start' | 'fit.status' | 'fit.cancel' | 'fit.discard' | 'fit.save' | 'fit.run';

/** The fit channels over one set of jobs (the app keeps one; a test may make its own). */
export function createFitHandlers(jobs = new FitJobs()): Pick<Handlers, FitChannel> {
  return {
    'runs.preview': (r) => previewRuns(r),
    'runs.import': (r, ctx) => importRunsIntoProject(r, ctx),
    'runs.list': (r, ctx) => ({ projectId: r.projectId, runs: ctx.store().runs.list(r.projectId) }),
    'fit.defaults': (r) => defaults(r.law),
    'fit.start': (r, ctx) => ({ jobId: jobs.start(r, ctx).id }),
    'fit.status': (r) => statusOf(jobs.get(r.jobId)),
    'fit.cancel': async (r) => {
      const job = await jobs.cancel(r.jobId);
      return { jobId: job.id, state: job.state };
    },
    'fit.discard': async (r) => ({ discarded: await jobs.discard(r.jobId) }),
    'fit.save': (r, ctx) => saveFit(jobs.get(r.jobId), r, ctx),
    'fit.run': async (r, ctx) => {
      const job = jobs.start(r, ctx);
      await job.done;
      if (job.state === 'failed') throw new ServiceError('internal', `The fit failed: ${job.error?.message ?? 'unknown error'}`);
      if (job.state !== 'done' || !job.result) throw new ServiceError('conflict', `The fit was ${job.state}`);
      return { jobId: job.id, source: job.source, result: job.result, replicates: job.replicates };
    },
  };
}

/** The app's fit jobs (explain.figure reads a finished one). */
export const fitJobs = new FitJobs();
export const fitHandlers = createFitHandlers(fitJobs);
