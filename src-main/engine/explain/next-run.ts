/**
 * How a next-run proposal was computed (engine/next-run): the recommendation at the target (Eq. 7
 * on the fit), each proposed run's design, cost and predicted loss, the GPU-hours against the
 * allowance, and the 90 % band of the recommendation three ways: over the fit's bootstrap
 * replicates now, by the linearised law before and after the runs (the Sherman–Morrison steps the
 * greedy design takes, on the prior covariance it read), and in the simulated refits (the 5th–95th
 * percentile of the refits' errors the proposal kept). The prior and its terms are recomputed by
 * the planner's own functions (plannerPrior, priorCovariance, observeInOrder), never re-derived.
 */
import type { CoefficientSet } from '../common/coefficients';
import { jointCoefficients } from '../joint/coefficients';
import { computeOptimum } from '../joint/optimum';
import { hasInteriorOptimum, perExpertLaw } from '../joint/per-expert-law';
import { NEXT_RUN_METHOD, NEXT_RUN_Z90, observeInOrder, plannerPrior, priorCovariance, type Band, type NextRunInput, type NextRunPrior, type NextRunQuantity, type TargetPlan } from '../next-run';
import { count as fmtCount, decimals, flops as fmtFlops, gpuHours as fmtGpuHours, productUnit } from '../../format';
import { add, div, exp, input, ln, max, mul, pow, sqrt, step, sub, term, type Expr, type Leaf, type Step } from './expr';
import { explainJointOptimum, perExpertSteps, setOf, sourceOf } from './laws';
import type { Explanation } from './render';
import { orderStatistic } from './order-statistic';

/** What explaining a proposal reads of it (as nextRun.propose returns it, or a saved one). */
export interface NextRunToExplain {
  quantity: NextRunQuantity;
  targetFlops: number;
  plan: TargetPlan;
  runs: ReadonlyArray<{ nAct: number; tokens: number; experts: number; gpuHours: number; bandAfter: Band }>;
  prior: NextRunPrior;
  gpuHours: number;
  gpuHoursAllowance: number;
  candidates: number;
  simulated: { worlds: number; failed: number; seed: number; before: Band; after: Band; errors?: { before: number[]; after: number[] } | undefined } | null;
}

const PLANNER_CITATION = 'Chaloner & Verdinelli 1995, “Bayesian experimental design: a review”, Statist. Sci. 10(3); Leskovec et al. 2007, “Cost-effective outbreak detection in networks”, KDD';

/** A run's ln L, the scale the planner observes runs on (its noise σ is in it). */
const LN_LOSS = 'ln L';

/**
 * The target scalar q as the band is written: the plan's loss, or N_act through q = ln N_act.
 * `scale` is what q is measured in, so Var q is in its square and Cov(q, ln L) in its product with ln L.
 */
function quantityOf(quantity: NextRunQuantity) {
  return quantity === 'loss'
    ? { symbol: 'L', meaning: 'the recommendation’s predicted loss', unit: 'nats/token', qUnit: 'nats/token', scale: 'nats/token', back: (q: Expr | Step): Expr | Step => q }
    : { symbol: 'N_act', meaning: 'the recommendation’s active parameters', unit: 'parameters', qUnit: '1', scale: 'ln N_act', back: (q: Expr | Step): Expr => exp(q) };
}

/** q0: the recommendation's loss, or ln of its N_act (the planner linearises ln N_act, so its band is relative). */
function targetScalar(p: NextRunToExplain): Step {
  if (p.quantity === 'loss') return step('q₀', 'the recommendation’s predicted loss with the fit’s own coefficients (the first explanation)', 'nats/token', term('L_opt', p.plan.loss, 'nats/token', 'the recommendation’s predicted loss'));
  return step('q₀', 'ln of the recommendation’s N_act (the planner works in ln N_act)', '1', ln(term('N_opt', p.plan.nAct, 'parameters', 'the recommendation’s active parameters')));
}

