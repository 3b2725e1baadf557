/**
 * The report appendix "How these figures were computed": for each scenario's headline figures,
 * the formula, the same with the scenario's values substituted, the value and the citation —
 * the explanations explain.figure gives on screen (engine/explain), from the saved results.
 */
import {
  explainChinchillaLoss,
  explainComprehensiveLoss,
  explainComprehensiveOptimum,
  explainJointLoss,
  explainLeverage,
  explainLeverageAllocation,
  explainPlanBand,
  explainPlanResult,
  explainSavingsAgainstDense,
  explainTargetDesigns,
  explainNextRun,
  writeExplanation,
  type Explanation,
  type WrittenExplanation,
} from '../engine/explain';
import type { CoefficientSet } from '../engine/common/coefficients';
import { jointCoefficients } from '../engine/joint/coefficients';
import { explanationFooter, whole, type ByteConvention } from '../format';
import type { ReportScenario } from './comparison';
import { readBand, readPlan } from './plan-snapshot';
import { publishedSetResolver, readArchitecture, readCheckedDesign, readLeverage, type ArchitectureSnapshot, type SetResolver } from './law-snapshots';
import { readTarget } from './target-snapshot';
import { readNextRun } from './next-run-report';
import type { NextRunInput } from '../engine/next-run';
import type { NextRunInputs } from '../schema/scenario-inputs';

/**
 * What explaining a saved next-run proposal needs beyond it, from the store: the project's runs,
 * the fit and its replicates, the hardware (its price). Null when they are no longer there.
 */
export type NextRunResolver = (inputs: NextRunInputs) => { input: NextRunInput; set: CoefficientSet; hardware: { name: string; pricePerDeviceHour: number | null } } | null;

/**
 * A saved fitted set's fit explained from the record fit.save kept with it (services check the
 * record first, as explain.figure does): its explanations, or a note why there are none (a record
 * that does not hold together). Null for a set with no record (published, hand-made, gone).
 */
export type FittedSetResolver = (setId: string) => { name: string; explained: { explanations: Explanation[]; note: string | null } } | null;

/** What the appendix needs of the PDF writer. */
export interface AppendixWriter {
  readonly width: number;
  heading(text: string, level?: 1 | 2 | 3): void;
  para(text: string, opts?: { size?: number; color?: string; bold?: boolean }): void;
  table(columns: Array<{ header: string; width: number }>, rows: string[][], opts?: { size?: number; pad?: number }): void;
}

/** A scenario's headline figures as explanations, or why there are none. */
export function scenarioExplanations(s: ReportScenario, resolveSet: SetResolver = publishedSetResolver, resolveNextRun?: NextRunResolver): { explanations: Explanation[]; note: string | null } {
  const missingSet = (id: string) => ({ explanations: [], note: `Coefficient set "${id}" is no longer in the store, so its formulas cannot be written out.` });
  const plan = readPlan(s.results);
  if (plan) {
    const set = resolveSet(plan.coefficientSetId);
    if (!set) return missingSet(plan.coefficientSetId);
    const explained = explainPlanResult(plan, set);
    // The report's "savings against dense" (dense-baseline.ts) for the recommended design.
    const best = plan.best;
    if (best && set.law === 'joint' && best.loss > jointCoefficients(set).c) explained.explanations.push(explainSavingsAgainstDense({ trainingFlops: best.trainingFlops, loss: best.loss }, set));
    // The band the report prints, from the refits' best designs it was saved with.
    const band = readBand(plan);
    if (!band) return explained;
    const b = explainPlanBand(band, best?.loss ?? null, set);
    return { explanations: [...explained.explanations, ...b.explanations], note: [explained.note, b.note].filter(Boolean).join(' ') || null };
  }
  const nextRun = readNextRun(s.results);
  if (nextRun) {
    // The prior is recomputed from the project's runs and the fit's replicates, as on the page.
    const resolved = nextRun.inputs && resolveNextRun ? resolveNextRun(nextRun.inputs) : null;
    if (!resolved) return { explanations: [], note: nextRun.inputs ? 'The project’s runs or the fit this proposal was made from are no longer in the store, so its figures cannot be written out.' : 'This proposal was saved before proposals kept their inputs, so its figures cannot be written out.' };
    return explainNextRun(nextRun, resolved.input, resolved.set, resolved.hardware);
  }
  const lev = readLeverage(s.results);
  if (lev) {
    const set = resolveSet(lev.provenance.coefficientSet.id);
    if (!set) return missingSet(lev.provenance.coefficientSet.id);
    return {
      explanations: [explainLeverage(lev, set), explainLeverageAllocation({ flops: lev.flops, architecture: 'moe' }, set), explainLeverageAllocation({ flops: lev.flops, architecture: 'dense' }, set)],
      note: null,
    };
  }
  const arch = readArchitecture(s.results);
  if (arch) {
    const set = resolveSet(arch.provenance.coefficientSet.id);
    return set ? architectureExplanations(arch, s.inputs, set) : missingSet(arch.provenance.coefficientSet.id);
  }
  const target = readTarget(s.results);
  if (!target) return { explanations: [], note: null };
  // The headline's loss (the first law's cheapest design in training FLOPs), then every winner's deployment figures.
  const law = target.laws[0];
  const w = law?.winners.find((x) => x.objective === 'trainingFlops');
  const explanations: Explanation[] = [];
  const set = law && resolveSet(law.coefficientSetId);
  if (law && w && set && (law.law === 'joint' || law.law === 'chinchilla')) {
    explanations.push(
      law.law === 'joint'
        ? explainJointLoss({ nAct: w.design.nAct, tokens: w.design.tokens, experts: w.experts }, set)
        : explainChinchillaLoss({ params: w.design.nAct, tokens: w.design.tokens }, set),
    );
  }
  const designs = explainTargetDesigns(target, (_, id) => resolveSet(id));
  return { explanations: [...explanations, ...designs.explanations], note: designs.note };
}

