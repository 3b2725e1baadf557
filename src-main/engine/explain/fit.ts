/**
 * How a fit was computed (engine/fit): the fitted law written with the fitted numbers at a run
 * (its predicted loss and its residual in ln L), the fit's quality (the Huber objective on ln L
 * with its δ, the train and held-out RMSE, the largest error) from every run's residual, the
 * bootstrap intervals and standard deviations of each coefficient from the replicates, and the
 * procedure (runs dropped and held out, the grid of starts). The loss trees are the laws' own
 * explanations (laws.ts) on the fitted coefficients; the per-E and dense-vs-MoE forms, which no
 * page explains elsewhere, are written as their fit models state them.
 */
import type { CoefficientSet, LawId } from '../common/coefficients';
import { PUBLISHED_SETS } from '../common/coefficients';
import { EngineInputError } from '../common/errors';
import type { FitLawId, FitRun } from '../fit';
import { huber } from '../fit/models/common';
import { JOINT_LAW_DESCRIPTION } from '../joint/description';
import { count as fmtCount, decimals, loss as fmtLoss, whole } from '../../format';
import { add, coef, div, input, ln, max, mul, pow, sqrt, step, sub, term, type Leaf, type Step } from './expr';
import { explainChinchillaLoss, explainComprehensiveLoss, explainJointLoss } from './laws';
import type { Explanation } from './render';
import { orderStatistic } from './order-statistic';

/** What explaining a fit reads of it (fit.status's result). */
export interface FitToExplain {
  law: FitLawId;
  coefficients: Record<string, number>;
  coefficientOrder: readonly string[];
  delta: number;
  objective: number;
  rmseTrain: number;
  rmseHoldout: number | null;
  maxError: number;
  residuals: ReadonlyArray<{ index: number; label: string | null; role: 'train' | 'holdout' | 'dropped' | 'excluded'; observedLoss: number; predictedLoss: number; residual: number; weight: number }>;
  starts: number;
  bestStart: number;
  selection: 'lowest-objective' | 'lowest-train-plus-holdout-rmse';
  counts: { runs: number; train: number; holdout: number; dropped: number; excluded: number };
  experts: number | null;
  bootstrap: { samples: number; seed: number; confidence: number; failed: number } | null;
}

export interface FitContext {
  /** The runs as fitted (all of them, in the order the residuals index). */
  runs: readonly FitRun[];
  /** The start grid, one axis per parameter in the fit's own units (ln for a log parameter). */
  grid: ReadonlyArray<{ name: string; coefficient: string; log: boolean; values: readonly number[] }>;
  /** Each bootstrap replicate's coefficients, or null without bootstrap. */
  replicates: ReadonlyArray<Readonly<Record<string, number>>> | null;
  /** Where the runs came from, in words. */
  source: string;
  /** The run to write out (an index into the runs); default the one with the largest error. */
  run?: number;
}

const published = (id: string) => PUBLISHED_SETS.find((s) => s.id === id)!;

/** Who the fitting procedure follows, by law (LAWS.md §1 App. B; §5 the Epoch replication): also what fit.defaults cites. */
export function procedureOf(law: FitLawId): { citation: string; source: string } {
  if (law === 'chinchilla')
    return {
      citation: published('besiroglu2024').citation,
      source: 'the Chinchilla replication’s procedure (Besiroglu et al. 2024, §3): Hoffmann et al.’s Eq. 2 fitted as ln L̂ = logsumexp(ln A − α ln N, ln B − β ln D, ln E) under a Huber loss on ln L (δ = 10⁻³ there), L-BFGS from a grid of starts, the 5 highest-loss runs dropped',
    };
  if (law === 'joint' || law === 'per-e')
    return {
      citation: JOINT_LAW_DESCRIPTION.citation,
      source: `App. B of the joint law: ln L̂ by logsumexp over the law’s three terms (their scales in log space), Huber loss on ln L (δ = 0.01 there), L-BFGS from a grid of starts, the start with the lowest train + held-out RMSE (held out: the 30 lowest-loss runs)${law === 'per-e' ? ', here on the per-E form of Eq. 5' : ''}`,
    };
  const set = published(law === 'comprehensive' ? 'moe-comprehensive-2025' : 'wang2024-dense-moe');
  return { citation: set.citation, source: 'the law fitted by the joint law’s App. B procedure (the paper publishes none of its own): Huber loss on ln L, L-BFGS from a grid of starts' };
}

