/**
 * The comparison model: scenarios side by side, one column per scenario and one row per
 * quantity (inputs and results, each with its unit), whether each row differs, which scenarios'
 * inputs changed since they were saved, the charts the scenarios share axes for, and every law
 * and coefficient set they cite. Works across wizards: a quantity a scenario lacks is null.
 *
 * Numbers stay raw (parameters, tokens and FLOPs as counts, memory in bytes, loss in nats per
 * token); the PDF and the pages format them, the CSV writes them as they are.
 */
import type { ScenarioRow } from '../store';
import { lawDescription } from '../engine/laws';
import {
  feasibleCandidates,
  readBudget,
  readFlags,
  readPlan,
  readProvenance,
  readBand,
  readScalars,
  cacheLayoutLabel,
  memorySourceWords,
  type FeasibleCandidate,
  type PlanSnapshot,
  type SnapshotFlag,
} from './plan-snapshot';
import { readTarget, targetRows, type TargetSnapshot } from './target-snapshot';
import * as fmt from '../format';
import { denseBaselineName, denseBaselineOf, denseSavingsFor, type DenseBaseline, type DenseSavings } from './dense-baseline';
import {
  ARCHITECTURE_NOTES,
  LEVERAGE_NOTES,
  deriveArchitecture,
  deriveLeverage,
  publishedSetResolver,
  readArchitecture,
  readCheckedDesign,
  readLeverage,
  type ArchitectureDerived,
  type ArchitectureSnapshot,
  type LeverageDerived,
  type LeverageSnapshot,
  type SetResolver,
} from './law-snapshots';

/** A scenario as reports need it: the store row and the name of its project. */
export type ReportScenario = Pick<
  ScenarioRow,
  'id' | 'name' | 'wizard' | 'projectId' | 'tags' | 'inputs' | 'results' | 'inputsChanged' | 'changedInputs' | 'createdAt' | 'updatedAt' | 'notes'
> & {
  projectName: string | null;
  /** The set the scenario was saved with (the store's row has it): the appendix explains it when it is a fit with a record. */
  coefficientSetId?: string | null;
};

/** The comparison's shape is declared once, in schema/comparison.ts (the response of scenarios.compare). */
export type { Cell, ChartAxis, ChartData, ChartSeries, Citation, ComparisonColumn, ComparisonFlag, ComparisonModel, ComparisonRow, RowGroup } from '../schema/comparison';
import type { Cell, ChartData, ChartSeries, Citation, ComparisonColumn, ComparisonFlag, ComparisonModel, ComparisonRow, RowGroup } from '../schema/comparison';

interface Ctx {
  s: ReportScenario;
  plan: PlanSnapshot | null;
  best: FeasibleCandidate | null;
  /** An Efficiency Leverage result ('law.leverage') and what the report derives from it. */
  lev: LeverageSnapshot | null;
  levD: LeverageDerived | null;
  /** An architecture optimum ('optimum.comprehensive') and what the report derives from it. */
  arch: ArchitectureSnapshot | null;
  archD: ArchitectureDerived | null;
  /** The best design against a compute-optimal dense model reaching the same loss. */
  dense: DenseSavings | null;
  /** The Chinchilla-form dense baseline the scenario's inputs name, at its training budget. */
  denseBaseline: DenseBaseline | null;
  /** The rest of the saved results and inputs, each read once per scenario rather than once per row. */
  provenance: ReturnType<typeof readProvenance>;
  band: ReturnType<typeof readBand> | null;
  /** The design an architecture scenario checks (its inputs). */
  checked: ReturnType<typeof readCheckedDesign>;
  /** A reverse plan ('target') and its rows' values by key. */
  target: TargetSnapshot | null;
  targetValues: ReadonlyMap<string, Cell>;
  /** The top-level numbers of a snapshot no section lays out (null when one does). */
  scalars: ReadonlyMap<string, Cell> | null;
  /** The snapshot's own flags, then those of the figures the report derived, without repeats. */
  flags: SnapshotFlag[];
  /** Names the hardware a budget gives by id (undefined: the id is written). */
  resolveHardware: HardwareResolver | undefined;
}

export interface ComparisonOptions {
  /** Finds the coefficient set a snapshot names, to recompute derived tables; published sets only by default. */
  resolveSet?: SetResolver;
  /** Finds the hardware profile a budget names, to write its name; without one the budget reads the id. */
  resolveHardware?: HardwareResolver;
}

/** A hardware profile's name by id (the store's profiles); null when the profile is gone. */
export type HardwareResolver = (id: string) => { name: string } | null;

/** The words for a budget's hardware: the profile's name; the id, said to be gone, when the resolver no longer finds it. */
export function hardwareWords(id: string, resolve: HardwareResolver | undefined): string {
  if (!resolve) return id;
  return resolve(id)?.name ?? `${id} (hardware profile no longer available)`;
}

interface QuantityDef {
  key: string;
  group: RowGroup;
  label: string;
  unit: string;
  get: (c: Ctx) => Cell;
}

/** A figure the scenario may lack (another wizard's quantity): null, the comparison's empty cell. */
const num = (v: number | null | undefined): number | null => v ?? null;
const str = (v: string | null | undefined): string | null => v ?? null;
const bandOf = (c: Ctx) => c.band;

