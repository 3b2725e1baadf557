/**
 * CSV exports (RFC 4180): a header row, CRLF line ends, a field quoted when it holds a comma,
 * a double quote, CR or LF (quotes doubled inside), numbers written raw with String(n) — the
 * shortest text that reads back to the same double; from 2⁵³ up in exponent form ("1e+20"), since
 * 100000000000000000000 overflows a 64-bit integer column and pandas then reads it as text — and
 * units in the column names,
 * e.g. `nAct (parameters)`, `memory.totalBytes (bytes)`. A missing value is an empty field;
 * yes/no are `true` / `false`. A text cell starting with =, +, -, @, tab or CR gets a leading `'`
 * (OWASP's advice against CSV formula injection: a spreadsheet would run it as a formula, and
 * scenario names, notes and tags are user text); numbers are never text, so they stay raw.
 *
 * Three exports: the comparison table, one scenario's results (a row per candidate E), and
 * the data behind a chart (a row per series × point).
 */
import * as fmt from '../format';
import { readTarget } from './target-snapshot';
import { NEXT_RUN_CSV_HEADER, nextRunCsvRows, readNextRun } from './next-run-report';
import { buildComparison, type ChartData, type ComparisonModel, type ComparisonOptions, type ReportScenario } from './comparison';
import { readBand, readPlan, readScalars, snapshotProblem, type FeasibleCandidate, type SnapshotCandidate } from './plan-snapshot';
import { publishedSetResolver, readArchitecture, readLeverage } from './law-snapshots';
import { denseSavingsFor } from './dense-baseline';

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_LEAD = /^[=+\-@\t\r]/;

