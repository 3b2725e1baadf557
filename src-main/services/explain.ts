/**
 * "How was this computed?": recomputes the named channel's answer to the same request through its
 * own service, then explains its headline figures with the engine's expression trees
 * (engine/explain), written in the caller's byte convention.
 */
import {
  explainBestGranularity,
  explainComprehensiveOptimum,
  explainDenseMoeSavings,
  explainRuleOfThumb,
  explainDataUtilisation,
  explainCalibratedAllocation,
  explainLeverageAllocation,
  explainChinchillaLoss,
  explainChinchillaOptimum,
  explainComprehensiveLoss,
  explainJointLoss,
  explainKvCache,
  explainLeverage,
  explainServingMemory,
  explainTimeCost,
  explainPlanResult,
  explainCandidate,
  explainBuildable,
  explainPlanBand,
  explainTargetDesigns,
  explainBestAllocation,
  explainTrainingFlops,
  explainTrainingMemory,
  explainNextRun,
  explainFit,
  writeExplanation,
  type Explanation,
} from '../engine/explain';
import { OPTIMIZERS } from '../engine/deploy';
import type { CoefficientSet, LawId } from '../engine/common/coefficients';
import type { ParsedRequestOf, ResponseOf } from '../ipc/contract';
import type { TimeCostInfo } from '../ipc/contract/deploy';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { resolveCoefficientSet } from './provenance';
import { jointHandlers, optimalExpertOptions, solveForwardPlan, type ForwardPlanChannel } from './joint';
import { optimalExpertTableProblem } from '../engine/joint';
import { inferenceTrendTokens } from '../ipc/contract/plan-inputs';
import { count, flops as fmtFlops, percent as fmtPercent, significant as fmtSig } from '../format';
import { planUncertainty } from './replicates';
import { ServiceError } from './errors';
import { loadScenarios, nextRunResolver, setResolver } from './reports';
import { reportExplanations } from '../reports/how-computed';
import { planConstraint } from '../engine/uncertainty';
import type { BandJobNotice } from '../ipc/contract/band';
import type { PlanResult } from '../engine/joint';
import { leverageHandlers } from './leverage';
import { planInGoalTerms, resolveTarget } from './target';
import { comprehensiveHandlers } from './comprehensive';
import { calibratedModel } from './dense-moe';
import { deployCheck, engineReserve, kvLayoutOf, resolveModel, trainingModelOf } from './deploy';
import { resolveNextRun } from './next-run/input';
import { nextRunHandlers } from './next-run';
import { nextRunRequestOf } from '../ipc/contract/next-run-inputs';
import { fitJobs } from './fit-jobs';
import { fitOptions, resolveSource } from './fit/source';
import { checkFitResult, fitGrid } from './fit/check';
import { explainSavedFit, savedFitExplainer } from './fit/record';

type Request = ParsedRequestOf<'explain.figure'>;
type Explained = { explanations: Explanation[]; note: string | null };

const timeCost = (t: TimeCostInfo) =>
  explainTimeCost({ flops: t.flops, peakFlopsPerDevice: t.peakFlopsPerDevice, utilization: t.utilization, devices: t.devices, pricePerDeviceHour: t.pricePerDeviceHour, powerWattsPerDevice: t.powerWattsPerDevice });

function explainDeploy(r: ParsedRequestOf<'deploy.check'>, ctx: ServiceContext): Explained {
  const result = deployCheck(r, ctx);
  const { model } = resolveModel(r);
  const reserve = engineReserve(r.reserve);
  const explanations: Explanation[] = [];
  const notes: string[] = [];
  const t = result.training;
  if (t?.best && r.training) {
    explanations.push(
      explainTrainingMemory({ model, layout: t.best.layout, devices: t.devices, seqLen: t.seqLen, optimizer: OPTIMIZERS[r.training.optimizer], device: { memoryBytes: t.usable.deviceBytes, reserve } }),
    );
  } else if (t) notes.push('No training layout fits, so there is no layout to explain.');
  const s = result.serving;
  if (s) {
    explanations.push(
      explainServingMemory({ model, devices: s.devices, tp: s.tp, ep: s.ep, weightBytes: s.weightBytes, kvBytes: s.kvBytes, batch: s.batch, context: s.context, memoryBytesPerDevice: s.usable.deviceBytes, reserve }),
    );
  }
  if (result.time) explanations.push(timeCost(result.time));
  return { explanations, note: notes.length ? notes.join(' ') : null };
}

