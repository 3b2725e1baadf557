/**
 * A joint-law design plan (the response of plan.compute, plan.memory and plan.inference, and
 * the results a compute, memory or inference scenario saves): one candidate per expert count,
 * each with its exact and buildable figures, memory, learning rate and training recipe.
 */
import { z } from 'zod';
import { bandJobNoticeSchema } from './band-notice';
import type { BuildableFigures, FeasibleCandidate, InfeasibleCandidate } from '../engine/joint/candidate';
import type { TrainingRecipe } from '../engine/joint/training-recipe';
import type { PlanBand } from '../engine/uncertainty/plan-band';
import { flagSchema } from './flags';
import { mirrors } from './mirror';
import { provenanceSchema } from './provenance';
import { timeCostSchema } from './time-cost';
import { attentionChoiceSchema } from './attention';

export const MEMORY_MODES = ['model', 'total'] as const;
export const LEARNING_RATE_BASES = ['active-non-embedding', 'active-with-embedding'] as const;
export const DESIGN_PROBLEMS = ['compute-optimal', 'model-memory-optimal', 'total-memory-optimal', 'inference-optimal'] as const;

export const shapeSchema = z.object({
  basis: z.enum(['exact', 'buildable']),
  dModel: z.number(),
  nBlocks: z.number(),
  nHeads: z.number(),
  experts: z.number(),
  vocab: z.number(),
});

const memorySchema = z.object({
  weightsBytes: z.number(),
  kvBytes: z.number(),
  totalBytes: z.number(),
  mode: z.enum(MEMORY_MODES),
  countedBytes: z.number(),
  budgetBytes: z.number().nullable(),
});

const learningRateSchema = z.object({
  value: z.number(),
  basis: z.enum(LEARNING_RATE_BASES),
  parameterCount: z.number(),
  experts: z.number(),
});

const figures = {
  nAct: z.number(),
  nTotal: z.number(),
  nActNonEmbedding: z.number(),
  tokens: z.number(),
  tokensPerParam: z.number(),
  loss: z.number(),
  trainingFlops: z.number(),
  inferenceFlops: z.number(),
  memory: memorySchema,
  fits: z.boolean(),
  learningRate: learningRateSchema,
  shape: shapeSchema,
};

export const recipeSchema = z.object({
  tokens: z.number(),
  batchRampUp: z.array(z.object({ fromTokens: z.number(), toTokens: z.number(), batchTokens: z.number() })),
  learningRateSchedule: z.object({
    peakLearningRate: z.number(),
    warmupEndTokens: z.number(),
    decayStartTokens: z.number(),
    decayEndTokens: z.number(),
    shape: z.string(),
  }),
  routerZLoss: z.number(),
  loadBalancingLoss: z.number(),
  initScale: z.number(),
  data: z.string(),
  tokenizer: z.string(),
  notes: z.array(z.string()),
});
export type Recipe = z.infer<typeof recipeSchema>;
mirrors<Recipe, TrainingRecipe>(true);

export const buildableFiguresSchema = z.object({ ...figures, basis: z.literal('buildable') });
export type Figures = z.infer<typeof buildableFiguresSchema> | z.infer<typeof feasibleCandidateSchema>;
mirrors<z.infer<typeof buildableFiguresSchema>, BuildableFigures>(true);

export const feasibleCandidateSchema = z.object({
  feasible: z.literal(true),
  experts: z.number(),
  basis: z.literal('exact'),
  ...figures,
  buildable: buildableFiguresSchema,
  bindingConstraint: z.enum(['compute', 'memory']),
  recipe: recipeSchema,
  flags: z.array(flagSchema),
});
export type Feasible = z.infer<typeof feasibleCandidateSchema>;
mirrors<Feasible, FeasibleCandidate>(true);

export const infeasibleCandidateSchema = z.object({
  feasible: z.literal(false),
  experts: z.number(),
  reason: z.string(),
  flags: z.array(flagSchema),
});
mirrors<z.infer<typeof infeasibleCandidateSchema>, InfeasibleCandidate>(true);

export const candidateSchema = z.discriminatedUnion('feasible', [feasibleCandidateSchema, infeasibleCandidateSchema]);
export type Candidate = z.infer<typeof candidateSchema>;