function budgetSource(c: Ctx): string | null {
  const b = readBudget(c.s.wizard, c.s.inputs);
  if (b?.mode === 'device-days') return `${b.devices} × ${hardwareWords(b.hardwareId, c.resolveHardware)} for ${fmt.days(b.days)} at ${fmt.percent(b.utilization)} utilisation`;
  if (b?.mode === 'gpu-hours') return `${fmt.gpuHours(b.gpuHours)} of ${hardwareWords(b.hardwareId, c.resolveHardware)} at ${fmt.percent(b.utilization)} utilisation`;
  if (b?.mode === 'flops') return 'typed FLOP budget';
  return null;
}

/** Where a leverage or architecture scenario's derived figures come from, for its source row. */
function derivedSource(d: { set: { id: string } | null; missing: string | null } | null, saved: boolean): string | null {
  if (!d) return null;
  if (saved) return 'saved with the results';
  if (d.set && !d.missing) return `recomputed by the engine with coefficient set ${d.set.id}`;
  return `not recomputed: ${d.missing ?? 'unavailable'}`;
}

const QUANTITIES: QuantityDef[] = [
  { key: 'scenario.wizard', group: 'scenario', label: 'Wizard', unit: '', get: (c) => c.s.wizard },
  { key: 'scenario.project', group: 'scenario', label: 'Project', unit: '', get: (c) => c.s.projectName },
  { key: 'scenario.inputsChanged', group: 'scenario', label: 'Inputs changed since saved', unit: '', get: (c) => c.s.inputsChanged },
  { key: 'scenario.updatedAt', group: 'scenario', label: 'Saved', unit: 'ISO 8601', get: (c) => c.s.updatedAt },

  { key: 'inputs.problem', group: 'inputs', label: 'Design problem', unit: '', get: (c) => str(c.plan?.problem) },
  { key: 'inputs.flops', group: 'inputs', label: 'Training budget', unit: 'FLOPs', get: (c) => num(c.plan?.flops) },
  { key: 'inputs.budgetSource', group: 'inputs', label: 'Budget given as', unit: '', get: budgetSource },
  { key: 'inputs.experts', group: 'inputs', label: 'Expert counts considered', unit: 'experts', get: (c) => (c.plan ? c.plan.experts.join(' ') : null) },
  { key: 'inputs.inferenceTokens', group: 'inputs', label: 'Lifetime inference tokens', unit: 'tokens', get: (c) => num(c.plan?.inferenceTokens) },
  { key: 'inputs.memoryBytes', group: 'inputs', label: 'Memory budget', unit: 'bytes', get: (c) => num(c.plan?.memoryBytes) },
  { key: 'inputs.memoryMode', group: 'inputs', label: 'Memory counted', unit: '', get: (c) => (c.plan?.memoryBytes != null ? str(c.plan.memoryMode) : null) },
  { key: 'inputs.memorySource', group: 'inputs', label: 'Memory budget from', unit: '', get: (c) => str(memorySourceWords(c.plan?.memory ?? null)) },
  { key: 'inputs.bytesPerWeight', group: 'inputs', label: 'Weight precision', unit: 'bytes per weight', get: (c) => num(c.plan?.precision.bytesPerWeight) },
  { key: 'inputs.bytesPerKvValue', group: 'inputs', label: 'KV-cache precision', unit: 'bytes per value', get: (c) => num(c.plan?.precision.bytesPerKvValue) },
  { key: 'inputs.kvTokens', group: 'inputs', label: 'Tokens in KV cache', unit: 'tokens', get: (c) => num(c.plan?.kvTokens) },
  { key: 'inputs.learningRateBasis', group: 'inputs', label: 'Learning-rate basis', unit: '', get: (c) => str(c.plan?.learningRateBasis) },
  // Efficiency Leverage (law.leverage): the configuration or (A, G), and C.
  { key: 'leverage.flops', group: 'inputs', label: 'Training compute C (non-embedding)', unit: 'FLOPs', get: (c) => num(c.lev?.flops) },
  { key: 'leverage.form', group: 'inputs', label: 'Leverage given as', unit: '', get: (c) => (c.lev ? (c.lev.form === 'configuration' ? 'configuration (E, E_a, E_s, d_model, d_expert)' : 'ratios (A, G)') : null) },
  { key: 'leverage.experts', group: 'inputs', label: 'Experts E', unit: 'experts', get: (c) => num(c.lev?.configuration?.experts) },
  { key: 'leverage.activeExperts', group: 'inputs', label: 'Activated routed experts E_a', unit: 'experts', get: (c) => num(c.lev?.configuration?.activeExperts) },
  { key: 'leverage.sharedExperts', group: 'inputs', label: 'Shared experts E_s', unit: 'experts', get: (c) => num(c.lev?.configuration?.sharedExperts) },
  { key: 'leverage.dModel', group: 'inputs', label: 'd_model', unit: 'dimensions', get: (c) => num(c.lev?.configuration?.dModel) },
  { key: 'leverage.dExpert', group: 'inputs', label: 'd_expert', unit: 'dimensions', get: (c) => num(c.lev?.configuration?.dExpert) },
  { key: 'leverage.givenActivation', group: 'inputs', label: 'Activation ratio A (given)', unit: 'fraction', get: (c) => (c.lev?.form === 'ratio' ? c.lev.activation : null) },
  { key: 'leverage.givenGranularity', group: 'inputs', label: 'Granularity G (given)', unit: 'ratio', get: (c) => (c.lev?.form === 'ratio' ? c.lev.granularity : null) },

  // Architecture (optimum.comprehensive): N, D, τ and the design checked in the wizard.
  { key: 'architecture.total', group: 'inputs', label: 'Total parameters N', unit: 'parameters', get: (c) => num(c.arch?.total) },
  { key: 'architecture.tokens', group: 'inputs', label: 'Training tokens D', unit: 'tokens', get: (c) => (c.arch ? num(c.checked.tokens) : null) },
  { key: 'architecture.threshold', group: 'inputs', label: 'Efficiency threshold τ', unit: 'nats per token per percentage point', get: (c) => num(c.arch?.threshold) },
  { key: 'architecture.checked.active', group: 'inputs', label: 'Checked design: active parameters N_a', unit: 'parameters', get: (c) => (c.arch ? num(c.checked.active) : null) },
  { key: 'architecture.checked.activeExperts', group: 'inputs', label: 'Checked design: activated experts G', unit: 'experts', get: (c) => (c.arch ? num(c.checked.activeExperts) : null) },
  { key: 'architecture.checked.sharedRatio', group: 'inputs', label: 'Checked design: shared ratio S', unit: 'fraction', get: (c) => (c.arch ? num(c.checked.sharedRatio) : null) },

  { key: 'inputs.coefficientSetId', group: 'inputs', label: 'Coefficient set', unit: '', get: (c) => str(c.plan?.coefficientSetId) ?? c.provenance?.coefficientSet.id ?? null },

  { key: 'best.experts', group: 'design', label: 'Best expert count E', unit: 'experts', get: (c) => num(c.best?.experts) },
  { key: 'best.bindingConstraint', group: 'design', label: 'Binding constraint', unit: '', get: (c) => str(c.best?.bindingConstraint) },
  { key: 'best.loss', group: 'design', label: 'Predicted loss', unit: 'nats per token', get: (c) => num(c.best?.loss) },
  { key: 'best.nAct', group: 'design', label: 'Active parameters N_act', unit: 'parameters', get: (c) => num(c.best?.nAct) },
  { key: 'best.nTotal', group: 'design', label: 'Total parameters N_total', unit: 'parameters', get: (c) => num(c.best?.nTotal) },
  { key: 'best.nActNonEmbedding', group: 'design', label: 'Active non-embedding parameters', unit: 'parameters', get: (c) => num(c.best?.nActNonEmbedding) },
  { key: 'best.tokens', group: 'design', label: 'Training tokens D', unit: 'tokens', get: (c) => num(c.best?.tokens) },
  { key: 'best.tokensPerParam', group: 'design', label: 'Tokens per active parameter', unit: 'tokens per parameter', get: (c) => num(c.best?.tokensPerParam) },
  { key: 'best.trainingFlops', group: 'design', label: 'Training compute', unit: 'FLOPs', get: (c) => num(c.best?.trainingFlops) },
  { key: 'best.inferenceFlops', group: 'design', label: 'Inference compute', unit: 'FLOPs', get: (c) => num(c.best?.inferenceFlops) },
  { key: 'band.kind', group: 'design', label: 'Uncertainty band', unit: '', get: (c) => bandOf(c)?.label ?? null },
  { key: 'band.nAct.low', group: 'design', label: 'Active parameters N_act: band low', unit: 'parameters', get: (c) => num(bandOf(c)?.nAct?.low) },
  { key: 'band.nAct.high', group: 'design', label: 'Active parameters N_act: band high', unit: 'parameters', get: (c) => num(bandOf(c)?.nAct?.high) },
  { key: 'band.tokens.low', group: 'design', label: 'Training tokens D: band low', unit: 'tokens', get: (c) => num(bandOf(c)?.tokens?.low) },
  { key: 'band.tokens.high', group: 'design', label: 'Training tokens D: band high', unit: 'tokens', get: (c) => num(bandOf(c)?.tokens?.high) },
  { key: 'band.loss.low', group: 'design', label: 'Predicted loss: band low', unit: 'nats per token', get: (c) => num(bandOf(c)?.loss.low) },
  { key: 'band.loss.high', group: 'design', label: 'Predicted loss: band high', unit: 'nats per token', get: (c) => num(bandOf(c)?.loss.high) },
  { key: 'band.expertWins', group: 'design', label: 'How often each E wins across refits', unit: '', get: (c) => (bandOf(c)?.expertWins.length ? fmt.expertWins(bandOf(c)!.expertWins) : null) },
  { key: 'dense.flops', group: 'design', label: 'Dense (E = 1) compute for the same loss', unit: 'FLOPs', get: (c) => num(c.dense?.denseFlops) },
  { key: 'dense.savings', group: 'design', label: 'FLOP savings against dense (E = 1), 1 − F/F_dense', unit: fmt.SHARE_UNIT, get: (c) => num(c.dense?.savings) },
  { key: 'dense.baseline', group: 'design', label: 'Dense baseline (Chinchilla-form set)', unit: '', get: (c) => (c.denseBaseline ? denseBaselineName(c.denseBaseline) : null) },
  { key: 'dense.baselineParams', group: 'design', label: 'Dense baseline: compute-optimal parameters', unit: 'parameters', get: (c) => num(c.denseBaseline?.params) },
  { key: 'dense.baselineTokens', group: 'design', label: 'Dense baseline: compute-optimal tokens', unit: 'tokens', get: (c) => num(c.denseBaseline?.tokens) },
  { key: 'dense.baselineCitation', group: 'provenance', label: 'Dense baseline citation', unit: '', get: (c) => c.denseBaseline?.set?.citation ?? null },
  { key: 'best.shape.dModel', group: 'design', label: 'd_model (exact)', unit: 'dimensions', get: (c) => num(c.best?.shape.dModel) },
  { key: 'best.shape.nBlocks', group: 'design', label: 'Blocks (exact)', unit: 'blocks', get: (c) => num(c.best?.shape.nBlocks) },
  { key: 'best.shape.nHeads', group: 'design', label: 'Heads (exact)', unit: 'heads', get: (c) => num(c.best?.shape.nHeads) },

  { key: 'leverage.activation', group: 'design', label: 'Activation ratio A', unit: 'fraction', get: (c) => num(c.lev?.activation) },
  { key: 'leverage.sharedRatio', group: 'design', label: 'Shared-expert ratio S', unit: 'fraction', get: (c) => num(c.lev?.sharedRatio) },
  { key: 'leverage.granularity', group: 'design', label: 'Granularity G = 2·d_model/d_expert', unit: 'ratio', get: (c) => num(c.lev?.granularity) },
  { key: 'leverage.activationHat', group: 'design', label: 'Saturated activation ratio Â', unit: 'fraction', get: (c) => num(c.lev?.activationHat) },
  { key: 'leverage.exponent', group: 'design', label: 'Exponent on Â', unit: 'dimensionless', get: (c) => num(c.lev?.exponent) },
  { key: 'leverage.el', group: 'design', label: 'Efficiency leverage EL', unit: fmt.TIMES_UNIT, get: (c) => num(c.lev?.el) },
  { key: 'leverage.denseFlops', group: 'design', label: 'Equivalent dense compute EL·C', unit: 'FLOPs', get: (c) => num(c.lev?.denseFlops) },

  { key: 'architecture.feasible', group: 'design', label: 'Optimum found', unit: '', get: (c) => (c.arch ? c.arch.feasible : null) },
  { key: 'architecture.reason', group: 'design', label: 'Why there is no optimum', unit: '', get: (c) => (c.arch && !c.arch.feasible ? c.arch.reason : null) },
  { key: 'architecture.activeExperts', group: 'design', label: 'Optimal activated experts G_opt', unit: 'experts', get: (c) => (c.arch?.feasible ? c.arch.activeExperts : null) },
  { key: 'architecture.sharedRatio', group: 'design', label: 'Optimal shared ratio S_opt', unit: 'fraction', get: (c) => (c.arch?.feasible ? c.arch.sharedRatio : null) },
  { key: 'architecture.activeRatio', group: 'design', label: 'Activation ratio N_a/N (theoretical optimum)', unit: 'fraction', get: (c) => (c.arch?.feasible ? c.arch.activeRatio : null) },
  { key: 'architecture.active', group: 'design', label: 'Active parameters N_a (theoretical optimum)', unit: 'parameters', get: (c) => (c.arch?.feasible ? c.arch.active : null) },
  { key: 'architecture.activeRatioEfficient', group: 'design', label: 'Activation ratio N_a/N (efficiency-aware, τ)', unit: 'fraction', get: (c) => (c.arch?.feasible ? c.arch.activeRatioEfficient : null) },
  { key: 'architecture.activeEfficient', group: 'design', label: 'Active parameters N_a (efficiency-aware, τ)', unit: 'parameters', get: (c) => (c.arch?.feasible ? c.arch.activeEfficient : null) },
  { key: 'architecture.derivedSource', group: 'design', label: 'Losses and curve', unit: '', get: (c) => derivedSource(c.archD, false) },
  { key: 'architecture.lossAtOptimum', group: 'design', label: 'Loss at the theoretical N_a/N (recomputed)', unit: 'nats per token', get: (c) => num(c.archD?.lossAtOptimum) },
  { key: 'architecture.lossAtEfficient', group: 'design', label: 'Loss at the efficiency-aware N_a/N (recomputed)', unit: 'nats per token', get: (c) => num(c.archD?.lossAtEfficient) },
  { key: 'architecture.checked.activeRatio', group: 'design', label: 'Checked design: N_a/N', unit: 'fraction', get: (c) => num(c.archD?.checked?.activeRatio) },
  { key: 'architecture.checked.loss', group: 'design', label: 'Checked design: predicted loss (recomputed)', unit: 'nats per token', get: (c) => num(c.archD?.checked?.loss) },

  { key: 'buildable.dModel', group: 'buildable', label: 'd_model (buildable)', unit: 'dimensions', get: (c) => num(c.best?.buildable.shape.dModel) },
  { key: 'buildable.nBlocks', group: 'buildable', label: 'Blocks (buildable)', unit: 'blocks', get: (c) => num(c.best?.buildable.shape.nBlocks) },
  { key: 'buildable.nHeads', group: 'buildable', label: 'Heads (buildable)', unit: 'heads', get: (c) => num(c.best?.buildable.shape.nHeads) },
  { key: 'buildable.nAct', group: 'buildable', label: 'Active parameters (buildable)', unit: 'parameters', get: (c) => num(c.best?.buildable.nAct) },
  { key: 'buildable.nTotal', group: 'buildable', label: 'Total parameters (buildable)', unit: 'parameters', get: (c) => num(c.best?.buildable.nTotal) },
  { key: 'buildable.tokens', group: 'buildable', label: 'Training tokens (buildable)', unit: 'tokens', get: (c) => num(c.best?.buildable.tokens) },
  { key: 'buildable.loss', group: 'buildable', label: 'Predicted loss (buildable)', unit: 'nats per token', get: (c) => num(c.best?.buildable.loss) },

  { key: 'memory.weightsBytes', group: 'memory', label: 'Weights', unit: 'bytes', get: (c) => num(c.best?.memory.weightsBytes) },
  { key: 'memory.kvBytes', group: 'memory', label: 'KV cache', unit: 'bytes', get: (c) => num(c.best?.memory.kvBytes) },
  { key: 'memory.totalBytes', group: 'memory', label: 'Weights + KV cache', unit: 'bytes', get: (c) => num(c.best?.memory.totalBytes) },
  { key: 'memory.cacheLayout', group: 'memory', label: 'KV cache laid out as', unit: '', get: (c) => (c.plan ? cacheLayoutLabel(c.plan.cacheLayout) : null) },
  { key: 'memory.fits', group: 'memory', label: 'Fits the memory budget', unit: '', get: (c) => (c.best && c.plan?.memoryBytes != null ? c.best.fits : null) },

  { key: 'deployment.cluster', group: 'deployment', label: 'Trained on', unit: '', get: (c) => str(c.plan?.timeCost?.cluster) },
  { key: 'deployment.utilization', group: 'deployment', label: 'Utilisation (MFU)', unit: fmt.SHARE_UNIT, get: (c) => num(c.plan?.timeCost?.utilization) },
  { key: 'deployment.gpuHours', group: 'deployment', label: 'GPU-hours', unit: 'device-hours', get: (c) => num(c.plan?.timeCost?.gpuHours) },
  { key: 'deployment.wallClockDays', group: 'deployment', label: 'Wall-clock time', unit: 'days', get: (c) => num(c.plan?.timeCost?.wallClockDays) },
  { key: 'deployment.pricePerDeviceHour', group: 'deployment', label: 'Price per device-hour', unit: 'USD', get: (c) => num(c.plan?.timeCost?.pricePerDeviceHour) },
  { key: 'deployment.costUsd', group: 'deployment', label: 'Training cost', unit: 'USD', get: (c) => num(c.plan?.timeCost?.costUsd) },
  { key: 'deployment.energyKwh', group: 'deployment', label: 'Training energy', unit: 'kWh', get: (c) => num(c.plan?.timeCost?.energyKwh) },

  { key: 'recipe.peakLearningRate', group: 'recipe', label: 'Peak learning rate', unit: '1', get: (c) => num(c.best?.recipe.learningRateSchedule.peakLearningRate) },
  { key: 'recipe.warmupEndTokens', group: 'recipe', label: 'Warm-up ends at', unit: 'tokens', get: (c) => num(c.best?.recipe.learningRateSchedule.warmupEndTokens) },
  { key: 'recipe.decayStartTokens', group: 'recipe', label: 'Decay starts at', unit: 'tokens', get: (c) => num(c.best?.recipe.learningRateSchedule.decayStartTokens) },
  { key: 'recipe.finalBatchTokens', group: 'recipe', label: 'Final batch size', unit: 'tokens', get: (c) => num(c.best?.recipe.batchRampUp.at(-1)?.batchTokens) },

  { key: 'leverage.derivedSource', group: 'recipe', label: 'Allocation and hyper-parameters at C', unit: '', get: (c) => derivedSource(c.levD, c.levD?.allocation?.source === 'saved') },
  ...(['moe', 'dense'] as const).flatMap((k): QuantityDef[] => {
    const who = k === 'moe' ? 'MoE' : 'Dense';
    const alloc = (c: Ctx) => c.levD?.allocation?.[k] ?? null;
    return [
      { key: `leverage.${k}.flopsPerToken`, group: 'recipe', label: `${who}: compute-optimal FLOPs per token M`, unit: 'FLOPs per token', get: (c) => num(alloc(c)?.flopsPerToken) },
      { key: `leverage.${k}.tokens`, group: 'recipe', label: `${who}: compute-optimal tokens D`, unit: 'tokens', get: (c) => num(alloc(c)?.tokens) },
      { key: `leverage.${k}.learningRate`, group: 'recipe', label: `${who}: optimal learning rate`, unit: '1', get: (c) => num(alloc(c)?.learningRate) },
      { key: `leverage.${k}.batchTokens`, group: 'recipe', label: `${who}: optimal batch size`, unit: 'tokens', get: (c) => num(alloc(c)?.batchTokens) },
    ];
  }),

  { key: 'provenance.law', group: 'provenance', label: 'Law', unit: '', get: (c) => c.provenance?.law.name ?? null },
  { key: 'provenance.coefficientSet', group: 'provenance', label: 'Coefficient set name', unit: '', get: (c) => c.provenance?.coefficientSet.name ?? null },
  { key: 'flags.count', group: 'provenance', label: 'Warnings (extrapolation etc.)', unit: 'count', get: (c) => (c.s.results == null ? null : c.flags.length) },
];

