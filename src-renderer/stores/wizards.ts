/**
 * The inputs of every wizard, kept while the user moves between pages and restored from a
 * saved scenario. Requests are derived from them, never stored twice.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RequestOf } from '../../src-main/ipc/contract';
import { DEFAULT_CANDIDATE_GRID } from '../../src-main/ipc/contract/runtime';
import type { NextRunInputs } from '../../src-main/ipc/contract/scenario-inputs';
import type {
  ArchitectureInputs,
  BudgetState,
  CacheLayoutState,
  InferenceInputs,
  JointInputs,
  LeverageInputs,
  MemoryInputs,
  MemoryState,
  TargetInputs,
  TrainingCluster,
} from '../../src-main/ipc/contract/scenario-inputs';
import { defaultTargetInputs, targetRequest } from '../../src-main/ipc/contract/target-inputs';
import { budgetCluster } from '../../src-main/ipc/contract/budget';
import { useDeploy } from './deploy';

/** The pages' inputs are declared once, in schema/scenario-inputs.ts (saved as scenarios' inputs). */
export type { ArchitectureInputs, InferenceInputs, JointInputs, LeverageInputs, MemoryInputs, TargetInputs, TrainingCluster } from '../../src-main/ipc/contract/scenario-inputs';
export { targetRequest };


export const defaultBudget = (): BudgetState => ({ mode: 'flops', flops: 1e22, hardwareId: 'h100-sxm', devices: 8, days: 30, gpuHours: 10_000, utilization: 0.4 });
const defaultMemory = (): MemoryState => ({ mode: 'hardware', hardwareId: 'h100-sxm', devices: 1, bytes: 80 * 2 ** 30, usableFraction: 0.9, memoryMode: 'total', cacheLayout: defaultCacheLayout() });

/** MHA, the paper's convention, with GQA-8 × 128 and DeepSeek-V3's MLA widths ready when the user switches. */
export const defaultCacheLayout = (): CacheLayoutState => ({ kind: 'mha', kvHeads: 8, headDim: 128, latentDim: 512, ropeDim: 64 });

