/**
 * The inputs of every wizard, kept while the user moves between pages and restored from a
 * saved scenario. Requests are derived from them, never stored twice.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RequestOf, ResponseOf } from '../../src-main/ipc/contract';
import { DEFAULT_CANDIDATE_GRID } from '../../src-main/ipc/contract/runtime';
import type { NextRunInputs } from '../../src-main/ipc/contract/scenario-inputs';
import type { ArchitectureInputs, InferenceInputs, JointInputs, LeverageInputs, MemoryInputs, MemoryState, TargetInputs } from '../../src-main/ipc/contract/scenario-inputs';
import { defaultTargetInputs, targetRequest } from '../../src-main/ipc/contract/target-inputs';
import { cacheLayoutField, defaultInferenceInputs, defaultJointInputs, defaultMemoryInputs } from '../../src-main/ipc/contract/plan-inputs';
import { useDeploy } from './deploy';

/** The pages' inputs are declared once, in schema/scenario-inputs.ts (saved as scenarios' inputs). */
export type { ArchitectureInputs, InferenceInputs, JointInputs, LeverageInputs, MemoryInputs, TargetInputs, TrainingCluster } from '../../src-main/ipc/contract/scenario-inputs';
export { targetRequest };
/** The plan pages' defaults and requests are shared with `plan … --save` (contract/plan-inputs.ts). */
export { computeRequest, defaultBudget, defaultCacheLayout, inferenceRequest, memoryRequest, memoryRequestFields } from '../../src-main/ipc/contract/plan-inputs';


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

/**
 * A reopened scenario's saved results and what changed under them since (the stale badge), for a
 * page whose answer is a job rather than a live query (Next runs): it shows the saved answer
 * instead of recomputing silently.
 */
export interface SavedAnswer {
  scenario: OpenedScenario;
  results: unknown;
  /** Whether the main side read `results` as their kind (the renderer cannot check them itself), and at which saved version. */
  snapshot: ResponseOf<'scenarios.get'>['snapshot'];
  changedInputs: ResponseOf<'scenarios.get'>['changedInputs'];
}

/** The pages whose answer is a job, not a live query: only they show a reopened scenario's saved answer. */
const JOB_PAGES: readonly WizardId[] = ['next-run'];

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
      return { wizard, inputs: { ...defaultJointInputs(), ...given } as JointInputs };
    case 'memory':
      return { wizard, inputs: { ...defaultMemoryInputs(), ...given } as MemoryInputs };
    case 'inference':
      return { wizard, inputs: { ...defaultInferenceInputs(), ...given } as InferenceInputs };
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
  const compute = ref<JointInputs>(defaultJointInputs());
  const memory = ref<MemoryInputs>(defaultMemoryInputs());
  const inference = ref<InferenceInputs>(defaultInferenceInputs());
  const leverage = ref<LeverageInputs>(defaultLeverage());
  const architecture = ref<ArchitectureInputs>(defaultArchitecture());
  const target = ref<TargetInputs>(defaultTargetInputs());
  const nextRun = ref<NextRunInputs>(defaultNextRun());

  const opened = ref<Partial<Record<WizardId, OpenedScenario>>>({});
  const saved = ref<Partial<Record<WizardId, SavedAnswer>>>({});

  /** Puts a saved scenario's inputs back, over the defaults so older scenarios still open; its saved results are kept beside them. */
  function restore(wizard: WizardId, inputs: unknown, from?: OpenedScenario, answer?: Omit<SavedAnswer, 'scenario'>): void {
    opened.value = { ...opened.value, [wizard]: from };
    saved.value = { ...saved.value, [wizard]: from && answer && JOB_PAGES.includes(wizard) ? { scenario: from, ...answer } : undefined };
    const filled = filledInputs(wizard, inputs);
    // A plan priced on a training cluster brings it back to the Deploy section, so the page recomputes the same time and cost.
    if (filled.wizard === 'compute' || filled.wizard === 'memory' || filled.wizard === 'inference') {
      const c = filled.inputs.trainingCluster;
      const deploy = useDeploy();
      if (c) deploy.inputs = { ...deploy.inputs, trainHardwareId: c.hardwareId, trainDevices: c.devices, utilization: c.utilization, price: c.price, power: c.power ?? null };
    }
    if (filled.wizard === 'compute') compute.value = filled.inputs;
    if (filled.wizard === 'memory') memory.value = filled.inputs;
    if (filled.wizard === 'inference') inference.value = filled.inputs;
    if (filled.wizard === 'leverage') leverage.value = filled.inputs;
    if (filled.wizard === 'architecture') architecture.value = filled.inputs;
    if (filled.wizard === 'target') target.value = filled.inputs;
    if (filled.wizard === 'next-run') nextRun.value = filled.inputs;
  }

  return { compute, memory, inference, leverage, architecture, target, nextRun, opened, saved, restore };
});