/** The fit's coefficients as a coefficient set the laws' explanations read. */
function fittedSet(fit: FitToExplain, law: LawId, name: string): CoefficientSet {
  const p = procedureOf(fit.law);
  return { id: 'fit', law, name, citation: p.citation, provenance: 'user-fit', source: p.source, values: fit.coefficients, notes: '' };
}

/** L = m·N^μ + n·D^ν + c at one expert count (Eq. 5), as the per-E fit model predicts it. */
function perELoss(k: Record<string, number>, N: Leaf, D: Leaf): Step {
  return step('L', 'predicted final training loss', 'nats/token', add(mul(coef('m', k.m!), pow(N, coef('μ', k.mu!))), mul(coef('n', k.n!), pow(D, coef('ν', k.nu!))), coef('c', k.c!)), { signature: 'L(N_act, D)' });
}

/** L = A/(N^α·E^γ) + B/D^β + σ (LAWS.md §4), as the dense-vs-MoE fit model predicts it. */
function denseMoeLoss(k: Record<string, number>, N: Leaf, D: Leaf, E: Leaf): Step {
  return step('L', 'predicted final training loss', 'nats/token', add(div(coef('A', k.A!), mul(pow(N, coef('α', k.alpha!)), pow(E, coef('γ', k.gamma!)))), div(coef('B', k.B!), pow(D, coef('β', k.beta!))), coef('σ', k.sigma!)), { signature: 'L(N, D, E)' });
}

/** The fitted law at one run, with the fitted numbers, and the run's residual r = ln L̂ − ln L. */
export function explainFitRun(fit: FitToExplain, run: FitRun, index: number, why: string): Explanation {
  const name = 'this fit';
  const N = input('N_act', run.nAct, 'parameters', 'the run’s active parameters');
  const D = input('D', run.tokens, 'tokens', 'the run’s training tokens');
  let law: Explanation;
  switch (fit.law) {
    case 'joint':
      law = explainJointLoss({ nAct: run.nAct, tokens: run.tokens, experts: run.experts ?? 1 }, fittedSet(fit, 'joint', name));
      break;
    case 'chinchilla':
      law = explainChinchillaLoss({ params: run.nAct, tokens: run.tokens }, fittedSet(fit, 'chinchilla', name));
      break;
    case 'comprehensive':
      law = explainComprehensiveLoss({ total: run.nTotal!, tokens: run.tokens, active: run.nAct, activeExperts: run.activatedExperts!, sharedRatio: run.sharedRatio! }, fittedSet(fit, 'comprehensive', name));
      break;
    case 'per-e':
      law = { figure: '', title: '', headline: [perELoss(fit.coefficients, N, D)], citation: '', source: '' };
      break;
    case 'dense-moe':
      law = { figure: '', title: '', headline: [denseMoeLoss(fit.coefficients, N, D, input('E', run.experts ?? 1, 'experts', 'the run’s experts'))], citation: '', source: '' };
      break;
  }
  const L = law.headline[0]!;
  const observed = input('L_obs', run.loss, 'nats/token', 'the run’s observed final loss');
  const r = step('r', 'residual in ln L (predicted minus observed)', '1', sub(ln(L), ln(observed)));
  const p = procedureOf(fit.law);
  const label = run.label ?? `run ${index + 1}`;
  return {
    figure: 'fit.run',
    title: `The fitted law at “${label}” (${why}): predicted loss and residual`,
    headline: [L, r],
    citation: p.citation,
    source: `the ${fit.law} law with the fitted coefficients; ${p.source}`,
  };
}


