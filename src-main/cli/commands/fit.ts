/** CLI command of the fitter: `moe-workbench fit --law chinchilla --runs runs.csv`. */
import type { ResponseOf } from '../../ipc/contract';
import { COLUMN_UNITS, FIT_LAW_IDS, RUN_VARIABLES } from '../../ipc/contract/ids';
import { FIT_PRESET_IDS, FIT_PRESETS } from '../../ipc/contract/fit-presets';
import { UsageError, type FlagValues } from '../args';
import { command, type Caller, type CliIo } from '../command';
import { readTextFile } from '../files';
import { joinBlocks, table } from '../text';
import * as fmt from '../../format';
import { parseWordList } from '../../format';

type FitRun = ResponseOf<'fit.run'>;


/**
 * `--map nAct=params_b:B,loss=loss_bits:bits`: which column holds a variable (its header, or its
 * 0-based index) and in which unit, as the Fit page's column mapping sets it; variables left out
 * are recognised by header name.
 */
function mappingOf(text: string): Record<string, { column: string | number; unit?: string }> {
  const out: Record<string, { column: string | number; unit?: string }> = {};
  for (const pair of parseWordList(text)) {
    const eq = pair.indexOf('=');
    const variable = pair.slice(0, eq).trim();
    if (eq < 1) throw new UsageError(`--map: "${pair}" is not variable=column[:unit] (e.g. --map nAct=params_b:B,loss=loss_bits:bits)`);
    if (!(RUN_VARIABLES as readonly string[]).includes(variable)) throw new UsageError(`--map: "${variable}" is not one of ${RUN_VARIABLES.join(', ')}`);
    if (variable in out) throw new UsageError(`--map: ${variable} is given twice`);
    const rest = pair.slice(eq + 1);
    const colon = rest.lastIndexOf(':');
    const unit = colon >= 0 ? rest.slice(colon + 1).trim() : undefined;
    if (unit !== undefined && !(COLUMN_UNITS as readonly string[]).includes(unit)) throw new UsageError(`--map: unit "${unit}" of ${variable} is not one of ${COLUMN_UNITS.filter(Boolean).join(', ')}`);
    const column = (colon >= 0 ? rest.slice(0, colon) : rest).trim();
    if (column === '') throw new UsageError(`--map: ${variable} names no column`);
    out[variable] = { column: /^\d+$/.test(column) ? Number(column) : column, ...(unit !== undefined ? { unit } : {}) };
  }
  return out;
}

const MAP_FLAG = {
  kind: 'string',
  unit: 'variable=column[:unit],…',
  description: `Which column holds a variable, by header or 0-based index, and its unit, as the Fit page's mapping (e.g. nAct=params_b:B,loss=loss_bits:bits); variables: ${RUN_VARIABLES.join(', ')}; units: ${COLUMN_UNITS.filter(Boolean).join(', ')}`,
  field: 'mapping',
} as const;

/** A CSV's text, its name and the mapping given: what runs.preview, runs.import and fit's source take. */
const csvSource = (path: string, what: string, v: FlagValues) => ({ text: readTextFile(path, what), fileName: path, ...(v.map !== undefined ? { mapping: mappingOf(String(v.map)) } : {}) });

/** The runs: a CSV file (--runs), or a project's stored runs (--project), exactly one. */
function sourceOf(v: FlagValues): Record<string, unknown> {
  if ((v.runs === undefined) === (v.project === undefined)) throw new UsageError('Give the runs as exactly one of --runs FILE or --project ID (a project\'s stored runs, see: runs import)');
  if (v.project !== undefined) {
    if (v.map !== undefined) throw new UsageError("--map maps a CSV file's columns: it goes with --runs, not --project (a project's runs are stored mapped)");
    return { projectId: v.project };
  }
  return csvSource(String(v.runs), '--runs', v);
}

function fitRequest(v: FlagValues): Record<string, unknown> {
  if (v['explain-run'] !== undefined && !v.explain) throw new UsageError('--explain-run says which run --explain writes out: give --explain too');
  const options: Record<string, unknown> = {};
  if (v.preset !== undefined) options.preset = v.preset;
  if (v.delta !== undefined) options.delta = v.delta;
  if (v['drop-highest'] !== undefined) options.dropHighest = v['drop-highest'];
  if (v['holdout-lowest'] !== undefined) options.holdoutLowest = v['holdout-lowest'];
  if (v.bootstrap !== undefined) options.bootstrap = v.bootstrap;
  if (v.seed !== undefined) options.bootstrapSeed = v.seed;
  if (v.outliers) options.downweightOutliers = true;
  if (v.experts !== undefined) options.experts = v.experts;
  return { law: v.law, source: sourceOf(v), options };
}

