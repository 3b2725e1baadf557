/**
 * Page 1 of the design report, as data: what was asked, one sentence per scenario with its
 * recommended design, the extrapolation status in plain words, and which scenario wins on what.
 * Sentences are written in planner units through `src-main/format`, in the report's byte convention.
 */
import * as fmt from '../format';
import type { ByteConvention } from '../format';
import { hardwareWords, type ComparisonOptions, type HardwareResolver, type ReportScenario } from './comparison';
import { denseSavingsFor, type DenseSavings } from './dense-baseline';
import { publishedSetResolver, readArchitecture, readLeverage } from './law-snapshots';
import { readBand, memorySourceWords, readBudget, readFlags, readPlan, snapshotProblem, type FeasibleCandidate, type PlanSnapshot, type SnapshotFlag } from './plan-snapshot';
import { readNextRun, type NextRunSnapshot } from './next-run-report';
import { readTarget, type TargetSnapshot } from './target-snapshot';
import { TARGET_LAW_LABEL } from '../engine/explain/target';
import type { Decision, ScenarioDecision } from '../schema/comparison';
import { winnerLines, type Figure, type Quantity } from './winners';

export type { Decision, ScenarioDecision };

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
function timeOf(plan: PlanSnapshot, wizard: string, inputs: unknown, resolveHardware: HardwareResolver | undefined): string | null {
  const t = plan.timeCost;
  if (t) {
    const money = t.costUsd === null ? 'no price per device-hour set' : fmt.money(t.costUsd);
    return `${fmt.gpuHours(t.gpuHours)}, ${fmt.days(t.wallClockDays)} on ${t.cluster}, ${money}`;
  }
  const b = readBudget(wizard, inputs);
  if (b?.mode === 'device-days') return `${fmt.days(b.days)} on ${b.devices} × ${hardwareWords(b.hardwareId, resolveHardware)} (${fmt.gpuHours(b.devices * b.days * 24)})`;
  if (b?.mode === 'gpu-hours') return `${fmt.gpuHours(b.gpuHours)} of ${hardwareWords(b.hardwareId, resolveHardware)}`;
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
    parts.push(`${share} ${dense.savings >= 0 ? 'fewer' : 'more'} FLOPs than dense (E = 1) for the same loss (${fmt.flops(dense.denseFlops)} FLOPs)`);
  }
  parts.push(time ? `training: ${time}` : 'time and cost not priced (no training cluster chosen)');
  const counted = best.memory.countedBytes;
  if (best.memory.budgetBytes !== null) {
    parts.push(best.fits ? `fits the ${b(best.memory.budgetBytes)} budget (${b(counted)} used)` : `does not fit the ${b(best.memory.budgetBytes)} budget (${b(counted)} needed)`);
  } else parts.push(`${b(best.memory.totalBytes)} of weights and KV cache`);
  return `${parts.join('; ')}.`;
}

/**
 * "Far outside (beyond 10×): a trend, not a number: training compute F 7.70× above, …": the
 * standing and every extrapolated quantity in the words and factors the renderer's extrapolation
 * summary and the CLI's "Fitted range:" line write for the same flags (format/flags.ts).
 */
export function extrapolationWords(flags: readonly SnapshotFlag[]): string {
  const line = fmt.summaryLine(flags);
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}

/** A band of a next-run proposal's quantity, in its unit. */
function nextRunBand(p: NextRunSnapshot, b: { low: number; high: number }): string {
  return p.quantity === 'loss' ? `${fmt.range(b, (x) => fmt.loss(x))} nats/token` : `${fmt.range(b, (x) => fmt.count(x))} active parameters`;
}

function nextRunAsked(p: NextRunSnapshot): string {
  const what = p.quantity === 'loss' ? 'predicted loss' : 'active parameters';
  return `the next training runs that most narrow the 90 % band of the recommended design’s ${what} at ${fmt.flops(p.targetFlops)} FLOPs, within ${fmt.gpuHours(p.gpuHoursAllowance)} on ${p.hardware.name} (${fmt.percent(p.hardware.utilization)} utilisation), from the ${fmt.whole(p.project.runs)} runs of ${p.project.name}`;
}

