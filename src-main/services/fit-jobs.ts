/**
 * Services of the fitter (issue 8): CSV runs into a project, fit jobs in worker threads, and
 * saving a fit as a user coefficient set.
 *
 * Jobs live in this process's memory: a job runs through runFit (worker threads, so main never
 * blocks), its progress is polled with fit.status, and a finished result is kept until it is
 * discarded or pushed out by newer jobs (at most MAX_JOBS are kept; finished, saved, cancelled
 * and failed jobs go first, oldest first). At most MAX_RUNNING fits run at once.
 */
import { randomUUID } from 'node:crypto';
import {
  importRuns,
  lossModel,
  parseCsv,
  prepareFit,
  resolveGrid,
  savedSetForm,
  SAVABLE_FIT_LAW_IDS,
  type ColumnMapping,
  type FitLawId,
  type FitOptions,
  type FitResult,
  type FitRun,
  type ImportError,
} from '../engine/fit';
import { PUBLISHED_SETS } from '../engine/common/coefficients';
import type { RunInput, RunRow } from '../store';
import type { ParsedRequestOf, ResponseOf } from '../ipc/contract';
import type { FitResultData } from '../ipc/contract/fit';
import { runFit, type FitServiceProgress, type RunFitOptions } from './fit';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { setOut } from './store';

export const MAX_JOBS = 16;
export const MAX_RUNNING = 2;
/** Bad rows listed in a preview; more are counted. */
const MAX_LISTED_ERRORS = 1000;
/** Bad rows named in an import's error message. */
const MAX_MESSAGE_ERRORS = 20;

type Status = ResponseOf<'fit.status'>;
type Settings = ParsedRequestOf<'fit.start'>['options'];
type Source = ParsedRequestOf<'fit.start'>['source'];

interface Job {
  id: string;
  law: FitLawId;
  state: Status['state'];
  progress: Status['progress'];
  source: string;
  /** Provenance details: the runs and how many. */
  sourceDetail: { kind: 'project'; projectId: string; projectName: string; runs: number } | { kind: 'text'; fileName: string | null; runs: number };
  settings: Settings;
  started: Date;
  ended: Date | null;
  controller: AbortController;
  done: Promise<void>;
  result: FitResultData | null;
  error: { code: string; message: string } | null;
  savedSetId: string | null;
}

const jobs = new Map<string, Job>();

// ---------------------------------------------------------------------------------------------
// Import

function engineMapping(m: ParsedRequestOf<'runs.preview'>['mapping']): ColumnMapping | undefined {
  if (!m) return undefined;
  const out: ColumnMapping = {};
  for (const [k, v] of Object.entries(m)) if (v) out[k as keyof ColumnMapping] = v.unit === undefined ? { column: v.column } : { column: v.column, unit: v.unit };
  return out;
}

function describeErrors(errors: readonly ImportError[], fileName: string | undefined): string {
  const where = fileName ? `${fileName}, ` : '';
  const lines = errors.slice(0, MAX_MESSAGE_ERRORS).map((e) => `${where}line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.reason}`);
  const more = errors.length > MAX_MESSAGE_ERRORS ? `\n… and ${errors.length - MAX_MESSAGE_ERRORS} more` : '';
  const rows = new Set(errors.map((e) => e.line)).size;
  return `${rows} bad row${rows === 1 ? '' : 's'}; nothing was imported:\n${lines.join('\n')}${more}`;
}

/** Runs from CSV text; every bad row is reported at once (nothing returned unless all are valid). */
function runsFromText(law: FitLawId, src: { text: string; mapping?: ParsedRequestOf<'runs.preview'>['mapping']; delimiter?: string; fileName?: string }) {
  let r;
  try {
    r = importRuns(src.text, { law, mapping: engineMapping(src.mapping), ...(src.delimiter ? { delimiter: src.delimiter } : {}) });
  } catch (err) {
    throw new ServiceError('invalid-request', (err as Error).message, ['delimiter']);
  }
  return r;
}

function previewRun(r: FitRun) {
  return {
    line: r.line ?? null,
    label: r.label ?? null,
    nAct: r.nAct,
    nTotal: r.nTotal ?? null,
    tokens: r.tokens,
    experts: r.experts ?? null,
    loss: r.loss,
    activatedExperts: r.activatedExperts ?? null,
    sharedRatio: r.sharedRatio ?? null,
  };
}

