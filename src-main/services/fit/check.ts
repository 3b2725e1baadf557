/**
 * A fit's answer checked against the runs and settings it claims to answer, before anything is
 * explained from it: the one check for a fit.run answer sent back with its request
 * (explain.figure) and a saved set's fit record (./record.ts). Nothing is fitted again.
 */
import { prepareFit, type FitOptions, type FitRun } from '../../engine/fit';
import { evaluate, explainFitRun } from '../../engine/explain';
import type { FitResultData } from '../../ipc/contract/fit';

/** Says why the answer is refused, at its path under the answer; never returns. */
export type Refuse = (path: Array<string | number>, why: string) => never;

/** The fit's start grid, one axis per parameter in the fit's own units, as the fitter resolves it from its options. */
export function fitGrid(options: FitOptions) {
  const prep = prepareFit({ ...options, bootstrap: undefined });
  return { prep, grid: prep.model.params.map((p, j) => ({ name: p.name, coefficient: p.coefficient, log: p.transform === 'log', values: Array.from(prep.grid.axes[j]!) })) };
}

/** Relative agreement of a figure sent with the one the request gives (the answer's numbers went through JSON). */
export const agrees = (sent: number, want: number) => sent === want || Math.abs(sent - want) <= 1e-9 * Math.max(Math.abs(sent), Math.abs(want));

/** How far a residual sent may be from ln L̂ − ln L recomputed (JSON round trips, ln of exp). */
const RESIDUAL_TOLERANCE = 1e-8;

/**
 * The answer must be these runs' and settings': the same law and δ, every run (observed loss and
 * size) in the role the settings give it, every used run's predicted loss the law's at the sent
 * coefficients and its residual ln L̂ − ln L (a training run weighing at most 1, any other nothing), and (when `replicates` is given) as many replicates as its bootstrap kept.
 */
export function checkFitResult(
  fit: { options: FitOptions; prep: ReturnType<typeof fitGrid>['prep'] },
  r: Omit<FitResultData, 'curves'>,
  replicates: ReadonlyArray<unknown> | null | undefined,
  refuse: Refuse,
): void {
  const { options, prep } = fit;
  const runs: readonly FitRun[] = options.runs;
  if (r.law !== options.law) refuse(['result', 'law'], `the answer fits the ${r.law} law, the request the ${options.law} law`);
  if (!agrees(r.delta, prep.delta)) refuse(['result', 'delta'], `the answer's Huber δ is ${r.delta}, the request's settings give ${prep.delta}`);
  if (r.counts.runs !== runs.length || r.residuals.length !== runs.length) refuse(['result', 'residuals'], `the answer has ${r.residuals.length} runs, the request ${runs.length}`);
  r.residuals.forEach((res, i) => {
    const run = runs[res.index];
    if (!run) return refuse(['result', 'residuals', i, 'index'], `run ${res.index} is not one of the request's ${runs.length}`);
    if (res.role !== prep.roles[res.index]) refuse(['result', 'residuals', i, 'role'], `the request's settings make run ${res.index + 1} ${prep.roles[res.index]}, not ${res.role}`);
    const sizes: Array<[string, number, number]> = [['observedLoss', res.observedLoss, run.loss], ['nAct', res.nAct, run.nAct], ['tokens', res.tokens, run.tokens]];
    for (const [field, sent, want] of sizes) if (!agrees(sent, want)) refuse(['result', 'residuals', i, field], `run ${res.index + 1} is ${want} in the request, ${sent} in the answer`);
    if (res.role === 'train' || res.role === 'holdout') {
      const predicted = evaluate(explainFitRun(r, run, res.index, '').headline[0]!);
      if (!agrees(res.predictedLoss, predicted)) refuse(['result', 'coefficients'], `the coefficients sent predict ${predicted} for run ${res.index + 1}, the answer says ${res.predictedLoss}`);
      // the objective and RMSEs explained are taken over these residuals: each must be ln L̂ − ln L (absolute: r is near 0)
      const residual = Math.log(predicted) - Math.log(run.loss);
      if (!(Math.abs(res.residual - residual) <= RESIDUAL_TOLERANCE)) refuse(['result', 'residuals', i, 'residual'], `run ${res.index + 1}'s residual ln L̂ − ln L is ${residual}, the answer says ${res.residual}`);
    }
    // a training run weighs at most 1 (less once down-weighted as an outlier); the others are not in the objective
    const weightOk = res.role === 'train' ? res.weight >= 0 && res.weight <= 1 : res.weight === 0;
    if (!weightOk) refuse(['result', 'residuals', i, 'weight'], `run ${res.index + 1} (${res.role}) cannot weigh ${res.weight} in the objective`);
  });
  if (replicates === undefined) return;
  const kept = r.bootstrap ? r.bootstrap.samples - r.bootstrap.failed : 0;
  if ((replicates?.length ?? 0) !== kept) refuse(['replicates'], `the fit kept ${kept} bootstrap replicates, the answer lists ${replicates?.length ?? 0}`);
}