const num = (x: number) => fmt.significant(x, 4);

function text(v: FitRun): string {
  const r = v.result;
  const conf = r.bootstrap ? `${Math.round(r.bootstrap.confidence * 100)}% interval (bootstrap, ${r.bootstrap.samples} replicates)` : null;
  const rows = r.coefficientOrder.map((k) => {
    const iv = r.intervals?.[k];
    return [k, num(r.coefficients[k]!), ...(conf ? [iv ? `[${num(iv.lower)}, ${num(iv.upper)}]` : '—', iv ? num(iv.sd) : '—'] : [])];
  });
  const headers = ['coefficient', 'value', ...(conf ? [conf, 'SD'] : [])];
  const c = r.counts;
  return joinBlocks(
    `Fitted the ${r.law} law to ${v.source}: ${c.train} trained on, ${c.holdout} held out, ${c.dropped} dropped${c.excluded ? `, ${c.excluded} at other expert counts` : ''}.`,
    table(headers, rows),
    [
      `RMSE of ln L: train ${fmt.significant(r.rmseTrain, 3)}${r.rmseHoldout !== null ? `, held-out ${fmt.significant(r.rmseHoldout, 3)}` : ' (no held-out runs)'}`,
      `Max |ln L̂ − ln L|: ${fmt.significant(r.maxError, 3)}`,
      `Huber objective (δ = ${r.delta}): ${fmt.significant(r.objective, 4)}`,
      `${fmt.whole(r.starts)} starts, best #${r.bestStart} (${r.selection}); ${fmt.whole(r.iterations)} L-BFGS iterations`,
      `Time: ${fmt.significant(r.seconds)} s`,
    ].join('\n'),
  );
}

/** --save-set NAME: the finished fit becomes a coefficient set, with its bootstrap replicates, through fit.save as on the Fit page. */
async function saveSet(v: FitRun, values: FlagValues, call: Caller, io: CliIo): Promise<void> {
  if (values['save-set'] === undefined) return;
  const env = await call('fit.save', { jobId: v.jobId, name: values['save-set'] });
  if (!env.ok) throw new Error(`could not save the fit as a coefficient set: ${env.error.message}`);
  const set = env.value as ResponseOf<'fit.save'>;
  const b = v.result.bootstrap;
  const replicates = b ? `, with its ${b.samples - b.failed} bootstrap replicates` : ' (no bootstrap replicates: --bootstrap N draws them, for bands and next-runs)';
  io.error(`Saved coefficient set "${set.name}" [${set.id}] for the ${set.law} law${replicates}\n`);
}

const RUN_LAWS = FIT_LAW_IDS;

type Preview = ResponseOf<'runs.preview'>;

/** What the Fit page's preview shows: each column's variable and unit, every bad row by line, or the valid runs' first rows. */
function previewText(v: Preview): string {
  const unitOf = (variable: string, unit: string) => (unit !== '' ? unit : variable === 'loss' ? 'nats' : 'raw');
  const columns = table(
    ['column', 'variable', 'unit'],
    v.headers.map((h, i) => {
      const c = v.columns.find((x) => x.index === i);
      return [h || `(column ${i + 1})`, c ? c.variable : '(not used)', c ? unitOf(c.variable, c.unit) : '—'];
    }),
  );
  if (!v.ok) {
    const n = v.errors.length + v.moreErrors;
    return joinBlocks(
      `Columns as read:\n${columns}`,
      [
        `${fmt.whole(n)} problem${n === 1 ? '' : 's'} in the runs; nothing can be imported until they are fixed:`,
        ...v.errors.map((e) => `  line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.reason}`),
        ...(v.moreErrors ? [`  … and ${fmt.whole(v.moreErrors)} more`] : []),
      ].join('\n'),
    );
  }
  const shared = v.sample.some((r) => r.activatedExperts !== null || r.sharedRatio !== null);
  const dash = (x: number | null, write: (x: number) => string) => (x === null ? '—' : write(x));
  const sample = table(
    ['run', 'N_act (parameters)', 'N_total (parameters)', 'D (tokens)', 'E', ...(shared ? ['G (activated experts)', 'S (shared ratio)'] : []), 'loss (nats/token)'],
    v.sample.map((r) => [
      r.label ?? (r.line !== null ? `line ${r.line}` : ''),
      fmt.count(r.nAct),
      dash(r.nTotal, fmt.count),
      fmt.count(r.tokens),
      dash(r.experts, fmt.whole),
      ...(shared ? [dash(r.activatedExperts, fmt.whole), dash(r.sharedRatio, fmt.percent)] : []),
      fmt.loss(r.loss),
    ]),
  );
  return joinBlocks(
    `Columns as read:\n${columns}`,
    `${fmt.whole(v.runCount)} valid runs.${v.warnings.length ? `\n${v.warnings.map((w) => `! ${w}`).join('\n')}` : ''}`,
    `First runs:\n${sample}`,
    v.looksLike ? `${v.looksLike.message} (fit --preset ${v.looksLike.presetId})` : '',
  );
}