export function previewRuns(req: ParsedRequestOf<'runs.preview'>): ResponseOf<'runs.preview'> {
  const r = runsFromText(req.law, req);
  const headers = parseCsv(req.text, req.delimiter ?? ',').records[0]?.fields.map((h) => h.trim()) ?? [];
  const columns = Object.entries(r.columns).map(([variable, c]) => ({ variable: variable as ResponseOf<'runs.preview'>['columns'][number]['variable'], index: c!.index, header: c!.header, unit: c!.unit }));
  columns.sort((a, b) => a.index - b.index);
  if (!r.ok) {
    const errors = r.errors.slice(0, MAX_LISTED_ERRORS).map((e) => ({ line: e.line, column: e.column ?? null, reason: e.reason }));
    return { ok: false, headers, columns, errors, moreErrors: r.errors.length - errors.length, warnings: [], runCount: 0, sample: [] };
  }
  return { ok: true, headers, columns, errors: [], moreErrors: 0, warnings: r.warnings, runCount: r.runs.length, sample: r.runs.slice(0, 20).map(previewRun) };
}

export function importRunsIntoProject(req: ParsedRequestOf<'runs.import'>, ctx: ServiceContext): ResponseOf<'runs.import'> {
  const r = runsFromText(req.law, req);
  if (!r.ok) throw new ServiceError('invalid-request', describeErrors(r.errors, req.fileName), ['text']);
  const fromFlops = !r.columns.tokens && !!r.columns.flops;
  const inputs: RunInput[] = r.runs.map((run) => ({
    name: (run.label ?? '').slice(0, 200),
    nAct: run.nAct,
    nTotal: run.nTotal ?? null,
    tokens: run.tokens,
    flops: fromFlops ? 6 * run.nAct * run.tokens : null,
    experts: run.experts ?? null,
    loss: run.loss,
    lr: run.learningRate ?? null,
    batch: run.batchTokens ?? null,
    activatedExperts: run.activatedExperts ?? null,
    sharedRatio: run.sharedRatio ?? null,
  }));
  const store = ctx.store();
  // One transaction: every run or none.
  const runIds = store.runs.add(req.projectId, inputs);
  return { projectId: req.projectId, imported: runIds.length, runIds, total: store.runs.list(req.projectId).length, warnings: r.warnings };
}

// ---------------------------------------------------------------------------------------------
// Fit jobs

function fitOptions(law: FitLawId, runs: FitRun[], s: Settings): FitOptions {
  const o: FitOptions = { law, runs };
  if (s.delta !== undefined) o.delta = s.delta;
  if (s.grid !== undefined) o.grid = s.grid;
  if (s.replaceGrid) o.replaceGrid = true;
  if (s.dropHighest) o.dropHighest = s.dropHighest;
  if (s.holdoutLowest) o.holdout = { lowestLoss: s.holdoutLowest };
  if (s.bootstrap) o.bootstrap = { samples: s.bootstrap, seed: s.bootstrapSeed ?? 1 };
  if (s.downweightOutliers) o.outliers = { threshold: s.outlierThreshold ?? 3 };
  if (s.experts !== undefined) o.experts = s.experts;
  return o;
}

const STORED_FIELD: Partial<Record<string, { key: 'nTotal' | 'activatedExperts' | 'sharedRatio'; what: string }>> = {
  nTotal: { key: 'nTotal', what: 'total parameters N_total' },
  activatedExperts: { key: 'activatedExperts', what: 'activated experts G' },
  sharedRatio: { key: 'sharedRatio', what: 'shared-expert ratio S' },
};
/** Most runs named in a message about missing fields. */
const MAX_NAMED_RUNS = 10;

/**
 * Stored runs may lack what a law needs (runs imported for another law, or before G and S were
 * kept): refuse before any worker starts, naming the runs and the fields.
 */
