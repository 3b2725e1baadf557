/**
 * A scenario's saved inputs: what each page holds while the user edits it, which Save keeps as
 * the scenario's inputs and the CLI's `--save` writes in the same shape. Declared once here; the
 * renderer takes these types (through the contract) for its wizard state, and the reports read
 * saved inputs through `readInputs`, which knows every shape an earlier version saved.
 *
 * Like the result snapshots (snapshots.ts), each page lists its versions newest first, each with
 * the schema that version wrote and how to bring it to the shape a report reads; inputs that fit
 * no version are not cast through: the answer names the first field that does not fit.
 */
import { z } from 'zod';
import { LEARNING_RATE_BASES, MEMORY_MODES } from './plan';
import { TARGET_LAWS } from './target';
import { readVersioned, type SavedVersion } from './versions';

/** The KV-cache layout control: every width kept while the user switches kinds. */
export const cacheLayoutStateSchema = z.object({
  kind: z.enum(['mha', 'gqa', 'mla']),
  kvHeads: z.number(),
  headDim: z.number(),
  latentDim: z.number(),
  ropeDim: z.number(),
});
export type CacheLayoutState = z.infer<typeof cacheLayoutStateSchema>;

export const BUDGET_MODES = ['flops', 'device-days', 'gpu-hours'] as const;
/** The training-budget control: FLOPs, devices × days, or GPU-hours on a hardware profile (every field kept while switching). */
export const budgetStateSchema = z.object({
  mode: z.enum(BUDGET_MODES),
  flops: z.number(),
  hardwareId: z.string(),
  devices: z.number(),
  days: z.number(),
  gpuHours: z.number(),
  utilization: z.number(),
});
export type BudgetState = z.infer<typeof budgetStateSchema>;

/** The memory-budget control: a hardware profile × devices, or bytes. */
export const memoryStateSchema = z.object({
  mode: z.enum(['hardware', 'bytes']),
  hardwareId: z.string(),
  devices: z.number(),
  bytes: z.number(),
  usableFraction: z.number(),
  memoryMode: z.enum(MEMORY_MODES),
  /** The attention layout whose cache counts against the cap (absent in older scenarios: MHA). */
  cacheLayout: cacheLayoutStateSchema.optional(),
});
export type MemoryState = z.infer<typeof memoryStateSchema>;

/**
 * The Deploy section's training cluster when a plan was made: it prices the plan unless the budget is given on hardware,
 * when its price and power still apply to the budget's hardware if it is the same profile.
 */
export const trainingClusterSchema = z.object({
  hardwareId: z.string(),
  devices: z.number(),
  utilization: z.number().nullable(),
  price: z.number().nullable(),
  /** Power per device in W, for energy (absent in scenarios saved before it was kept: the profile's). */
  power: z.number().nullable().optional(),
});
export type TrainingCluster = z.infer<typeof trainingClusterSchema>;

/** The Compute page's inputs, which the Memory and Inference pages extend. */
export const jointInputsSchema = z.object({
  budget: budgetStateSchema,
  experts: z.array(z.number()),
  /** Keep only the expert counts the joint law was fitted on (the plan channels filter the list). */
  fittedExpertsOnly: z.boolean(),
  coefficientSetId: z.string(),
  weightBytes: z.number(),
  kvBytes: z.number(),
  kvTokens: z.number(),
  learningRateBasis: z.enum(LEARNING_RATE_BASES),
  /** The Chinchilla-form set the dense baseline is drawn with: a published one or a fit of yours. */
  denseBaselineSetId: z.string(),
  trainingCluster: trainingClusterSchema.optional(),
});
export type JointInputs = z.infer<typeof jointInputsSchema>;

export const memoryInputsSchema = jointInputsSchema.extend({ memory: memoryStateSchema });
export type MemoryInputs = z.infer<typeof memoryInputsSchema>;

export const inferenceInputsSchema = jointInputsSchema.extend({
  inferenceTokens: z.number(),
  /** 'total': the budget pays for training and inference; 'training': serving is added on top, then split anew. */
  budgetIs: z.enum(['total', 'training']),
  capMemory: z.boolean(),
  memory: memoryStateSchema,
});
export type InferenceInputs = z.infer<typeof inferenceInputsSchema>;