type Defaults = ResponseOf<'fit.defaults'>;

/** The law's fit parameters with their start values (a log parameter's also as the coefficient), δ, the starts, and the published settings with citations. */
function defaultsText(v: Defaults): string {
  // fit.defaults keys an axis by the parameter (fitted units) or, for a log parameter, by its coefficient (the coefficient's units).
  const grid = table(
    ['coefficient', 'fitted as', 'start values (fitted)', 'start values (coefficient)'],
    v.params.map((p) => {
      const log = p.transform === 'log';
      const byName = v.grid[p.name];
      const fitted = byName ?? (v.grid[p.coefficient] ?? []).map((x) => (log ? Math.log(x) : x));
      const coefficient = byName ? byName.map((x) => (log ? Math.exp(x) : x)) : (v.grid[p.coefficient] ?? []);
      const list = (xs: readonly number[]) => xs.map((x) => fmt.coefficient(x, 4)).join(', ');
      return [p.coefficient, log ? `ln ${p.coefficient}` : p.coefficient, list(fitted), list(coefficient)];
    }),
  );
  const presets = v.presets.length
    ? ['Published settings (fit --preset ID):', ...v.presets.map((p) => `  ${p.id}: ${p.name} — ${p.summary}.\n    δ = ${fmt.coefficient(p.settings.delta)}, ${fmt.whole(p.settings.dropHighest)} highest-loss runs dropped, ${fmt.whole(p.settings.holdoutLowest)} lowest-loss runs held out. ${p.citation}`)].join('\n')
    : `No published fit of the ${v.law} law to reproduce: fit's own settings apply.`;
  return joinBlocks(
    `Fit defaults of the ${v.law} law: Huber δ = ${fmt.coefficient(v.delta)} on ln L, L-BFGS from ${fmt.whole(v.starts)} starts (every combination of the start values below)${v.requires.length ? `; every run needs ${v.requires.join(', ')}` : ''}.`,
    grid,
    `Saved as a coefficient set: ${v.savable ? 'yes (fit --save-set NAME)' : 'no (its coefficients are not a set any page reads)'}`,
    presets,
    `Procedure: ${v.procedure.source}.\n${v.procedure.citation}`,
  );
}