/** The snapshot's own flags, then those of the figures the report derived, without repeats. */
function scenarioFlags(results: unknown, levD: LeverageDerived | null, archD: ArchitectureDerived | null): SnapshotFlag[] {
  const own = readFlags(results);
  const seen = new Set(own.map((f) => f.message));
  const derived = [...(levD?.flags ?? []), ...(archD?.flags ?? [])].filter((f) => {
    if (seen.has(f.message)) return false;
    seen.add(f.message);
    return true;
  });
  return [...own, ...derived];
}

function sameCell(a: Cell, b: Cell): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
}

/** True when the row's values are not all the same (null included as a value of its own). */
export function rowDiffers(values: readonly Cell[]): boolean {
  return values.some((v) => !sameCell(v, values[0] ?? null));
}

function contextOf(s: ReportScenario, resolve: SetResolver, resolveHardware?: HardwareResolver): Ctx {
  const plan = readPlan(s.results);
  const lev = plan ? null : readLeverage(s.results);
  const arch = plan || lev ? null : readArchitecture(s.results);
  const target = readTarget(s.results);
  const levD = lev ? deriveLeverage(lev, resolve) : null;
  const archD = arch ? deriveArchitecture(arch, s.inputs, resolve) : null;
  const laidOut = plan !== null || lev !== null || arch !== null || target !== null;
  return {
    s,
    plan,
    best: plan?.best ?? null,
    lev,
    levD,
    arch,
    archD,
    dense: plan?.best ? (denseSavingsFor(plan, resolve)?.(plan.best.trainingFlops, plan.best.loss) ?? null) : null,
    denseBaseline: plan ? denseBaselineOf(s.wizard, s.inputs, plan, resolve) : null,
    provenance: readProvenance(s.results),
    band: plan ? readBand(plan) : null,
    checked: arch ? readCheckedDesign(s.inputs) : {},
    target,
    targetValues: new Map(target ? targetRows(target).map((r) => [r.key, r.value]) : []),
    scalars: laidOut ? null : new Map(readScalars(s.results)),
    flags: scenarioFlags(s.results, levD, archD),
    resolveHardware,
  };
}