/** How a memory budget given as bytes or as a hardware profile was resolved to bytes. */
export const resolvedMemorySchema = z.object({
  bytes: z.number(),
  source: z.string(),
  hardwareId: z.string().nullable(),
  deviceCount: z.number().nullable(),
  usableFraction: z.number(),
});
export type ResolvedMemory = z.infer<typeof resolvedMemorySchema>;

/** A 90 % bootstrap band, for answers made with a fitted set that has replicates. */
export const bandSchema = z.object({ low: z.number(), high: z.number() });

/** A forward plan's uncertainty (engine/uncertainty's PlanBand). */
export const planBandSchema = z.object({
  kind: z.enum(['bootstrap', 'published-fit-error']),
  label: z.string(),
  replicates: z.number().nullable(),
  /** Published fit error: the loss band's half-width (nats/token). */
  lossHalfWidth: z.number().nullable().optional(),
  confidence: z.number().nullable().optional(),
  /** Null for a published fit error, which bands the loss only. */
  nAct: bandSchema.nullable(),
  tokens: bandSchema.nullable(),
  loss: bandSchema,
  expertWins: z.array(z.object({ experts: z.number(), share: z.number() })),
  perExpert: z.array(z.object({ experts: z.number(), nAct: bandSchema.nullable(), tokens: bandSchema.nullable(), loss: bandSchema })).optional(),
  /** Bootstrap: each refit's best design, what the band's quantiles and win shares are taken over (null for a published fit error, and in bands saved before 2026-12-02: snapshots.ts). */
  winners: z.array(z.object({ experts: z.number(), nAct: z.number(), tokens: z.number(), loss: z.number() })).nullable(),
  /** Bootstrap: replicates re-solved, those with no feasible design included. */
  refits: z.number().nullable(),
});
/** Optional here only for bands saved before lossHalfWidth, confidence and perExpert existed. */
mirrors<z.infer<typeof planBandSchema>, PlanBand>(true);

export const planSchema = z.object({
  problem: z.enum(DESIGN_PROBLEMS),
  flops: z.number(),
  experts: z.array(z.number()),
  kvTokens: z.number(),
  precision: z.object({ bytesPerWeight: z.number(), bytesPerKvValue: z.number() }),
  learningRateBasis: z.enum(LEARNING_RATE_BASES),
  coefficientSetId: z.string(),
  inferenceTokens: z.number(),
  memoryBytes: z.number().nullable(),
  memoryMode: z.enum(MEMORY_MODES).nullable(),
  memory: resolvedMemorySchema.nullable(),
  /** How the KV cache in the memory figures is laid out: MHA (the joint law's convention) unless the request chose another. */
  cacheLayout: attentionChoiceSchema,
  /** Which cache convention is in force, in a sentence the UI and reports show beside the cap. */
  cacheLayoutNote: z.string(),
  candidates: z.array(candidateSchema),
  best: feasibleCandidateSchema.nullable(),
  feasible: z.boolean(),
  reason: z.string().optional(),
  /** Why the best E won, in a sentence. */
  bestReason: z.string(),
  /** GPU-hours, wall-clock days and money for the best design's training FLOPs, when a hardware profile is given. */
  timeCost: timeCostSchema.nullable(),
  /**
   * Inference plans only: how the budget was given. With 'training', the total is the training
   * budget plus serving the inference tokens with the compute-optimal model of that budget, and
   * that total is then split anew between training and inference.
   */
  budget: z
    .object({
      given: z.number(),
      meaning: z.enum(['total', 'training']),
      totalFlops: z.number(),
      computeOptimalAtTraining: z.object({ experts: z.number(), nAct: z.number(), loss: z.number(), inferenceFlops: z.number() }).nullable(),
    })
    .nullable(),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
  /**
   * How sure the recommendation is. 'bootstrap' (a fitted set with replicates): the 90 % band of
   * the best design's N_act, tokens and loss over the refits and how often each E wins.
   * 'published-fit-error' (a published set): the paper's reported fit error as a loss band only,
   * labelled as such. Null when the set has neither. Per E for charts.
   */
  uncertainty: planBandSchema.nullable().optional(),
  /** Set when the set's replicates are too many to re-solve inline: the band is then a band.start job and `uncertainty` is null. */
  bandJob: bandJobNoticeSchema.nullable().optional(),
});
export type Plan = z.infer<typeof planSchema>;