/** Which runs to do next, what they cost, and how much they narrow the band of the recommendation. */
function nextRunSentence(p: NextRunSnapshot): string {
  const plan = `E = ${p.plan.experts}, ${fmt.count(p.plan.nAct)} active parameters on ${fmt.count(p.plan.tokens)} tokens, predicted loss ${fmt.loss(p.plan.loss)} nats/token`;
  if (p.runs.length === 0) return `No run within the allowance narrows the band of the recommended design (${plan}).`;
  const runs = p.runs.map((r) => `${fmt.count(r.nAct)} active parameters on ${fmt.count(r.tokens)} tokens at E = ${r.experts}`).join('; ');
  const total = p.runs.reduce((sum, r) => sum + r.flops, 0);
  const band = p.simulated ?? p.predicted;
  const how = p.simulated ? `in ${fmt.whole(p.simulated.worlds)} simulated refits` : 'by the linearised law';
  const before = band.before.high - band.before.low;
  const after = band.after.high - band.after.low;
  const narrower = before > 0 ? ` (${fmt.percent(1 - after / before)} narrower)` : '';
  return (
    `Train ${p.runs.length === 1 ? 'one run' : `${p.runs.length} runs`} next: ${runs}; ` +
    `${fmt.gpuHours(p.gpuHours)} (${fmt.flops(total)} FLOPs) of the ${fmt.gpuHours(p.gpuHoursAllowance)} allowed on ${p.hardware.name}; ` +
    `the 90 % band of the recommended design’s ${p.quantity === 'loss' ? 'predicted loss' : 'active parameters'} (${plan}) goes from ${nextRunBand(p, band.before)} to ${nextRunBand(p, band.after)} ${how}${narrower}.`
  );
}

/** The goal of a reverse plan in words. */
function goalWords(g: TargetSnapshot['goal']): string {
  switch (g.kind) {
    case 'loss':
      return `a loss of ${fmt.loss(g.loss)} nats/token`;
    case 'match-dense':
      return `the loss of a dense model of ${fmt.count(g.params)} parameters trained on ${fmt.count(g.tokens)} tokens`;
    case 'match-dense-optimal':
      return `the loss of the compute-optimal dense model trained with ${fmt.flops(g.flops)} FLOPs`;
    case 'match-moe':
      return `the loss of an MoE with E = ${g.experts}, ${fmt.count(g.nAct)} active parameters, trained on ${fmt.count(g.tokens)} tokens`;
  }
}

function targetAsked(t: TargetSnapshot): string {
  const parts = [`the cheapest design that reaches ${goalWords(t.goal)}`, `choosing E among ${t.experts.join(', ')}`];
  if (t.inferenceTokens > 0) parts.push(`with ${fmt.count(t.inferenceTokens)} lifetime inference tokens`);
  if (t.hardware) parts.push(`priced on ${t.hardware.name}${t.hardware.pricePerDeviceHour === null ? '' : ` at ${fmt.money(t.hardware.pricePerDeviceHour)} per GPU-hour`}`);
  parts.push(`under ${t.laws.map((l) => TARGET_LAW_LABEL[l.law]).join(', ')}`);
  return parts.join(', ');
}

/**
 * The first law's cheapest design in training FLOPs (E, sizes, tokens, FLOPs with its band, the
 * saving against that law's dense design for the same loss, cost when priced, serving memory),
 * then every other law's cheapest in a few words.
 */