/** One run: its tokens from the grid's ratio, FLOPs, device-hours, money, and its loss under the fit. */
export function explainNextRunDesign(
  x: { index: number; nAct: number; tokens: number; experts: number; peakFlopsPerDevice: number; utilization: number; pricePerDeviceHour: number | null; hardwareName: string },
  set: CoefficientSet,
): Explanation {
  const N = input('N_act', x.nAct, 'parameters', 'active parameters (a value of the candidate grid)');
  const r = input('r', x.tokens / x.nAct, '1', 'training tokens per active parameter (a value of the candidate grid)');
  const D = step('D', 'training tokens', 'tokens', mul(r, N));
  const F = step('F', 'training compute', 'FLOPs', mul(6, N, D));
  const H = step('H', 'device-hours (GPU-hours)', 'GPU-hours', div(div(F, mul(input('P', x.peakFlopsPerDevice, 'FLOP/s', `peak dense bf16 throughput of one ${x.hardwareName} device`), input('u', x.utilization, '1', 'model FLOPs utilisation'))), 3600));
  const headline: Step[] = [D, F, H];
  if (x.pricePerDeviceHour !== null) headline.push(step('$', 'cost', 'USD', mul(H, input('p', x.pricePerDeviceHour, 'USD per device-hour', 'price per device-hour of the profile'))));
  const p = perExpertSteps(jointCoefficients(set), x.experts);
  headline.push(step('L', 'predicted final training loss under the fit', 'nats/token', add(mul(p.m, pow(N, p.mu)), mul(p.n, pow(D, p.nu)), p.c), { signature: 'L(N_act, D, E)' }));
  return {
    figure: 'nextRun.run',
    title: `Proposed run ${x.index}: E = ${x.experts}, ${fmtCount(x.nAct)} active parameters on ${fmtCount(x.tokens)} tokens`,
    headline,
    citation: set.citation,
    source: sourceOf(set, 'F = 6·N_act·D (App. A.2 of the joint law), device-hours F/(P·u)/3600 (LAWS.md §7), the loss by Eq. 6 with the expert transform of Eq. 4, reduced for this E to Eq. 5'),
    coefficientSet: setOf(set),
    note: x.pricePerDeviceHour === null ? `The hardware profile “${x.hardwareName}” has no price per device-hour, so the run has no cost in money.` : undefined,
  };
}

/** The recommendation the band is of: Eq. 7 on the fit at the chosen E, with every E's loss in the note. */
export function explainNextRunTarget(p: NextRunToExplain, planExperts: readonly number[], set: CoefficientSet): Explanation {
  const k = jointCoefficients(set);
  const e = explainJointOptimum({ flops: p.targetFlops, experts: p.plan.experts }, set);
  const losses = planExperts.map((E) => {
    const law = perExpertLaw(E, k);
    return hasInteriorOptimum(law) ? `E = ${E}: ${decimals(computeOptimum(law, p.targetFlops).loss, 4)}` : `E = ${E}: no interior optimum`;
  });
  return {
    ...e,
    figure: 'nextRun.target',
    title: `Recommendation at the target ${fmtFlops(p.targetFlops)} FLOPs: E = ${p.plan.experts}, the compute optimum with the fit’s coefficients`,
    note: `E = ${p.plan.experts} has the lowest predicted loss of the plan’s expert counts (${losses.join(', ')} nats/token). The band below is the band of this recommendation’s ${p.quantity === 'loss' ? 'loss' : 'N_act'}.`,
  };
}

/** The proposed runs' GPU-hours together against the allowance. */
export function explainNextRunAllowance(p: NextRunToExplain): Explanation {
  const hours = p.runs.map((r, i) => term(`H_${i + 1}`, r.gpuHours, 'GPU-hours', `device-hours of proposed run ${i + 1}`));
  const total = step('ΣH', 'device-hours of the proposed runs together', 'GPU-hours', hours.length === 1 ? hours[0]! : add(...hours));
  const left = step('H_left', 'allowance left', 'GPU-hours', sub(input('H_max', p.gpuHoursAllowance, 'GPU-hours', 'GPU-hours allowed for the new runs together'), total));
  return {
    figure: 'nextRun.allowance',
    title: `GPU-hours of the proposed runs against the allowance of ${fmtGpuHours(p.gpuHoursAllowance)}`,
    headline: [total, left],
    citation: PLANNER_CITATION,
    source: `Runs are added greedily while they fit in what is left of the allowance (Leskovec et al.’s cost-benefit greedy); ${fmtCount(p.candidates)} candidate runs of the grid fit in the allowance on their own`,
  };
}

