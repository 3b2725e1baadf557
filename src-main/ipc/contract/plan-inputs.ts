/**
 * The plan pages' inputs (Compute, Memory, Inference) and their plan requests, both ways, in one
 * place: the pages start from these defaults and send `computeRequest(inputs)` and its siblings,
 * and `moe-workbench plan … --save` keeps `planInputsOf(answer)` (parsed with the page's schema
 * before it is saved), so a scenario saved from either opens, recomputes and reports the same.
 * Zod-free (the renderer imports it at run time); the inputs' shape is schema/scenario-inputs.ts's.
 */
import type { RequestOf, ResponseOf } from './index';
import { budgetCluster } from './budget';
import type { BudgetState, CacheLayoutState, InferenceInputs, JointInputs, MemoryInputs, MemoryState, TrainingCluster } from './scenario-inputs';

export type PlanWizard = 'compute' | 'memory' | 'inference';

export const defaultBudget = (): BudgetState => ({ mode: 'flops', flops: 1e22, hardwareId: 'h100-sxm', devices: 8, days: 30, gpuHours: 10_000, utilization: 0.4 });

/** MHA, the paper's convention, with GQA-8 × 128 and DeepSeek-V3's MLA widths ready when the user switches. */
export const defaultCacheLayout = (): CacheLayoutState => ({ kind: 'mha', kvHeads: 8, headDim: 128, latentDim: 512, ropeDim: 64 });

export const defaultMemoryState = (): MemoryState => ({ mode: 'hardware', hardwareId: 'h100-sxm', devices: 1, bytes: 80 * 2 ** 30, usableFraction: 0.9, memoryMode: 'total', cacheLayout: defaultCacheLayout() });

export const defaultJointInputs = (): JointInputs => ({
  budget: defaultBudget(),
  experts: [1, 2, 4, 8, 16, 32, 64],
  fittedExpertsOnly: false,
  coefficientSetId: 'ludziejewski2025-joint',
  weightBytes: 2,
  kvBytes: 2,
  kvTokens: 16_384,
  learningRateBasis: 'active-non-embedding',
  denseBaselineSetId: 'besiroglu2024',
});
export const defaultMemoryInputs = (): MemoryInputs => ({ ...defaultJointInputs(), memory: defaultMemoryState() });
export const defaultInferenceInputs = (): InferenceInputs => ({ ...defaultJointInputs(), inferenceTokens: 1e12, budgetIs: 'total', capMemory: false, memory: defaultMemoryState() });

/** The cap's attention layout as the contract takes it; MHA (the law's convention) is sent as nothing. */
export function cacheLayoutField(l: CacheLayoutState | undefined): { attention?: RequestOf<'plan.memory'>['attention'] } {
  if (!l || l.kind === 'mha') return {};
  return { attention: l.kind === 'gqa' ? { kind: 'gqa', kvHeads: l.kvHeads, headDim: l.headDim } : { kind: 'mla', latentDim: l.latentDim, ropeDim: l.ropeDim } };
}

export function memoryRequestFields(m: MemoryState) {
  return {
    ...(m.mode === 'hardware' ? { hardwareId: m.hardwareId, deviceCount: m.devices } : { memoryBytes: m.bytes }),
    usableFraction: m.usableFraction,
    memoryMode: m.memoryMode,
    ...cacheLayoutField(m.cacheLayout),
  };
}

function jointFields(i: JointInputs) {
  return {
    flops: i.budget.flops,
    experts: i.experts,
    // Scenarios saved before the switch existed have no value for it.
    fittedExpertsOnly: i.fittedExpertsOnly === true,
    coefficientSetId: i.coefficientSetId,
    weightBytes: i.weightBytes,
    kvBytes: i.kvBytes,
    kvTokens: i.kvTokens,
    learningRateBasis: i.learningRateBasis,
  };
}

/** A cluster's own price and power per device, when set (the profile's otherwise). */
const priceFields = (c: TrainingCluster | undefined) => ({
  ...(c?.price != null ? { pricePerDeviceHour: c.price } : {}),
  ...(c?.power != null ? { powerWattsPerDevice: c.power } : {}),
});
/**
 * A budget given on hardware (devices × days, GPU-hours) also prices the plan: GPU-hours, days and cost travel with it,
 * at the training cluster's price and power when that cluster is the same profile (`plan compute --days --price`).
 */