export const leverageInputsSchema = z.object({
  form: z.enum(['configuration', 'ratio']),
  experts: z.number(),
  activeExperts: z.number(),
  sharedExperts: z.number(),
  dModel: z.number(),
  dExpert: z.number(),
  activation: z.number(),
  granularity: z.number(),
  flops: z.number(),
  coefficientSetId: z.string(),
});
export type LeverageInputs = z.infer<typeof leverageInputsSchema>;

/** The Architecture page: the total size and threshold the optimum is for, and a design of the user's to check against it. */
export const architectureInputsSchema = z.object({
  total: z.number(),
  tokens: z.number(),
  threshold: z.number(),
  active: z.number(),
  activeExperts: z.number(),
  sharedRatio: z.number(),
  coefficientSetId: z.string(),
});
export type ArchitectureInputs = z.infer<typeof architectureInputsSchema>;

export const TARGET_GOALS = ['loss', 'match-dense', 'match-dense-optimal', 'match-moe'] as const;
/** Reverse planning: the goal (reach a loss, or match a dense or MoE model), with every goal's fields kept while switching, and what the designs are costed on. */
export const targetInputsSchema = z.object({
  goal: z.enum(TARGET_GOALS),
  loss: z.number(),
  denseParams: z.number(),
  denseTokens: z.number(),
  denseFlops: z.number(),
  moeActive: z.number(),
  moeTokens: z.number(),
  moeExperts: z.number(),
  experts: z.array(z.number()),
  laws: z.array(z.enum(TARGET_LAWS)),
  jointSetId: z.string(),
  chinchillaSetId: z.string(),
  comprehensiveSetId: z.string(),
  inferenceTokens: z.number(),
  maxTokens: z.number(),
  /** '' for no hardware (no device-hours, no money). */
  hardwareId: z.string(),
  /** Dollars per device-hour; null keeps the profile's price. */
  pricePerDeviceHour: z.number().nullable(),
});
export type TargetInputs = z.infer<typeof targetInputsSchema>;

export const NEXT_RUN_QUANTITIES = ['loss', 'nAct'] as const;

/**
 * What a saved next-run scenario keeps as its inputs, and what every proposal echoes: the request
 * with its defaults filled (the grid given in full, no utilisation meaning the profile's), so the
 * Next runs page reopens it as it was and the CLI saves the same shape.
 */
export const nextRunInputsSchema = z.object({
  projectId: z.string(),
  coefficientSetId: z.string(),
  targetFlops: z.number(),
  gpuHours: z.number(),
  hardwareId: z.string(),
  utilization: z.number().nullable(),
  count: z.number(),
  quantity: z.enum(NEXT_RUN_QUANTITIES),
  /** Expert counts of the target plan; null: the default 1, 2, 4, …, 64. */
  experts: z.array(z.number()).nullable(),
  worlds: z.number(),
  seed: z.number(),
  candidates: z.object({ nAct: z.array(z.number()), tokensPerParam: z.array(z.number()), experts: z.array(z.number()) }),
});
export type NextRunInputs = z.infer<typeof nextRunInputsSchema>;

/**
 * A budget as saved: only the fields its mode reads. The page keeps every field while the user
 * switches modes; `moe-workbench plan … --save` wrote FLOPs alone before it saved the page's state.
 */
export const savedBudgetSchema = z.discriminatedUnion('mode', [
  budgetStateSchema.pick({ flops: true }).extend({ mode: z.literal('flops') }),
  budgetStateSchema.pick({ flops: true, hardwareId: true, devices: true, days: true, utilization: true }).extend({ mode: z.literal('device-days') }),
  budgetStateSchema.pick({ flops: true, hardwareId: true, gpuHours: true, utilization: true }).extend({ mode: z.literal('gpu-hours') }),
]);
export type SavedBudget = z.infer<typeof savedBudgetSchema>;

/** A plan page's inputs as a report reads them: the budget by what its mode means. */
export type SavedJointInputs = Omit<JointInputs, 'budget'> & { budget: SavedBudget; memory?: MemoryState };

/** What the app used for the dense baseline before the page let the user choose (the Epoch replication). */
const DENSE_BASELINE_BEFORE_CHOICE = 'besiroglu2024';
const absent = z.never().optional();
const same = <T>(v: T): T => v;

type InputsVersion<T> = SavedVersion<T>;