/** The scenario's snapshot read as a leverage result or an architecture optimum, with its derived figures (for the PDF). */
export function lawContext(s: ReportScenario, options: ComparisonOptions = {}): Pick<Ctx, 'lev' | 'levD' | 'arch' | 'archD' | 'dense' | 'denseBaseline'> {
  return contextOf(s, options.resolveSet ?? publishedSetResolver);
}

/**
 * Top-level numbers of a snapshot that is not a plan (a later wizard's results), so a
 * comparison across wizards still shows them; unit unknown.
 */
function otherQuantities(ctxs: Ctx[]): QuantityDef[] {
  const keys = new Set<string>();
  for (const c of ctxs) for (const k of c.scalars?.keys() ?? []) keys.add(k);
  return [...keys].sort().map((k) => ({
    key: `results.${k}`,
    group: 'other' as const,
    label: k,
    unit: '',
    get: (c: Ctx) => c.scalars?.get(k) ?? null,
  }));
}

/** Rows of saved reverse plans ('target'): the goal and each law's winners, keyed so two targets line up. */
function targetQuantities(ctxs: Ctx[]): QuantityDef[] {
  const defs = new Map<string, QuantityDef>();
  for (const c of ctxs) {
    if (!c.target) continue;
    for (const r of targetRows(c.target)) {
      if (defs.has(r.key)) continue;
      defs.set(r.key, {
        key: r.key,
        group: r.group,
        label: r.label,
        unit: r.unit,
        get: (x: Ctx) => x.targetValues.get(r.key) ?? null,
      });
    }
  }
  return [...defs.values()];
}