function missingStoredFields(law: FitLawId, rows: readonly RunRow[], projectName: string): void {
  const fields = lossModel(law).requires.flatMap((v) => (STORED_FIELD[v] ? [STORED_FIELD[v]] : []));
  const bad = rows.flatMap((r) => {
    const lacks = fields.filter((f) => r[f.key] === null);
    return lacks.length ? [{ r, lacks }] : [];
  });
  if (bad.length === 0) return;
  const named = bad
    .slice(0, MAX_NAMED_RUNS)
    .map(({ r, lacks }) => `run ${r.id}${r.name ? ` "${r.name}"` : ''} has no ${lacks.map((f) => f.what).join(' or ')}`);
  const more = bad.length > MAX_NAMED_RUNS ? `; … and ${bad.length - MAX_NAMED_RUNS} more` : '';
  throw new ServiceError(
    'invalid-request',
    `The ${law} law needs ${fields.map((f) => f.what).join(', ')} for every run, but ${bad.length} of the ${rows.length} runs of project "${projectName}" lack them: ` +
      `${named.join('; ')}${more}. Import those runs again with the columns mapped, or delete them.`,
    ['source', 'projectId'],
  );
}

function resolveSource(law: FitLawId, source: Source, ctx: ServiceContext): { runs: FitRun[]; text: string; detail: Job['sourceDetail'] } {
  if ('projectId' in source) {
    const store = ctx.store();
    const project = store.projects.get(source.projectId);
    const rows = store.runs.list(source.projectId);
    if (rows.length === 0) throw new ServiceError('invalid-request', `Project "${project.name}" has no training runs yet: import a CSV first`, ['source', 'projectId']);
    const runs: FitRun[] = rows.map((r) => {
      const run: FitRun = { nAct: r.nAct, tokens: r.tokens, loss: r.loss, label: r.name || `run ${r.id}` };
      if (r.nTotal !== null) run.nTotal = r.nTotal;
      if (r.experts !== null) run.experts = r.experts;
      if (r.lr !== null) run.learningRate = r.lr;
      if (r.batch !== null) run.batchTokens = r.batch;
      if (r.activatedExperts !== null) run.activatedExperts = r.activatedExperts;
      if (r.sharedRatio !== null) run.sharedRatio = r.sharedRatio;
      return run;
    });
    missingStoredFields(law, rows, project.name);
    return {
      runs,
      text: `${runs.length} runs of project "${project.name}"`,
      detail: { kind: 'project', projectId: project.id, projectName: project.name, runs: runs.length },
    };
  }
  const r = runsFromText(law, source);
  if (!r.ok) throw new ServiceError('invalid-request', describeErrors(r.errors, source.fileName), ['source', 'text']);
  const file = source.fileName ?? null;
  return { runs: r.runs, text: `${r.runs.length} runs from ${file ? `file ${file}` : 'pasted text'}`, detail: { kind: 'text', fileName: file, runs: r.runs.length } };
}

const PHASE_LABEL: Record<Status['progress']['phase'], (done: number, total: number) => string> = {
  starting: () => 'Starting worker threads',
  screen: (d, t) => `Screening starts: ${d.toLocaleString('en-US')} of ${t.toLocaleString('en-US')}`,
  refine: (d, t) => `Refining the best starts: ${d} of ${t}`,
  outliers: () => 'Down-weighting outliers and refitting',
  bootstrap: (d, t) => `Bootstrap replicates: ${d} of ${t}`,
  finished: () => 'Finished',
};

function progressOf(p: FitServiceProgress): Status['progress'] {
  return { fraction: p.fraction, phase: p.phase, label: PHASE_LABEL[p.phase](p.done, p.total), done: p.done, total: p.total };
}

/** Drops finished jobs beyond the limit: saved, cancelled and failed first, then done, oldest first. */
function evict(): void {
  if (jobs.size < MAX_JOBS) return;
  const rank = (j: Job) => (j.state === 'running' ? 3 : j.state === 'done' && !j.savedSetId ? 1 : 0);
  const candidates = [...jobs.values()].filter((j) => j.state !== 'running').sort((a, b) => rank(a) - rank(b) || a.started.getTime() - b.started.getTime());
  while (jobs.size >= MAX_JOBS && candidates.length) jobs.delete(candidates.shift()!.id);
}

function getJob(id: string): Job {
  const job = jobs.get(id);
  if (!job) throw new ServiceError('not-found', `No fit job "${id}" (finished jobs are kept until discarded or replaced by newer ones)`, ['jobId']);
  return job;
}

/** Worker threads a job may use; tests may lower it. */
export const fitJobConfig: { workers: number | undefined; workerUrl: URL | undefined } = { workers: undefined, workerUrl: undefined };

