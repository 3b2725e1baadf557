/** Services of the joint MoE law: each validates nothing itself (the contract did) and adds provenance. */
import {
  compareDenseMoe,
  computeOptimum,
  hasInteriorOptimum,
  isoFlopSweep,
  jointCoefficients,
  jointLoss,
  memorySweep,
  optimalExpertTable,
  type OptimalExpertTableOptions,
  perExpertLaw,
  planComputeOptimal,
  planInferenceOptimal,
  planMemoryOptimal,
  ruleOfThumb,
  savingsSweep,
  PAPER_MEMORY_BUDGETS,
  DEFAULT_EXPERTS,
  fittedExpertsOnly,
  type PlanResult,
} from '../engine/joint';
import { countParameters, describeCacheLayout, exactShapeForActive, memoryFootprint, type CacheLayout } from '../engine/accounting';
import type { AttentionChoice } from '../ipc/contract/deploy';
import type { CoefficientSet } from '../engine/common/coefficients';
import type { Handlers } from './handlers';
import type { ParsedRequestOf } from '../ipc/contract';
import type { ServiceContext } from './context';
import { resolveCoefficientSet } from './provenance';
import { deviceCountFor, hardwareProfile, resolveMemoryBudget, type ResolvedMemory } from './memory-budget';
import { timeCostFor } from './deploy';
import { ServiceError } from './errors';
import { planUncertainty } from './replicates';
import { loss, whole } from '../format';
import { bytesOf } from './preferences';

const precisionOf = (r: { weightBytes: number; kvBytes: number }) => ({ bytesPerWeight: r.weightBytes, bytesPerKvValue: r.kvBytes });

interface PlanFields {
  flops: number;
  experts?: number[] | undefined;
  kvTokens: number;
  weightBytes: number;
  kvBytes: number;
  learningRateBasis: 'active-non-embedding' | 'active-with-embedding';
  fittedExpertsOnly: boolean;
  attention?: AttentionChoice | undefined;
}

/** The engine options every design problem shares, from a validated request. */
function planOptions(r: PlanFields, coefficients: CoefficientSet, ctx: ServiceContext) {
  return {
    byteConvention: bytesOf(ctx),
    flops: r.flops,
    ...(r.experts ? { experts: r.experts } : {}),
    coefficients,
    kvTokens: r.kvTokens,
    precision: precisionOf(r),
    learningRateBasis: r.learningRateBasis,
    fittedExpertsOnly: r.fittedExpertsOnly,
    ...(r.attention ? { cacheLayout: r.attention } : {}),
  };
}

/**
 * Which cache convention the plan's memory figures use, in a sentence. The law's loss does not
 * change with the layout (its runs were MHA models); the layout only changes which sizes fit.
 */
export function cacheLayoutNote(layout: CacheLayout, memoryMode: 'model' | 'total' | null, kvTokens: number): string {
  const how = describeCacheLayout(layout);
  const law = layout.kind === 'mha' ? '' : ' The joint law was fitted on MHA models: its losses are unchanged, the layout only changes which sizes fit.';
  if (memoryMode === null) return `No memory cap; the KV-cache figures (${whole(kvTokens)} tokens) use ${how}.${law}`;
  if (memoryMode === 'model') return `The cap counts weights only; the KV-cache figures (${whole(kvTokens)} tokens) use ${how}.${law}`;
  return `The cap counts weights plus the KV cache of ${whole(kvTokens)} tokens, laid out as ${how}.${law}`;
}

type BudgetInfo = {
  given: number;
  meaning: 'total' | 'training';
  totalFlops: number;
  computeOptimalAtTraining: { experts: number; nAct: number; loss: number; inferenceFlops: number } | null;
};

interface TimeCostRequest {
  hardwareId?: string | undefined;
  deviceCount?: number | undefined;
  utilization?: number | undefined;
  pricePerDeviceHour?: number | undefined;
  powerWattsPerDevice?: number | undefined;
  trainingCluster?: { hardwareId: string; deviceCount?: number | undefined } | undefined;
}