export function buildComparison(scenarios: readonly ReportScenario[], options: ComparisonOptions = {}): ComparisonModel {
  const resolve = options.resolveSet ?? publishedSetResolver;
  const ctxs = scenarios.map((s) => contextOf(s, resolve, options.resolveHardware));
  const defs = [...QUANTITIES, ...targetQuantities(ctxs), ...otherQuantities(ctxs)];
  const rows: ComparisonRow[] = [];
  for (const d of defs) {
    const values = ctxs.map((c) => d.get(c));
    // Rows no scenario has are left out (e.g. memory rows when none was memory-bound).
    if (values.every((v) => v === null)) continue;
    rows.push({ key: d.key, group: d.group, label: d.label, unit: d.unit, values, differs: scenarios.length > 1 && rowDiffers(values) });
  }
  const columns: ComparisonColumn[] = ctxs.map(({ s, plan, best }) => ({
    id: s.id,
    name: s.name,
    wizard: s.wizard,
    projectId: s.projectId,
    projectName: s.projectName,
    tags: [...s.tags],
    inputsChanged: s.inputsChanged,
    changedInputs: s.changedInputs.map((c) => ({ ...c })),
    hasResults: s.results !== null && s.results !== undefined,
    isPlan: plan !== null,
    bestExperts: best?.experts ?? null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }));
  const flags: ComparisonFlag[] = ctxs.flatMap((c) => c.flags.map((f) => ({ ...f, scenarioId: c.s.id })));
  return { columns, rows, charts: buildCharts(ctxs), citations: citationsOf(ctxs), flags, assumptions: assumptionsOf(ctxs) };
}