export function startFitJob(req: ParsedRequestOf<'fit.start'>, ctx: ServiceContext): Job {
  const running = [...jobs.values()].filter((j) => j.state === 'running').length;
  if (running >= MAX_RUNNING) throw new ServiceError('conflict', `${running} fits are already running; wait for one to finish or cancel it`);
  const { runs, text, detail } = resolveSource(req.law, req.source, ctx);
  const options = fitOptions(req.law, runs, req.options);
  try {
    prepareFit(options); // validates delta, grid, holdout… naming the field, before any worker starts
  } catch (err) {
    throw new ServiceError('invalid-request', (err as Error).message, ['options']);
  }
  evict();
  const controller = new AbortController();
  const job: Job = {
    id: randomUUID(),
    law: req.law,
    state: 'running',
    progress: { fraction: 0, phase: 'starting', label: PHASE_LABEL.starting(0, 0), done: 0, total: 0 },
    source: text,
    sourceDetail: detail,
    settings: req.options,
    started: new Date(),
    ended: null,
    controller,
    done: Promise.resolve(),
    result: null,
    error: null,
    savedSetId: null,
  };
  const run: RunFitOptions = { signal: controller.signal, onProgress: (p) => (job.progress = progressOf(p)) };
  if (fitJobConfig.workers !== undefined) run.workers = fitJobConfig.workers;
  if (fitJobConfig.workerUrl !== undefined) run.workerUrl = fitJobConfig.workerUrl;
  job.done = runFit(options, run).then(
    (result) => {
      job.ended = new Date();
      if (job.state !== 'running') return;
      try {
        job.result = resultData(result, runs);
        job.state = 'done';
        job.progress = { fraction: 1, phase: 'finished', label: `Finished in ${result.seconds.toFixed(2)} s`, done: 1, total: 1 };
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
  jobs.set(job.id, job);
  return job;
}

function statusOf(job: Job): Status {
  const end = job.ended ?? new Date();
  return {
    jobId: job.id,
    law: job.law,
    state: job.state,
    progress: job.progress,
    source: job.source,
    startedAt: job.started.toISOString(),
    elapsed: (end.getTime() - job.started.getTime()) / 1000,
    result: job.result,
    error: job.error,
    savedSetId: job.savedSetId,
  };
}

// ---------------------------------------------------------------------------------------------
// Results: residuals with the runs' sizes, and the fitted law's curves over the runs

const CURVE_POINTS = 40;
const MAX_CURVES = 6;

/** Groups runs by expert count, then by model size (distinct sizes, or quantile bins of ln N). */
function runGroups(runs: readonly FitRun[], indices: number[]): number[][] {
  const byE = new Map<number, number[]>();
  for (const i of indices) {
    const e = runs[i]!.experts ?? 1;
    byE.set(e, [...(byE.get(e) ?? []), i]);
  }
  const groups: number[][] = [];
  const perE = Math.max(1, Math.floor(MAX_CURVES / byE.size));
  for (const list of [...byE.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l)) {
    const sorted = [...list].sort((a, b) => runs[a]!.nAct - runs[b]!.nAct);
    // distinct sizes (within 2%)
    const distinct: number[][] = [];
    for (const i of sorted) {
      const last = distinct[distinct.length - 1];
      if (last && runs[i]!.nAct <= runs[last[0]!]!.nAct * 1.02) last.push(i);
      else distinct.push([i]);
    }
    if (distinct.length <= perE) {
      groups.push(...distinct);
      continue;
    }
    for (let k = 0; k < perE; k++) {
      const part = sorted.slice(Math.floor((k * sorted.length) / perE), Math.floor(((k + 1) * sorted.length) / perE));
      if (part.length) groups.push(part);
    }
  }
  return groups.slice(0, Math.max(MAX_CURVES, byE.size));
}

function fmtCount(n: number): string {
  const units: Array<[number, string]> = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
  for (const [v, u] of units) if (n >= v) return `${(n / v).toPrecision(3)}${u}`;
  return n.toPrecision(3);
}

function curvesOf(result: FitResult, runs: readonly FitRun[]): FitResultData['curves'] {
  const model = lossModel(result.law);
  const theta = Float64Array.from(model.params.map((p) => result.params[p.name] ?? NaN));
  if (theta.some((v) => !Number.isFinite(v))) return [];
  const used = result.residuals.filter((r) => r.role !== 'excluded').map((r) => r.index);
  const out: FitResultData['curves'] = [];
  for (const group of runGroups(runs, used)) {
    const lnN = group.reduce((s, i) => s + Math.log(runs[i]!.nAct), 0) / group.length;
    const nAct = Math.exp(lnN);
    const rep = runs[group[Math.floor(group.length / 2)]!]!;
    const tokens = group.map((i) => runs[i]!.tokens);
    const lo = Math.log(Math.min(...tokens) / 1.25);
    const hi = Math.log(Math.max(...tokens) * 1.25);
    const curveRuns: FitRun[] = Array.from({ length: CURVE_POINTS }, (_, k) => {
      const r: FitRun = { ...rep, nAct, tokens: Math.exp(lo + ((hi - lo) * k) / (CURVE_POINTS - 1)), loss: 1 };
      if (rep.nTotal !== undefined) r.nTotal = (rep.nTotal * nAct) / rep.nAct;
      return r;
    });
    try {
      const data = model.data(curveRuns, model.params.map(() => false));
      const z = new Float64Array(theta.length);
      model.toInternal(theta, data.shifts, z);
      const pred = new Float64Array(data.n);
      model.predict(z, data, pred);
      const points = curveRuns.map((r, k) => ({ tokens: r.tokens, loss: Math.exp(pred[k]!) })).filter((p) => Number.isFinite(p.loss));
      const e = rep.experts ?? null;
      out.push({ label: `N ≈ ${fmtCount(nAct)}${e !== null && result.law !== 'chinchilla' ? `, E = ${e}` : ''}`, nAct, experts: e, points, runs: group });
    } catch {
      // A group the law cannot evaluate (e.g. a predicted loss ≤ 0) is left out of the chart.
    }
  }
  return out;
}

function resultData(r: FitResult, runs: readonly FitRun[]): FitResultData {
  return {
    law: r.law,
    coefficients: r.coefficients,
    coefficientOrder: [...lossModel(r.law).coefficients],
    params: r.params,
    delta: r.delta,
    objective: r.objective,
    rmseTrain: r.rmseTrain,
    rmseHoldout: r.rmseHoldout,
    maxError: r.maxError,
    maxErrorHoldout: r.maxErrorHoldout,
    residualScale: r.residualScale,
    residuals: r.residuals.map((x) => ({
      index: x.index,
      label: x.label ?? null,
      line: x.line ?? null,
      role: x.role,
      observedLoss: x.observedLoss,
      predictedLoss: x.predictedLoss,
      residual: x.residual,
      weight: x.weight,
      nAct: runs[x.index]!.nAct,
      tokens: runs[x.index]!.tokens,
      experts: runs[x.index]!.experts ?? null,
    })),
    starts: r.starts,
    bestStart: r.bestStart,
    selection: r.selection,
    counts: r.counts,
    screening: r.screening,
    experts: r.experts ?? null,
    intervals: r.intervals ?? null,
    bootstrap: r.bootstrap ?? null,
    iterations: r.iterations,
    evaluations: r.evaluations,
    seconds: r.seconds,
    curves: curvesOf(r, runs),
  };
}

// ---------------------------------------------------------------------------------------------
// Saving


function settingsText(job: Job, r: FitResultData): string {
  const s = job.settings;
  return [
    `Huber δ = ${r.delta}`,
    `dropped the ${s.dropHighest ?? 0} highest-loss runs`,
    s.holdoutLowest ? `held out the ${s.holdoutLowest} lowest-loss runs` : 'no held-out runs',
    s.bootstrap ? `${s.bootstrap} bootstrap replicates (seed ${s.bootstrapSeed ?? 1})` : 'no bootstrap',
    `${r.starts.toLocaleString('en-US')} grid starts${s.grid ? ' (edited grid)' : " (the law's default grid)"}`,
    s.downweightOutliers ? `outliers down-weighted beyond ${s.outlierThreshold ?? 3} robust SD` : 'no outlier down-weighting',
  ].join('; ');
}

export function saveFit(req: ParsedRequestOf<'fit.save'>, ctx: ServiceContext): ResponseOf<'fit.save'> {
  const job = getJob(req.jobId);
  if (job.state !== 'done' || !job.result) throw new ServiceError('conflict', `Fit job "${job.id}" is ${job.state}; only a finished fit can be saved`, ['jobId']);
  const r = job.result;
  const form = savedSetForm(job.law, r.coefficients);
  if (!form.savable) throw new ServiceError('invalid-request', `This ${job.law} fit cannot be saved as a coefficient set: ${form.reason}`, ['jobId']);
  const law = form.law;
  const expected = PUBLISHED_SETS.find((s) => s.law === law);
  if (expected) {
    const want = Object.keys(expected.values).sort().join(',');
    const have = Object.keys(form.values).sort().join(',');
    if (want !== have) throw new ServiceError('internal', `The ${job.law} fit's coefficients (${have}) do not match the ${law} law's coefficient-set keys (${want})`);
  }
  const when = (job.ended ?? new Date()).toISOString();
  const d = job.sourceDetail;
  const runsText = d.kind === 'project' ? `${d.runs} runs of project "${d.projectName}" (${d.projectId})` : `${d.runs} runs from ${d.fileName ? `file ${d.fileName}` : 'pasted CSV text'}`;
  const rmse = `RMSE of ln L: train ${r.rmseTrain.toPrecision(4)}${r.rmseHoldout !== null ? `, held-out ${r.rmseHoldout.toPrecision(4)}` : ''}; max error ${r.maxError.toPrecision(4)}`;
  const intervals = r.intervals
    ? `\nBootstrap ${Math.round((r.bootstrap?.confidence ?? 0.95) * 100)}% intervals: ` +
      r.coefficientOrder.map((k) => `${k} [${r.intervals![k]?.lower.toPrecision(4)}, ${r.intervals![k]?.upper.toPrecision(4)}]`).join(', ')
    : '';
  const row = ctx.store().coefficients.create({
    law,
    name: req.name,
    values: form.values,
    provenance: 'user-fit',
    citation: `User fit, ${when.slice(0, 10)}`,
    source: `Fitted on ${when} to ${runsText} (${r.counts.train} trained on, ${r.counts.holdout} held out, ${r.counts.dropped} dropped).`,
    notes: `${form.mapping ? `${form.mapping}${job.settings.experts !== undefined ? ` Fitted at E = ${job.settings.experts}.` : ''}\n` : ''}Settings: ${settingsText(job, r)}.\n${rmse}.\nFit took ${r.seconds.toFixed(2)} s.${intervals}`,
  });
  job.savedSetId = row.id;
  return setOut(row);
}

// ---------------------------------------------------------------------------------------------

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
  };
}

/** Waits for a job to end (tests, the CLI). */
export async function waitForJob(jobId: string): Promise<void> {
  await getJob(jobId).done;
}

export const fitHandlers: Pick<Handlers, 'runs.preview' | 'runs.import' | 'runs.list' | 'fit.defaults' | 'fit.start' | 'fit.status' | 'fit.cancel' | 'fit.discard' | 'fit.save' | 'fit.run'> = {
  'runs.preview': (r) => previewRuns(r),
  'runs.import': (r, ctx) => importRunsIntoProject(r, ctx),
  'runs.list': (r, ctx) => ({ projectId: r.projectId, runs: ctx.store().runs.list(r.projectId) }),
  'fit.defaults': (r) => defaults(r.law),
  'fit.start': (r, ctx) => ({ jobId: startFitJob(r, ctx).id }),
  'fit.status': (r) => statusOf(getJob(r.jobId)),
  'fit.cancel': async (r) => {
    const job = getJob(r.jobId);
    if (job.state === 'running') {
      job.controller.abort();
      await job.done;
    }
    return { jobId: job.id, state: job.state };
  },
  'fit.discard': async (r) => {
    const job = getJob(r.jobId);
    if (job.state === 'running') {
      job.controller.abort();
      await job.done;
    }
    jobs.delete(job.id);
    return { discarded: job.id };
  },
  'fit.save': (r, ctx) => saveFit(r, ctx),
  'fit.run': async (r, ctx) => {
    const job = startFitJob(r, ctx);
    await job.done;
    if (job.state === 'failed') throw new ServiceError('internal', `The fit failed: ${job.error?.message ?? 'unknown error'}`);
    if (job.state !== 'done' || !job.result) throw new ServiceError('conflict', `The fit was ${job.state}`);
    return { source: job.source, result: job.result };
  },
};
