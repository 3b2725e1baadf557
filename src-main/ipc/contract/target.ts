/** Reverse planning: from a target loss, or a dense or MoE model to match, to the cheapest design per law and E. */
import { z } from 'zod';
import { channel, nonNegative, positive } from './define';
import { coefficientSetIdField, expertsField, precisionFields } from './common';
import { TARGET_LAWS, targetGoalSchema, targetResponseSchema, tokensField as tokens } from '../../schema/target';

export { TARGET_LAWS, TARGET_OBJECTIVES, targetGoalSchema, targetResponseSchema } from '../../schema/target';

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