function targetSentence(t: TargetSnapshot, convention: ByteConvention): string {
  const solved = t.laws.filter((l) => !l.reason && l.winners.some((w) => w.objective === 'trainingFlops'));
  const lead = solved[0];
  if (!lead) return `No design reaches ${goalWords(t.goal)}: ${t.laws.map((l) => `${TARGET_LAW_LABEL[l.law]}: ${l.reason ?? 'no design'}`).join('; ')}.`;
  const w = lead.winners.find((x) => x.objective === 'trainingFlops')!;
  const d = w.design;
  const flopsText = (x: number) => `${fmt.flops(x)} FLOPs`;
  const parts = [`${TARGET_LAW_LABEL[lead.law]}: E = ${w.experts} experts, ${fmt.count(d.nAct)} active of ${fmt.count(d.nTotal)} total parameters, trained on ${fmt.count(d.tokens)} tokens, the cheapest in training at ${flopsText(d.trainingFlops)}`];
  const u = w.uncertainty;
  if (u) {
    const band = `${fmt.range(u.value, (x) => fmt.flops(x))} FLOPs`;
    parts[0] += u.kind === 'bootstrap' ? ` (90 % band over ${u.replicates ?? '?'} refits: ${band})` : ` (${band} within the published fit error)`;
  }
  parts.push(`predicted loss ${fmt.loss(d.loss)} nats/token`);
  const dense = t.rows.find((r) => r.law === lead.law && r.experts === 1 && r.feasible);
  const denseFlops = dense?.feasible ? dense.designs.trainingFlops?.trainingFlops : undefined;
  if (w.experts !== 1 && denseFlops !== undefined && denseFlops > 0) {
    const saving = 1 - d.trainingFlops / denseFlops;
    parts.push(`${fmt.percent(Math.abs(saving))} ${saving >= 0 ? 'fewer' : 'more'} training FLOPs than dense (E = 1) for the same loss (${flopsText(denseFlops)})`);
  }
  if (d.deviceHours && t.hardware) parts.push(`training: ${fmt.gpuHours(d.deviceHours.training)} on ${t.hardware.name}${d.money ? `, ${fmt.money(d.money.training)}` : ', no price per device-hour set'}`);
  else parts.push('time and cost not priced (no hardware chosen)');
  parts.push(`serves in ${fmt.bytes(d.servingBytes, convention)} of weights and KV cache`);
  const others = solved.slice(1).map((l) => {
    const x = l.winners.find((y) => y.objective === 'trainingFlops')!;
    return `${TARGET_LAW_LABEL[l.law]} E = ${x.experts}, ${flopsText(x.design.trainingFlops)}`;
  });
  if (others.length) parts.push(`cheapest under the other laws: ${others.join('; ')}`);
  return `${parts.join('; ')}.`;
}

/**
 * The quantities page 1 ranks. A plan's design and a reverse plan's cheapest design in training
 * FLOPs (the one its sentence describes) share those measured alike: training FLOPs (6·N_act·D),
 * serving memory (weights + KV cache), active parameters, training money, and GPU-hours on devices
 * of the same throughput; a predicted loss only under the same law. Savings against dense are a
 * plan's only (a reverse plan's are against its own law's E = 1, another baseline).
 */
function quantities(convention: ByteConvention) {
  const flopsText = (v: number) => `${fmt.flops(v)} FLOPs`;
  return {
    loss: { label: 'Lowest predicted loss', what: 'its predicted loss', lowest: true, show: (v: number) => `${fmt.loss(v)} nats/token` },
    trainingFlops: { label: 'Fewest training FLOPs', what: 'its training FLOPs', lowest: true, show: flopsText },
    savings: { label: 'Largest saving against dense', what: 'its saving against dense', lowest: false, show: (v: number) => fmt.percent(v) },
    memory: { label: 'Smallest memory (weights + KV cache)', what: 'its memory', lowest: true, show: (v: number) => fmt.bytes(v, convention) },
    nAct: { label: 'Fewest active parameters (cheapest to serve)', what: 'its active parameters', lowest: true, show: (v: number) => fmt.count(v) },
    cost: { label: 'Cheapest training run', what: 'its training cost', lowest: true, show: (v: number) => fmt.money(v) },
    days: { label: 'Shortest training time', what: 'its training time', lowest: true, show: (v: number) => fmt.days(v) },
    gpuHours: { label: 'Fewest GPU-hours to train', what: 'its GPU-hours to train', lowest: true, show: (v: number) => fmt.gpuHours(v) },
    targetBand: { label: 'Narrowest band of the training FLOPs to reach the goal', what: 'the band of its training FLOPs', lowest: true, show: (v: number) => `high end ${fmt.times(v)} the low end` },
    targetServing: { label: 'Least serving memory that reaches the goal (weights + KV cache)', what: 'its least serving memory', lowest: true, show: (v: number) => fmt.bytes(v, convention) },
    nextRunHours: { label: 'Fewest GPU-hours for the next runs', what: 'the GPU-hours of its runs', lowest: true, show: (v: number) => fmt.gpuHours(v) },
    nextRunNarrowing: { label: 'Largest narrowing of the 90 % band', what: 'how much its runs narrow the band', lowest: false, show: (v: number) => `${fmt.percent(v)} narrower` },
    leverage: { label: 'Largest efficiency leverage', what: 'its efficiency leverage', lowest: false, show: (v: number) => fmt.times(v) },
  } satisfies Record<string, Quantity>;
}
const Q = quantities('binary');

