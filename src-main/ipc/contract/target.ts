/** Reverse planning: from a target loss, or a dense or MoE model to match, to the cheapest design per law and E. */
import { z } from 'zod';
import { channel, nonNegative, positive } from './define';
import { coefficientSetIdField, expertsField, flagSchema, precisionFields, provenanceSchema } from './common';

export const TARGET_LAWS = ['joint', 'chinchilla', 'comprehensive'] as const;
export const TARGET_OBJECTIVES = ['trainingFlops', 'servingMemory', 'lifetimeFlops', 'money'] as const;

const params = (what: string) => positive(what).max(1e15, `${what} must be at most 1e15 parameters`);
const tokens = (what: string) => positive(what).max(1e17, `${what} must be at most 1e17 tokens`);

export const targetGoalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('loss'), loss: positive('loss').max(100, 'loss must be at most 100 nats/token') }),
  z.object({ kind: z.literal('match-dense'), params: params('params'), tokens: tokens('tokens') }),
  z.object({ kind: z.literal('match-dense-optimal'), flops: positive('flops').max(1e30, 'flops must be at most 1e30') }),
  z.object({
    kind: z.literal('match-moe'),
    nAct: params('nAct'),
    tokens: tokens('tokens'),
    experts: z.number().int('experts must be a whole number').min(1, 'experts must be at least 1').max(4096, 'experts must be at most 4096'),
  }),
]);

const range = z.object({ low: z.number(), high: z.number() });

const designSchema = z.object({
  objective: z.enum(TARGET_OBJECTIVES),
  nAct: z.number(),
  nTotal: z.number(),
  tokens: z.number(),
  tokensPerParam: z.number(),
  loss: z.number(),
  trainingFlops: z.number(),
  inferenceFlops: z.number(),
  lifetimeFlops: z.number(),
  weightsBytes: z.number(),
  kvBytes: z.number(),
  servingBytes: z.number(),
  deviceHours: z.object({ training: z.number(), inference: z.number(), total: z.number() }).nullable(),
  money: z.object({ training: z.number(), inference: z.number(), total: z.number() }).nullable(),
  flags: z.array(flagSchema),
});

const uncertaintySchema = z.object({
  kind: z.enum(['published-fit-error', 'bootstrap']),
  label: z.string(),
  lossHalfWidth: z.number().nullable(),
  replicates: z.number().nullable(),
  value: range,
  nAct: range,
  tokens: range,
  expertWins: z.array(z.object({ experts: z.number(), share: z.number() })),
});

const rowSchema = z.discriminatedUnion('feasible', [
  z.object({
    feasible: z.literal(true),
    law: z.enum(TARGET_LAWS),
    coefficientSetId: z.string(),
    experts: z.number(),
    targetLoss: z.number(),
    designs: z.object({
      trainingFlops: designSchema.nullable(),
      servingMemory: designSchema.nullable(),
      lifetimeFlops: designSchema.nullable(),
      money: designSchema.nullable(),
    }),
    missing: z.object({ trainingFlops: z.string(), servingMemory: z.string(), lifetimeFlops: z.string(), money: z.string() }).partial(),
    trainingFlopsBand: range.nullable(),
  }),
  z.object({ feasible: z.literal(false), law: z.enum(TARGET_LAWS), coefficientSetId: z.string(), experts: z.number(), reason: z.string() }),
]);

const lawSummarySchema = z.object({
  law: z.enum(TARGET_LAWS),
  coefficientSetId: z.string(),
  reference: z
    .object({
      loss: z.number(),
      model: z.object({ nAct: z.number(), nTotal: z.number(), tokens: z.number(), experts: z.number(), trainingFlops: z.number() }).nullable(),
      flags: z.array(flagSchema),
    })
    .nullable(),
  reason: z.string().nullable(),
  winners: z.array(
    z.object({ law: z.enum(TARGET_LAWS), objective: z.enum(TARGET_OBJECTIVES), experts: z.number(), value: z.number(), design: designSchema, uncertainty: uncertaintySchema.nullable() }),
  ),
  provenance: provenanceSchema,
});

export const targetResponseSchema = z.object({
  goal: targetGoalSchema,
  experts: z.array(z.number()),
  inferenceTokens: z.number(),
  maxTokens: z.number(),
  kvTokens: z.number(),
  precision: z.object({ bytesPerWeight: z.number(), bytesPerKvValue: z.number() }),
  hardware: z
    .object({
      id: z.string(),
      name: z.string(),
      trainingFlopsPerDeviceHour: z.number(),
      inferenceFlopsPerDeviceHour: z.number(),
      pricePerDeviceHour: z.number().nullable(),
      trainingUtilization: z.number(),
      inferenceUtilization: z.number(),
    })
    .nullable(),
  rows: z.array(rowSchema),
  laws: z.array(lawSummarySchema),
  disagreements: z.array(
    z.object({
      objective: z.enum(TARGET_OBJECTIVES),
      byLaw: z.array(z.object({ law: z.enum(TARGET_LAWS), experts: z.number(), value: z.number() })),
      spread: z.number(),
      expertsDiffer: z.boolean(),
    }),
  ),
  lawsAtWinner: z
    .object({
      design: z.object({ nAct: z.number(), tokens: z.number(), experts: z.number() }),
      predictions: z.array(
        z.object({
          law: z.enum(['joint', 'comprehensive', 'leverage', 'chinchilla']),
          coefficientSetId: z.string().nullable(),
          loss: z.number().nullable(),
          basis: z.string(),
          status: z.enum(['inside-fitted-range', 'extrapolated', 'not-applicable']),
          flags: z.array(flagSchema),
        }),
      ),
    })
    .nullable(),
  /** The answer in one or two sentences: the cheapest MoE in training FLOPs and how sure that is. */
  answer: z.string(),
  flags: z.array(flagSchema),
});

export const targetRequestSchema = z.object({
  goal: targetGoalSchema,
  experts: expertsField.optional(),
  laws: z
    .array(z.enum(TARGET_LAWS, { error: `laws must be among ${TARGET_LAWS.join(', ')}` }))
    .min(1, 'laws must name at least one law')
    .refine((l) => new Set(l).size === l.length, 'laws must not repeat a law')
    .default([...TARGET_LAWS]),
  jointSetId: coefficientSetIdField,
  chinchillaSetId: coefficientSetIdField,
  comprehensiveSetId: coefficientSetIdField,
  /** Lifetime inference tokens the model will serve; 0 plans for training only. */
  inferenceTokens: nonNegative('inferenceTokens').max(1e18, 'inferenceTokens must be at most 1e18').default(0),
  /** Training tokens available: the smallest-model design uses at most this many. */
  maxTokens: tokens('maxTokens').default(15e12),
  ...precisionFields,
  /** Hardware profile for device-hours and money. */
  hardwareId: z.string().min(1).max(100).optional(),
  /** Overrides the profile's price per device-hour (dollars). */
  pricePerDeviceHour: positive('pricePerDeviceHour').max(1e6).optional(),
  /** Overrides the profile's utilisation for training, and separately for serving. */
  trainingUtilization: z.number().gt(0, 'trainingUtilization must be above 0').max(1, 'trainingUtilization must be at most 1').optional(),
  inferenceUtilization: z.number().gt(0, 'inferenceUtilization must be above 0').max(1, 'inferenceUtilization must be at most 1').optional(),
});

export const targetChannels = {
  'plan.target': channel({
    summary: 'Reverse planning: the cheapest design per law and E (training FLOPs, serving memory, lifetime FLOPs, money) that reaches a loss or matches a dense or MoE model',
    request: targetRequestSchema,
    response: targetResponseSchema,
  }),
};