type PlanRequest = Extract<Request, { channel: ForwardPlanChannel }>;

/** The coefficient set explain.figure's `request` names (its law's default when none); refused at request.coefficientSetId. */
const requestSet = (ctx: ServiceContext, law: LawId, id: string | undefined): CoefficientSet => resolveCoefficientSet(ctx, law, id, 'request.coefficientSetId').set;

/** The parts of a forward plan the caller named, in the order named, their notes joined. */
async function explainPlanParts(x: PlanRequest, ctx: ServiceContext): Promise<Explained> {
  const set = requestSet(ctx, 'joint', x.request.coefficientSetId);
  const solved = solveForwardPlan(x.channel, x.request as ParsedRequestOf<typeof x.channel>, ctx);
  const plan = solved.plan;
  const explanations: Explanation[] = [];
  const notes: string[] = [];
  const add = (e: Explained) => {
    explanations.push(...e.explanations);
    if (e.note) notes.push(e.note);
  };
  for (const part of x.parts) {
    if (part === 'design') {
      const handler = jointHandlers[x.channel] as (r: typeof x.request, c: ServiceContext) => ReturnType<Handlers['plan.compute']>;
      add(explainPlanResult(await handler(x.request, ctx), set));
    } else if (part === 'shape') {
      add(plan.best ? { explanations: [explainCandidate(plan.best, plan, set, { title: `Exact continuous shape of E = ${plan.best.experts}: every figure` }), explainBuildable(plan.best, plan, set)], note: null } : { explanations: [], note: `No design table to explain: ${plan.reason ?? 'no feasible design'}` });
    } else if (part === 'candidates') {
      const others = plan.candidates.filter((c) => c.feasible && c.experts !== plan.best?.experts);
      const infeasible = plan.candidates.filter((c) => !c.feasible).map((c) => `E = ${c.experts}: ${c.feasible ? '' : c.reason}`);
      add({
        explanations: others.flatMap((c) => (c.feasible ? [explainCandidate(c, plan, set)] : [])),
        note: [others.length ? null : 'No other feasible candidate to explain.', infeasible.length ? `Infeasible, nothing to explain: ${infeasible.join(' ')}` : null].filter(Boolean).join(' ') || null,
      });
    } else if (part === 'band') add(explainPlanBandOf(ctx, set, plan, x.band));
    else add(explainInferenceTrend(x, ctx, set));
  }
  return { explanations, note: notes.length ? notes.join(' ') : null };
}

/** The Inference page's "best E as inference grows": the same plan at each of its token counts, the winner's allocation. */
function explainInferenceTrend(x: PlanRequest, ctx: ServiceContext, set: CoefficientSet): Explained {
  if (x.channel !== 'plan.inference') return { explanations: [], note: 'Only an inference plan has a trend over inference tokens.' };
  const r = x.request as ParsedRequestOf<'plan.inference'>;
  const explanations: Explanation[] = [];
  const none: string[] = [];
  for (const t of inferenceTrendTokens(r.inferenceTokens)) {
    const { plan } = solveForwardPlan('plan.inference', { ...r, inferenceTokens: t }, ctx);
    const e = explainBestAllocation({ experts: plan.experts, constraint: planConstraint(plan), title: `D_inf = ${count(t)} tokens: best E` }, set);
    if (e) explanations.push(e);
    else none.push(count(t));
  }
  return { explanations, note: none.length ? `No feasible design at D_inf = ${none.join(', ')} tokens: inference uses up the budget.` : null };
}