/** The Architecture page's figures: the optimum for N, and the losses of the checked design and of the optimum when the inputs hold D. */
function architectureExplanations(arch: ArchitectureSnapshot, inputs: unknown, set: CoefficientSet): { explanations: Explanation[]; note: string | null } {
  if (!arch.feasible) return { explanations: [], note: `No optimum to explain: ${arch.reason}` };
  const explanations = [explainComprehensiveOptimum({ total: arch.total, threshold: arch.threshold }, set)];
  const d = readCheckedDesign(inputs);
  if (d.tokens !== undefined && d.active !== undefined && d.activeExperts !== undefined && d.sharedRatio !== undefined && d.active <= arch.total) {
    explanations.push({ ...explainComprehensiveLoss({ total: arch.total, tokens: d.tokens, active: d.active, activeExperts: d.activeExperts, sharedRatio: d.sharedRatio }, set), title: 'Comprehensive MoE law: loss of the checked design' });
  }
  if (d.tokens !== undefined) {
    const at = (active: number, which: string): Explanation => ({
      ...explainComprehensiveLoss({ total: arch.total, tokens: d.tokens!, active, activeExperts: arch.activeExperts, sharedRatio: arch.sharedRatio }, set),
      title: `Comprehensive MoE law: loss at G_opt, S_opt and the ${which} N_a`,
    });
    explanations.push(at(arch.active, 'theoretical'), at(arch.activeEfficient, 'efficiency-aware'));
  }
  return { explanations, note: null };
}

function writeOne(w: AppendixWriter, x: WrittenExplanation): void {
  w.heading(x.title, 3);
  for (const e of x.equations) w.para(e, { size: 8 });
  const q = 0.16 * w.width;
  // wide enough for a figure and its unit on one line ("369,000 GPU-hours" at 7 pt)
  const v = 0.19 * w.width;
  const f = (w.width - q - v) * 0.4;
  w.table(
    [
      { header: 'Quantity', width: q },
      { header: 'Formula', width: f },
      { header: 'With the scenario’s values', width: w.width - q - v - f },
      { header: 'Value', width: v },
    ],
    x.rows.map((r) => [`${r.symbol}: ${r.meaning}`, r.formula, r.substituted, r.value]),
    { size: 7 },
  );
  for (const line of explanationFooter(x)) w.para(line, { size: 7.5 });
  if (x.note) w.para(x.note, { size: 7.5 });
  if (x.data) writeData(w, x.data);
}

/** The listed values' type size and cell padding: dense, still well above the smallest print a report uses. */
const DATA_SIZE = 6.5;
const DATA_PAD = 1.5;
/** A digit's width in the report's sans at 1 pt (its figures are about 0.55 em), to size the blocks before drawing. */
const DIGIT_EM = 0.56;