export const fitCommands = [
  command({
    words: ['runs', 'import'],
    summary: "Import training runs from a CSV file into a project (every row is checked first; nothing is stored unless all are valid), for fit --project and next-runs",
    channel: 'runs.import',
    example: 'runs import --project PROJECT_ID --law joint --runs runs.csv',
    flags: {
      project: { kind: 'string', unit: 'id', description: 'Project to import into (see: projects list, projects create)', required: true, field: 'projectId' },
      law: { kind: 'string', description: `Law whose columns the file holds (default chinchilla): ${RUN_LAWS.join(', ')}`, choices: RUN_LAWS },
      runs: { kind: 'string', unit: 'file', description: 'CSV file of runs (columns recognised by name, e.g. nAct, tokens, experts, loss)', required: true, field: 'text' },
      map: MAP_FLAG,
    },
    toRequest: (v) => ({ projectId: v.project, ...(v.law !== undefined ? { law: v.law } : {}), ...csvSource(String(v.runs), '--runs', v) }),
    format: (v) => [`Imported ${v.imported} runs into project ${v.projectId} (${v.total} stored).`, ...v.warnings].join('\n'),
  }),
  command({
    words: ['runs', 'preview'],
    summary: "Check a CSV file of runs for a law without storing them, as the Fit page's preview: each column's variable and unit, every bad row by line (exit 1), the first valid runs",
    channel: 'runs.preview',
    example: 'runs preview runs.csv --law chinchilla',
    flags: {
      law: { kind: 'string', description: `Law whose columns the file should hold (default chinchilla): ${RUN_LAWS.join(', ')}`, choices: RUN_LAWS },
      delimiter: { kind: 'string', unit: 'character', description: 'Field delimiter (default: detected)' },
      map: MAP_FLAG,
    },
    positionals: [{ name: 'FILE', description: 'the CSV file of runs (columns recognised by name, e.g. nAct, tokens, experts, loss)', textOf: 'text' }],
    toRequest: (v, [file]) => ({ ...(v.law !== undefined ? { law: v.law } : {}), ...(v.delimiter !== undefined ? { delimiter: v.delimiter } : {}), ...csvSource(file!, 'FILE', v) }),
    // Bad rows are an answer, not a failure of the command: printed, then exit 1 for scripts.
    complete: async (v) => ({ value: v, code: v.ok ? 0 : 1 }),
    format: (v) => previewText(v),
  }),
  command({
    words: ['fit', 'defaults'],
    summary: "A law's fit settings: its parameters and start grid, default Huber δ, the published fits' settings (presets) with their citations",
    channel: 'fit.defaults',
    example: 'fit defaults --law chinchilla',
    flags: { law: { kind: 'string', description: `Law: ${FIT_LAW_IDS.join(', ')}`, required: true, choices: FIT_LAW_IDS } },
    format: (v) => defaultsText(v),
  }),
  command({
    words: ['runs', 'list'],
    summary: "A project's stored training runs: active and total parameters, tokens, FLOPs, experts and loss",
    channel: 'runs.list',
    example: 'runs list --project PROJECT_ID',
    flags: { project: { kind: 'string', unit: 'id', description: 'The project whose runs to list (see: projects list)', required: true, field: 'projectId' } },
    format: (v) =>
      joinBlocks(
        table(
          ['run', 'N_act (parameters)', 'N_total (parameters)', 'tokens', 'FLOPs', 'experts', 'loss (nats/token)'],
          v.runs.map((r) => [r.name, fmt.count(r.nAct), fmt.count(r.nTotal), fmt.count(r.tokens), fmt.flops(r.flops), r.experts === null ? '—' : String(r.experts), fmt.loss(r.loss)]),
        ),
        `${v.runs.length} run(s) in project ${v.projectId}`,
      ),
  }),
  command({
    words: ['fit'],
    summary: "Fit a law's coefficients to training runs in a CSV file or a project (Huber on ln L, L-BFGS from a grid of starts); --save-set NAME keeps the fit as a coefficient set with its bootstrap replicates",
    channel: 'fit.run',
    example: 'fit --law chinchilla --runs runs.csv --preset chinchilla-replication --bootstrap 100 --save-set "My Chinchilla fit"',
    flags: {
      law: { kind: 'string', description: `Law to fit: ${FIT_LAW_IDS.join(', ')}`, required: true, choices: FIT_LAW_IDS },
      runs: { kind: 'string', unit: 'file', description: 'CSV file of runs (columns recognised by name, e.g. Model Size, Training FLOP, loss); or --project', field: 'source.text' },
      project: { kind: 'string', unit: 'id', description: "Fit a project's stored runs instead of a file (see: runs import)", field: 'source.projectId' },
      map: { ...MAP_FLAG, field: 'source.mapping' },
      'save-set': { kind: 'string', unit: 'name', description: 'Also save the fit as a coefficient set of this name, with its bootstrap replicates (for plans, bands and next-runs)' },
      preset: {
        kind: 'string',
        description: `A published fit's settings (the values given beside it win): ${FIT_PRESETS.map((p) => `${p.id} = ${p.summary} (${p.citation})`).join('; ')}`,
        choices: FIT_PRESET_IDS,
      },
      delta: { kind: 'number', unit: 'ln L', description: 'Huber δ on ln L (default 1e-3 for chinchilla, 1e-2 otherwise)' },
      'drop-highest': { kind: 'number', unit: 'runs', description: 'Drop the k highest-loss runs first (the Chinchilla replication drops 5)' },
      'holdout-lowest': { kind: 'number', unit: 'runs', description: 'Hold out the k lowest-loss runs (never trained on; they choose the start)' },
      bootstrap: { kind: 'number', unit: 'replicates', description: 'Bootstrap replicates for confidence intervals (default 0: none)' },
      seed: { kind: 'number', unit: 'integer', description: 'Bootstrap seed (default 1)' },
      outliers: { kind: 'boolean', description: 'Down-weight runs more than 3 robust SDs from the median residual' },
      experts: { kind: 'number', unit: 'experts', description: 'Expert count of a per-e fit' },
      'explain-run': { kind: 'number', unit: 'run', description: "With --explain: the run (1 to the number of runs, as the explanation's tables number them) whose predicted loss and residual are written out, as the Fit page's choice (default: the largest error)" },
    },
    toRequest: fitRequest,
    after: saveSet,
    // Explained from the answer printed and the request it answered, as any transport explains a blocking fit.
    explainWith: (v, values) => {
      const n = values['explain-run'];
      if (n === undefined) return { answer: v };
      const runs = v.result.counts.runs;
      if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > runs) throw new UsageError(`--explain-run: the fit has ${runs} runs, numbered 1 to ${runs} as its explanation's tables number them; got ${String(n)}`);
      return { answer: v, run: (n as number) - 1 };
    },
    format: (v) => text(v),
  }),
];