/** The 5th and 95th percentiles of `values`, with the positions they are at. */
function percentileSteps(values: readonly number[], K: Leaf, symbol: string, unit: string, meaning: string, side: string) {
  const position = (q: number, end: string) => step(`h_${end}${side}`, `position of the ${q === 0.05 ? '5th' : '95th'} percentile among the sorted values, (K − 1)·${q === 0.05 ? '0.05' : '0.95'} (0 = smallest)`, '1', mul(sub(K, 1), q));
  const hLo = position(0.05, 'lo');
  const hHi = position(0.95, 'hi');
  return {
    low: orderStatistic(values, hLo, { symbol, unit, meaning }),
    high: orderStatistic(values, hHi, { symbol, unit, meaning }),
  };
}

/** The band now: the 5th–95th percentile of q over the replicates the planner keeps. */
function explainBootstrapNow(p: NextRunToExplain, qs: readonly number[], set: CoefficientSet, leftOut: number): Explanation {
  const Q = quantityOf(p.quantity);
  const K = input('K', qs.length, '1', 'bootstrap replicates with a plan at the target');
  const ends = percentileSteps(qs, K, 'q', Q.qUnit, `q among the replicates’ recommendations${p.quantity === 'nAct' ? ' (q = ln N_act)' : ''}`, '');
  const low = step(`${Q.symbol}_lo`, `low end of the band of ${Q.meaning} now`, Q.unit, Q.back(ends.low));
  const high = step(`${Q.symbol}_hi`, `high end of the band of ${Q.meaning} now`, Q.unit, Q.back(ends.high));
  return {
    figure: 'nextRun.bootstrapBand',
    title: `Band now: 90 % of the recommendation’s ${p.quantity === 'loss' ? 'loss' : 'N_act'} over ${fmtCount(qs.length)} bootstrap replicates`,
    headline: [low, high],
    citation: set.citation,
    source: `Each replicate saved with the fit “${set.name}” re-solves the recommendation at the target (the same expert counts); its 5th and 95th percentiles by linear interpolation between order statistics`,
    coefficientSet: setOf(set),
    note: leftOut ? `${leftOut} replicates are left out: degenerate coefficients or no compute-optimal plan at the target.` : undefined,
    data: {
      caption: `Each replicate’s recommendation${p.quantity === 'nAct' ? ' (q = ln N_act)' : ''}, in the order the replicates were saved`,
      columns: [
        { header: 'Replicate', unit: 'dimensions' },
        { header: p.quantity === 'loss' ? 'q = L (nats/token)' : 'q = ln N_act', unit: Q.qUnit },
      ],
      rows: qs.map((q, i) => [i + 1, q]),
    },
  };
}