/** Time and cost of training the best design on the request's hardware, when it names one. */
function planTimeCost(ctx: ServiceContext, r: TimeCostRequest, plan: PlanResult) {
  if (!plan.best) return null;
  // A training cluster named apart from the memory cap prices the plan; else the cap's hardware does.
  const c = r.trainingCluster;
  const cluster = c ? { id: c.hardwareId, devices: c.deviceCount, at: ['trainingCluster'] } : r.hardwareId !== undefined ? { id: r.hardwareId, devices: r.deviceCount, at: [] } : null;
  if (!cluster) return null;
  const profile = hardwareProfile(ctx, cluster.id, [...cluster.at, 'hardwareId']);
  const devices = deviceCountFor(profile, cluster.devices, [...cluster.at, 'deviceCount']);
  return timeCostFor(profile, plan.best.trainingFlops, devices, r);
}

/**
 * The plan with what the service adds. Object.assign, not `{ ...plan, more }`: on Node 20 a literal
 * that starts with a spread and adds keys builds a new hidden class per call (~10 µs; see
 * engine/joint/candidate.ts), paid 10,000 times by a batch.
 */
function withExplanation<Extra extends object>(
  ctx: ServiceContext,
  r: TimeCostRequest,
  plan: PlanResult,
  memory: ResolvedMemory | null,
  budget: BudgetInfo | null,
  extra: Extra,
) {
  const added = {
    memory,
    cacheLayoutNote: cacheLayoutNote(plan.cacheLayout, plan.memoryMode, plan.kvTokens),
    bestReason: explainBest(plan),
    budget,
    timeCost: planTimeCost(ctx, r, plan),
  };
  return Object.assign({}, plan, added, extra);
}

/** One sentence on why the best E won, naming the runner-up and what bound it. */
export function explainBest(plan: PlanResult): string {
  if (!plan.best) return plan.reason ?? 'No expert count is feasible.';
  const best = plan.best;
  const others = plan.candidates
    .filter((c): c is Extract<typeof c, { feasible: true }> => c.feasible && c.experts !== best.experts)
    .sort((a, b) => a.loss - b.loss);
  const runner = others[0];
  const bound = best.bindingConstraint === 'memory' ? ', limited by memory' : plan.problem === 'compute-optimal' ? '' : ', at its compute-optimal size (memory is not binding)';
  const vs = runner ? `; next best E = ${runner.experts} at ${loss(runner.loss)}` : '';
  const excluded = plan.candidates.filter((c) => !c.feasible).map((c) => c.experts);
  const ex = excluded.length ? `; infeasible: E = ${excluded.join(', ')}` : '';
  return `E = ${best.experts} has the lowest predicted loss, ${loss(best.loss)}${bound}${vs}${ex}.`;
}

function memoryBudgetOrThrow(ctx: ServiceContext, r: Parameters<typeof resolveMemoryBudget>[1]): ResolvedMemory {
  const m = resolveMemoryBudget(ctx, r);
  if (!m) throw new ServiceError('invalid-request', 'give a memory budget: memoryBytes or hardwareId', ['memoryBytes']);
  return m;
}

/** Log-spaced values from lo to hi inclusive. */
function logSpace(lo: number, hi: number, n: number): number[] {
  const a = Math.log(lo);
  const b = Math.log(hi);
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)));
}

/** The best training-only design for a budget, under the same memory cap when there is one. */
function planMemoryOrCompute(ctx: ServiceContext, r: PlanFields, set: CoefficientSet, cap: { memoryBytes?: number; memoryMode?: 'model' | 'total' }): PlanResult {
  return cap.memoryBytes !== undefined
    ? planMemoryOptimal({ ...planOptions(r, set, ctx), memoryBytes: cap.memoryBytes, memoryMode: cap.memoryMode ?? 'total' })
    : planComputeOptimal(planOptions(r, set, ctx));
}

/** The request's expert counts, only those the joint law was fitted on when it asks for that (else undefined: the engine's default). */
function expertsIn(r: { experts?: number[] | undefined; fittedExpertsOnly: boolean }): number[] | undefined {
  return r.fittedExpertsOnly ? fittedExpertsOnly(r.experts ?? DEFAULT_EXPERTS) : r.experts;
}

export type ForwardPlanChannel = 'plan.compute' | 'plan.memory' | 'plan.inference';

interface SolvedPlan {
  set: CoefficientSet;
  provenance: ReturnType<typeof resolveCoefficientSet>['provenance'];
  plan: PlanResult;
  memory: ResolvedMemory | null;
  budget: BudgetInfo | null;
}