/** GPU-hours compare only on devices that do the same FLOPs in an hour (peak × utilisation). */
const throughputScope = (flopsPerDeviceHour: number) => `throughput ${Math.round(flopsPerDeviceHour / 1e15)} PFLOP per device-hour`;

/** A loss is compared only with losses of the same law; the joint law's (every plan's) needs no words. */
const lawScope = (law: keyof typeof TARGET_LAW_LABEL) => ({ scope: law, scopeWords: law === 'joint' ? '' : `under ${TARGET_LAW_LABEL[law]}` });

function planFigures(plan: PlanSnapshot, best: FeasibleCandidate, dense: DenseSavings | null, convention: ByteConvention): Figure[] {
  const q = quantities(convention);
  const t = plan.timeCost;
  const figures: Figure[] = [
    { quantity: q.loss, ...lawScope('joint'), value: best.loss },
    { quantity: q.trainingFlops, value: best.trainingFlops },
    { quantity: q.memory, value: best.memory.totalBytes },
    { quantity: q.nAct, value: best.nAct },
    { quantity: q.cost, value: t?.costUsd ?? null, missing: 'not priced' },
    { quantity: q.days, value: t?.wallClockDays ?? null, missing: 'no training cluster chosen' },
  ];
  if (dense?.savings != null) figures.push({ quantity: q.savings, value: dense.savings });
  if (t) figures.push({ quantity: q.gpuHours, scope: throughputScope(t.peakFlopsPerDevice * t.utilization * 3600), value: t.gpuHours });
  return figures;
}

/** A reverse plan's figures: those of the design its sentence gives (its first solved law's cheapest in training FLOPs), its band, and its cheapest in serving memory. */
function targetFigures(t: TargetSnapshot, convention: ByteConvention): Figure[] {
  const q = quantities(convention);
  const lead = t.laws.find((l) => !l.reason && l.winners.some((w) => w.objective === 'trainingFlops'));
  if (!lead) return [];
  const w = lead.winners.find((x) => x.objective === 'trainingFlops')!;
  const d = w.design;
  const figures: Figure[] = [
    { quantity: q.loss, ...lawScope(lead.law), value: d.loss },
    { quantity: q.trainingFlops, value: d.trainingFlops },
    { quantity: q.memory, value: d.servingBytes },
    { quantity: q.nAct, value: d.nAct },
    { quantity: q.cost, value: d.money?.training ?? null, missing: 'not priced' },
  ];
  if (d.deviceHours && t.hardware) figures.push({ quantity: q.gpuHours, scope: throughputScope(t.hardware.trainingFlopsPerDeviceHour), value: d.deviceHours.training });
  const u = w.uncertainty;
  if (u && u.value.low > 0) {
    figures.push({
      quantity: q.targetBand,
      scope: u.kind,
      scopeWords: u.kind === 'bootstrap' ? '(90 % band over refits)' : '(within the published fit error)',
      value: u.value.high / u.value.low,
      note: `(${fmt.range(u.value, (x) => fmt.flops(x))} FLOPs)`,
    });
  }
  const serving = lead.winners.find((x) => x.objective === 'servingMemory');
  if (serving) figures.push({ quantity: q.targetServing, ...lawScope(lead.law), value: serving.design.servingBytes, note: `at E = ${serving.experts}` });
  return figures;
}