/** One field: numbers raw, text neutralised when a spreadsheet would read it as a formula, quoted when it must be. */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    // Machine text: CSV cells keep raw numbers for spreadsheets, never the planner units of src-main/format.
    // -0 would print as "0" anyway; String keeps every digit a double has. Past 2⁵³ a double is no
    // exact integer, and as digits (String prints them up to 1e21) readers' int64 parsers overflow.
    return Math.abs(v) >= 2 ** 53 ? v.toExponential() : String(v);
  }
  const text = typeof v === 'boolean' ? (v ? 'true' : 'false') : v;
  const s = FORMULA_LEAD.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) {
    if (r.length !== header.length) throw new Error(`CSV row has ${r.length} fields, the header has ${header.length}`);
    lines.push(r.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** `name (unit)`, or the name alone when there is no unit. */
export const withUnit = (name: string, unit: string): string => (unit ? `${name} (${unit})` : name);

/**
 * The comparison table: a row per quantity, a column per scenario. Each row's unit has its
 * own column (quantities in one column differ in unit); the scenario columns are named
 * `name [id]`, so two scenarios of the same name stay apart.
 */
export function comparisonCsv(model: ComparisonModel): string {
  const header = ['quantity', 'key', 'unit', 'differs', ...model.columns.map((c) => `${c.name} [${c.id}]`)];
  const rows = model.rows.map((r) => [r.label, r.key, fmt.csvUnitText(r.unit), r.differs, ...r.values]);
  return toCsv(header, rows);
}

interface ScenarioColumn {
  name: string;
  unit: string;
  get: (c: FeasibleCandidate) => CsvValue;
}

const CANDIDATE_COLUMNS: ScenarioColumn[] = [
  { name: 'loss', unit: 'nats per token', get: (c) => c.loss },
  { name: 'nAct', unit: 'parameters', get: (c) => c.nAct },
  { name: 'nTotal', unit: 'parameters', get: (c) => c.nTotal },
  { name: 'nActNonEmbedding', unit: 'parameters', get: (c) => c.nActNonEmbedding },
  { name: 'tokens', unit: 'tokens', get: (c) => c.tokens },
  { name: 'tokensPerParam', unit: 'tokens per parameter', get: (c) => c.tokensPerParam },
  { name: 'trainingFlops', unit: 'FLOPs', get: (c) => c.trainingFlops },
  { name: 'inferenceFlops', unit: 'FLOPs', get: (c) => c.inferenceFlops },
  { name: 'memory.weightsBytes', unit: 'bytes', get: (c) => c.memory.weightsBytes },
  { name: 'memory.kvBytes', unit: 'bytes', get: (c) => c.memory.kvBytes },
  { name: 'memory.totalBytes', unit: 'bytes', get: (c) => c.memory.totalBytes },
  { name: 'memory.budgetBytes', unit: 'bytes', get: (c) => c.memory.budgetBytes },
  { name: 'fits', unit: '', get: (c) => c.fits },
  { name: 'bindingConstraint', unit: '', get: (c) => c.bindingConstraint },
  { name: 'shape.dModel', unit: 'dimensions', get: (c) => c.shape.dModel },
  { name: 'shape.nBlocks', unit: 'blocks', get: (c) => c.shape.nBlocks },
  { name: 'shape.nHeads', unit: 'heads', get: (c) => c.shape.nHeads },
  { name: 'buildable.dModel', unit: 'dimensions', get: (c) => c.buildable.shape.dModel },
  { name: 'buildable.nBlocks', unit: 'blocks', get: (c) => c.buildable.shape.nBlocks },
  { name: 'buildable.nHeads', unit: 'heads', get: (c) => c.buildable.shape.nHeads },
  { name: 'buildable.nAct', unit: 'parameters', get: (c) => c.buildable.nAct },
  { name: 'buildable.nTotal', unit: 'parameters', get: (c) => c.buildable.nTotal },
  { name: 'buildable.tokens', unit: 'tokens', get: (c) => c.buildable.tokens },
  { name: 'buildable.loss', unit: 'nats per token', get: (c) => c.buildable.loss },
  { name: 'buildable.memory.totalBytes', unit: 'bytes', get: (c) => c.buildable.memory.totalBytes },
  { name: 'learningRate', unit: '1', get: (c) => c.learningRate.value },
  { name: 'recipe.warmupEndTokens', unit: 'tokens', get: (c) => c.recipe.learningRateSchedule.warmupEndTokens },
  { name: 'recipe.decayStartTokens', unit: 'tokens', get: (c) => c.recipe.learningRateSchedule.decayStartTokens },
  { name: 'recipe.decayEndTokens', unit: 'tokens', get: (c) => c.recipe.learningRateSchedule.decayEndTokens },
  { name: 'recipe.finalBatchTokens', unit: 'tokens', get: (c) => c.recipe.batchRampUp.at(-1)?.batchTokens },
];

/**
 * One scenario's results: a row per candidate expert count, feasible or not. A leverage or
 * architecture scenario exports a row per quantity (inputs, results, derived figures) with
 * its unit, `quantity,key,unit,value`; any other snapshot its top-level figures as
 * `quantity,value` rows.
 */
export function scenarioCsv(s: ReportScenario, options: ComparisonOptions = {}): string {
  const plan = readPlan(s.results);
  const nextRun = plan ? null : readNextRun(s.results);
  if (nextRun) return toCsv(NEXT_RUN_CSV_HEADER, nextRunCsvRows(nextRun));
  // Whatever its kind, the file says which scenario it is: its name and id come first.
  const named: CsvValue[][] = [
    ['Scenario', 'scenario.name', '', s.name],
    ['Scenario id', 'scenario.id', '', s.id],
  ];
  if (!plan && (readLeverage(s.results) || readArchitecture(s.results) || readTarget(s.results))) {
    const model = buildComparison([s], options);
    const rows = model.rows.map((r) => [r.label, r.key, r.unit, r.values[0]]);
    return toCsv(['quantity', 'key', 'unit', 'value'], [...named, ...rows]);
  }
  if (!plan) {
    const problem = snapshotProblem(s.results);
    const rows = [
      ...named.map(([label, , , v]) => [label, v]),
      ...(problem ? [['error', problem]] : []),
      ...readScalars(s.inputs).map(([k, v]) => [`input: ${k}`, v]),
      ...readScalars(s.results),
    ];
    return toCsv(['quantity', 'value'], rows);
  }
  // The scenario's name and every input on each row, so a row read on its own still says what was asked.
  const inputs = buildComparison([s], options).rows.filter((r) => r.group === 'inputs');
  const dense = denseSavingsFor(plan, options.resolveSet ?? publishedSetResolver);
  const header = [
    'scenario',
    'scenario id',
    ...inputs.map((r) => `input: ${withUnit(r.label, r.unit)}`),
    'experts (experts)',
    'best',
    'feasible',
    'reason',
    ...CANDIDATE_COLUMNS.map((c) => withUnit(c.name, c.unit)),
    withUnit('dense.flopsForSameLoss', 'FLOPs'),
    withUnit('dense.savings', fmt.csvUnitText(fmt.SHARE_UNIT)),
    withUnit('band.loss.low', 'nats per token'),
    withUnit('band.loss.high', 'nats per token'),
    withUnit('band.nAct.low', 'parameters'),
    withUnit('band.nAct.high', 'parameters'),
    'band',
    'flags',
  ];
  const band = readBand(plan);
  const bestE = plan.best?.experts ?? null;
  const ordered: SnapshotCandidate[] = [...plan.candidates].sort((a, b) => a.experts - b.experts);
  const rows = ordered.map((c) => {
    const cells: CsvValue[] = c.feasible ? CANDIDATE_COLUMNS.map((col) => col.get(c)) : CANDIDATE_COLUMNS.map(() => null);
    const vs = c.feasible && dense ? dense(c.trainingFlops, c.loss) : null;
    const eb = band?.perExpert?.find((p) => p.experts === c.experts) ?? null;
    const bandCells = [eb?.loss.low ?? null, eb?.loss.high ?? null, eb?.nAct?.low ?? null, eb?.nAct?.high ?? null, eb ? band!.label : null];
    return [s.name, s.id, ...inputs.map((r) => r.values[0] ?? null), c.experts, c.experts === bestE, c.feasible, c.feasible ? null : c.reason, ...cells, vs?.denseFlops ?? null, vs?.savings ?? null, ...bandCells, c.flags.map((f) => f.message).join('; ')];
  });
  return toCsv(header, rows);
}

/** The data behind one chart: a row per series and point, axes named with their units. */
export function chartCsv(chart: ChartData): string {
  const xName = chart.x.categories ? chart.x.name : withUnit(chart.x.name, chart.x.unit);
  const header = ['series', xName, withUnit(chart.y.name, chart.y.unit)];
  const rows = chart.series.flatMap((s) => s.points.map((p) => [s.name, p.x, p.y] as CsvValue[]));
  return toCsv(header, rows);
}