/** Table 2's problem as the request gives it: the devices' memory (whole, as the paper's table takes it), E list, precision, set. */
export function optimalExpertOptions(r: ParsedRequestOf<'table.optimalExperts'>, ctx: ServiceContext): { options: OptimalExpertTableOptions & { coefficients: CoefficientSet }; provenance: ReturnType<typeof resolveCoefficientSet>['provenance'] } {
  const experts = expertsIn(r);
  const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
  const memories = r.hardwareIds
    ? r.hardwareIds.map((id, i) => {
        // an unknown profile is named at its place in the list (the Memory page's field, the CLI's --hardware)
        hardwareProfile(ctx, id, ['hardwareIds', i]);
        const m = resolveMemoryBudget(ctx, { hardwareId: id, usableFraction: 1 })!;
        return { id, label: m.source, bytes: m.bytes };
      })
    : [...PAPER_MEMORY_BUDGETS];
  const options = {
    ...(r.budgets ? { budgets: r.budgets } : {}),
    memories,
    ...(experts ? { experts } : {}),
    memoryMode: r.memoryMode,
    kvTokens: r.kvTokens,
    precision: precisionOf(r),
    inferenceTokens: r.inferenceTokens,
    coefficients: set,
  };
  return { options, provenance };
}

/** A forward plan's problem solved (without its band), as its channel and the band job both need it. */
export function solveForwardPlan<C extends ForwardPlanChannel>(channel: C, req: ParsedRequestOf<C>, ctx: ServiceContext): SolvedPlan {
  if (channel === 'plan.compute') {
    const r = req as ParsedRequestOf<'plan.compute'>;
    const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
    return { set, provenance, plan: planComputeOptimal(planOptions(r, set, ctx)), memory: null, budget: null };
  }
  if (channel === 'plan.memory') {
    const r = req as ParsedRequestOf<'plan.memory'>;
    const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
    const memory = memoryBudgetOrThrow(ctx, r);
    return { set, provenance, plan: planMemoryOptimal({ ...planOptions(r, set, ctx), memoryBytes: memory.bytes, memoryMode: r.memoryMode }), memory, budget: null };
  }
  const r = req as ParsedRequestOf<'plan.inference'>;
  const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
  const memory = resolveMemoryBudget(ctx, r);
  const memoryCap = memory ? { memoryBytes: memory.bytes, memoryMode: r.memoryMode } : {};
  let total = r.flops;
  let atTraining: BudgetInfo['computeOptimalAtTraining'] = null;
  if (r.budgetIs === 'training') {
    // What the planner would spend anyway: train the best model for the training budget, then serve it.
    const trained = planMemoryOrCompute(ctx, r, set, memoryCap);
    if (!trained.best) throw new ServiceError('invalid-request', `No design fits the training budget: ${trained.reason ?? ''}`, ['flops']);
    const inferenceFlops = 2 * trained.best.nAct * r.inferenceTokens;
    atTraining = { experts: trained.best.experts, nAct: trained.best.nAct, loss: trained.best.loss, inferenceFlops };
    total = r.flops + inferenceFlops;
  }
  const plan = planInferenceOptimal({ ...planOptions({ ...r, flops: total }, set, ctx), inferenceTokens: r.inferenceTokens, ...memoryCap });
  return { set, provenance, plan, memory, budget: { given: r.flops, meaning: r.budgetIs, totalFlops: total, computeOptimalAtTraining: atTraining } };
}

/** The channel's answer: the plan with its explanation, provenance and band (or the band job it needs). */
function planAnswer(ctx: ServiceContext, r: TimeCostRequest, s: SolvedPlan) {
  return withExplanation(ctx, r, s.plan, s.memory, s.budget, { provenance: s.provenance, ...planUncertainty(ctx, s.set, s.plan) });
}

export const jointHandlers: Pick<
  Handlers,
  'law.joint' | 'plan.compute' | 'plan.memory' | 'plan.inference' | 'compare.denseMoe' | 'sweep.isoFlop' | 'sweep.memory' | 'sweep.savings' | 'table.optimalExperts'
