/**
 * Importing training runs from CSV (a file's text or pasted text).
 *
 * Parsing follows RFC 4180: fields separated by a delimiter (comma by default), records by
 * CRLF (LF and CR are accepted too), fields optionally enclosed in double quotes, a quote inside
 * a quoted field written as two quotes, quoted fields may hold delimiters and line breaks.
 * A leading byte-order mark is ignored, blank lines are skipped.
 *
 * Columns are mapped to the law's variables, with units: active parameters N_act (or a model
 * shape d_model [, N_blocks] from which N_act and N_total follow, LAWS.md §1 App. A), total
 * parameters, tokens D or training FLOPs F (then D = F / (6·N_act)), experts E, loss, and
 * optionally learning rate and batch size. Without an explicit mapping, columns are recognised
 * by name (the Chinchilla file's `Model Size`, `Training FLOP`, `loss` included); a unit may be
 * written in the header, e.g. `params (M)` or `tokens [B]`.
 *
 * Every bad row is reported with its line number (of the record's first line, 1-based, the
 * header being line 1) and the reason; no run is returned unless the whole import is valid.
 */
import type { FitLawId, FitRun } from './types';
import { RUN_VARIABLES, type ColumnUnit, type RunVariable } from '../ids';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export interface ImportError {
  /** 1-based line of the record (1 = header). */
  line: number;
  /** Header of the column concerned, when there is one. */
  column?: string;
  reason: string;
}

