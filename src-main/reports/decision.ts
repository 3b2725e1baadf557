/**
 * Page 1 of the design report, as data: what was asked, one sentence per scenario with its
 * recommended design, the extrapolation status in plain words, and which scenario wins on what.
 * Sentences are written in planner units through `src-main/format`, in the report's byte convention.
 */
import * as fmt from '../format';
import type { ByteConvention } from '../format';
import type { ReportScenario } from './comparison';
import { denseSavingsFor, type DenseSavings } from './dense-baseline';
import { publishedSetResolver, readArchitecture, readLeverage, type SetResolver } from './law-snapshots';
import { readBand, memorySourceWords, readBudget, readFlags, readPlan, type FeasibleCandidate, type PlanSnapshot, type SnapshotFlag } from './plan-snapshot';

export interface ScenarioDecision {
  scenarioId: string;
  name: string;
  /** The question the scenario put, in words. */
  asked: string;
  /** The answer in one sentence. */
  sentence: string;
  /** Extrapolation in plain words: which quantities lie outside the law's fitted range, and how far. */
  extrapolation: string;
}

export interface Decision {
  scenarios: ScenarioDecision[];
  /** "Lowest predicted loss: …" — only when two or more scenarios have a design to compare. */
  winners: string[];
}

const PROBLEM_WORDS: Record<string, string> = {
  'compute-optimal': 'the compute-optimal design',
  'model-memory-optimal': 'the best design whose weights fit the memory budget',
  'total-memory-optimal': 'the best design whose weights and KV cache fit the memory budget',
  'inference-optimal': 'the best design when the budget also pays for inference',
};

/**
 * Time and money of training the design: the plan's own figures when it was priced on a
 * cluster (GPU-hours, days, dollars where a price is set), else the budget's hardware terms
 * when it was given as device-days or GPU-hours; null when neither is known.
 */
function timeOf(plan: PlanSnapshot, wizard: string, inputs: unknown): string | null {
  const t = plan.timeCost;
  if (t) {
    const money = t.costUsd === null ? 'no price per device-hour set' : fmt.money(t.costUsd);
    return `${fmt.gpuHours(t.gpuHours)}, ${fmt.days(t.wallClockDays)} on ${t.cluster}, ${money}`;
  }
  const b = readBudget(wizard, inputs);
  if (b?.mode === 'device-days') return `${fmt.days(b.days)} on ${b.devices} × ${b.hardwareId} (${fmt.gpuHours(b.devices * b.days * 24)})`;
  if (b?.mode === 'gpu-hours') return `${fmt.gpuHours(b.gpuHours)} of ${b.hardwareId}`;
  return null;
}

function askedOf(plan: PlanSnapshot, convention: ByteConvention): string {
  const parts = [`${PROBLEM_WORDS[plan.problem] ?? plan.problem} for ${fmt.flops(plan.flops)} FLOPs`];
  if (plan.inferenceTokens > 0) parts.push(`plus ${fmt.count(plan.inferenceTokens)} lifetime inference tokens`);
  if (plan.memoryBytes !== null) parts.push(`within ${fmt.bytes(plan.memoryBytes, convention)} of memory${plan.memory ? `, from ${memorySourceWords(plan.memory)}` : ''}`);
  parts.push(`choosing E among ${plan.experts.join(', ')}`);
  const t = plan.timeCost;
  if (t) parts.push(`trained on ${t.cluster} at ${fmt.percent(t.utilization)} utilisation${t.pricePerDeviceHour === null ? '' : ` and ${fmt.money(t.pricePerDeviceHour)} per GPU-hour`}`);
  return parts.join(', ');
}