/** The cap's attention layout as the contract takes it; MHA (the law's convention) is sent as nothing. */
export function cacheLayoutField(l: CacheLayoutState | undefined): { attention?: RequestOf<'plan.memory'>['attention'] } {
  if (!l || l.kind === 'mha') return {};
  return { attention: l.kind === 'gqa' ? { kind: 'gqa', kvHeads: l.kvHeads, headDim: l.headDim } : { kind: 'mla', latentDim: l.latentDim, ropeDim: l.ropeDim } };
}
const defaultJoint = (): JointInputs => ({
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

/** What the memory sweep and the optimal-E table share with a plan: the model's memory accounting, without a budget. */
export const memoryAccountingFields = (i: JointInputs & { memory: MemoryState }) => ({
  experts: i.experts,
  // The sweep and the optimal-E table keep to the fitted E values when the plan does.
  fittedExpertsOnly: i.fittedExpertsOnly === true,
  coefficientSetId: i.coefficientSetId,
  memoryMode: i.memory.memoryMode,
  kvTokens: i.kvTokens,
  weightBytes: i.weightBytes,
  kvBytes: i.kvBytes,
});

/** The memory sweep's request fields: the accounting plus the cap's attention layout, so the chart matches the plan. */
export const memorySweepFields = (i: JointInputs & { memory: MemoryState }) => ({ ...memoryAccountingFields(i), ...cacheLayoutField(i.memory.cacheLayout) });

/** A budget given on hardware (devices × days, GPU-hours) also prices the plan: GPU-hours, days and cost travel with it. */
const budgetHardware = (b: BudgetState) => budgetCluster(b);
/** The training cluster prices the plan apart from any memory cap, so a saved scenario carries its time and cost. */
const clusterFields = (c: TrainingCluster | undefined) =>
  c
    ? {
        trainingCluster: { hardwareId: c.hardwareId, deviceCount: c.devices },
        ...(c.utilization != null ? { utilization: c.utilization } : {}),
        ...(c.price != null ? { pricePerDeviceHour: c.price } : {}),
      }
    : {};
export const computeRequest = (i: JointInputs): RequestOf<'plan.compute'> => ({
  ...jointFields(i),
  // A budget given on hardware is itself the cluster that prices the plan.
  ...(i.budget.mode === 'flops' ? clusterFields(i.trainingCluster) : budgetHardware(i.budget)),
});
export const memoryRequest = (i: MemoryInputs): RequestOf<'plan.memory'> => ({ ...jointFields(i), ...memoryRequestFields(i.memory), ...clusterFields(i.trainingCluster) });
export const inferenceRequest = (i: InferenceInputs): RequestOf<'plan.inference'> => ({
  ...jointFields(i),
  inferenceTokens: i.inferenceTokens,
  budgetIs: i.budgetIs,
  ...(i.capMemory ? memoryRequestFields(i.memory) : {}),
  ...clusterFields(i.trainingCluster),
});


const defaultLeverage = (): LeverageInputs => ({
  form: 'configuration',
  experts: 384,
  activeExperts: 12,
  sharedExperts: 1,
  dModel: 2048,
  dExpert: 384,
  activation: 0.031,
  granularity: 12,
  flops: 1e22,
  coefficientSetId: 'tian2025-leverage',
});
const defaultArchitecture = (): ArchitectureInputs => ({
  total: 30e9,
  tokens: 1e12,
  threshold: 0.004,
  active: 3e9,
  activeExperts: 7,
  sharedRatio: 0.3,
  coefficientSetId: 'moe-comprehensive-2025',
});




export type WizardId = 'compute' | 'memory' | 'inference' | 'leverage' | 'architecture' | 'target' | 'next-run';
export const WIZARD_IDS: readonly WizardId[] = ['compute', 'memory', 'inference', 'leverage', 'architecture', 'target', 'next-run'];
/** The page a wizard's scenarios open on. */
export const wizardRoute = (w: WizardId): string => (w === 'next-run' ? '/next-runs' : `/${w}`);

/** The Next runs page starts on the default grid; the project and the fit are picked once the lists load. */
const defaultNextRun = (): NextRunInputs => ({
  projectId: '',
  coefficientSetId: '',
  targetFlops: 1e22,
  gpuHours: 2000,
  hardwareId: 'h100-sxm',
  utilization: null,
  count: 3,
  quantity: 'loss',
  experts: null,
  worlds: 40,
  seed: 1,
  candidates: { nAct: [...DEFAULT_CANDIDATE_GRID.nAct], tokensPerParam: [...DEFAULT_CANDIDATE_GRID.tokensPerParam], experts: [...DEFAULT_CANDIDATE_GRID.experts] },
});

export const leverageRequest = (i: LeverageInputs): RequestOf<'law.leverage'> => {
  const common = { flops: i.flops, coefficientSetId: i.coefficientSetId };
  return i.form === 'configuration'
    ? { ...common, experts: i.experts, activeExperts: i.activeExperts, sharedExperts: i.sharedExperts, dModel: i.dModel, dExpert: i.dExpert }
    : { ...common, activation: i.activation, granularity: i.granularity };
};
export const architectureRequest = (i: ArchitectureInputs): RequestOf<'optimum.comprehensive'> => ({
  total: i.total,
  threshold: i.threshold,
  coefficientSetId: i.coefficientSetId,
});

/** The scenario a wizard's inputs came from, so "Save" can update it instead of adding a copy. */
export interface OpenedScenario {
  id: string;
  name: string;
}

export type FilledInputs =
  | { wizard: 'compute'; inputs: JointInputs }
  | { wizard: 'memory'; inputs: MemoryInputs }
  | { wizard: 'inference'; inputs: InferenceInputs }
  | { wizard: 'leverage'; inputs: LeverageInputs }
  | { wizard: 'architecture'; inputs: ArchitectureInputs }
  | { wizard: 'target'; inputs: TargetInputs }
  | { wizard: 'next-run'; inputs: NextRunInputs };

/** A saved scenario's inputs over today's defaults, so scenarios saved by older versions still open. */
export function filledInputs(wizard: WizardId, inputs: unknown): FilledInputs {
  const given = (inputs ?? {}) as Record<string, unknown>;
  switch (wizard) {
    case 'compute':
      return { wizard, inputs: { ...defaultJoint(), ...given } as JointInputs };
    case 'memory':
      return { wizard, inputs: { ...defaultJoint(), memory: defaultMemory(), ...given } as MemoryInputs };
    case 'inference':
      return { wizard, inputs: { ...defaultJoint(), inferenceTokens: 1e12, budgetIs: 'total', capMemory: false, memory: defaultMemory(), ...given } as InferenceInputs };
    case 'leverage':
      return { wizard, inputs: { ...defaultLeverage(), ...given } as LeverageInputs };
    case 'architecture':
      return { wizard, inputs: { ...defaultArchitecture(), ...given } as ArchitectureInputs };
    case 'target':
      return { wizard, inputs: { ...defaultTargetInputs(), ...given } as TargetInputs };
    case 'next-run': {
      const d = defaultNextRun();
      return { wizard, inputs: { ...d, ...given, candidates: { ...d.candidates, ...(given.candidates as object | undefined) } } as NextRunInputs };
    }
  }
}

export const useWizards = defineStore('wizards', () => {
  const compute = ref<JointInputs>(defaultJoint());
  const memory = ref<MemoryInputs>({ ...defaultJoint(), memory: defaultMemory() });
  const inference = ref<InferenceInputs>({ ...defaultJoint(), inferenceTokens: 1e12, budgetIs: 'total', capMemory: false, memory: defaultMemory() });
  const leverage = ref<LeverageInputs>(defaultLeverage());
  const architecture = ref<ArchitectureInputs>(defaultArchitecture());
  const target = ref<TargetInputs>(defaultTargetInputs());
  const nextRun = ref<NextRunInputs>(defaultNextRun());

  const opened = ref<Partial<Record<WizardId, OpenedScenario>>>({});

  /** Puts a saved scenario's inputs back, over the defaults so older scenarios still open. */
  function restore(wizard: WizardId, inputs: unknown, from?: OpenedScenario): void {
    opened.value = { ...opened.value, [wizard]: from };
    const filled = filledInputs(wizard, inputs);
    // A plan priced on a training cluster brings it back to the Deploy section, so the page recomputes the same time and cost.
    if (filled.wizard === 'compute' || filled.wizard === 'memory' || filled.wizard === 'inference') {
      const c = filled.inputs.trainingCluster;
      const deploy = useDeploy();
      if (c) deploy.inputs = { ...deploy.inputs, trainHardwareId: c.hardwareId, trainDevices: c.devices, utilization: c.utilization, price: c.price };
    }
    if (filled.wizard === 'compute') compute.value = filled.inputs;
    if (filled.wizard === 'memory') memory.value = filled.inputs;
    if (filled.wizard === 'inference') inference.value = filled.inputs;
    if (filled.wizard === 'leverage') leverage.value = filled.inputs;
    if (filled.wizard === 'architecture') architecture.value = filled.inputs;
    if (filled.wizard === 'target') target.value = filled.inputs;
    if (filled.wizard === 'next-run') nextRun.value = filled.inputs;
  }

  return { compute, memory, inference, leverage, architecture, target, nextRun, opened, restore };
});