/** The objective, the RMSEs and the largest error from the runs' residuals. */
export function explainFitQuality(fit: FitToExplain): Explanation {
  const train = fit.residuals.filter((x) => x.role === 'train');
  const held = fit.residuals.filter((x) => x.role === 'holdout');
  const delta = input('δ', fit.delta, '1', 'Huber δ on ln L');
  const quad = train.filter((x) => Math.abs(x.residual) <= fit.delta);
  const lin = train.filter((x) => Math.abs(x.residual) > fit.delta);
  const Q = term('Q', quad.reduce((s, x) => s + x.weight * x.residual ** 2, 0), '1', `Σ w·r² over the ${quad.length} training runs with |r| ≤ δ`);
  const A = term('A', lin.reduce((s, x) => s + x.weight * Math.abs(x.residual), 0), '1', `Σ w·|r| over the ${lin.length} training runs with |r| > δ`);
  const W = term('W', lin.reduce((s, x) => s + x.weight, 0), '1', `Σ w over those ${lin.length} runs`);
  const J = step('J', 'Huber objective Σ w·ρ_δ(r): r²/2 within δ, δ·(|r| − δ/2) beyond', '1', add(mul(0.5, Q), mul(delta, sub(A, mul(0.5, delta, W)))));
  const rmse = (rows: typeof train, symbol: string, what: string) =>
    step(symbol, `RMSE of ln L over the ${what}`, '1', sqrt(div(term(`S_${symbol === 'RMSE_train' ? 'train' : 'held'}`, rows.reduce((s, x) => s + x.residual ** 2, 0), '1', `Σ r² over the ${rows.length} ${what}`), input(`n_${symbol === 'RMSE_train' ? 'train' : 'held'}`, rows.length, '1', what))));
  const headline: Step[] = [J, rmse(train, 'RMSE_train', 'training runs')];
  if (held.length) headline.push(rmse(held, 'RMSE_held', 'held-out runs'));
  const used = [...train, ...held];
  headline.push(step('r_max', 'largest error |r| over the training and held-out runs', '1', max(...used.map((x) => term(`|r|_${x.index + 1}`, Math.abs(x.residual), '1', `|residual| of ${x.label ?? `run ${x.index + 1}`}`)).sort((a, b) => b.value - a.value).slice(0, 3))));
  const p = procedureOf(fit.law);
  return {
    figure: 'fit.quality',
    title: `Fit quality: Huber objective (δ = ${decimals(fit.delta, Math.max(0, -Math.floor(Math.log10(fit.delta))))}), RMSE and largest error on ln L`,
    headline,
    citation: p.citation,
    source: p.source,
    note: `r = ln L̂ − ln L for each run; w is its weight (1, less for a down-weighted outlier). The largest error is the largest of ${fmtCount(used.length)} |r|: the three largest are written out.`,
    data: {
      caption: `Each training run’s residual, weight and Huber term (${fmtCount(train.length)} runs)`,
      columns: [
        { header: 'Run', unit: 'dimensions' },
        { header: 'r (ln L)', unit: '1' },
        { header: 'w', unit: '1' },
        { header: 'ρ_δ(r)', unit: '1' },
      ],
      rows: train.map((x) => [x.index + 1, x.residual, x.weight, huber(x.residual, fit.delta)]),
    },
  };
}


/** Each coefficient's percentile interval and bootstrap SD over the replicates. */
export function explainFitIntervals(fit: FitToExplain, replicates: ReadonlyArray<Readonly<Record<string, number>>>): Explanation {
  const B = input('B', replicates.length, '1', 'bootstrap replicates that refitted (the sample)');
  const c = input('c', fit.bootstrap?.confidence ?? 0.95, 'share', 'confidence level of the intervals');
  const qLo = step('q_lo', 'lower quantile (1 − c)/2', 'share', div(sub(1, c), 2));
  const hLo = step('h_lo', 'position of the lower end among the sorted replicates, (B − 1)·q_lo (0 = smallest)', '1', mul(sub(B, 1), qLo));
  const hHi = step('h_hi', 'position of the upper end, (B − 1)·(1 − q_lo)', '1', mul(sub(B, 1), sub(1, qLo)));
  const n = replicates.length;
  const confidence = fit.bootstrap?.confidence ?? 0.95;
  const headline: Step[] = [];
  for (const k of fit.coefficientOrder) {
    const v = replicates.map((r) => r[k]!);
    const end = (h: Step, side: string) =>
      step(`${k}_${side}`, `${side === 'lo' ? 'lower' : 'upper'} end of ${k}’s ${Math.round(confidence * 100)} % interval`, '1', orderStatistic(v, h, { symbol: k, unit: '1', meaning: `${k} among the replicates` }));
    headline.push(end(hLo, 'lo'), end(hHi, 'hi'));
    const mean = v.reduce((s, x) => s + x, 0) / n;
    const S = term(`S_${k}`, v.reduce((s, x) => s + (x - mean) ** 2, 0), '1', `Σ (${k} − mean)² over the replicates (mean ${decimals(mean, 6)})`);
    headline.push(step(`SD(${k})`, `bootstrap standard deviation of ${k}`, '1', sqrt(div(S, sub(B, 1)))));
  }
  const p = procedureOf(fit.law);
  return {
    figure: 'fit.intervals',
    title: `Bootstrap intervals and standard deviations of the ${fit.coefficientOrder.length} coefficients over ${fmtCount(n)} replicates`,
    headline,
    citation: p.citation,
    source: `Bootstrap: the training runs resampled with replacement (seed ${fit.bootstrap?.seed ?? 1}), the law refitted from the best starts; percentile intervals by linear interpolation between order statistics, SD with divisor B − 1`,
    note: fit.bootstrap?.failed ? `${fit.bootstrap.failed} of ${fit.bootstrap.samples} replicates failed to refit and are left out.` : undefined,
    data: {
      caption: `Each replicate’s coefficients (${fmtCount(n)} replicates)`,
      columns: [{ header: 'Replicate', unit: 'dimensions' }, ...fit.coefficientOrder.map((k) => ({ header: k, unit: '1' }))],
      rows: replicates.map((r, i) => [i + 1, ...fit.coefficientOrder.map((k) => r[k]!)]),
    },
  };
}