function citationsOf(ctxs: Ctx[]): Citation[] {
  const byKey = new Map<string, Citation>();
  for (const { s, denseBaseline, target, provenance } of ctxs) {
    // A reverse plan cites every law it consulted; other snapshots carry one provenance.
    const provenances = target?.laws.map((l) => l.provenance) ?? [provenance];
    const entries: Citation[] = [];
    for (const p of provenances) {
      if (!p) continue;
      entries.push(
        { kind: 'law', id: p.law.id, name: p.law.name, citation: p.law.citation, provenance: null, scenarioIds: [] },
        { kind: 'coefficient-set', id: p.coefficientSet.id, name: p.coefficientSet.name, citation: p.coefficientSet.citation, provenance: p.coefficientSet.provenance, scenarioIds: [] },
      );
    }
    const b = denseBaseline?.set;
    if (b) entries.push({ kind: 'coefficient-set', id: b.id, name: `${b.name} (dense baseline)`, citation: b.citation, provenance: b.provenance, scenarioIds: [] });
    for (const e of entries) {
      const key = `${e.kind}:${e.id}`;
      const have = byKey.get(key) ?? e;
      if (!have.scenarioIds.includes(s.id)) have.scenarioIds.push(s.id);
      byKey.set(key, have);
    }
  }
  return [...byKey.values()];
}

