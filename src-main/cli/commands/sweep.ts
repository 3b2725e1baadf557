/**
 * `moe-workbench sweep`: plans over a grid of budgets, memory budgets or hardware profiles and
 * device counts, precisions, KV-cache tokens and coefficient sets, in one process; one row per
 * grid point × expert count, as CSV (units in the header, raw numbers in the cells) or JSON
 * Lines. Every request of the grid is built and validated — by the contract's own schemas,
 * and against the hardware profiles and coefficient sets that exist — before the first plan
 * runs, so a bad grid is refused naming its option.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResponseOf } from '../../ipc/contract';
import { parseWordList, whole } from '../../format';
import { UsageError, type FlagValues } from '../args';
import { tool, type Caller, type CliIo } from '../command';
import { cartesian, MAX_SWEEP_PLANS, parseAxis, parseBytesAxis } from '../sweep-grid';
import { sweepChartCommands } from './sweep-charts';

type Plan = ResponseOf<'plan.compute'>;
type Candidate = Plan['candidates'][number];

/** The grid's request fields and the option each comes from, to name the option when a value is refused. */
const OPTION_OF: Record<string, string> = {
  flops: 'flops',
  memoryBytes: 'memory',
  hardwareId: 'hardware',
  deviceCount: 'devices',
  weightBytes: 'weight-bytes',
  kvBytes: 'kv-bytes',
  kvTokens: 'kv-tokens',
  coefficientSetId: 'coefficients',
  experts: 'experts',
  usableFraction: 'usable-fraction',
  learningRateBasis: 'lr-basis',
};

interface Point {
  request: Record<string, unknown>;
}

interface RowContext {
  plan: Plan;
  request: Record<string, unknown>;
  c: Candidate;
}

type Cell = string | number | boolean | null;

/** The columns: key, unit (in the CSV header as `key (unit)`), value. Grid inputs first, then the candidate. */
const COLUMNS: ReadonlyArray<[string, string, (r: RowContext) => Cell]> = [
  ['flops', 'FLOPs', (r) => r.plan.flops],
  ['memoryBudget', 'bytes', (r) => r.plan.memory?.bytes ?? null],
  ['hardwareId', '', (r) => r.plan.memory?.hardwareId ?? null],
  ['deviceCount', 'devices', (r) => r.plan.memory?.deviceCount ?? null],
  ['bytesPerWeight', 'bytes/weight', (r) => r.plan.precision.bytesPerWeight],
  ['bytesPerKvValue', 'bytes/value', (r) => r.plan.precision.bytesPerKvValue],
  ['kvTokens', 'tokens', (r) => r.plan.kvTokens],
  ['coefficientSetId', '', (r) => r.plan.coefficientSetId],
  ['experts', 'experts', (r) => r.c.experts],
  ['feasible', '', (r) => r.c.feasible],
  ['best', '', (r) => r.plan.best?.experts === r.c.experts],
  ['nAct', 'parameters', (r) => (r.c.feasible ? r.c.nAct : null)],
  ['nTotal', 'parameters', (r) => (r.c.feasible ? r.c.nTotal : null)],
  ['nActNonEmbedding', 'parameters', (r) => (r.c.feasible ? r.c.nActNonEmbedding : null)],
  ['tokens', 'tokens', (r) => (r.c.feasible ? r.c.tokens : null)],
  ['tokensPerParam', 'tokens/parameter', (r) => (r.c.feasible ? r.c.tokensPerParam : null)],
  ['loss', 'nats/token', (r) => (r.c.feasible ? r.c.loss : null)],
  ['trainingFlops', 'FLOPs', (r) => (r.c.feasible ? r.c.trainingFlops : null)],
  ['learningRate', '1', (r) => (r.c.feasible ? r.c.learningRate.value : null)],
  ['buildable.dModel', 'width', (r) => (r.c.feasible ? r.c.buildable.shape.dModel : null)],
  ['buildable.nBlocks', 'blocks', (r) => (r.c.feasible ? r.c.buildable.shape.nBlocks : null)],
  ['buildable.nAct', 'parameters', (r) => (r.c.feasible ? r.c.buildable.nAct : null)],
  ['buildable.nTotal', 'parameters', (r) => (r.c.feasible ? r.c.buildable.nTotal : null)],
  ['buildable.loss', 'nats/token', (r) => (r.c.feasible ? r.c.buildable.loss : null)],
  ['memory.weightsBytes', 'bytes', (r) => (r.c.feasible ? r.c.memory.weightsBytes : null)],
  ['memory.kvBytes', 'bytes', (r) => (r.c.feasible ? r.c.memory.kvBytes : null)],
  ['memory.countedBytes', 'bytes', (r) => (r.c.feasible ? r.c.memory.countedBytes : null)],
  ['fits', '', (r) => (r.c.feasible ? r.c.fits : null)],
  ['bindingConstraint', '', (r) => (r.c.feasible ? r.c.bindingConstraint : null)],
  ['flags', '', (r) => r.c.flags.map((f) => f.code).join(';')],
  ['reason', '', (r) => (r.c.feasible ? null : r.c.reason)],
];

