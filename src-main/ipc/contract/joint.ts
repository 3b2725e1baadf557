/** Channels of the joint MoE scaling law (Ludziejewski, Pióro et al. 2025) and its design problems. */
import { z } from 'zod';
import { channel, positive } from './define';
import { coefficientSetIdField, expertsField, flagSchema, flopsField, memoryBudgetFields, precisionFields, provenanceSchema } from './common';
import { attentionChoiceSchema, timeCostFields } from './deploy';
import { MEMORY_MODES, planSchema } from '../../schema/plan';
import { denseMoeComparisonSchema, isoFlopSweepSchema, memorySweepSchema, optimalExpertTableSchema, savingsSweepSchema } from '../../schema/joint-results';

const planBase = {
  flops: flopsField,
  experts: expertsField.optional(),
  /** Keep only the expert counts the joint law's runs used, E ∈ {1, 2, 4, 8, 16, 32}. */
  fittedExpertsOnly: z.boolean().default(false),
  coefficientSetId: coefficientSetIdField,
  learningRateBasis: z.enum(['active-non-embedding', 'active-with-embedding']).default('active-non-embedding'),
  ...precisionFields,
  ...timeCostFields,
  /**
   * The cluster that prices the plan (GPU-hours, days, money, energy), apart from any memory cap:
   * a memory plan capped by one serving device is still trained on many. Default: the request's
   * hardwareId and deviceCount, when it has them.
   */
  trainingCluster: z
    .object({ hardwareId: z.string().min(1, 'hardwareId must not be empty').max(100), deviceCount: memoryBudgetFields.deviceCount })
    .optional(),
};

const memoryModeField = z.enum(MEMORY_MODES).default('total');
/** The attention layout whose KV cache counts against a memory cap; absent means MHA, the joint law's convention. */
const capAttentionField = attentionChoiceSchema.optional();

