/**
 * A reverse plan (the response of plan.target, which a target scenario saves): the goal, and per
 * law and E the cheapest design in training FLOPs, serving memory, lifetime FLOPs and money.
 */
import { z } from 'zod';
import { bandJobNoticeSchema } from './band-notice';
import { flagSchema } from './flags';
import { positive } from './numbers';
import { provenanceSchema } from './provenance';

export const TARGET_LAWS = ['joint', 'chinchilla', 'comprehensive'] as const;
export const TARGET_OBJECTIVES = ['trainingFlops', 'servingMemory', 'lifetimeFlops', 'money'] as const;

const paramsField = (what: string) => positive(what).max(1e15, `${what} must be at most 1e15 parameters`);
export const tokensField = (what: string) => positive(what).max(1e17, `${what} must be at most 1e17 tokens`);

export const targetGoalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('loss'), loss: positive('loss').max(100, 'loss must be at most 100 nats/token') }),
  z.object({ kind: z.literal('match-dense'), params: paramsField('params'), tokens: tokensField('tokens') }),
  z.object({ kind: z.literal('match-dense-optimal'), flops: positive('flops').max(1e30, 'flops must be at most 1e30') }),
  z.object({
    kind: z.literal('match-moe'),
    nAct: paramsField('nAct'),
    tokens: tokensField('tokens'),
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
  /** Set when some law's replicates are too many to re-solve inline: its bootstrap band is then a band.start job. */
  bandJob: bandJobNoticeSchema.nullable().optional(),
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
  /** The answer in one sentence: the first law's cheapest design in training FLOPs and its band (absent in targets saved before it existed). */
  headline: z.string().optional(),
  flags: z.array(flagSchema),
});

export type TargetResult = z.infer<typeof targetResponseSchema>;
