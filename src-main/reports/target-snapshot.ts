/**
 * A saved 'target' scenario (the 'plan.target' response, in every version declared in
 * schema/snapshots.ts), and the rows reports print for it: the goal, and each law's cheapest
 * design per objective with its band.
 */
import type { TARGET_OBJECTIVES, TargetResult } from '../schema/target';
import { readSnapshotAs } from '../schema/snapshots';
import { TARGET_OBJECTIVE_LABEL } from '../engine/explain/target';

export type TargetObjectiveId = (typeof TARGET_OBJECTIVES)[number];
export type TargetSnapshot = TargetResult;

/** The results snapshot as a reverse plan (every field checked), or null when it is not one. */
export function readTarget(results: unknown): TargetSnapshot | null {
  const r = readSnapshotAs('target', results);
  return r.ok ? r.value : null;
}


export const OBJECTIVE_UNIT: Record<TargetObjectiveId, string> = { trainingFlops: 'FLOPs', servingMemory: 'bytes', lifetimeFlops: 'FLOPs', money: 'dollars' };

export interface TargetRow {
  key: string;
  group: 'inputs' | 'design';
  label: string;
  unit: string;
  value: number | string | null;
}

/** The goal's own figures (field, label, unit, value), by the kind of goal. */
function goalFigures(g: TargetResult['goal']): Array<[string, string, string, number]> {
  switch (g.kind) {
    case 'loss':
      return [['loss', 'Target loss', 'nats per token', g.loss]];
    case 'match-dense':
      return [
        ['params', 'Dense model to match: parameters', 'parameters', g.params],
        ['tokens', 'Dense model to match: training tokens', 'tokens', g.tokens],
      ];
    case 'match-dense-optimal':
      return [['flops', 'Compute-optimal dense model to match: budget', 'FLOPs', g.flops]];
    case 'match-moe':
      return [
        ['nAct', 'MoE to match: active parameters', 'parameters', g.nAct],
        ['tokens', 'MoE to match: training tokens', 'tokens', g.tokens],
        ['experts', 'MoE to match: experts', 'experts', g.experts],
      ];
  }
}

/** Goal and every law's winners as flat rows (the comparison and the CSV share them). */
export function targetRows(t: TargetSnapshot): TargetRow[] {
  const rows: TargetRow[] = [{ key: 'target.goal', group: 'inputs', label: 'Goal', unit: '', value: t.goal.kind }];
  for (const [field, label, unit, value] of goalFigures(t.goal)) rows.push({ key: `target.goal.${field}`, group: 'inputs', label, unit, value });
  rows.push({ key: 'target.inferenceTokens', group: 'inputs', label: 'Lifetime inference tokens', unit: 'tokens', value: t.inferenceTokens });
  rows.push({ key: 'target.maxTokens', group: 'inputs', label: 'Training tokens available', unit: 'tokens', value: t.maxTokens });
  for (const l of t.laws) {
    const at = `target.${l.law}`;
    rows.push({ key: `${at}.setId`, group: 'inputs', label: `${l.provenance.law.name}: coefficient set`, unit: '', value: l.coefficientSetId });
    if (l.reason) {
      rows.push({ key: `${at}.reason`, group: 'design', label: `${l.provenance.law.name}`, unit: '', value: l.reason });
      continue;
    }
    if (l.reference) rows.push({ key: `${at}.targetLoss`, group: 'design', label: `${l.provenance.law.name}: loss to reach`, unit: 'nats per token', value: l.reference.loss });
    for (const w of l.winners) {
      const p = `${at}.${w.objective}`;
      const name = `${l.provenance.law.name}, cheapest in ${TARGET_OBJECTIVE_LABEL[w.objective]}`;
      rows.push(
        { key: `${p}.experts`, group: 'design', label: `${name}: E`, unit: 'experts', value: w.experts },
        { key: `${p}.nAct`, group: 'design', label: `${name}: active parameters`, unit: 'parameters', value: w.design.nAct },
        { key: `${p}.nTotal`, group: 'design', label: `${name}: total parameters`, unit: 'parameters', value: w.design.nTotal },
        { key: `${p}.tokens`, group: 'design', label: `${name}: training tokens`, unit: 'tokens', value: w.design.tokens },
        { key: `${p}.value`, group: 'design', label: `${name}: ${TARGET_OBJECTIVE_LABEL[w.objective]}`, unit: OBJECTIVE_UNIT[w.objective], value: w.value },
      );
      if (w.uncertainty) {
        rows.push(
          { key: `${p}.band.low`, group: 'design', label: `${name}: band low (${w.uncertainty.kind})`, unit: OBJECTIVE_UNIT[w.objective], value: w.uncertainty.value.low },
          { key: `${p}.band.high`, group: 'design', label: `${name}: band high (${w.uncertainty.kind})`, unit: OBJECTIVE_UNIT[w.objective], value: w.uncertainty.value.high },
        );
        if (w.uncertainty.expertWins.length) {
          rows.push({ key: `${p}.wins`, group: 'design', label: `${name}: how often each E wins`, unit: '', value: w.uncertainty.expertWins.map((e) => `E = ${e.experts} in ${Math.round(e.share * 100)} %`).join(', ') });
        }
      }
    }
  }
  return rows;
}
