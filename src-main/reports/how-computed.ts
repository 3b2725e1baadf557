/**
 * The report appendix "How these figures were computed": for each scenario's headline figures,
 * the formula, the same with the scenario's values substituted, the value and the citation —
 * the explanations explain.figure gives on screen (engine/explain), from the saved results.
 */
import { explainJointLoss, explainChinchillaLoss, explainLeverage, explainPlanResult, writeExplanation, type Explanation, type WrittenExplanation } from '../engine/explain';
import type { ByteConvention } from '../format';
import type { ReportScenario } from './comparison';
import { readPlan } from './plan-snapshot';
import { publishedSetResolver, readLeverage, type SetResolver } from './law-snapshots';
import { readTarget } from './target-snapshot';

/** What the appendix needs of the PDF writer. */
export interface AppendixWriter {
  readonly width: number;
  heading(text: string, level?: 1 | 2 | 3): void;
  para(text: string, opts?: { size?: number; color?: string; bold?: boolean }): void;
  table(columns: Array<{ header: string; width: number }>, rows: string[][], opts?: { size?: number }): void;
}

/** A scenario's headline figures as explanations, or why there are none. */
export function scenarioExplanations(s: ReportScenario, resolveSet: SetResolver = publishedSetResolver): { explanations: Explanation[]; note: string | null } {
  const missingSet = (id: string) => ({ explanations: [], note: `Coefficient set "${id}" is no longer in the store, so its formulas cannot be written out.` });
  const plan = readPlan(s.results);
  if (plan) {
    const set = resolveSet(plan.coefficientSetId);
    return set ? explainPlanResult(plan, set) : missingSet(plan.coefficientSetId);
  }
  const lev = readLeverage(s.results);
  if (lev) {
    const set = resolveSet(lev.provenance.coefficientSet.id);
    return set ? { explanations: [explainLeverage(lev, set)], note: null } : missingSet(lev.provenance.coefficientSet.id);
  }
  const target = readTarget(s.results);
  const law = target?.laws[0];
  const w = law?.winners.find((x) => x.objective === 'trainingFlops');
  if (law && w && (law.law === 'joint' || law.law === 'chinchilla')) {
    const set = resolveSet(law.coefficientSetId);
    if (!set) return missingSet(law.coefficientSetId);
    return {
      explanations: [
        law.law === 'joint'
          ? explainJointLoss({ nAct: w.design.nAct, tokens: w.design.tokens, experts: w.experts }, set)
          : explainChinchillaLoss({ params: w.design.nAct, tokens: w.design.tokens }, set),
      ],
      note: null,
    };
  }
  return { explanations: [], note: null };
}

function writeOne(w: AppendixWriter, x: WrittenExplanation): void {
  w.heading(x.title, 3);
  for (const e of x.equations) w.para(e, { size: 8 });
  const q = 0.17 * w.width;
  const v = 0.15 * w.width;
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
  if (x.coefficients.length) w.para(`Coefficients${x.coefficientSet ? ` (${x.coefficientSet.name})` : ''}: ${x.coefficients.map((c) => `${c.symbol} = ${c.value}`).join(', ')}`, { size: 7.5 });
  w.para(`Source: ${x.citation}; ${x.source}`, { size: 7.5 });
  if (x.note) w.para(x.note, { size: 7.5 });
}

/** The appendix section; nothing when no scenario has a figure to explain. */
export function howComputedAppendix(w: AppendixWriter, scenarios: readonly ReportScenario[], convention: ByteConvention, resolveSet?: SetResolver): void {
  const each = scenarios.map((s) => ({ s, ...scenarioExplanations(s, resolveSet) })).filter((e) => e.explanations.length || e.note);
  if (!each.length) return;
  w.heading('How these figures were computed', 2);
  w.para('Each headline figure’s formula, the same with the scenario’s values substituted, and its source, as “How was this computed?” shows them in the app.', { size: 8 });
  for (const { s, explanations, note } of each) {
    if (scenarios.length > 1) w.para(s.name, { bold: true, size: 9 });
    if (note) w.para(note, { size: 7.5 });
    for (const x of explanations) writeOne(w, writeExplanation(x, convention));
  }
}