function planSentence(plan: PlanSnapshot, best: FeasibleCandidate, dense: DenseSavings | null, time: string | null, convention: ByteConvention): string {
  const b = (x: number) => fmt.bytes(x, convention);
  const parts = [
    `E = ${best.experts} experts, ${fmt.count(best.nAct)} active of ${fmt.count(best.nTotal)} total parameters, trained on ${fmt.count(best.tokens)} tokens (${fmt.flops(best.trainingFlops)} FLOPs)`,
  ];
  const band = readBand(plan);
  if (band?.kind === 'bootstrap') {
    const wins = band.expertWins.length ? `, best E ${fmt.expertWins(band.expertWins)}` : '';
    parts.push(`predicted loss ${fmt.loss(best.loss)} nats/token (90 % band over ${band.replicates ?? '?'} refits: ${fmt.range(band.loss, (x) => fmt.loss(x))}; N_act ${fmt.range(band.nAct, (x) => fmt.count(x))}${wins})`);
  } else if (band) parts.push(`predicted loss ${fmt.loss(best.loss)} nats/token (${fmt.range(band.loss, (x) => fmt.loss(x))} within the paper's fit error)`);
  else parts.push(`predicted loss ${fmt.loss(best.loss)} nats/token`);
  if (dense?.savings != null && dense.denseFlops != null) {
    const share = fmt.percent(Math.abs(dense.savings));
    parts.push(`${share} ${dense.savings >= 0 ? 'fewer' : 'more'} FLOPs than dense (E = 1) for the same loss (${fmt.flops(dense.denseFlops)})`);
  }
  parts.push(time ? `training: ${time}` : 'time and cost not priced (no training cluster chosen)');
  const counted = best.memory.countedBytes;
  if (best.memory.budgetBytes !== null) {
    parts.push(best.fits ? `fits the ${b(best.memory.budgetBytes)} budget (${b(counted)} used)` : `does not fit the ${b(best.memory.budgetBytes)} budget (${b(counted)} needed)`);
  } else parts.push(`${b(best.memory.totalBytes)} of weights and KV cache`);
  return `${parts.join('; ')}.`;
}

/** How far outside its fitted range a flag's value lies, as a factor (3.2× above the maximum). */
function factorOf(f: SnapshotFlag): { factor: number; above: boolean } | null {
  const { value, range } = f;
  if (f.factor !== undefined) return { factor: f.factor, above: range?.max !== undefined && value !== undefined ? value > range.max : true };
  if (value === undefined || !range) return null;
  if (range.max !== undefined && value > range.max && range.max > 0) return { factor: value / range.max, above: true };
  if (range.min !== undefined && value < range.min && value > 0) return { factor: range.min / value, above: false };
  return null;
}

const VARIABLE_WORDS: Record<string, string> = {
  flops: 'training compute',
  nAct: 'active parameters',
  nTotal: 'total parameters',
  tokens: 'training tokens',
  experts: 'expert count',
  tokensPerParam: 'tokens per parameter',
  total: 'total parameters',
  active: 'active parameters',
  el: 'efficiency leverage',
  activation: 'activation ratio',
  granularity: 'granularity',
};

/** "Outside the fitted range: training compute 7.7× above, total parameters 7.9× above." */
export function extrapolationWords(flags: readonly SnapshotFlag[]): string {
  const outside = flags.filter((f) => f.severity === 'warning' && /extrapolat|above|below|outside/i.test(`${f.code} ${f.message}`));
  if (outside.length === 0) return 'Within the ranges the law was fitted on.';
  const byVariable = new Map<string, { factor: number; text: string }>();
  for (const f of outside) {
    // the engine's own planner words for a variable this list does not name (a next-run's target budget), never its id
    const what = VARIABLE_WORDS[f.variable ?? ''] ?? f.quantity ?? f.variable ?? f.code;
    const k = factorOf(f);
    const entry = { factor: k?.factor ?? 0, text: k ? `${what} ${fmt.times(k.factor, 2)} ${k.above ? 'above' : 'below'}` : what };
    // Keep the furthest-out figure per quantity.
    if ((byVariable.get(what)?.factor ?? -1) < entry.factor) byVariable.set(what, entry);
  }
  return `Extrapolated: ${[...byVariable.values()].map((v) => v.text).join(', ')} the fitted range${byVariable.size > 1 ? 's' : ''}.`;
}

