/**
 * The comparison model: scenarios side by side, one column per scenario and one row per
 * quantity (inputs and results, each with its unit), whether each row differs, which scenarios'
 * inputs changed since they were saved, the charts the scenarios share axes for, and every law
 * and coefficient set they cite. Works across wizards: a quantity a scenario lacks is null.
 *
 * Numbers stay raw (parameters, tokens and FLOPs as counts, memory in bytes, loss in nats per
 * token); the PDF and the pages format them, the CSV writes them as they are.
 */
import type { ScenarioRow } from '../store';
import { lawDescription } from '../engine/laws';
import {
  feasibleCandidates,
  isNum,
  isObj,
  isStr,
  readFlags,
  readPlan,
  readProvenance,
  type FeasibleCandidate,
  type PlanSnapshot,
  type SnapshotFlag,
} from './plan-snapshot';
import { sci } from './format';

/** A scenario as reports need it: the store row and the name of its project. */
export type ReportScenario = Pick<
  ScenarioRow,
  'id' | 'name' | 'wizard' | 'projectId' | 'tags' | 'inputs' | 'results' | 'inputsChanged' | 'changedInputs' | 'createdAt' | 'updatedAt' | 'notes'
> & { projectName: string | null };

export type Cell = number | string | boolean | null;
export type RowGroup = 'scenario' | 'inputs' | 'design' | 'buildable' | 'memory' | 'recipe' | 'provenance' | 'other';

export interface ComparisonRow {
  key: string;
  group: RowGroup;
  label: string;
  /** Unit of the raw values ('' for text and yes/no). */
  unit: string;
  values: Cell[];
  /** True when the columns do not all hold the same value (a missing value counts as different). */
  differs: boolean;
}

