/**
 * Training runs from CSV text (issue 8): the preview that names every bad row by line, and the
 * all-or-nothing import of the runs into a project.
 */
import { importRuns, parseCsv, type ColumnMapping, type FitLawId, type FitRun, type ImportError } from '../../engine/fit';
import type { RunInput } from '../../store';
import type { ParsedRequestOf, ResponseOf } from '../../ipc/contract';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { looksLikeDataset } from '../../ipc/contract/fit-presets';

/** Bad rows listed in a preview; more are counted. */
const MAX_LISTED_ERRORS = 1000;
/** Bad rows named in an import's error message. */
const MAX_MESSAGE_ERRORS = 20;

export type CsvSource = { text: string; mapping?: ParsedRequestOf<'runs.preview'>['mapping']; delimiter?: string; fileName?: string };

function engineMapping(m: ParsedRequestOf<'runs.preview'>['mapping']): ColumnMapping | undefined {
  if (!m) return undefined;
  const out: ColumnMapping = {};
  for (const [k, v] of Object.entries(m)) if (v) out[k as keyof ColumnMapping] = v.unit === undefined ? { column: v.column } : { column: v.column, unit: v.unit };
  return out;
}

export function describeErrors(errors: readonly ImportError[], fileName: string | undefined): string {
  const where = fileName ? `${fileName}, ` : '';
  const lines = errors.slice(0, MAX_MESSAGE_ERRORS).map((e) => `${where}line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.reason}`);
  const more = errors.length > MAX_MESSAGE_ERRORS ? `\n… and ${errors.length - MAX_MESSAGE_ERRORS} more` : '';
  const rows = new Set(errors.map((e) => e.line)).size;
  return `${rows} bad row${rows === 1 ? '' : 's'}; nothing was imported:\n${lines.join('\n')}${more}`;
}

/** Runs from CSV text; every bad row is reported at once (nothing returned unless all are valid). */
export function runsFromText(law: FitLawId, src: CsvSource) {
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
    return { ok: false, headers, columns, errors, moreErrors: r.errors.length - errors.length, warnings: [], runCount: 0, sample: [], looksLike: null };
  }
  return {
    ok: true,
    headers,
    columns,
    errors: [],
    moreErrors: 0,
    warnings: r.warnings,
    runCount: r.runs.length,
    sample: r.runs.slice(0, 20).map(previewRun),
    looksLike: looksLikeDataset(r.runs),
  };
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