export function buildDecision(scenarios: readonly ReportScenario[], convention: ByteConvention, resolve: SetResolver = publishedSetResolver): Decision {
  type Row = ScenarioDecision & { best: FeasibleCandidate | null; dense: DenseSavings | null; timeCost?: PlanSnapshot['timeCost'] };
  const rows: Row[] = scenarios.map((s): Row => {
    const flags = readFlags(s.results);
    const extrapolation = extrapolationWords(flags);
    const plan = readPlan(s.results);
    if (plan) {
      const best = plan.best;
      const dense = best ? (denseSavingsFor(plan, resolve)?.(best.trainingFlops, best.loss) ?? null) : null;
      const sentence = best ? planSentence(plan, best, dense, timeOf(plan, s.wizard, s.inputs), convention) : `No design fits: ${plan.reason ?? plan.bestReason}`;
      return { scenarioId: s.id, name: s.name, asked: askedOf(plan, convention), sentence, extrapolation, best, dense, timeCost: plan.timeCost };
    }
    const lev = readLeverage(s.results);
    if (lev) {
      return {
        scenarioId: s.id,
        name: s.name,
        asked: `the efficiency leverage of an MoE with activation ratio ${fmt.significant(lev.activation)} and granularity ${fmt.significant(lev.granularity)} at ${fmt.flops(lev.flops)} FLOPs`,
        sentence: `EL = ${fmt.times(lev.el)}: this MoE reaches the loss a dense model needs ${fmt.flops(lev.denseFlops)} FLOPs for (${fmt.percent(1 - 1 / lev.el)} fewer FLOPs than dense).`,
        extrapolation,
        best: null,
        dense: null,
      };
    }
    const arch = readArchitecture(s.results);
    if (arch) {
      return {
        scenarioId: s.id,
        name: s.name,
        asked: `the best activated experts, shared ratio and activation ratio for ${fmt.count(arch.total)} total parameters`,
        sentence: arch.feasible
          ? `Activate G = ${fmt.significant(arch.activeExperts)} experts per token with shared ratio S = ${fmt.significant(arch.sharedRatio)}; keep ${fmt.percent(arch.activeRatioEfficient)} of parameters active (${fmt.count(arch.activeEfficient)}) once activation cost is counted, ${fmt.percent(arch.activeRatio)} (${fmt.count(arch.active)}) at the loss-only optimum.`
          : `No optimum: ${arch.reason}`,
        extrapolation,
        best: null,
        dense: null,
      };
    }
    return { scenarioId: s.id, name: s.name, asked: `a ${s.wizard} scenario`, sentence: s.results == null ? 'No saved results.' : 'Saved results this report cannot summarise; see the appendix.', extrapolation, best: null, dense: null };
  });

  const winners: string[] = [];
  const designs = rows.filter((r): r is typeof r & { best: FeasibleCandidate } => r.best !== null);
  if (designs.length >= 2) {
    const win = (label: string, pick: (r: (typeof designs)[number]) => number | null, show: (v: number) => string, lowest: boolean) => {
      const scored = designs.map((r) => ({ r, v: pick(r) })).filter((x): x is { r: (typeof designs)[number]; v: number } => x.v !== null);
      if (scored.length < 2) return;
      scored.sort((a, b) => (lowest ? a.v - b.v : b.v - a.v));
      const [first, second] = [scored[0]!, scored[1]!];
      if (first.v === second.v) return;
      winners.push(`${label}: ${first.r.name} (${show(first.v)}; next ${second.r.name}, ${show(second.v)}).`);
    };
    win('Lowest predicted loss', (r) => r.best.loss, (v) => `${fmt.loss(v)} nats/token`, true);
    win('Fewest training FLOPs', (r) => r.best.trainingFlops, (v) => `${fmt.flops(v)} FLOPs`, true);
    win('Largest saving against dense', (r) => r.dense?.savings ?? null, (v) => fmt.percent(v), false);
    win('Smallest memory (weights + KV cache)', (r) => r.best.memory.totalBytes, (v) => fmt.bytes(v, convention), true);
    win('Fewest active parameters (cheapest to serve)', (r) => r.best.nAct, (v) => fmt.count(v), true);
    win('Cheapest training run', (r) => r.timeCost?.costUsd ?? null, (v) => fmt.money(v), true);
    win('Shortest training time', (r) => r.timeCost?.wallClockDays ?? null, (v) => fmt.days(v), true);
  }
  return { scenarios: rows.map(({ scenarioId, name, asked, sentence, extrapolation }) => ({ scenarioId, name, asked, sentence, extrapolation })), winners };
}