/** The linearised band before and after: Var q, then each run's Sherman–Morrison step, ±z·SD around q0. */
function explainLinearBand(p: NextRunToExplain, x: { cov: Float64Array; noise: number; dof: number; samples: number[][] | null; replicates: number }, set: CoefficientSet): Explanation {
  const Q = quantityOf(p.quantity);
  const q0 = targetScalar(p);
  // a property of the normal distribution, not of the fit: written among the values, not the set's coefficients
  const z = term('z', NEXT_RUN_Z90, '1', 'the standard normal’s 95th percentile: a 90 % band is ±z standard deviations');
  const varQ = productUnit(Q.scale);
  const sigma = term('σ', x.noise, LN_LOSS, `noise of one run’s ln L: the fit’s residual standard deviation on the stored runs (${x.dof} degrees of freedom)`);
  const observed = observeInOrder(x.cov, x.noise);
  const v0 = term('V₀', observed.varianceBefore, varQ, p.prior === 'ensemble' ? 'variance of q over the replicates’ own predictions (the prior, before any new run)' : 'variance of q linearised at the fit: gᵀΣg, g the gradient of q in the fit’s parameters, Σ the replicates’ covariance');
  let v: Leaf | Step = v0;
  observed.steps.forEach((s, i) => {
    const k = i + 1;
    const given = i === 0 ? '' : ` given run${i === 1 ? '' : 's'} 1${i > 1 ? `–${i}` : ''}`;
    const c = term(`c_${k}`, s.cross, productUnit(Q.scale, LN_LOSS), `covariance of q and run ${k}’s ln L${given}`);
    const w = term(`v_${k}`, s.varRun, productUnit(LN_LOSS), `variance of run ${k}’s ln L${given}`);
    const g = step(`g_${k}`, `variance of q removed by observing run ${k}`, varQ, div(pow(c, 2), add(w, pow(sigma, 2))));
    v = step(`V_${k}`, `variance of q once run${k === 1 ? ' 1 is' : `s 1–${k} are`} observed`, varQ, max(0, sub(v, g)));
  });
  const end = (V: Leaf | Step, which: string, side: 'lo' | 'hi') => {
    const half = mul(z, sqrt(V));
    return step(`${Q.symbol}_${side},${which}`, `${side === 'lo' ? 'low' : 'high'} end ${which === 'before' ? 'before the runs' : 'after the runs'}`, Q.unit, Q.back(side === 'lo' ? sub(q0, half) : add(q0, half)));
  };
  const loB = end(v0, 'before', 'lo');
  const hiB = end(v0, 'before', 'hi');
  const loA = end(v, 'after', 'lo');
  const hiA = end(v, 'after', 'hi');
  const widthB = step('W_before', 'width of the band before', Q.unit, sub(hiB, loB));
  const widthA = step('W_after', 'width of the band after', Q.unit, sub(hiA, loA));
  const share = step('s_W', 'share of the width left, W_after/W_before', 'share', div(widthA, widthB));
  const n = p.runs.length;
  return {
    figure: 'nextRun.linearBand',
    title: `Band before and after the ${n} proposed run${n === 1 ? '' : 's'}: linearised law (${p.prior === 'ensemble' ? 'the replicates’ own predictions' : 'Jacobians at the fit'})`,
    headline: [loB, hiB, widthB, loA, hiA, widthA, share],
    citation: PLANNER_CITATION,
    source: `Bayesian c-optimal design on the linearised law: observing run k with noise σ lowers Var q by c_k²/(v_k + σ²) (Sherman–Morrison, the covariance updated after each run); prior over the ${fmtCount(x.replicates)} replicates of the fit “${set.name}”`,
    coefficientSet: setOf(set),
    note:
      p.prior === 'ensemble'
        ? 'The prior covariance of q and each run’s ln L is the sample covariance (divisor K − 1) of the replicates’ own predictions, listed below; c_k and v_k after the first run are those entries updated by the runs before it.'
        : 'The prior covariance is linearised at the fit: [g; H]·Σ·[g; H]ᵀ, with g and H the central-difference gradients of q and of each run’s ln L in the fit’s parameters and Σ the replicates’ sample covariance; c_k and v_k after the first run are its entries updated by the runs before it.',
    data: x.samples
      ? {
          caption: `Each replicate’s q${p.quantity === 'nAct' ? ' = ln N_act' : ''} and predicted ln L of each proposed run: the values the prior covariance is taken over`,
          columns: [
            { header: 'Replicate', unit: 'dimensions' },
            { header: p.quantity === 'loss' ? 'q = L (nats/token)' : 'q = ln N_act', unit: Q.qUnit },
            ...p.runs.map((_, i) => ({ header: `ln L of run ${i + 1}`, unit: '1' })),
          ],
          rows: x.samples.map((r, i) => [i + 1, ...r]),
        }
      : undefined,
  };
}