/** RFC 4180 parse. Returns records (blank lines skipped) and syntax errors with their lines. */
export function parseCsv(text: string, delimiter = ','): { records: CsvRecord[]; errors: ImportError[] } {
  if (typeof text !== 'string') throw new Error('text must be a string');
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`);
  }
  const records: CsvRecord[] = [];
  const errors: ImportError[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let bad: string | null = null;
    // One record.
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === '\r' || ch === '\n') {
            if (ch === '\r' && text[i + 1] === '\n') {
              field += '\r\n';
              i += 2;
            } else {
              field += ch;
              i++;
            }
            line++;
            continue;
          }
          field += ch;
          i++;
        }
        if (!closed) {
          bad = `unterminated quoted field (opened on line ${startLine})`;
          break;
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          bad = `unexpected character ${JSON.stringify(text[i])} after a closing quote`;
          // Skip to the end of the physical line.
          while (i < n && text[i] !== '\r' && text[i] !== '\n') i++;
          fields.push(field);
          break;
        }
      } else {
        const start = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"' && bad === null) bad = `quote inside an unquoted field (column ${fields.length + 1})`;
          i++;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    // End of record: consume the line break.
    if (i < n && text[i] === '\r') i++;
    if (i < n && text[i] === '\n') i++;
    if (i <= n) line++;
    if (bad !== null) {
      errors.push({ line: startLine, reason: bad });
      if (bad.startsWith('unterminated')) break;
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    records.push({ line: startLine, fields });
  }
  return { records, errors };
}

/** Variables a CSV column can map to, and their units (declared once in engine/ids.ts). */
export type RunColumn = RunVariable;
export type { ColumnUnit };
export const RUN_COLUMNS: readonly RunColumn[] = RUN_VARIABLES;

export interface ColumnMap {
  /** Header name (case-insensitive) or 0-based column index. */
  column: string | number;
  unit?: ColumnUnit;
}

export type ColumnMapping = Partial<Record<RunColumn, string | number | ColumnMap>>;

export interface ImportOptions {
  /** Law the runs are for: decides which variables are required. Default chinchilla. */
  law?: FitLawId;
  /** Explicit mapping; variables not given are recognised by header name. */
  mapping?: ColumnMapping;
  delimiter?: string;
  /** Vocabulary size for N from a shape (App. A: GPT-2's 50,257). */
  vocab?: number;
}

export interface ResolvedColumn {
  index: number;
  header: string;
  unit: ColumnUnit;
}

export type ImportResult =
  | { ok: true; runs: FitRun[]; columns: Partial<Record<RunColumn, ResolvedColumn>>; warnings: string[] }
  | { ok: false; errors: ImportError[]; columns: Partial<Record<RunColumn, ResolvedColumn>> };

const COUNT_UNITS: Record<string, number> = { '': 1, K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Z: 1e21 };

const UNIT_KIND: Record<RunColumn, 'count' | 'flops' | 'loss' | 'ratio' | 'raw' | 'text'> = {
  nAct: 'count',
  nTotal: 'count',
  dModel: 'raw',
  nBlocks: 'raw',
  tokens: 'count',
  flops: 'flops',
  experts: 'raw',
  loss: 'loss',
  learningRate: 'raw',
  batchTokens: 'count',
  activatedExperts: 'raw',
  sharedRatio: 'ratio',
  label: 'text',
};

function unitFactor(kind: (typeof UNIT_KIND)[RunColumn], unit: string): number | null {
  switch (kind) {
    case 'count':
      return COUNT_UNITS[unit] ?? null;
    case 'flops':
      return unit === 'PF-days' ? 8.64e19 : (COUNT_UNITS[unit] ?? null);
    case 'loss':
      return unit === '' || unit === 'nats' ? 1 : unit === 'bits' ? Math.LN2 : null;
    case 'ratio':
      return unit === '' ? 1 : unit === '%' ? 0.01 : null;
    case 'raw':
    case 'text':
      return unit === '' ? 1 : null;
  }
}

/** Header names recognised for each variable (compared lower-case with spaces, _ and - removed). */
const SYNONYMS: Record<RunColumn, string[]> = {
  nAct: ['nact', 'modelsize', 'activeparams', 'activeparameters', 'nactive', 'params', 'parameters', 'nparams', 'n'],
  nTotal: ['ntotal', 'totalparams', 'totalparameters', 'ntot'],
  dModel: ['dmodel', 'hiddensize', 'hidden', 'width'],
  nBlocks: ['nblocks', 'blocks', 'layers', 'nlayers'],
  tokens: ['tokens', 'trainingtokens', 'ntokens', 'd', 'datasetsize'],
  flops: ['trainingflop', 'trainingflops', 'flops', 'flop', 'compute', 'trainingcompute'],
  experts: ['experts', 'numexperts', 'nexperts', 'e'],
  loss: ['loss', 'finalloss', 'trainloss', 'l'],
  learningRate: ['lr', 'learningrate'],
  batchTokens: ['batch', 'batchsize', 'batchtokens'],
  activatedExperts: ['activatedexperts', 'g', 'nactivated'],
  sharedRatio: ['sharedratio', 's'],
  label: ['name', 'run', 'label', 'id', 'runname'],
};

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, '');

/** Splits `params (M)` / `tokens [B]` into a name and a recognised unit. */
function headerUnit(h: string): { name: string; unit: string | null } {
  const m = /^(.*?)[\s]*[([]\s*([^)\]]+?)\s*[)\]]\s*$/.exec(h);
  if (!m) return { name: h.trim(), unit: null };
  const raw = m[2]!;
  const unit = ['pfdays', 'pf-days', 'pfday'].includes(raw.toLowerCase()) ? 'PF-days' : raw === 'bits' || raw === 'nats' || raw === '%' ? raw : raw.toUpperCase();
  return { name: m[1]!.trim(), unit };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Which variables a law needs from the file (beyond N_act or a shape, tokens or FLOPs, and loss). */
function required(law: FitLawId): RunColumn[] {
  return law === 'comprehensive' ? ['nTotal', 'activatedExperts', 'sharedRatio'] : [];
}

/** Parses CSV text into runs for a law. Nothing is returned unless every row is valid. */
export function importRuns(text: string, options: ImportOptions = {}): ImportResult {
  const law = options.law ?? 'chinchilla';
  const vocab = options.vocab ?? 50257;
  if (!(Number.isInteger(vocab) && vocab > 0)) throw new Error(`vocab must be a positive integer, got ${String(options.vocab)}`);
  const { records, errors } = parseCsv(text, options.delimiter ?? ',');
  const columns: Partial<Record<RunColumn, ResolvedColumn>> = {};
  const header = records[0];
  if (!header) {
    errors.push({ line: 1, reason: 'no header row' });
    return { ok: false, errors, columns };
  }
  const headers = header.fields.map((h) => h.trim());
  // Resolve the mapping.
  const taken = new Set<number>();
  const mapping = options.mapping ?? {};
  for (const [key, spec] of Object.entries(mapping)) {
    if (!RUN_COLUMNS.includes(key as RunColumn)) {
      errors.push({ line: header.line, reason: `mapping.${key}: unknown variable; expected one of ${RUN_COLUMNS.join(', ')}` });
      continue;
    }
    const v = key as RunColumn;
    if (spec === undefined) continue;
    const m: ColumnMap = typeof spec === 'object' ? spec : { column: spec };
    let index = -1;
    if (typeof m.column === 'number') index = Number.isInteger(m.column) && m.column >= 0 && m.column < headers.length ? m.column : -1;
    else index = headers.findIndex((h) => h.toLowerCase() === String(m.column).trim().toLowerCase() || headerUnit(h).name.toLowerCase() === String(m.column).trim().toLowerCase());
    if (index < 0) {
      errors.push({ line: header.line, reason: `mapping.${v}: no column ${JSON.stringify(m.column)} in the header (${headers.join(', ')})` });
      continue;
    }
    const unit = m.unit ?? (headerUnit(headers[index]!).unit as ColumnUnit | null) ?? '';
    if (unitFactor(UNIT_KIND[v], unit) === null) {
      errors.push({ line: header.line, column: headers[index], reason: `mapping.${v}: unit ${JSON.stringify(unit)} does not apply to ${v}` });
      continue;
    }
    columns[v] = { index, header: headers[index]!, unit };
    taken.add(index);
  }
  // Recognise the rest by name.
  for (const v of RUN_COLUMNS) {
    if (columns[v] || v in mapping) continue;
    const index = headers.findIndex((h, j) => !taken.has(j) && SYNONYMS[v].includes(norm(headerUnit(h).name)));
    if (index < 0) continue;
    const hu = headerUnit(headers[index]!).unit;
    const unit = (hu !== null && unitFactor(UNIT_KIND[v], hu) !== null ? hu : '') as ColumnUnit;
    if (hu !== null && unit !== hu) {
      errors.push({ line: header.line, column: headers[index], reason: `unit ${JSON.stringify(hu)} in the header does not apply to ${v}` });
    }
    columns[v] = { index, header: headers[index]!, unit };
    taken.add(index);
  }
  const need = (v: RunColumn, why: string) => {
    if (!columns[v]) errors.push({ line: header.line, reason: `no column for ${v} (${why}); map one, e.g. mapping: { ${v}: "<header>" }` });
  };
  if (!columns.nAct && !columns.dModel) need('nAct', 'active parameters, or dModel for a model shape');
  if (!columns.tokens && !columns.flops) need('tokens', 'training tokens, or flops for training FLOPs');
  need('loss', 'final training loss');
  for (const v of required(law)) if (!(v === 'nTotal' && columns.dModel)) need(v, `required by the ${law} law`);
  const warnings: string[] = [];
  if ((law === 'joint' || law === 'dense-moe') && !columns.experts) warnings.push('no experts column: every run is taken as dense (E = 1)');
  if (columns.tokens && columns.flops) warnings.push(`both tokens and FLOPs are mapped: tokens are used, FLOPs ignored`);
  if (errors.length) return { ok: false, errors, columns };

  const runs: FitRun[] = [];
  const rows = records.slice(1);
  if (rows.length === 0) errors.push({ line: header.line, reason: 'no data rows' });
  for (const rec of rows) {
    const rowErrors: ImportError[] = [];
    if (rec.fields.length !== headers.length) {
      errors.push({ line: rec.line, reason: `expected ${headers.length} fields, got ${rec.fields.length}` });
      continue;
    }
    const num = (v: RunColumn, opts: { optional?: boolean; min?: number; minExclusive?: number; max?: number; integer?: boolean } = {}): number | undefined => {
      const c = columns[v];
      if (!c) return undefined;
      const raw = rec.fields[c.index]!.trim();
      if (raw === '') {
        if (!opts.optional) rowErrors.push({ line: rec.line, column: c.header, reason: `missing value for ${v}` });
        return undefined;
      }
      if (!NUMBER.test(raw)) {
        rowErrors.push({ line: rec.line, column: c.header, reason: `${v} is not a number: ${JSON.stringify(raw)}` });
        return undefined;
      }
      const x = Number(raw) * unitFactor(UNIT_KIND[v], c.unit)!;
      const fail = (why: string) => {
        rowErrors.push({ line: rec.line, column: c.header, reason: `${v} ${why}, got ${raw}` });
        return undefined;
      };
      if (!Number.isFinite(x)) return fail('is not finite');
      if (opts.minExclusive !== undefined && !(x > opts.minExclusive)) return fail(`must be > ${opts.minExclusive}`);
      if (opts.min !== undefined && x < opts.min) return fail(`must be ≥ ${opts.min}`);
      if (opts.max !== undefined && x > opts.max) return fail(`must be ≤ ${opts.max}`);
      if (opts.integer && !Number.isInteger(x)) return fail('must be an integer');
      return x;
    };
    const loss = num('loss', { minExclusive: 0 });
    const experts = num('experts', { min: 1, optional: false });
    const E = experts ?? 1;
    let nAct = num('nAct', { minExclusive: 0 });
    let nTotal = num('nTotal', { minExclusive: 0, optional: law !== 'comprehensive' });
    if (!columns.nAct && columns.dModel) {
      const d = num('dModel', { minExclusive: 0, integer: true });
      const nb = columns.nBlocks ? num('nBlocks', { minExclusive: 0, integer: true }) : d !== undefined ? d / 64 : undefined;
      if (d !== undefined && nb !== undefined) {
        nAct = 2 * d * vocab + 13 * nb * d * d;
        if (!columns.nTotal) nTotal = 2 * d * vocab + (4 + 9 * E) * nb * d * d;
      }
    }
    let tokens = num('tokens', { minExclusive: 0 });
    if (!columns.tokens) {
      const F = num('flops', { minExclusive: 0 });
      if (F !== undefined && nAct !== undefined) tokens = F / (6 * nAct);
    }
    const lr = num('learningRate', { minExclusive: 0, optional: true });
    const batch = num('batchTokens', { minExclusive: 0, optional: true });
    // G counts experts (shared plus routed), so at least 1; both only required by the law that uses them
    const G = num('activatedExperts', { min: 1, optional: law !== 'comprehensive' });
    const S = num('sharedRatio', { min: 0, max: 1, optional: law !== 'comprehensive' });
    if (nAct !== undefined && nTotal !== undefined && nTotal < nAct) {
      rowErrors.push({ line: rec.line, column: columns.nTotal?.header, reason: `nTotal (${nTotal}) is smaller than nAct (${nAct})` });
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const run: FitRun = { nAct: nAct!, tokens: tokens!, loss: loss!, line: rec.line };
    if (nTotal !== undefined) run.nTotal = nTotal;
    if (experts !== undefined) run.experts = experts;
    if (lr !== undefined) run.learningRate = lr;
    if (batch !== undefined) run.batchTokens = batch;
    if (G !== undefined) run.activatedExperts = G;
    if (S !== undefined) run.sharedRatio = S;
    run.label = columns.label ? rec.fields[columns.label.index]!.trim() || `line ${rec.line}` : `line ${rec.line}`;
    runs.push(run);
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line), columns };
  return { ok: true, runs, columns, warnings };
}