/** A next-run proposal's cost in GPU-hours (against its allowance) and how much it narrows its band, by the same measure only. */
function nextRunFigures(p: NextRunSnapshot): Figure[] {
  const hours: Figure =
    p.runs.length > 0
      ? { quantity: Q.nextRunHours, scope: throughputScope(p.hardware.peakFlopsPerDevice * p.hardware.utilization * 3600), value: p.gpuHours, note: `of ${fmt.gpuHours(p.gpuHoursAllowance)} allowed` }
      : { quantity: Q.nextRunHours, value: null, missing: 'no run narrows the band' };
  const band = p.simulated ?? p.predicted;
  const before = band.before.high - band.before.low;
  const what = p.quantity === 'loss' ? 'predicted loss' : 'active parameters';
  const narrowing: Figure = {
    quantity: Q.nextRunNarrowing,
    scope: `${p.quantity} ${p.simulated ? 'simulated' : 'linearised'}`,
    scopeWords: `of the recommended design’s ${what} (${p.simulated ? 'in simulated refits' : 'by the linearised law'})`,
    value: before > 0 && p.runs.length > 0 ? 1 - (band.after.high - band.after.low) / before : null,
  };
  return [hours, narrowing];
}

export function buildDecision(scenarios: readonly ReportScenario[], convention: ByteConvention, options: ComparisonOptions = {}): Decision {
  const resolve = options.resolveSet ?? publishedSetResolver;
  type Row = ScenarioDecision & { figures: Figure[] };
  const rows: Row[] = scenarios.map((s): Row => {
    const flags = readFlags(s.results);
    const extrapolation = extrapolationWords(flags);
    const plan = readPlan(s.results);
    if (plan) {
      const best = plan.best;
      const dense = best ? (denseSavingsFor(plan, resolve)?.(best.trainingFlops, best.loss) ?? null) : null;
      const sentence = best ? planSentence(plan, best, dense, timeOf(plan, s.wizard, s.inputs, options.resolveHardware), convention) : `No design fits: ${plan.reason ?? plan.bestReason}`;
      return { scenarioId: s.id, name: s.name, asked: askedOf(plan, convention), sentence, extrapolation, figures: best ? planFigures(plan, best, dense, convention) : [] };
    }
    const lev = readLeverage(s.results);
    if (lev) {
      return {
        scenarioId: s.id,
        name: s.name,
        asked: `the efficiency leverage of an MoE with activation ratio ${fmt.significant(lev.activation)} and granularity ${fmt.significant(lev.granularity)} at ${fmt.flops(lev.flops)} FLOPs`,
        sentence: `EL = ${fmt.times(lev.el)}: this MoE reaches the loss a dense model needs ${fmt.flops(lev.denseFlops)} FLOPs for (${fmt.percent(1 - 1 / lev.el)} fewer FLOPs than dense).`,
        extrapolation,
        figures: [{ quantity: Q.leverage, value: lev.el }],
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
        figures: [],
      };
    }
    const target = readTarget(s.results);
    if (target) return { scenarioId: s.id, name: s.name, asked: targetAsked(target), sentence: targetSentence(target, convention), extrapolation, figures: targetFigures(target, convention) };
    const next = readNextRun(s.results);
    if (next) return { scenarioId: s.id, name: s.name, asked: nextRunAsked(next), sentence: nextRunSentence(next), extrapolation, figures: nextRunFigures(next) };
    // No saved results, results that claim a kind but are damaged (named by the field), or a later release's page.
    const sentence = s.results == null ? 'No saved results.' : (snapshotProblem(s.results) ?? `Results of a page this version of MoE Workbench does not know (${s.wizard}); the appendix lists its figures.`);
    return { scenarioId: s.id, name: s.name, asked: `a ${s.wizard} scenario`, sentence, extrapolation, figures: [] };
  });

  const winners = winnerLines(
    rows.map((r) => ({ name: r.name, figures: r.figures })),
    Object.values(Q).map((q) => q.label),
  );
  return { scenarios: rows.map(({ scenarioId, name, asked, sentence, extrapolation }) => ({ scenarioId, name, asked, sentence, extrapolation })), winners };
}