const budgetHardware = (b: BudgetState, c: TrainingCluster | undefined) => ({ ...budgetCluster(b), ...(c?.hardwareId === b.hardwareId ? priceFields(c) : {}) });
/** The training cluster prices the plan apart from any memory cap, so a saved scenario carries its time and cost. */
const clusterFields = (c: TrainingCluster | undefined) =>
  c
    ? {
        trainingCluster: { hardwareId: c.hardwareId, deviceCount: c.devices },
        ...(c.utilization != null ? { utilization: c.utilization } : {}),
        ...priceFields(c),
      }
    : {};
export const computeRequest = (i: JointInputs): RequestOf<'plan.compute'> => ({
  ...jointFields(i),
  // A budget given on hardware is itself the cluster that prices the plan.
  ...(i.budget.mode === 'flops' ? clusterFields(i.trainingCluster) : budgetHardware(i.budget, i.trainingCluster)),
});
export const memoryRequest = (i: MemoryInputs): RequestOf<'plan.memory'> => ({ ...jointFields(i), ...memoryRequestFields(i.memory), ...clusterFields(i.trainingCluster) });
export const inferenceRequest = (i: InferenceInputs): RequestOf<'plan.inference'> => ({
  ...jointFields(i),
  inferenceTokens: i.inferenceTokens,
  budgetIs: i.budgetIs,
  ...(i.capMemory ? memoryRequestFields(i.memory) : {}),
  ...clusterFields(i.trainingCluster),
});

type Plan = ResponseOf<'plan.compute'>;

/** What a plan's answer does not echo, from the (validated) request it answered. */
export interface PlanRequestEcho {
  fittedExpertsOnly?: boolean | undefined;
  /** The memory budget in bytes as given, before the usable fraction. */
  memoryBytes?: number | undefined;
  hardwareId?: string | undefined;
  utilization?: number | undefined;
  pricePerDeviceHour?: number | undefined;
  powerWattsPerDevice?: number | undefined;
  trainingCluster?: { hardwareId: string; deviceCount?: number | undefined } | undefined;
}

/** The cap's layout control: the plan's layout, with the page's widths for the kinds it did not use. */
const cacheLayoutStateOf = (c: Plan['cacheLayout']): CacheLayoutState => ({ ...defaultCacheLayout(), ...c });

/** The memory-budget control for a capped plan: the profile and devices it resolved, or the bytes as given. */
function memoryStateOf(p: Plan, m: NonNullable<Plan['memory']>, echo: PlanRequestEcho): MemoryState {
  const page = defaultMemoryState();
  const budget: Pick<MemoryState, 'mode' | 'hardwareId' | 'devices' | 'bytes'> =
    m.hardwareId !== null
      ? { mode: 'hardware', hardwareId: m.hardwareId, devices: m.deviceCount ?? 1, bytes: page.bytes }
      : { mode: 'bytes', hardwareId: page.hardwareId, devices: page.devices, bytes: echo.memoryBytes ?? m.bytes / m.usableFraction };
  return { ...budget, usableFraction: m.usableFraction, memoryMode: p.memoryMode ?? 'total', cacheLayout: cacheLayoutStateOf(p.cacheLayout) };
}

/**
 * The Deploy section's training cluster, when the request priced the plan in a way the page keeps
 * there: a cluster apart from the cap, a Compute plan's hardware (it has no cap), or its own
 * utilisation or price. A plan priced on its memory cap's hardware alone needs none.
 */
function trainingClusterOf(wizard: PlanWizard, p: Plan, echo: PlanRequestEcho): TrainingCluster | undefined {
  const t = p.timeCost;
  const own =
    echo.trainingCluster !== undefined ||
    (wizard === 'compute' && echo.hardwareId !== undefined) ||
    echo.utilization !== undefined ||
    echo.pricePerDeviceHour !== undefined ||
    echo.powerWattsPerDevice !== undefined;
  if (!t || !own) return undefined;
  return { hardwareId: t.hardwareId, devices: t.devices, utilization: echo.utilization ?? null, price: echo.pricePerDeviceHour ?? null, ...powerOf(echo) };
}
const powerOf = (echo: PlanRequestEcho) => (echo.powerWattsPerDevice !== undefined ? { power: echo.powerWattsPerDevice } : {});