/** Table 2: each cell's best E under its budget and device memory. */
function explainOptimalExpertTable(r: ParsedRequestOf<'table.optimalExperts'>, ctx: ServiceContext): Explained {
  const { options } = optimalExpertOptions(r, ctx);
  const { budgets, memories, experts, constraint } = optimalExpertTableProblem(options);
  const explanations: Explanation[] = [];
  const none: string[] = [];
  for (const flops of budgets) {
    for (const mem of memories) {
      const where = `${fmtFlops(flops)} FLOPs on ${mem.label}`;
      const e = explainBestAllocation({ experts, constraint: constraint(flops, mem), title: `${where}: best E` }, options.coefficients);
      if (e) explanations.push(e);
      else none.push(where);
    }
  }
  return { explanations, note: none.length ? `Nothing fits (no design to explain): ${none.join('; ')}.` : null };
}

/**
 * The band the caller shows (`given`: inline with its plan or its band job's result), else the
 * plan's inline band, explained from the refits' best designs the band kept: nothing is re-solved
 * here, so a band of thousands of replicates explains as fast as one of forty. A band left to a
 * job that the caller does not send has nothing to explain yet.
 */
function explainPlanBandOf(ctx: ServiceContext, set: CoefficientSet, plan: PlanResult, given: ResponseOf<'plan.compute'>['uncertainty']): Explained {
  const { uncertainty: band, bandJob }: { uncertainty: ResponseOf<'plan.compute'>['uncertainty']; bandJob: BandJobNotice | null } = given ? { uncertainty: given, bandJob: null } : planUncertainty(ctx, set, plan);
  if (!band) {
    if (bandJob) return { explanations: [], note: `The band is a job over ${count(bandJob.replicates)} bootstrap replicates: its explanation follows once the job is done and the band is sent with the request.` };
    return { explanations: [], note: `No band to explain: the set “${set.name}” has neither bootstrap replicates nor a fit error its paper reports.` };
  }
  if (band.kind === 'bootstrap' && band.winners && band.replicates !== band.winners.length) throw new ServiceError('invalid-request', `The band names ${band.replicates} refits but lists ${band.winners.length} best designs`, ['band', 'winners']);
  return explainPlanBand(band, plan.best?.loss ?? null, set);
}

/** A next-run proposal: the one the caller shows (it must answer the request), else the request proposed anew. */
async function explainNextRunProposal(x: Extract<Request, { channel: 'nextRun.propose' }>, ctx: ServiceContext): Promise<Explained> {
  const { input, context, set, hardware } = resolveNextRun(x.request, ctx);
  if (x.proposal && JSON.stringify(nextRunRequestOf(x.proposal.inputs)) !== JSON.stringify(nextRunRequestOf(context.inputs))) {
    throw new ServiceError('invalid-request', 'The proposal sent answers other inputs than the request: send the request the proposal echoes in its inputs', ['proposal', 'inputs']);
  }
  const proposal = x.proposal ?? (await nextRunHandlers['nextRun.propose'](x.request, ctx));
  return explainNextRun(proposal, input, set, hardware);
}

/**
 * The reverse plan the caller shows: each winner's deployment figures from its N_act and D as the
 * answer holds them, priced on the answer's hardware, with each law's set as the answer names it.
 * Nothing is solved here.
 */
function explainTargetAnswer(answer: ResponseOf<'plan.target'>, request: ParsedRequestOf<'plan.target'>, ctx: ServiceContext): Explained {
  // The answer must be one to this request (a page sends the answer its request got): the same goal, laws and hardware.
  const differs: Array<[string, unknown, unknown]> = [
    ['goal', answer.goal, request.goal],
    ['laws', answer.laws.map((l) => l.law).sort(), [...request.laws].sort()],
    ['hardware', answer.hardware?.id ?? null, request.hardwareId ?? null],
  ];
  for (const [field, sent, asked] of differs) {
    if (JSON.stringify(sent) !== JSON.stringify(asked)) throw new ServiceError('invalid-request', `The answer sent is for another ${field} than the request: send the answer this request got`, ['answer', field]);
  }
  const sets = new Map<string, CoefficientSet>();
  answer.laws.forEach((l, i) => {
    try {
      sets.set(`${l.law} ${l.coefficientSetId}`, resolveCoefficientSet(ctx, l.law, l.coefficientSetId).set);
    } catch (err) {
      if (err instanceof ServiceError) throw new ServiceError(err.code, `answer.laws[${i}].coefficientSetId: ${err.message}`, ['answer', 'laws', i, 'coefficientSetId']);
      throw err;
    }
  });
  return explainTargetDesigns(answer, (law, id) => sets.get(`${law} ${id}`) ?? null);
}