/** The plan pages' versions: `page` holds what the Memory or Inference page adds to the Compute page's inputs. */
function planVersions(page: z.ZodRawShape): Array<InputsVersion<SavedJointInputs>> {
  const saved = jointInputsSchema.extend({ ...page, budget: savedBudgetSchema });
  return [
    { version: 3, savedBy: 'the page since 2026-12-01 15:06 (the dense baseline’s set: denseBaselineSetId)', schema: saved, upgrade: same },
    {
      version: 2,
      savedBy: 'the page since 2026-12-01 12:37 (fittedExpertsOnly), before the dense baseline’s set could be chosen',
      schema: saved.extend({ denseBaselineSetId: absent }),
      upgrade: (i: Omit<SavedJointInputs, 'denseBaselineSetId'>): SavedJointInputs => ({ ...i, denseBaselineSetId: DENSE_BASELINE_BEFORE_CHOICE }),
    },
    {
      version: 1,
      savedBy: 'releases up to 2de47c7 (2026-11-23): every expert count, dense baseline from the Epoch replication',
      schema: saved.extend({ fittedExpertsOnly: absent, denseBaselineSetId: absent }),
      upgrade: (i: Omit<SavedJointInputs, 'denseBaselineSetId' | 'fittedExpertsOnly'>): SavedJointInputs => ({ ...i, fittedExpertsOnly: false, denseBaselineSetId: DENSE_BASELINE_BEFORE_CHOICE }),
    },
    {
      version: 0,
      savedBy: '`moe-workbench plan … --save` from d2cd0ae until 2026-12-01 21:30 (it now saves the page’s state, contract/plan-inputs.ts): the budget in FLOPs, no dense baseline set, and no memory budget for an uncapped inference plan',
      schema: saved.extend({ denseBaselineSetId: absent, memory: memoryStateSchema.optional() }),
      upgrade: (i: Omit<SavedJointInputs, 'denseBaselineSetId'>): SavedJointInputs => ({ ...i, denseBaselineSetId: DENSE_BASELINE_BEFORE_CHOICE }),
    },
  ];
}

export const INPUTS_VERSIONS = {
  compute: planVersions({}),
  memory: planVersions(memoryInputsSchema.shape),
  inference: planVersions(inferenceInputsSchema.shape),
  leverage: [{ version: 1, savedBy: 'every release', schema: leverageInputsSchema, upgrade: same }] satisfies Array<InputsVersion<LeverageInputs>>,
  architecture: [{ version: 1, savedBy: 'every release', schema: architectureInputsSchema, upgrade: same }] satisfies Array<InputsVersion<ArchitectureInputs>>,
  target: [{ version: 1, savedBy: 'the page and `moe-workbench target --save` since 69ce626', schema: targetInputsSchema, upgrade: same }] satisfies Array<InputsVersion<TargetInputs>>,
  'next-run': [{ version: 1, savedBy: 'the Next runs page and `moe-workbench next-runs --save` since 3ca907b', schema: nextRunInputsSchema, upgrade: same }] satisfies Array<InputsVersion<NextRunInputs>>,
};

export type InputsWizard = keyof typeof INPUTS_VERSIONS;
export interface SavedInputs {
  compute: SavedJointInputs;
  memory: SavedJointInputs;
  inference: SavedJointInputs;
  leverage: LeverageInputs;
  architecture: ArchitectureInputs;
  target: TargetInputs;
  'next-run': NextRunInputs;
}

export type InputsRead<K extends InputsWizard = InputsWizard> =
  | { ok: true; wizard: K; version: number; value: SavedInputs[K] }
  /** The inputs fit none of the page's versions; `problem` names the field. */
  | { ok: false; wizard: K; problem: string };

export const isInputsWizard = (wizard: string): wizard is InputsWizard => Object.hasOwn(INPUTS_VERSIONS, wizard);

/** Reads a scenario's inputs as its page saved them: the newest version they fit, brought to the shape reports read. */
export function readInputs<K extends InputsWizard>(wizard: K, inputs: unknown): InputsRead<K> {
  const read = readVersioned(INPUTS_VERSIONS[wizard] as Array<InputsVersion<SavedInputs[K]>>, inputs, 'the inputs');
  return read.ok ? { ...read, wizard } : { ok: false, wizard, problem: read.problem };
}