export const jointChannels = {
  'law.joint': channel({
    summary: 'Loss of the joint MoE law for active parameters, tokens and experts, with its per-E reduction',
    request: z.object({
      nAct: positive('nAct').max(1e15, 'nAct must be at most 1e15'),
      tokens: positive('tokens').max(1e17, 'tokens must be at most 1e17'),
      experts: z.number().int('experts must be a whole number').min(1).max(4096),
      coefficientSetId: coefficientSetIdField,
    }),
    response: z.object({
      loss: z.number(),
      eHat: z.number(),
      perExpert: z.object({ m: z.number(), mu: z.number(), n: z.number(), nu: z.number(), c: z.number() }),
      /** Total parameters of the paper-rule shape (N_blocks = N_heads = d_model/64) with this N_act and E. */
      nTotal: z.number(),
      /** 6·N_act·D. */
      trainingFlops: z.number(),
      flags: z.array(flagSchema),
      provenance: provenanceSchema,
    }),
  }),
  'plan.compute': channel({
    summary: 'Compute-optimal design per expert count for a FLOP budget (training only)',
    request: z.object({ ...planBase, hardwareId: memoryBudgetFields.hardwareId, deviceCount: memoryBudgetFields.deviceCount }),
    response: planSchema,
  }),
  'plan.memory': channel({
    summary: 'Best design per expert count that fits a memory budget (model-only or weights + KV cache)',
    request: z
      .object({ ...planBase, ...memoryBudgetFields, memoryMode: memoryModeField, attention: capAttentionField })
      .refine((r) => r.memoryBytes !== undefined || r.hardwareId !== undefined, {
        message: 'give a memory budget: memoryBytes or hardwareId',
        path: ['memoryBytes'],
      }),
    response: planSchema,
  }),
  'plan.inference': channel({
    summary: 'Best design when one FLOP budget pays for training and lifetime inference tokens, optionally within memory',
    request: z.object({
      ...planBase,
      inferenceTokens: positive('inferenceTokens').max(1e18, 'inferenceTokens must be at most 1e18'),
      /** 'total' (default): flops pays for training and inference. 'training': flops is the training budget alone. */
      budgetIs: z.enum(['total', 'training']).default('total'),
      ...memoryBudgetFields,
      memoryMode: memoryModeField,
      attention: capAttentionField,
    }),
    response: planSchema,
  }),
  'compare.denseMoe': channel({
    summary: 'FLOP savings of the compute-optimal MoE that matches a compute-optimal dense model, or the rule of thumb at a fixed total size',
    request: z
      .object({
        flops: flopsField.optional(),
        totalParams: positive('totalParams').max(1e14).optional(),
        /** With totalParams: the dense model's training tokens (default: its compute-optimal count), e.g. the paper's 1.1B on 8B. */
        denseTokens: positive('denseTokens').max(1e17, 'denseTokens must be at most 1e17').optional(),
        experts: expertsField.optional(),
        coefficientSetId: coefficientSetIdField,
      })
      .refine((r) => (r.flops === undefined) !== (r.totalParams === undefined), {
        message: 'give exactly one of flops or totalParams',
        path: ['flops'],
      })
      .refine((r) => r.denseTokens === undefined || r.totalParams !== undefined, {
        message: 'denseTokens goes with totalParams (the rule of thumb)',
        path: ['denseTokens'],
      }),
    response: denseMoeComparisonSchema,
  }),
  'sweep.isoFlop': channel({
    summary: 'Loss along iso-FLOP lines per expert count (Fig. 2a)',
    request: z.object({
      flops: flopsField,
      experts: expertsField.optional(),
      /** Keep only the E values the joint law was fitted on (the plans' switch of the same name). */
      fittedExpertsOnly: z.boolean().default(false),
      points: z.number().int().min(5).max(1000).default(120),
      coefficientSetId: coefficientSetIdField,
    }),
    response: isoFlopSweepSchema,
  }),
  'sweep.memory': channel({
    summary: 'Best loss versus memory budget per expert count, truncated at the compute-optimal point (Fig. 1a, 3)',
    request: z.object({
      flops: flopsField,
      experts: expertsField.optional(),
      /** Keep only the E values the joint law was fitted on (the plans' switch of the same name). */
      fittedExpertsOnly: z.boolean().default(false),
      inferenceTokens: z.number().nonnegative().max(1e18).default(0),
      memoryMode: memoryModeField,
      minBytes: positive('minBytes').optional(),
      maxBytes: positive('maxBytes').optional(),
      points: z.number().int().min(5).max(1000).default(200),
      coefficientSetId: coefficientSetIdField,
      ...precisionFields,
      attention: capAttentionField,
    }),
    response: memorySweepSchema,
  }),
  'sweep.savings': channel({
    summary: 'FLOP savings against dense across budgets per expert count (Fig. 2b)',
    request: z.object({
      minFlops: flopsField.default(1e18),
      maxFlops: flopsField.default(1e25),
      experts: expertsField.optional(),
      /** Keep only the E values the joint law was fitted on (the plans' switch of the same name). */
      fittedExpertsOnly: z.boolean().default(false),
      points: z.number().int().min(5).max(500).default(60),
      coefficientSetId: coefficientSetIdField,
    }),
    response: savingsSweepSchema,
  }),
  'table.optimalExperts': channel({
    summary: 'Optimal expert count for budgets × memory budgets (Table 2)',
    request: z.object({
      budgets: z.array(flopsField).min(1).max(20).optional(),
      hardwareIds: z.array(z.string().min(1)).min(1).max(12).optional(),
      experts: expertsField.optional(),
      /** Keep only the E values the joint law was fitted on (the plans' switch of the same name). */
      fittedExpertsOnly: z.boolean().default(false),
      inferenceTokens: z.number().nonnegative().max(1e18).default(0),
      memoryMode: memoryModeField,
      coefficientSetId: coefficientSetIdField,
      ...precisionFields,
    }),
    response: optimalExpertTableSchema,
  }),
};