/** No answer sent (e.g. a caller holding only the request): the plan solved from it, without its bootstrap band, which the winners' figures do not use. */
function explainTargetSolved(request: ParsedRequestOf<'plan.target'>, ctx: ServiceContext): Explained {
  const t = resolveTarget(request, ctx);
  const result = planInGoalTerms({ ...t.options, replicates: {} });
  return explainTargetDesigns({ ...result, hardware: t.hardware }, (law) => t.options.sets[law] ?? null);
}

/** A finished fit job: its result, the runs and settings it was given, its replicates. */
function explainFitJob(x: Extract<Request, { channel: 'fit.status' }>): Explained {
  const job = fitJobs.get(x.request.jobId);
  if (job.state !== 'done' || !job.result) throw new ServiceError('conflict', `The fit job is ${job.state}: only a finished fit can be explained`, ['request', 'jobId']);
  const { grid } = fitGrid(job.options);
  return explainFit(job.result, { runs: job.options.runs, grid, replicates: job.replicates, source: job.source, ...(x.run !== undefined ? { run: x.run } : {}) });
}

/** A service error about explain.figure's `request`, at its path under `request`. */
function underRequest<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof ServiceError) throw new ServiceError(err.code, `request.${(err.path ?? []).join('.')}: ${err.message}`, ['request', ...(err.path ?? [])]);
    throw err;
  }
}

/**
 * A blocking fit's answer as the caller got it (fit.run: in-process, or from a browser-mode pool
 * worker whose job is gone), explained from it and the request's runs and settings, never fitted
 * again. The answer must be this request's: the same law, δ and runs (each observed loss and size),
 * each run in the role the settings give it, every used run's predicted loss the law's at the sent
 * coefficients, and as many replicates as its bootstrap kept (fit/check.ts, which also checks a saved
 * set's fit record); otherwise it is refused at that field.
 */
function explainFitAnswer(x: Extract<Request, { channel: 'fit.run' }>, ctx: ServiceContext): Explained {
  const { request, answer } = x;
  const { runs } = underRequest(() => resolveSource(request.law, request.source, ctx));
  const { options, prep, grid } = underRequest(() => {
    const options = fitOptions(request.law, runs, request.options);
    try {
      return { options, ...fitGrid(options) };
    } catch (err) {
      throw new ServiceError('invalid-request', (err as Error).message, ['options']);
    }
  });
  const r = answer.result;
  const refuse = (path: Array<string | number>, why: string): never => {
    throw new ServiceError('invalid-request', `answer.${path.join('.')}: ${why}: send the answer this request got`, ['answer', ...path]);
  };
  checkFitResult({ options, prep }, r, answer.replicates, refuse);
  return explainFit(r, { runs, grid, replicates: answer.replicates, source: answer.source, ...(x.run !== undefined ? { run: x.run } : {}) });
}