function assumptionsOf(ctxs: Ctx[]): string[] {
  const out = [
    'Units: parameters, tokens and FLOPs are raw counts; memory in bytes (GB = 10⁹ bytes, GiB = 2³⁰ bytes); loss in nats per token (natural log); ratios (A, S, N_a/N) as fractions of 1; EL as a multiple (×).',
  ];
  if (ctxs.some((c) => c.plan)) {
    out.push(
      'Training compute is 6·N_act·D FLOPs; inference costs 2·N_act FLOPs per token.',
      '“Exact” shapes solve the law’s optimum in real numbers; “buildable” shapes round to whole blocks and heads, and their figures are recomputed at that size.',
      'Savings against dense compare with the joint law’s own dense model (E = 1, the same coefficients and data). The dense baseline (a Chinchilla-form set, published or fitted) gives the familiar dense model’s compute-optimal size and tokens at the same budget; its losses come from other data and are not compared.',
    );
  }
  if (ctxs.some((c) => c.lev)) out.push(...LEVERAGE_NOTES);
  if (ctxs.some((c) => c.arch)) out.push(...ARCHITECTURE_NOTES);
  for (const c of ctxs) {
    const d = c.levD ?? c.archD;
    if (!d) continue;
    if (d.set?.notes) out.push(`Coefficient set ${d.set.id}: ${d.set.notes}`);
    if (d.set?.provenance === 'secondary-transcription') out.push(`Coefficient set ${d.set.id} is a secondary transcription: ${d.set.source}.`);
    out.push(
      d.set && !d.missing
        ? `${c.s.name}: figures marked “recomputed” were computed for this report by the engine with coefficient set ${d.set.id} as it is now${c.s.inputsChanged ? ' (it changed since the scenario was saved)' : ''}; the rest are the saved results.`
        : `${c.s.name}: derived figures not recomputed (${d.missing ?? 'no coefficient set'}); only the saved results are shown.`,
    );
  }
  const laws = new Set<string>();
  for (const { s, plan, provenance: p } of ctxs) {
    if (p) laws.add(p.law.id);
    if (plan) {
      out.push(
        `${s.name}: weights at ${plan.precision.bytesPerWeight} bytes each, KV cache at ${plan.precision.bytesPerKvValue} bytes per value for ${plan.kvTokens} tokens; learning rate scaled on ${plan.learningRateBasis.replace(/-/g, ' ')} parameters.`,
      );
      for (const note of plan.best?.recipe.notes ?? []) out.push(`${s.name}: ${note}`);
    }
  }
  for (const id of laws) {
    const d = lawDescription(id);
    if (!d) continue;
    const ranges = Object.entries(d.fittedRanges)
      .map(([k, r]) => `${k} ${r.min !== undefined ? `${fmt.cell(r.min, r.unit)}–` : '≤ '}${r.max !== undefined ? fmt.cell(r.max, r.unit) : '∞'}${r.unit && r.unit !== '1' && !fmt.unitInCell(r.unit) ? ` ${r.unit}` : ''}`)
      .join('; ');
    out.push(`${d.name} was fitted on: ${ranges}. Figures outside these ranges are extrapolations and are flagged.`);
  }
  return [...new Set(out)];
}

// ---- Charts -------------------------------------------------------------------------------

function buildCharts(ctxs: Ctx[]): ChartData[] {
  return [...planCharts(ctxs), ...lawCharts(ctxs)].filter((ch) => ch.series.some((s) => s.points.length > 0));
}

/** EL against A at each leverage scenario's G and C; loss against N_a/N at each architecture scenario's G_opt, S_opt. */
function lawCharts(ctxs: Ctx[]): ChartData[] {
  const charts: ChartData[] = [];
  const levs = ctxs.filter((c) => c.lev && c.levD && c.levD.curve.length > 0);
  if (levs.length) {
    charts.push({
      id: 'el-vs-activation',
      title: 'Efficiency leverage against activation ratio (at each scenario’s G and C)',
      x: { name: 'Activation ratio A', unit: 'fraction', log: true, categories: null },
      y: { name: 'Efficiency leverage EL', unit: fmt.TIMES_UNIT, log: false, categories: null },
      series: levs.flatMap((c) => [
        {
          name: `${c.s.name}: G = ${fmt.significant(c.lev!.granularity, 3)}, C = ${fmt.flops(c.lev!.flops)} FLOPs`,
          scenarioId: c.s.id,
          type: 'line' as const,
          stack: null,
          points: c.levD!.curve.map((p) => ({ x: p.activation, y: p.el })),
        },
        {
          name: `${c.s.name}: this design`,
          scenarioId: c.s.id,
          type: 'scatter' as const,
          stack: null,
          points: [{ x: c.lev!.activation, y: c.lev!.el, label: `A = ${fmt.significant(c.lev!.activation, 3)}, EL = ${fmt.times(c.lev!.el)}` }],
        },
      ]),
    });
  }
  const archs = ctxs.filter((c) => c.arch?.feasible && c.archD && c.archD.curve.length > 0);
  if (archs.length) {
    charts.push({
      id: 'loss-vs-active-ratio',
      title: 'Loss against activation ratio N_a/N (at G_opt and S_opt)',
      x: { name: 'Activation ratio N_a/N', unit: 'fraction', log: true, categories: null },
      y: { name: 'Loss', unit: 'nats per token', log: false, categories: null },
      series: archs.flatMap((c) => {
        const a = c.arch;
        const d = c.archD;
        if (!a?.feasible || !d) return [];
        const marks: Array<{ x: number; y: number; label: string }> = [];
        if (d.lossAtEfficient !== null) marks.push({ x: a.activeRatioEfficient, y: d.lossAtEfficient, label: `τ = ${fmt.significant(a.threshold, 3)}: N_a/N = ${fmt.significant(a.activeRatioEfficient, 3)}` });
        if (d.lossAtOptimum !== null) marks.push({ x: a.activeRatio, y: d.lossAtOptimum, label: `optimum: N_a/N = ${fmt.significant(a.activeRatio, 3)}` });
        return [
          { name: `${c.s.name}: N = ${fmt.count(a.total)}, D = ${fmt.count(c.checked.tokens)}`, scenarioId: c.s.id, type: 'line' as const, stack: null, points: d.curve.map((p) => ({ x: p.activeRatio, y: p.loss })) },
          { name: `${c.s.name}: efficiency-aware (τ) and theoretical optimum`, scenarioId: c.s.id, type: 'scatter' as const, stack: null, points: marks },
        ];
      }),
    });
  }
  return charts;
}