/** The simulated refits' band on one side: q0 plus the 5th–95th percentile of the worlds' errors. */
function explainSimulatedBand(p: NextRunToExplain, errors: readonly number[], which: 'before' | 'after', sim: NonNullable<NextRunToExplain['simulated']>, set: CoefficientSet, widthBefore: number | null): Explanation {
  const Q = quantityOf(p.quantity);
  const q0 = targetScalar(p);
  const K = input('K', errors.length, '1', `simulated worlds whose refit gave a plan${which === 'after' ? ' (with the proposed runs)' : ''}`);
  const ends = percentileSteps(errors, K, 'e', '1', 'error of the refit recommendation in the worlds', which === 'before' ? '' : '′');
  const low = step(`${Q.symbol}_lo,${which}`, `low end ${which === 'before' ? 'with the stored runs alone' : 'with the proposed runs added'}`, Q.unit, Q.back(add(q0, ends.low)));
  const high = step(`${Q.symbol}_hi,${which}`, `high end ${which === 'before' ? 'with the stored runs alone' : 'with the proposed runs added'}`, Q.unit, Q.back(add(q0, ends.high)));
  const width = step(`W_${which}`, `width of the band ${which}`, Q.unit, sub(high, low));
  const headline: Step[] = [low, high, width];
  if (which === 'after' && widthBefore !== null) headline.push(step('s_W', 'share of the width left, W_after/W_before', 'share', div(width, term('W_before', widthBefore, Q.unit, 'width of the simulated band before (the explanation above)'))));
  return {
    figure: 'nextRun.simulatedBand',
    title: `Band ${which === 'before' ? 'before' : 'after'} the proposed runs: ${fmtCount(sim.worlds)} simulated refits (seed ${sim.seed})`,
    headline,
    citation: PLANNER_CITATION,
    source: `Parametric bootstrap with the project’s fitter: each world takes a replicate of “${set.name}” as the truth, redraws every run’s ln L with noise σ (the same draws for every run set), refits, and records the refit recommendation’s q minus the truth’s; the band is q₀ plus the 5th–95th percentile of those errors`,
    coefficientSet: setOf(set),
    note: sim.failed ? `${sim.failed} of ${sim.worlds} refits failed or gave no plan and are left out.` : undefined,
    data: {
      caption: `Each world’s error of the refit recommendation${p.quantity === 'nAct' ? ' (in ln N_act)' : ' (nats/token)'}, ${which === 'before' ? 'the stored runs alone' : 'the proposed runs added'}`,
      columns: [
        { header: 'World', unit: 'dimensions' },
        { header: p.quantity === 'loss' ? 'error (nats/token)' : 'error (ln N_act)', unit: '1' },
      ],
      rows: errors.map((e, i) => [i + 1, e]),
    },
  };
}

/**
 * Every figure of a proposal. `input` is what the planner was given (the project's runs, the fit
 * and its replicates, the hardware), so the prior is recomputed by the planner's own functions;
 * `price` is the hardware's price per device-hour, if the profile has one.
 */
export function explainNextRun(p: NextRunToExplain, input: NextRunInput, set: CoefficientSet, hardware: { name: string; pricePerDeviceHour: number | null }): { explanations: Explanation[]; note: string | null } {
  const prior = plannerPrior({ ...input, quantity: p.quantity });
  const explanations: Explanation[] = [explainNextRunTarget(p, prior.planExperts, set)];
  p.runs.forEach((r, i) =>
    explanations.push(
      explainNextRunDesign({ index: i + 1, nAct: r.nAct, tokens: r.tokens, experts: r.experts, peakFlopsPerDevice: input.throughput.peakFlopsPerDevice, utilization: input.throughput.utilization, pricePerDeviceHour: hardware.pricePerDeviceHour, hardwareName: hardware.name }, set),
    ),
  );
  explanations.push(explainNextRunAllowance(p));
  const qs = prior.qs;
  explanations.push(explainBootstrapNow(p, qs, set, prior.leftOut));
  const designs = p.runs.map((r) => ({ nAct: r.nAct, tokens: r.tokens, experts: r.experts }));
  const cov = priorCovariance(p.prior, prior.law, prior.center, prior.thetas, designs, { values: qs, of: prior.qOf });
  const samples = p.prior === 'ensemble' ? prior.thetas.map((t, k) => [qs[k]!, ...designs.map((d) => prior.law.lnLossAt(t, d.nAct, d.tokens, d.experts))]) : null;
  explanations.push(explainLinearBand(p, { cov, noise: prior.noise, dof: prior.dof, samples, replicates: prior.thetas.length }, set));
  const notes: string[] = [];
  const sim = p.simulated;
  if (sim?.errors) {
    const before = explainSimulatedBand(p, sim.errors.before, 'before', sim, set, null);
    explanations.push(before, explainSimulatedBand(p, sim.errors.after, 'after', sim, set, sim.before.high - sim.before.low));
  } else if (sim) notes.push('This proposal was saved before proposals kept each simulated world’s error, so its simulated band cannot be written out: propose again for one that can.');
  else notes.push('No simulated refits (worlds = 0): the linearised band is the one shown.');
  return { explanations, note: [`Method: ${NEXT_RUN_METHOD}`, ...notes].join(' ') };
}
