/**
 * A finished fit as the contract returns it: residuals with the runs' sizes, and the fitted
 * law's curves over the runs (grouped by expert count and model size) for the charts.
 */
import { lossModel, type FitResult, type FitRun } from '../../engine/fit';
import { count } from '../../format';
import type { FitResultData } from '../../ipc/contract/fit';

const CURVE_POINTS = 40;
const MAX_CURVES = 6;

/** Groups runs by expert count, then by model size (distinct sizes, or quantile bins of ln N). */
function runGroups(runs: readonly FitRun[], indices: number[]): number[][] {
  const byE = new Map<number, number[]>();
  for (const i of indices) {
    const e = runs[i]!.experts ?? 1;
    byE.set(e, [...(byE.get(e) ?? []), i]);
  }
  const groups: number[][] = [];
  const perE = Math.max(1, Math.floor(MAX_CURVES / byE.size));
  for (const list of [...byE.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l)) {
    const sorted = [...list].sort((a, b) => runs[a]!.nAct - runs[b]!.nAct);
    // distinct sizes (within 2%)
    const distinct: number[][] = [];
    for (const i of sorted) {
      const last = distinct[distinct.length - 1];
      if (last && runs[i]!.nAct <= runs[last[0]!]!.nAct * 1.02) last.push(i);
      else distinct.push([i]);
    }
    if (distinct.length <= perE) {
      groups.push(...distinct);
      continue;
    }
    for (let k = 0; k < perE; k++) {
      const part = sorted.slice(Math.floor((k * sorted.length) / perE), Math.floor(((k + 1) * sorted.length) / perE));
      if (part.length) groups.push(part);
    }
  }
  return groups.slice(0, Math.max(MAX_CURVES, byE.size));
}

function curvesOf(result: FitResult, runs: readonly FitRun[]): FitResultData['curves'] {
  const model = lossModel(result.law);
  const theta = Float64Array.from(model.params.map((p) => result.params[p.name] ?? NaN));
  if (theta.some((v) => !Number.isFinite(v))) return [];
  const used = result.residuals.filter((r) => r.role !== 'excluded').map((r) => r.index);
  const out: FitResultData['curves'] = [];
  for (const group of runGroups(runs, used)) {
    const lnN = group.reduce((s, i) => s + Math.log(runs[i]!.nAct), 0) / group.length;
    const nAct = Math.exp(lnN);
    const rep = runs[group[Math.floor(group.length / 2)]!]!;
    const tokens = group.map((i) => runs[i]!.tokens);
    const lo = Math.log(Math.min(...tokens) / 1.25);
    const hi = Math.log(Math.max(...tokens) * 1.25);
    const curveRuns: FitRun[] = Array.from({ length: CURVE_POINTS }, (_, k) => {
      const r: FitRun = { ...rep, nAct, tokens: Math.exp(lo + ((hi - lo) * k) / (CURVE_POINTS - 1)), loss: 1 };
      if (rep.nTotal !== undefined) r.nTotal = (rep.nTotal * nAct) / rep.nAct;
      return r;
    });
    try {
      const data = model.data(curveRuns, model.params.map(() => false));
      const z = new Float64Array(theta.length);
      model.toInternal(theta, data.shifts, z);
      const pred = new Float64Array(data.n);
      model.predict(z, data, pred);
      const points = curveRuns.map((r, k) => ({ tokens: r.tokens, loss: Math.exp(pred[k]!) })).filter((p) => Number.isFinite(p.loss));
      const e = rep.experts ?? null;
      out.push({ label: `N ≈ ${count(nAct)}${e !== null && result.law !== 'chinchilla' ? `, E = ${e}` : ''}`, nAct, experts: e, points, runs: group });
    } catch {
      // A group the law cannot evaluate (e.g. a predicted loss ≤ 0) is left out of the chart.
    }
  }
  return out;
}

export function resultData(r: FitResult, runs: readonly FitRun[]): FitResultData {
  return {
    law: r.law,
    coefficients: r.coefficients,
    coefficientOrder: [...lossModel(r.law).coefficients],
    params: r.params,
    delta: r.delta,
    objective: r.objective,
    rmseTrain: r.rmseTrain,
    rmseHoldout: r.rmseHoldout,
    maxError: r.maxError,
    maxErrorHoldout: r.maxErrorHoldout,
    residualScale: r.residualScale,
    residuals: r.residuals.map((x) => ({
      index: x.index,
      label: x.label ?? null,
      line: x.line ?? null,
      role: x.role,
      observedLoss: x.observedLoss,
      predictedLoss: x.predictedLoss,
      residual: x.residual,
      weight: x.weight,
      nAct: runs[x.index]!.nAct,
      tokens: runs[x.index]!.tokens,
      experts: runs[x.index]!.experts ?? null,
    })),
    starts: r.starts,
    bestStart: r.bestStart,
    selection: r.selection,
    counts: r.counts,
    screening: r.screening,
    experts: r.experts ?? null,
    intervals: r.intervals ?? null,
    bootstrap: r.bootstrap ?? null,
    iterations: r.iterations,
    evaluations: r.evaluations,
    seconds: r.seconds,
    curves: curvesOf(r, runs),
  };
}