/** A plan's per-E loss band as two dashed edges ("… band low/high"), when it has one. */
function bandEdges(c: Ctx, name: string): ChartSeries[] {
  const b = bandOf(c);
  const per = (b?.perExpert ?? []).slice().sort((p, q) => p.experts - q.experts);
  if (!b || per.length === 0) return [];
  const what = b.kind === 'bootstrap' ? '90 % band' : 'published fit error';
  return (['low', 'high'] as const).map((edge) => ({
    name: `${name}: ${what}, ${edge}`,
    scenarioId: c.s.id,
    type: 'line' as const,
    stack: null,
    band: true,
    points: per.map((p) => ({ x: p.experts, y: p.loss[edge] })),
  }));
}

function planCharts(ctxs: Ctx[]): ChartData[] {
  const plans = ctxs.filter((c): c is Ctx & { plan: PlanSnapshot } => c.plan !== null);
  if (plans.length === 0) return [];
  const charts: ChartData[] = [];
  const label = (c: Ctx) => c.s.name;

  charts.push({
    id: 'loss-per-expert',
    title: 'Predicted loss per expert count',
    x: { name: 'Experts E', unit: 'experts', log: true, categories: null },
    y: { name: 'Loss', unit: 'nats per token', log: false, categories: null },
    series: plans.flatMap((c) => [
      {
        name: label(c),
        scenarioId: c.s.id,
        type: 'line' as const,
        stack: null,
        points: feasibleCandidates(c.plan).map((k) => ({ x: k.experts, y: k.loss })),
      },
      ...bandEdges(c, label(c)),
    ]),
  });

  charts.push({
    id: 'loss-vs-memory',
    title: 'Loss against memory (one point per E)',
    x: { name: 'Memory, weights + KV cache', unit: 'bytes', log: true, categories: null },
    y: { name: 'Loss', unit: 'nats per token', log: false, categories: null },
    series: plans.map((c) => ({
      name: label(c),
      scenarioId: c.s.id,
      type: 'scatter' as const,
      stack: null,
      points: feasibleCandidates(c.plan).map((k) => ({ x: k.memory.totalBytes, y: k.loss, label: `E=${k.experts}` })),
    })),
  });

  if (plans.length > 1) {
    charts.push({
      id: 'loss-vs-budget',
      title: 'Best loss against training budget',
      x: { name: 'Training budget', unit: 'FLOPs', log: true, categories: null },
      y: { name: 'Best loss', unit: 'nats per token', log: false, categories: null },
      series: plans
        .filter((c) => c.plan.best)
        .map((c) => ({ name: label(c), scenarioId: c.s.id, type: 'scatter' as const, stack: null, points: [{ x: c.plan.flops, y: c.plan.best!.loss }] })),
    });
    const withBest = plans.filter((c) => c.plan.best);
    const categories = withBest.map(label);
    charts.push({
      id: 'memory-breakdown',
      title: 'Memory of the best design',
      x: { name: 'Scenario', unit: '', log: false, categories },
      y: { name: 'Memory', unit: 'bytes', log: false, categories: null },
      series: [
        { name: 'Weights', scenarioId: null, type: 'bar', stack: 'memory', points: withBest.map((c) => ({ x: label(c), y: c.plan.best!.memory.weightsBytes })) },
        { name: 'KV cache', scenarioId: null, type: 'bar', stack: 'memory', points: withBest.map((c) => ({ x: label(c), y: c.plan.best!.memory.kvBytes })) },
      ],
    });
  } else {
    const c = plans[0]!;
    const feasible = feasibleCandidates(c.plan);
    const categories = feasible.map((k) => `E = ${k.experts}`);
    charts.push({
      id: 'memory-breakdown',
      title: 'Memory per expert count',
      x: { name: 'Expert count', unit: '', log: false, categories },
      y: { name: 'Memory', unit: 'bytes', log: false, categories: null },
      series: [
        { name: 'Weights', scenarioId: c.s.id, type: 'bar', stack: 'memory', points: feasible.map((k, i) => ({ x: categories[i]!, y: k.memory.weightsBytes })) },
        { name: 'KV cache', scenarioId: c.s.id, type: 'bar', stack: 'memory', points: feasible.map((k, i) => ({ x: categories[i]!, y: k.memory.kvBytes })) },
      ],
    });
  }
  return charts;
}