> = {
  'law.joint': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
    const res = jointLoss({ nAct: r.nAct, tokens: r.tokens, experts: r.experts, coefficients: set });
    const { m, mu, n, nu, c, eHat } = res.perExpert;
    return { loss: res.loss, eHat, perExpert: { m, mu, n, nu, c }, nTotal: res.nTotal, trainingFlops: res.trainingFlops, flags: res.flags, provenance };
  },

  'plan.compute': (r, ctx) => planAnswer(ctx, r, solveForwardPlan('plan.compute', r, ctx)),
  'plan.memory': (r, ctx) => planAnswer(ctx, r, solveForwardPlan('plan.memory', r, ctx)),
  'plan.inference': (r, ctx) => planAnswer(ctx, r, solveForwardPlan('plan.inference', r, ctx)),

  'compare.denseMoe': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
    if (r.flops !== undefined) {
      const res = compareDenseMoe({ flops: r.flops, ...(r.experts ? { experts: r.experts } : {}), coefficients: set });
      const flags = [...res.dense.flags, ...res.perExpert.flatMap((p) => p.flags)];
      return { mode: 'savings' as const, ...res, flags: dedupe(flags), provenance };
    }
    const res = ruleOfThumb({
      totalParams: r.totalParams!,
      ...(r.denseTokens !== undefined ? { denseTokens: r.denseTokens } : {}),
      ...(r.experts ? { experts: r.experts } : {}),
      coefficients: set,
    });
    return { mode: 'rule-of-thumb' as const, ...res, flags: dedupe(res.perExpert.flatMap((p) => p.flags)), provenance };
  },

  'sweep.isoFlop': (r, ctx) => {
    const experts = expertsIn(r);
    const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
    return { ...isoFlopSweep({ flops: r.flops, ...(experts ? { experts } : {}), coefficients: set, points: r.points }), provenance };
  },

  'sweep.memory': (r, ctx) => {
    const experts = expertsIn(r);
    const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
    const precision = precisionOf(r);
    const kvCounted = r.memoryMode === 'total' ? r.kvTokens : 0;
    const k = jointCoefficients(set);
    // Default range: from a twentieth of the dense optimum's footprint to a little past the largest optimum.
    const optimumBytes = (experts ?? [1, 2, 4, 8, 16, 32, 64]).flatMap((e) => {
      const law = perExpertLaw(e, k);
      if (!hasInteriorOptimum(law)) return [];
      const shape = exactShapeForActive(computeOptimum(law, r.flops).nAct, e);
      return [memoryFootprint(countParameters(shape).nTotal, shape, kvCounted, precision, r.attention).totalBytes];
    });
    if (optimumBytes.length === 0) throw new ServiceError('invalid-request', 'No expert count has a compute optimum under this coefficient set', ['experts']);
    const lo = r.minBytes ?? Math.min(...optimumBytes) / 20;
    const hi = r.maxBytes ?? Math.max(...optimumBytes) * 1.15;
    if (!(hi > lo)) throw new ServiceError('invalid-request', 'maxBytes must be above minBytes', ['maxBytes']);
    const sweep = memorySweep({
      flops: r.flops,
      memoryBudgets: logSpace(lo, hi, r.points),
      ...(experts ? { experts } : {}),
      memoryMode: r.memoryMode,
      kvTokens: r.kvTokens,
      precision,
      inferenceTokens: r.inferenceTokens,
      coefficients: set,
      ...(r.attention ? { cacheLayout: r.attention } : {}),
    });
    return { ...sweep, provenance };
  },

  'sweep.savings': (r, ctx) => {
    const experts = expertsIn(r);
    const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
    if (!(r.maxFlops > r.minFlops)) throw new ServiceError('invalid-request', 'maxFlops must be above minFlops', ['maxFlops']);
    const res = savingsSweep({ budgets: logSpace(r.minFlops, r.maxFlops, r.points), ...(experts ? { experts } : {}), coefficients: set });
    return { ...res, provenance };
  },

  'table.optimalExperts': (r, ctx) => {
    const { options, provenance } = optimalExpertOptions(r, ctx);
    const table = optimalExpertTable(options);
    return {
      budgets: table.rows.map((row) => row.flops),
      memories: table.memories,
      cells: table.rows.map((row) => row.cells.map((c) => ({ ...c, bestExperts: c.experts }))),
      provenance,
    };
  },
};

function dedupe<T extends { code: string; message: string }>(flags: T[]): T[] {
  const seen = new Set<string>();
  return flags.filter((f) => (seen.has(f.code + f.message) ? false : (seen.add(f.code + f.message), true)));
}