/**
 * A Compute plan whose budget is given on hardware: that budget is its cluster, and a price or power given with it
 * is kept as a training cluster on the same profile, which computeRequest applies to the budget's hardware.
 */
function budgetPriceOf(budget: BudgetState, echo: PlanRequestEcho): TrainingCluster | undefined {
  if (echo.pricePerDeviceHour === undefined && echo.powerWattsPerDevice === undefined) return undefined;
  return { hardwareId: budget.hardwareId, devices: budget.devices, utilization: budget.utilization, price: echo.pricePerDeviceHour ?? null, ...powerOf(echo) };
}

/** What the command line gave that the plan does not echo: the dense baseline's set, a budget given on hardware (`plan compute --days`). */
export interface PlanGiven {
  denseBaselineSetId?: string | undefined;
  budget?: Partial<BudgetState> | undefined;
}

/**
 * The page's inputs for a plan: the page's defaults, with the budget (the training budget as given,
 * for an inference plan), expert counts, precision, set and learning-rate basis the plan used, its
 * memory cap and cache layout, and the cluster it was priced on; the dense baseline's set and a
 * budget given on hardware as the command gave them (the page's defaults otherwise).
 */
export function planInputsOf(wizard: 'compute', p: Plan, echo: PlanRequestEcho, given?: PlanGiven): JointInputs;
export function planInputsOf(wizard: 'memory', p: Plan, echo: PlanRequestEcho, given?: PlanGiven): MemoryInputs;
export function planInputsOf(wizard: 'inference', p: Plan, echo: PlanRequestEcho, given?: PlanGiven): InferenceInputs;
export function planInputsOf(wizard: PlanWizard, p: Plan, echo: PlanRequestEcho, given?: PlanGiven): JointInputs | MemoryInputs | InferenceInputs;
export function planInputsOf(wizard: PlanWizard, p: Plan, echo: PlanRequestEcho, given: PlanGiven = {}): JointInputs | MemoryInputs | InferenceInputs {
  const base = defaultJointInputs();
  const budget: BudgetState = { ...base.budget, mode: 'flops', flops: p.budget?.given ?? p.flops, ...given.budget };
  // A Compute budget given on hardware is itself the cluster that prices the plan (computeRequest), with any price and
  // power given; the Memory and Inference pages price on their training cluster whatever the budget.
  const cluster = wizard !== 'compute' || budget.mode === 'flops' ? trainingClusterOf(wizard, p, echo) : budgetPriceOf(budget, echo);
  const joint: JointInputs = {
    ...base,
    budget,
    experts: [...p.experts],
    fittedExpertsOnly: echo.fittedExpertsOnly === true,
    coefficientSetId: p.coefficientSetId,
    weightBytes: p.precision.bytesPerWeight,
    kvBytes: p.precision.bytesPerKvValue,
    kvTokens: p.kvTokens,
    learningRateBasis: p.learningRateBasis,
    denseBaselineSetId: given.denseBaselineSetId ?? base.denseBaselineSetId,
    ...(cluster ? { trainingCluster: cluster } : {}),
  };
  const memory = p.memory ? memoryStateOf(p, p.memory, echo) : defaultMemoryState();
  if (wizard === 'compute') return joint;
  if (wizard === 'memory') return { ...joint, memory };
  return { ...joint, inferenceTokens: p.inferenceTokens, budgetIs: p.budget?.meaning ?? 'total', capMemory: p.memory !== null, memory };
}

/**
 * The Inference page's "best E as inference grows": the same plan at 13 inference-token counts
 * from 10⁻⁴ to 10² times the chosen one, half a decade apart (the explanation of that table
 * re-solves the same points).
 */
export function inferenceTrendTokens(inferenceTokens: number): number[] {
  return Array.from({ length: 13 }, (_, i) => inferenceTokens * 10 ** ((i - 8) / 2));
}