async function explain(x: Request, ctx: ServiceContext): Promise<Explained> {
  const only = (...explanations: Explanation[]): Explained => ({ explanations, note: null });
  switch (x.channel) {
    case 'law.joint': {
      const r = x.request;
      const set = requestSet(ctx, 'joint', r.coefficientSetId);
      return only(explainJointLoss(r, set), explainTrainingFlops(r));
    }
    case 'plan.compute':
    case 'plan.memory':
    case 'plan.inference':
      return explainPlanParts(x, ctx);
    case 'law.chinchilla': {
      const r = x.request;
      const set = requestSet(ctx, 'chinchilla', r.coefficientSetId);
      return only(explainChinchillaLoss(r, set), explainTrainingFlops({ nAct: r.params, tokens: r.tokens }));
    }
    case 'plan.chinchilla': {
      const set = requestSet(ctx, 'chinchilla', x.request.coefficientSetId);
      return only(explainChinchillaOptimum(x.request, set));
    }
    case 'law.comprehensive': {
      const set = requestSet(ctx, 'comprehensive', x.request.coefficientSetId);
      return only(explainComprehensiveLoss(x.request, set));
    }
    case 'optimum.comprehensive': {
      const set = requestSet(ctx, 'comprehensive', x.request.coefficientSetId);
      const result = await comprehensiveHandlers['optimum.comprehensive'](x.request, ctx);
      if (!result.feasible) return { explanations: [], note: `No optimum to explain: ${result.reason}` };
      return only(explainComprehensiveOptimum({ total: result.total, threshold: result.threshold }, set));
    }
    case 'law.leverage': {
      const set = requestSet(ctx, 'leverage', x.request.coefficientSetId);
      // A configuration (E, E_a, E_s, d_model, d_expert) is reduced to A, S and G by the same service.
      const result = await leverageHandlers['law.leverage'](x.request, ctx);
      const explanations = [explainLeverage(result, set)];
      // The page shows the best granularity for this A and C beside EL (optimum.leverage on the same A).
      const best = await leverageHandlers['optimum.leverage']({ activation: result.activation, flops: result.flops, coefficientSetId: x.request.coefficientSetId }, ctx);
      if (best.feasible) explanations.push(explainBestGranularity(best, set));
      return only(...explanations);
    }
    case 'optimum.leverage': {
      const set = requestSet(ctx, 'leverage', x.request.coefficientSetId);
      const best = await leverageHandlers['optimum.leverage'](x.request, ctx);
      if (!best.feasible) return { explanations: [], note: `No best granularity to explain: ${best.reason}` };
      return only(explainBestGranularity(best, set));
    }
    case 'allocation.leverage': {
      const set = requestSet(ctx, 'leverage', x.request.coefficientSetId);
      return only(explainLeverageAllocation({ flops: x.request.flops, architecture: 'dense' }, set), explainLeverageAllocation({ flops: x.request.flops, architecture: 'moe' }, set));
    }
    case 'compare.denseMoe': {
      const set = requestSet(ctx, 'joint', x.request.coefficientSetId);
      const result = await jointHandlers['compare.denseMoe'](x.request, ctx);
      if (result.mode !== 'savings') {
        const figures = { totalParams: result.totalParams, denseTokens: x.request.denseTokens, perExpert: result.perExpert.map((p) => ({ experts: p.experts, nAct: p.nAct })) };
        return { explanations: explainRuleOfThumb(figures, set), note: 'N_act of each MoE comes from its exact shape for the shared total (App. A: a cubic in d_model, solved numerically), shown as a value.' };
      }
      const unmatched = result.perExpert.filter((p) => p.experts > 1 && !p.feasible).map((p) => `E = ${p.experts}: ${p.feasible ? '' : p.reason}`);
      return { explanations: explainDenseMoeSavings({ flops: result.flops, experts: result.perExpert.map((p) => p.experts) }, set), note: unmatched.length ? `Not explained, no match: ${unmatched.join(' ')}` : null };
    }
    case 'denseMoe.optimum': {
      const set = requestSet(ctx, 'dense-moe', x.request.coefficientSetId);
      const model = calibratedModel(set, x.request.calibration);
      const calibrated = (['dense', 'moe'] as const).flatMap((architecture) => {
        const calibration = model.calibration[architecture];
        return calibration ? [explainCalibratedAllocation({ flops: x.request.flops, architecture, calibration }, set)] : [];
      });
      return { explanations: [explainDataUtilisation(set), ...calibrated], note: calibrated.length < 2 ? 'An uncalibrated architecture has no absolute N_opt or D_opt to explain: only its exponents are published.' : null };
    }
    case 'memory.kv':
      return only(explainKvCache({ attention: kvLayoutOf(x.request), tokens: x.request.tokens, bytesPerValue: x.request.kvBytes }));
    case 'memory.training': {
      const r = x.request;
      const { model, hasShape } = trainingModelOf(r);
      const layout = { zero: r.zero, tp: r.tp, pp: r.pp, ep: r.ep, microBatch: r.microBatch, recompute: r.recompute };
      return only(explainTrainingMemory({ model, layout, devices: r.devices, seqLen: r.seqLen, optimizer: OPTIMIZERS[r.optimizer], activations: hasShape }));
    }
    case 'deploy.check':
      return explainDeploy(x.request, ctx);
    case 'table.optimalExperts':
      return explainOptimalExpertTable(x.request, ctx);
    case 'scenarios.compare': {
      // Each scenario's headline figures from its saved results, and each fitted set they use from its record, as the report's appendix writes them.
      const all = reportExplanations(loadScenarios(ctx, x.request.ids, 'request.ids'), setResolver(ctx), nextRunResolver(ctx), savedFitExplainer(ctx));
      const explanations: Explanation[] = [];
      const notes: string[] = [];
      for (const { s, explanations: e, note } of all.scenarios) {
        explanations.push(...e.map((x) => ({ ...x, title: `${s.name}: ${x.title}` })));
        if (note) notes.push(`${s.name}: ${note}`);
      }
      for (const { name, explained } of all.fits) {
        explanations.push(...explained.explanations.map((x) => ({ ...x, title: `Coefficient set “${name}”: ${x.title}` })));
        if (explained.note) notes.push(`Coefficient set “${name}”: ${explained.note}`);
      }
      return { explanations, note: notes.length ? notes.join(' ') : null };
    }
    case 'plan.target':
      return x.answer ? explainTargetAnswer(x.answer, x.request, ctx) : explainTargetSolved(x.request, ctx);
    case 'nextRun.propose':
      return explainNextRunProposal(x, ctx);
    case 'fit.status':
      return explainFitJob(x);
    case 'fit.run':
      return explainFitAnswer(x, ctx);
    case 'coefficients.get':
      return explainSavedFit(ctx, x.request.id, x.run);
    case 'leverage.contours': {
      const set = requestSet(ctx, 'leverage', x.request.coefficientSetId);
      const grid = await leverageHandlers['leverage.contours'](x.request, ctx);
      const [nA, nG] = [grid.activations.length, grid.granularities.length];
      // Every cell is Eq. 13 at its (A, G): the corners and the highest cell show the chart's range.
      let top = [0, 0] as [number, number];
      grid.el.forEach((row, i) => row.forEach((v, j) => v > grid.el[top[0]]![top[1]]! && (top = [i, j])));
      const cells: Array<[string, number, number]> = [['highest EL', ...top], ['lowest A, lowest G', 0, 0], ['lowest A, highest G', 0, nG - 1], ['highest A, lowest G', nA - 1, 0], ['highest A, highest G', nA - 1, nG - 1]];
      if (x.cell) {
        // The reader's cell first: it must be one of the grid's points (the chart's data table lists them).
        const onGrid = (list: readonly number[], v: number) => list.findIndex((g) => Math.abs(g / v - 1) < 1e-9);
        const i = onGrid(grid.activations, x.cell.activation);
        const j = onGrid(grid.granularities, x.cell.granularity);
        if (i < 0) throw new ServiceError('invalid-request', `cell.activation ${fmtPercent(x.cell.activation)} is not one of the contour grid's ${nA} activation ratios`, ['cell', 'activation']);
        if (j < 0) throw new ServiceError('invalid-request', `cell.granularity ${fmtSig(x.cell.granularity, 4)} is not one of the contour grid's ${nG} granularities`, ['cell', 'granularity']);
        cells.unshift(['your cell', i, j]);
      }
      const explanations = cells.map(([where, i, j]) => {
        const e = explainLeverage({ activation: grid.activations[i]!, granularity: grid.granularities[j]!, flops: grid.flops }, set);
        return { ...e, figure: 'leverage.contour', title: `Contour cell, ${where}: EL at A = ${fmtPercent(grid.activations[i]!)}, G = ${fmtSig(grid.granularities[j]!, 3)}` };
      });
      return { explanations, note: `Each of the ${nA} × ${nG} cells is Eq. 13 at its activation ratio and granularity (both axes log-spaced); ${x.cell ? 'the cell you picked, then ' : 'pick any cell to have it written out; below, '}the chart’s highest cell and its four corners.` };
    }
  }
}

export const explainHandlers: Pick<Handlers, 'explain.figure'> = {
  'explain.figure': async (x, ctx) => {
    const { explanations, note } = await explain(x, ctx);
    return { channel: x.channel, explanations: explanations.map((e) => writeExplanation(e, x.bytes)), note };
  },
};
