/**
 * A scenario's saved inputs per page, declared once in schema/scenario-inputs.ts: the renderer
 * holds its wizard state in these types, the CLI's `--save` writes them, and the reports read
 * them with `readInputs` (every version an earlier app saved).
 */
export {
  architectureInputsSchema,
  budgetStateSchema,
  cacheLayoutStateSchema,
  inferenceInputsSchema,
  jointInputsSchema,
  leverageInputsSchema,
  memoryInputsSchema,
  memoryStateSchema,
  nextRunInputsSchema,
  targetInputsSchema,
  trainingClusterSchema,
  type ArchitectureInputs,
  type BudgetState,
  type CacheLayoutState,
  type InferenceInputs,
  type JointInputs,
  type LeverageInputs,
  type MemoryInputs,
  type MemoryState,
  type NextRunInputs,
  type TargetInputs,
  type TrainingCluster,
} from '../../schema/scenario-inputs';