/**
 * The values a figure is taken over (a band's refits, a prior's replicates), every one of them: a
 * reader checking a band's ends needs the whole list, in the report itself. Dense: short headers
 * (their units said once above), and as many blocks of the columns side by side as the width
 * holds, each row read left to right, each entry led by its own number (refit 1, 2, 3 … across).
 */
function writeData(w: AppendixWriter, d: NonNullable<WrittenExplanation['data']>): void {
  const unitOf = (h: string) => /\s*\(([^()]*)\)$/.exec(h);
  const headers = d.columns.map((h) => h.replace(unitOf(h)?.[0] ?? '', ''));
  const units = d.columns.flatMap((h, i) => (unitOf(h) ? [`${headers[i]} in ${unitOf(h)![1]}`] : []));
  w.para(`${d.caption}; ${whole(d.rows.length)} rows${units.length ? ` (${units.join(', ')})` : ''}:`, { size: 7.5 });
  const widths = headers.map((h, i) => Math.max(h.length, ...d.rows.map((r) => (r[i] ?? '').length)) * DIGIT_EM * DATA_SIZE + 2 * DATA_PAD + 4);
  const block = widths.reduce((a, b) => a + b, 0);
  const blocks = Math.max(1, Math.min(Math.floor(w.width / block), Math.ceil(d.rows.length / 8)));
  const stretch = w.width / (blocks * block);
  const columns = Array.from({ length: blocks }, () => headers.map((header, i) => ({ header, width: widths[i]! * stretch }))).flat();
  const rows: string[][] = [];
  for (let i = 0; i < d.rows.length; i += blocks) {
    rows.push(Array.from({ length: blocks }, (_, b) => d.rows[i + b] ?? headers.map(() => '')).flat());
  }
  w.table(columns, rows, { size: DATA_SIZE, pad: DATA_PAD });
}

/**
 * Each scenario's headline figures as explanations (scenarioExplanations), and then, once per
 * fitted set the scenarios use (named by the scenario or resolved for its figures) that was saved
 * with its fit record, how that set's coefficients were computed: what the appendix writes and
 * explain.figure on scenarios.compare returns.
 */
export function reportExplanations(
  scenarios: readonly ReportScenario[],
  resolveSet: SetResolver = publishedSetResolver,
  resolveNextRun?: NextRunResolver,
  resolveFit?: FittedSetResolver,
): { scenarios: Array<{ s: ReportScenario; explanations: Explanation[]; note: string | null }>; fits: Array<NonNullable<ReturnType<FittedSetResolver>>> } {
  const used: string[] = [];
  const use = (id: string) => void (used.includes(id) || used.push(id));
  const tracked: SetResolver = (id) => (use(id), resolveSet(id));
  const trackedNextRun: NextRunResolver | undefined =
    resolveNextRun &&
    ((inputs) => {
      const r = resolveNextRun(inputs);
      if (r) use(r.set.id);
      return r;
    });
  const each = scenarios.map((s) => {
    if (s.coefficientSetId) use(s.coefficientSetId);
    return { s, ...scenarioExplanations(s, tracked, trackedNextRun) };
  });
  return { scenarios: each, fits: resolveFit ? used.flatMap((id) => resolveFit(id) ?? []) : [] };
}

/** The appendix section (reportExplanations); nothing when there is no figure to explain. */
export function howComputedAppendix(w: AppendixWriter, scenarios: readonly ReportScenario[], convention: ByteConvention, resolveSet?: SetResolver, resolveNextRun?: NextRunResolver, resolveFit?: FittedSetResolver): void {
  const all = reportExplanations(scenarios, resolveSet, resolveNextRun, resolveFit);
  const each = all.scenarios.filter((e) => e.explanations.length || e.note);
  if (!each.length && !all.fits.length) return;
  w.heading('How these figures were computed', 2);
  w.para('Each headline figure’s formula, the same with the scenario’s values substituted, and its source, as “How was this computed?” shows them in the app.', { size: 8 });
  for (const { s, explanations, note } of each) {
    if (scenarios.length > 1) w.para(s.name, { bold: true, size: 9 });
    if (note) w.para(note, { size: 7.5 });
    for (const x of explanations) writeOne(w, writeExplanation(x, convention));
  }
  for (const { name, explained } of all.fits) {
    w.para(`How the fitted coefficient set “${name}” was computed`, { bold: true, size: 9 });
    if (explained.note) w.para(explained.note, { size: 7.5 });
    for (const x of explained.explanations) writeOne(w, writeExplanation(x, convention));
  }
}