export interface ComparisonColumn {
  id: string;
  name: string;
  wizard: string;
  projectId: string;
  projectName: string | null;
  tags: string[];
  inputsChanged: boolean;
  changedInputs: Array<{ input: 'hardwareProfile' | 'coefficientSet'; id: string; reason: 'edited' | 'deleted' }>;
  hasResults: boolean;
  /** The snapshot has the shape of a joint-law plan (compute, memory, inference wizards). */
  isPlan: boolean;
  bestExperts: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChartAxis {
  name: string;
  unit: string;
  log: boolean;
  /** For bar charts: the category labels along the axis. */
  categories: string[] | null;
}

export interface ChartSeries {
  name: string;
  /** The scenario the series belongs to, when it belongs to one. */
  scenarioId: string | null;
  type: 'line' | 'scatter' | 'bar';
  stack: string | null;
  /** `label` names a point on the chart (e.g. its E). */
  points: Array<{ x: number | string; y: number; label?: string }>;
}

export interface ChartData {
  id: string;
  title: string;
  x: ChartAxis;
  y: ChartAxis;
  series: ChartSeries[];
}

export interface Citation {
  kind: 'law' | 'coefficient-set';
  id: string;
  name: string;
  citation: string;
  provenance: string | null;
  scenarioIds: string[];
}

export interface ComparisonFlag {
  scenarioId: string;
  code: string;
  severity: 'info' | 'warning';
  message: string;
}

export interface ComparisonModel {
  columns: ComparisonColumn[];
  rows: ComparisonRow[];
  charts: ChartData[];
  citations: Citation[];
  /** Extrapolation and other warnings, per scenario, without repeats. */
  flags: ComparisonFlag[];
  /** Assumptions the numbers rest on (units, fitted ranges of each law used). */
  assumptions: string[];
}

interface Ctx {
  s: ReportScenario;
  plan: PlanSnapshot | null;
  inputs: Record<string, unknown> | null;
  best: FeasibleCandidate | null;
}

interface QuantityDef {
  key: string;
  group: RowGroup;
  label: string;
  unit: string;
  get: (c: Ctx) => Cell;
}

const num = (v: unknown): number | null => (isNum(v) ? v : null);
const str = (v: unknown): string | null => (isStr(v) ? v : null);

function budgetSource(c: Ctx): string | null {
  const b = c.inputs && isObj(c.inputs.budget) ? c.inputs.budget : null;
  if (!b) return null;
  if (b.mode === 'device-days') return `${String(b.devices)} × ${String(b.hardwareId)} for ${String(b.days)} days at ${String(b.utilization)} utilisation`;
  if (b.mode === 'gpu-hours') return `${String(b.gpuHours)} GPU-hours of ${String(b.hardwareId)} at ${String(b.utilization)} utilisation`;
  if (b.mode === 'flops') return 'typed FLOP budget';
  return null;
}

const QUANTITIES: QuantityDef[] = [
  { key: 'scenario.wizard', group: 'scenario', label: 'Wizard', unit: '', get: (c) => c.s.wizard },
  { key: 'scenario.project', group: 'scenario', label: 'Project', unit: '', get: (c) => c.s.projectName },
  { key: 'scenario.inputsChanged', group: 'scenario', label: 'Inputs changed since saved', unit: '', get: (c) => c.s.inputsChanged },
  { key: 'scenario.updatedAt', group: 'scenario', label: 'Saved', unit: 'ISO 8601', get: (c) => c.s.updatedAt },

  { key: 'inputs.problem', group: 'inputs', label: 'Design problem', unit: '', get: (c) => str(c.plan?.problem) },
  { key: 'inputs.flops', group: 'inputs', label: 'Training budget', unit: 'FLOPs', get: (c) => num(c.plan?.flops) },
  { key: 'inputs.budgetSource', group: 'inputs', label: 'Budget given as', unit: '', get: budgetSource },
  { key: 'inputs.experts', group: 'inputs', label: 'Expert counts considered', unit: 'experts', get: (c) => (c.plan ? c.plan.experts.join(' ') : null) },
  { key: 'inputs.inferenceTokens', group: 'inputs', label: 'Lifetime inference tokens', unit: 'tokens', get: (c) => num(c.plan?.inferenceTokens) },
  { key: 'inputs.memoryBytes', group: 'inputs', label: 'Memory budget', unit: 'bytes', get: (c) => num(c.plan?.memoryBytes) },
  { key: 'inputs.memoryMode', group: 'inputs', label: 'Memory counted', unit: '', get: (c) => (c.plan?.memoryBytes != null ? str(c.plan.memoryMode) : null) },
  { key: 'inputs.memorySource', group: 'inputs', label: 'Memory budget from', unit: '', get: (c) => str(c.plan?.memory?.source) },
  { key: 'inputs.bytesPerWeight', group: 'inputs', label: 'Weight precision', unit: 'bytes per weight', get: (c) => num(c.plan?.precision.bytesPerWeight) },
  { key: 'inputs.bytesPerKvValue', group: 'inputs', label: 'KV-cache precision', unit: 'bytes per value', get: (c) => num(c.plan?.precision.bytesPerKvValue) },
  { key: 'inputs.kvTokens', group: 'inputs', label: 'Tokens in KV cache', unit: 'tokens', get: (c) => num(c.plan?.kvTokens) },
  { key: 'inputs.learningRateBasis', group: 'inputs', label: 'Learning-rate basis', unit: '', get: (c) => str(c.plan?.learningRateBasis) },
  { key: 'inputs.coefficientSetId', group: 'inputs', label: 'Coefficient set', unit: '', get: (c) => str(c.plan?.coefficientSetId) ?? readProvenance(c.s.results)?.coefficientSet.id ?? null },

  { key: 'best.experts', group: 'design', label: 'Best expert count E', unit: 'experts', get: (c) => num(c.best?.experts) },
  { key: 'best.bindingConstraint', group: 'design', label: 'Binding constraint', unit: '', get: (c) => str(c.best?.bindingConstraint) },
  { key: 'best.loss', group: 'design', label: 'Predicted loss', unit: 'nats per token', get: (c) => num(c.best?.loss) },
  { key: 'best.nAct', group: 'design', label: 'Active parameters N_act', unit: 'parameters', get: (c) => num(c.best?.nAct) },
  { key: 'best.nTotal', group: 'design', label: 'Total parameters N_total', unit: 'parameters', get: (c) => num(c.best?.nTotal) },
  { key: 'best.nActNonEmbedding', group: 'design', label: 'Active non-embedding parameters', unit: 'parameters', get: (c) => num(c.best?.nActNonEmbedding) },
  { key: 'best.tokens', group: 'design', label: 'Training tokens D', unit: 'tokens', get: (c) => num(c.best?.tokens) },
  { key: 'best.tokensPerParam', group: 'design', label: 'Tokens per active parameter', unit: 'tokens per parameter', get: (c) => num(c.best?.tokensPerParam) },
  { key: 'best.trainingFlops', group: 'design', label: 'Training compute', unit: 'FLOPs', get: (c) => num(c.best?.trainingFlops) },
  { key: 'best.inferenceFlops', group: 'design', label: 'Inference compute', unit: 'FLOPs', get: (c) => num(c.best?.inferenceFlops) },
  { key: 'best.shape.dModel', group: 'design', label: 'd_model (exact)', unit: '', get: (c) => num(c.best?.shape.dModel) },
  { key: 'best.shape.nBlocks', group: 'design', label: 'Blocks (exact)', unit: '', get: (c) => num(c.best?.shape.nBlocks) },
  { key: 'best.shape.nHeads', group: 'design', label: 'Heads (exact)', unit: '', get: (c) => num(c.best?.shape.nHeads) },

  { key: 'buildable.dModel', group: 'buildable', label: 'd_model (buildable)', unit: '', get: (c) => num(c.best?.buildable.shape.dModel) },
  { key: 'buildable.nBlocks', group: 'buildable', label: 'Blocks (buildable)', unit: '', get: (c) => num(c.best?.buildable.shape.nBlocks) },
  { key: 'buildable.nHeads', group: 'buildable', label: 'Heads (buildable)', unit: '', get: (c) => num(c.best?.buildable.shape.nHeads) },
  { key: 'buildable.nAct', group: 'buildable', label: 'Active parameters (buildable)', unit: 'parameters', get: (c) => num(c.best?.buildable.nAct) },
  { key: 'buildable.nTotal', group: 'buildable', label: 'Total parameters (buildable)', unit: 'parameters', get: (c) => num(c.best?.buildable.nTotal) },
  { key: 'buildable.tokens', group: 'buildable', label: 'Training tokens (buildable)', unit: 'tokens', get: (c) => num(c.best?.buildable.tokens) },
  { key: 'buildable.loss', group: 'buildable', label: 'Predicted loss (buildable)', unit: 'nats per token', get: (c) => num(c.best?.buildable.loss) },

  { key: 'memory.weightsBytes', group: 'memory', label: 'Weights', unit: 'bytes', get: (c) => num(c.best?.memory.weightsBytes) },
  { key: 'memory.kvBytes', group: 'memory', label: 'KV cache', unit: 'bytes', get: (c) => num(c.best?.memory.kvBytes) },
  { key: 'memory.totalBytes', group: 'memory', label: 'Weights + KV cache', unit: 'bytes', get: (c) => num(c.best?.memory.totalBytes) },
  { key: 'memory.fits', group: 'memory', label: 'Fits the memory budget', unit: '', get: (c) => (c.best && c.plan?.memoryBytes != null ? c.best.fits : null) },

  { key: 'recipe.peakLearningRate', group: 'recipe', label: 'Peak learning rate', unit: '1', get: (c) => num(c.best?.recipe.learningRateSchedule.peakLearningRate) },
  { key: 'recipe.warmupEndTokens', group: 'recipe', label: 'Warm-up ends at', unit: 'tokens', get: (c) => num(c.best?.recipe.learningRateSchedule.warmupEndTokens) },
  { key: 'recipe.decayStartTokens', group: 'recipe', label: 'Decay starts at', unit: 'tokens', get: (c) => num(c.best?.recipe.learningRateSchedule.decayStartTokens) },
  { key: 'recipe.finalBatchTokens', group: 'recipe', label: 'Final batch size', unit: 'tokens', get: (c) => num(c.best?.recipe.batchRampUp.at(-1)?.batchTokens) },

  { key: 'provenance.law', group: 'provenance', label: 'Law', unit: '', get: (c) => readProvenance(c.s.results)?.law.name ?? null },
  { key: 'provenance.coefficientSet', group: 'provenance', label: 'Coefficient set name', unit: '', get: (c) => readProvenance(c.s.results)?.coefficientSet.name ?? null },
  { key: 'flags.count', group: 'provenance', label: 'Warnings (extrapolation etc.)', unit: 'count', get: (c) => (c.s.results == null ? null : readFlags(c.s.results).length) },
];

function sameCell(a: Cell, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
}

/** True when the row's values are not all the same (null included as a value of its own). */
export function rowDiffers(values: readonly Cell[]): boolean {
  return values.some((v) => !sameCell(v, values[0] ?? null));
}

function contextOf(s: ReportScenario): Ctx {
  const plan = readPlan(s.results);
  return { s, plan, inputs: isObj(s.inputs) ? s.inputs : null, best: plan?.best ?? null };
}

/**
 * Top-level numbers of a snapshot that is not a plan (a later wizard's results), so a
 * comparison across wizards still shows them; unit unknown.
 */
function otherQuantities(ctxs: Ctx[]): QuantityDef[] {
  const keys = new Set<string>();
  for (const c of ctxs) {
    if (c.plan || !isObj(c.s.results)) continue;
    for (const [k, v] of Object.entries(c.s.results)) if (isNum(v) || isStr(v) || typeof v === 'boolean') keys.add(k);
  }
  return [...keys].sort().map((k) => ({
    key: `results.${k}`,
    group: 'other' as const,
    label: k,
    unit: '',
    get: (c: Ctx) => {
      if (c.plan || !isObj(c.s.results)) return null;
      const v = c.s.results[k];
      return isNum(v) || isStr(v) || typeof v === 'boolean' ? v : null;
    },
  }));
}

export function buildComparison(scenarios: readonly ReportScenario[]): ComparisonModel {
  const ctxs = scenarios.map(contextOf);
  const defs = [...QUANTITIES, ...otherQuantities(ctxs)];
  const rows: ComparisonRow[] = [];
  for (const d of defs) {
    const values = ctxs.map((c) => d.get(c));
    // Rows no scenario has are left out (e.g. memory rows when none was memory-bound).
    if (values.every((v) => v === null)) continue;
    rows.push({ key: d.key, group: d.group, label: d.label, unit: d.unit, values, differs: scenarios.length > 1 && rowDiffers(values) });
  }
  const columns: ComparisonColumn[] = ctxs.map(({ s, plan, best }) => ({
    id: s.id,
    name: s.name,
    wizard: s.wizard,
    projectId: s.projectId,
    projectName: s.projectName,
    tags: [...s.tags],
    inputsChanged: s.inputsChanged,
    changedInputs: s.changedInputs.map((c) => ({ ...c })),
    hasResults: s.results !== null && s.results !== undefined,
    isPlan: plan !== null,
    bestExperts: best?.experts ?? null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }));
  const flags: ComparisonFlag[] = ctxs.flatMap(({ s }) => readFlags(s.results).map((f: SnapshotFlag) => ({ scenarioId: s.id, code: f.code, severity: f.severity, message: f.message })));
  return { columns, rows, charts: buildCharts(ctxs), citations: citationsOf(ctxs), flags, assumptions: assumptionsOf(ctxs) };
}

function citationsOf(ctxs: Ctx[]): Citation[] {
  const byKey = new Map<string, Citation>();
  for (const { s } of ctxs) {
    const p = readProvenance(s.results);
    if (!p) continue;
    const entries: Citation[] = [
      { kind: 'law', id: p.law.id, name: p.law.name, citation: p.law.citation, provenance: null, scenarioIds: [] },
      { kind: 'coefficient-set', id: p.coefficientSet.id, name: p.coefficientSet.name, citation: p.coefficientSet.citation, provenance: p.coefficientSet.provenance, scenarioIds: [] },
    ];
    for (const e of entries) {
      const key = `${e.kind}:${e.id}`;
      const have = byKey.get(key) ?? e;
      if (!have.scenarioIds.includes(s.id)) have.scenarioIds.push(s.id);
      byKey.set(key, have);
    }
  }
  return [...byKey.values()];
}

function assumptionsOf(ctxs: Ctx[]): string[] {
  const out = [
    'Units: parameters, tokens and FLOPs are raw counts; memory in bytes (GB = 10⁹ bytes, GiB = 2³⁰ bytes); loss in nats per token (natural log).',
    'Training compute is 6·N_act·D FLOPs; inference costs 2·N_act FLOPs per token.',
    '“Exact” shapes solve the law’s optimum in real numbers; “buildable” shapes round to whole blocks and heads, and their figures are recomputed at that size.',
  ];
  const laws = new Set<string>();
  for (const { s, plan } of ctxs) {
    const p = readProvenance(s.results);
    if (p) laws.add(p.law.id);
    if (plan) {
      out.push(
        `${s.name}: weights at ${plan.precision.bytesPerWeight} bytes each, KV cache at ${plan.precision.bytesPerKvValue} bytes per value for ${plan.kvTokens} tokens; learning rate scaled on ${plan.learningRateBasis.replace(/-/g, ' ')} parameters.`,
      );
      for (const note of plan.best?.recipe.notes ?? []) out.push(`${s.name}: ${note}`);
    }
  }
  for (const id of laws) {
    const d = lawDescription(id);
    if (!d) continue;
    const ranges = Object.entries(d.fittedRanges)
      .map(([k, r]) => `${k} ${r.min !== undefined ? `${sci(r.min)}–` : '≤ '}${r.max !== undefined ? sci(r.max) : '∞'} ${r.unit}`)
      .join('; ');
    out.push(`${d.name} was fitted on: ${ranges}. Figures outside these ranges are extrapolations and are flagged.`);
  }
  return [...new Set(out)];
}

// ---- Charts -------------------------------------------------------------------------------

function buildCharts(ctxs: Ctx[]): ChartData[] {
  const plans = ctxs.filter((c): c is Ctx & { plan: PlanSnapshot } => c.plan !== null);
  if (plans.length === 0) return [];
  const charts: ChartData[] = [];
  const label = (c: Ctx) => c.s.name;

  charts.push({
    id: 'loss-per-expert',
    title: 'Predicted loss per expert count',
    x: { name: 'Experts E', unit: 'experts', log: true, categories: null },
    y: { name: 'Loss', unit: 'nats per token', log: false, categories: null },
    series: plans.map((c) => ({
      name: label(c),
      scenarioId: c.s.id,
      type: 'line' as const,
      stack: null,
      points: feasibleCandidates(c.plan).map((k) => ({ x: k.experts, y: k.loss })),
    })),
  });

  charts.push({
    id: 'loss-vs-memory',
    title: 'Loss against memory (one point per E)',
    x: { name: 'Memory, weights + KV cache', unit: 'bytes', log: true, categories: null },
    y: { name: 'Loss', unit: 'nats per token', log: false, categories: null },
    series: plans.map((c) => ({
      name: label(c),
      scenarioId: c.s.id,
      type: 'scatter' as const,
      stack: null,
      points: feasibleCandidates(c.plan).map((k) => ({ x: k.memory.totalBytes, y: k.loss, label: `E=${k.experts}` })),
    })),
  });

  if (plans.length > 1) {
    charts.push({
      id: 'loss-vs-budget',
      title: 'Best loss against training budget',
      x: { name: 'Training budget', unit: 'FLOPs', log: true, categories: null },
      y: { name: 'Best loss', unit: 'nats per token', log: false, categories: null },
      series: plans
        .filter((c) => c.plan.best)
        .map((c) => ({ name: label(c), scenarioId: c.s.id, type: 'scatter' as const, stack: null, points: [{ x: c.plan.flops, y: c.plan.best!.loss }] })),
    });
    const withBest = plans.filter((c) => c.plan.best);
    const categories = withBest.map(label);
    charts.push({
      id: 'memory-breakdown',
      title: 'Memory of the best design',
      x: { name: 'Scenario', unit: '', log: false, categories },
      y: { name: 'Memory', unit: 'bytes', log: false, categories: null },
      series: [
        { name: 'Weights', scenarioId: null, type: 'bar', stack: 'memory', points: withBest.map((c) => ({ x: label(c), y: c.plan.best!.memory.weightsBytes })) },
        { name: 'KV cache', scenarioId: null, type: 'bar', stack: 'memory', points: withBest.map((c) => ({ x: label(c), y: c.plan.best!.memory.kvBytes })) },
      ],
    });
  } else {
    const c = plans[0]!;
    const feasible = feasibleCandidates(c.plan);
    const categories = feasible.map((k) => `E = ${k.experts}`);
    charts.push({
      id: 'memory-breakdown',
      title: 'Memory per expert count',
      x: { name: 'Expert count', unit: '', log: false, categories },
      y: { name: 'Memory', unit: 'bytes', log: false, categories: null },
      series: [
        { name: 'Weights', scenarioId: c.s.id, type: 'bar', stack: 'memory', points: feasible.map((k, i) => ({ x: categories[i]!, y: k.memory.weightsBytes })) },
        { name: 'KV cache', scenarioId: c.s.id, type: 'bar', stack: 'memory', points: feasible.map((k, i) => ({ x: categories[i]!, y: k.memory.kvBytes })) },
      ],
    });
  }
  return charts.filter((ch) => ch.series.some((s) => s.points.length > 0));
}