/** The runs fitted on and the grid of starts. */
export function explainFitProcedure(fit: FitToExplain, x: FitContext): Explanation {
  const axes = x.grid.map((a) => input(`n_${a.name}`, a.values.length, '1', `start values of ${a.log ? `${a.name} = ln ${a.coefficient}` : a.name}: ${a.values.map((v) => decimals(v, 4)).join(', ')}`));
  const starts = step('starts', 'starts of the grid, every combination of the axes', '1', axes.length === 1 ? axes[0]! : mul(...axes));
  const nRuns = input('N_runs', fit.counts.runs, '1', `runs given (${x.source})`);
  const nTrain = step('N_train', 'runs trained on', '1', sub(sub(sub(nRuns, input('k_drop', fit.counts.dropped, '1', 'highest-loss runs dropped')), input('k_held', fit.counts.holdout, '1', 'lowest-loss runs held out')), input('k_excl', fit.counts.excluded, '1', 'runs at another expert count (per-E fit)')));
  const dropped = fit.residuals.filter((r) => r.role === 'dropped').map((r) => `${r.label ?? `run ${r.index + 1}`} (${fmtLoss(r.observedLoss)} nats/token)`);
  const p = procedureOf(fit.law);
  return {
    figure: 'fit.procedure',
    title: `Fitting procedure: Huber loss on ln L with δ = ${decimals(fit.delta, Math.max(0, -Math.floor(Math.log10(fit.delta))))}, L-BFGS from ${whole(fit.starts)} starts`,
    headline: [nTrain, starts],
    citation: p.citation,
    source: p.source,
    note: [
      dropped.length ? `Dropped before fitting, the highest losses: ${dropped.join(', ')}.` : 'No run dropped.',
      `The winning start is #${whole(fit.bestStart)}, chosen by ${fit.selection === 'lowest-objective' ? 'the lowest Huber objective' : 'the lowest train RMSE + held-out RMSE'}.`,
    ].join(' '),
  };
}

/** Every figure of a finished fit. */
export function explainFit(fit: FitToExplain, x: FitContext): { explanations: Explanation[]; note: string | null } {
  const used = fit.residuals.filter((r) => r.role === 'train' || r.role === 'holdout');
  const worst = used.reduce((a, b) => (Math.abs(b.residual) > Math.abs(a.residual) ? b : a), used[0]!);
  const index = x.run ?? worst.index;
  const run = x.runs[index];
  if (!run) throw new EngineInputError('run', `run must be one of the fit's ${x.runs.length} runs (0 to ${x.runs.length - 1}); got ${index}`);
  const explanations = [explainFitRun(fit, run, index, x.run === undefined ? 'the run with the largest error' : 'the run asked about'), explainFitQuality(fit), explainFitProcedure(fit, x)];
  if (x.replicates?.length) explanations.splice(2, 0, explainFitIntervals(fit, x.replicates));
  return { explanations, note: x.replicates?.length ? null : 'No bootstrap replicates: the fit has no intervals or standard deviations to explain (set “Bootstrap replicates” to have them).' };
}