/** The sweep's column names and units, for --help and the README. */
export const SWEEP_COLUMNS = COLUMNS.map(([key, unit]) => ({ key, unit }));

function axes(v: FlagValues) {
  const count = v.count as number | undefined;
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) throw new UsageError(`--count must be a whole number ≥ 1 (got ${count})`);
  const str = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : undefined);
  if (str('memory') !== undefined && str('hardware') !== undefined) throw new UsageError('give --memory or --hardware, not both');
  if (str('devices') !== undefined && str('hardware') === undefined) throw new UsageError('--devices needs --hardware');
  const grid: Record<string, readonly unknown[]> = { flops: parseAxis(str('flops')!, 'flops', count) };
  if (str('memory') !== undefined) grid.memoryBytes = parseBytesAxis(str('memory')!, 'memory', count);
  if (str('hardware') !== undefined) grid.hardwareId = parseWordList(str('hardware')!);
  if (str('devices') !== undefined) grid.deviceCount = parseAxis(str('devices')!, 'devices', count);
  if (str('weight-bytes') !== undefined) grid.weightBytes = parseAxis(str('weight-bytes')!, 'weight-bytes', count);
  if (str('kv-bytes') !== undefined) grid.kvBytes = parseAxis(str('kv-bytes')!, 'kv-bytes', count);
  if (str('kv-tokens') !== undefined) grid.kvTokens = parseAxis(str('kv-tokens')!, 'kv-tokens', count);
  if (str('coefficients') !== undefined) grid.coefficientSetId = parseWordList(str('coefficients')!);
  for (const [field, values] of Object.entries(grid)) if (values.length === 0) throw new UsageError(`--${OPTION_OF[field]} is empty`);
  const size = Object.values(grid).reduce((n, a) => n * a.length, 1);
  if (size > MAX_SWEEP_PLANS) throw new UsageError(`the grid has ${whole(size)} plans; at most ${whole(MAX_SWEEP_PLANS)} (split it)`);
  return grid;
}

function points(v: FlagValues): { channel: 'plan.compute' | 'plan.memory'; points: Point[] } {
  const grid = axes(v);
  const channel = grid.memoryBytes || grid.hardwareId ? 'plan.memory' : 'plan.compute';
  const fixed: Record<string, unknown> = {};
  if (v.experts !== undefined) fixed.experts = v.experts;
  if (v['lr-basis'] !== undefined) fixed.learningRateBasis = v['lr-basis'];
  if (channel === 'plan.memory') {
    if (v['usable-fraction'] !== undefined) fixed.usableFraction = v['usable-fraction'];
    if (v['model-only']) fixed.memoryMode = 'model';
  } else if (v['usable-fraction'] !== undefined || v['model-only']) {
    throw new UsageError('--usable-fraction and --model-only need a memory budget (--memory or --hardware)');
  }
  return { channel, points: cartesian(grid).map((p) => ({ request: { ...fixed, ...p } })) };
}

/** Every request checked by the contract's schema, and every hardware profile and coefficient set looked up, before anything runs. */
async function validate(channel: 'plan.compute' | 'plan.memory', pts: readonly Point[], v: FlagValues, call: Caller): Promise<void> {
  const { contract } = await import('../../ipc/contract');
  const schema = contract[channel].request;
  for (const p of pts) {
    const r = schema.safeParse(p.request);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      const option = OPTION_OF[field];
      const value = field in p.request ? ` = ${JSON.stringify(p.request[field])}` : '';
      throw new UsageError(`${option ? `--${option}` : field || 'request'}${value}: ${issue.message}`);
    }
  }
  const lookups: Array<[string, 'hardware.list' | 'coefficients.list', (r: unknown) => string[]]> = [
    ['hardware', 'hardware.list', (r) => (r as ResponseOf<'hardware.list'>).profiles.map((p) => p.id)],
    ['coefficients', 'coefficients.list', (r) => (r as ResponseOf<'coefficients.list'>).sets.filter((s) => s.law === 'joint').map((s) => s.id)],
  ];
  for (const [option, ch, ids] of lookups) {
    if (typeof v[option] !== 'string') continue;
    const env = await call(ch, ch === 'coefficients.list' ? { law: 'joint' } : {});
    if (!env.ok) throw new Error(`could not list ${option}: ${env.error.message}`);
    const known = ids(env.value);
    const unknown = parseWordList(v[option] as string).filter((id) => !known.includes(id));
    if (unknown.length) throw new UsageError(`--${option}: no ${option === 'hardware' ? 'hardware profile' : 'joint-law coefficient set'} ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${known.join(', ')})`);
  }
}

/** Where rows go: standard output, or a file opened only once the grid is known to be good. */
function sink(io: CliIo, out: string | undefined): { write: (text: string) => void; close: () => void; path: string | null } {
  if (out === undefined || out === '-') return { write: (t) => io.write(t), close: () => {}, path: null };
  const path = resolve(out);
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (err) {
    throw new UsageError(`--out: cannot write "${path}": ${(err as Error).message}`);
  }
  return { write: (t) => void writeSync(fd, t), close: () => closeSync(fd), path };
}

