/**
 * What a fit job fits: the runs (a project's stored runs or CSV text) and the engine's fit
 * options from the request's settings, refused before any worker starts when the runs lack
 * what the law needs.
 */
import { lossModel, type FitLawId, type FitOptions, type FitRun } from '../../engine/fit';
import type { RunRow } from '../../store';
import type { ParsedRequestOf } from '../../ipc/contract';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { describeErrors, runsFromText } from './runs-csv';
import { fitPreset } from '../../ipc/contract/fit-presets';

export type FitSettings = ParsedRequestOf<'fit.start'>['options'];
type Source = ParsedRequestOf<'fit.start'>['source'];

/** Provenance details of a job's runs: where they came from and how many. */
export type SourceDetail = { kind: 'project'; projectId: string; projectName: string; runs: number } | { kind: 'text'; fileName: string | null; runs: number };

/** A preset's settings under the ones given beside it; a preset for another law is refused at its field. */
export function withPreset(law: FitLawId, s: FitSettings): FitSettings {
  if (s.preset === undefined) return s;
  const p = fitPreset(s.preset)!;
  if (p.law !== law) throw new ServiceError('invalid-request', `preset "${p.id}" is for the ${p.law} law, not ${law}`, ['options', 'preset']);
  return { ...p.settings, ...Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) } as FitSettings;
}

export function fitOptions(law: FitLawId, runs: FitRun[], given: FitSettings): FitOptions {
  const s = withPreset(law, given);
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

export function resolveSource(law: FitLawId, source: Source, ctx: ServiceContext): { runs: FitRun[]; text: string; detail: SourceDetail } {
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