async function runSweep(v: FlagValues, io: CliIo, call: Caller): Promise<number> {
  const { channel, points: pts } = points(v);
  await validate(channel, pts, v, call);
  const { csvField, withUnit } = await import('../../reports/csv');
  const jsonl = v.format === 'jsonl';
  const out = sink(io, v.out as string | undefined);
  const progress = !v.quiet && (v.progress === true || pts.length >= 100);
  let rows = 0;
  try {
    if (!jsonl) out.write(COLUMNS.map(([k, unit]) => csvField(withUnit(k, unit))).join(',') + '\r\n');
    let nextReport = 0.1;
    for (const [i, p] of pts.entries()) {
      const env = await call(channel, p.request);
      if (!env.ok) {
        const at = Object.entries(p.request).map(([k, x]) => `${OPTION_OF[k] ?? k}=${JSON.stringify(x)}`).join(' ');
        throw new Error(`plan ${i + 1} of ${pts.length} (${at}): ${env.error.message}`);
      }
      const plan = env.value as Plan;
      const lines: string[] = [];
      for (const c of plan.candidates) {
        const ctx = { plan, request: p.request, c };
        lines.push(
          jsonl
            ? JSON.stringify(Object.fromEntries(COLUMNS.map(([k, , f]) => [k, f(ctx)]))) + '\n'
            : COLUMNS.map(([, , f]) => csvField(f(ctx))).join(',') + '\r\n',
        );
      }
      out.write(lines.join(''));
      rows += lines.length;
      if (progress && (i + 1) / pts.length >= nextReport - 1e-12) {
        io.error(`sweep: ${i + 1}/${pts.length} plans (${Math.round(((i + 1) / pts.length) * 100)}%), ${rows} rows\n`);
        while (nextReport <= (i + 1) / pts.length + 1e-12) nextReport += 0.1;
      }
    }
  } finally {
    out.close();
  }
  if (out.path) io.error(`Wrote ${rows} rows (${pts.length} plans) to ${out.path}\n`);
  return 0;
}

const axisHelp = 'a list a,b,c; a range lo..hi with --count N (log-spaced); or lo..hi*k / lo..hi+k (stepped)';

export const sweepCommands = [
  tool({
    words: ['sweep'],
    summary: 'Plans over a grid (budgets × memory or hardware × devices × precisions × KV tokens × coefficient sets), one row per point and E, as CSV or JSON Lines',
    flags: {
      flops: { kind: 'string', unit: 'FLOPs', description: `Training budgets: ${axisHelp}`, required: true },
      count: { kind: 'number', unit: 'points', description: 'Points in each lo..hi range given without a step' },
      experts: { kind: 'int-list', unit: 'experts', description: 'Expert counts planned at each point (default 1,2,4,8,16,32,64)' },
      memory: { kind: 'string', unit: 'bytes', description: `Memory budgets (80GB, 80GiB or bytes): ${axisHelp}; plans are then memory plans` },
      hardware: { kind: 'string', unit: 'id,…', description: 'Hardware profiles instead of --memory (see: hardware list)' },
      devices: { kind: 'string', unit: 'devices', description: `Device counts for --hardware (default: the profile's): ${axisHelp}` },
      'usable-fraction': { kind: 'number', unit: 'fraction', description: 'Share of device memory usable for weights and KV cache (default 1)' },
      'model-only': { kind: 'boolean', description: 'Count weights only against the memory budget, not the KV cache' },
      'weight-bytes': { kind: 'string', unit: 'bytes/weight', description: 'Precisions of the weights: 2 bf16, 1 fp8, 0.5 int4, 4 fp32 (a list)' },
      'kv-bytes': { kind: 'string', unit: 'bytes/value', description: 'Precisions of the KV cache (a list)' },
      'kv-tokens': { kind: 'string', unit: 'tokens', description: `Tokens held in the KV cache: ${axisHelp}` },
      coefficients: { kind: 'string', unit: 'id,…', description: 'Joint-law coefficient sets (see: coefficients list --law joint)' },
      'lr-basis': { kind: 'string', description: 'N in the LR law', choices: ['active-non-embedding', 'active-with-embedding'] },
      format: { kind: 'string', description: 'csv (default: units in the header) or jsonl (one JSON object per row)', choices: ['csv', 'jsonl'] },
      out: { kind: 'string', unit: 'file', description: 'Write the rows to this file instead of standard output' },
      progress: { kind: 'boolean', description: 'Report progress on standard error (on by default from 100 plans)' },
      quiet: { kind: 'boolean', description: 'No progress report' },
    },
    example: 'sweep --flops 1e20..1e24 --count 5 --experts 1,2,4,8,16,32,64 --hardware rtx4090,a100-80,h100-sxm --out sweep.csv',
    run: ({ values, io, call }) => runSweep(values, io, call),
  }),
  ...sweepChartCommands,
];
