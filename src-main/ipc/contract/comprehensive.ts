/**
 * Channels of the comprehensive five-factor MoE law (arXiv:2509.23678): loss for
 * (N, D, N_a, G, S), the optimal G, S and activation ratios, and the loss surfaces.
 */
import { z } from 'zod';
import { channel, positive } from './define';
import { coefficientSetIdField } from './common';
import { architectureResultSchema } from '../../schema/architecture';
import { comprehensiveLossSchema, comprehensiveSurfacesSchema } from '../../schema/comprehensive';

export const totalField = positive('total').max(1e15, 'total must be at most 1e15 parameters');
const tokensField = positive('tokens').max(1e17, 'tokens must be at most 1e17');
const activeField = positive('active').max(1e15, 'active must be at most 1e15 parameters');
/** G in this law: activated experts per token (shared + routed). */
const activeExpertsField = positive('activeExperts').max(4096, 'activeExperts must be at most 4096');
const sharedRatioField = z
  .number({ error: 'sharedRatio must be a number' })
  .finite('sharedRatio must be finite')
  .min(0, 'sharedRatio must be at least 0')
  .max(1, 'sharedRatio must be at most 1');
const thresholdField = z
  .number({ error: 'threshold must be a number' })
  .finite('threshold must be finite')
  .min(0, 'threshold must not be negative')
  .max(1, 'threshold must be at most 1 nat/token per percentage point');
const activeRatioField = z
  .number({ error: 'activeRatios must be numbers' })
  .finite('activeRatios must be finite')
  .gt(0, 'activeRatios must be above 0')
  .max(1, 'activeRatios must be at most 1');

const listOf = <T extends z.ZodType>(what: string, item: T) =>
  z.array(item).min(1, `${what} must list at least one value`).max(200, `${what} may list at most 200 values`);

export const comprehensiveChannels = {
  'law.comprehensive': channel({
    summary: 'Loss of the comprehensive five-factor MoE law for total N, tokens D, active N_a, activated experts G and shared ratio S',
    request: z
      .object({
        total: totalField,
        tokens: tokensField,
        active: activeField,
        activeExperts: activeExpertsField,
        sharedRatio: sharedRatioField,
        coefficientSetId: coefficientSetIdField,
      })
      .refine((r) => r.active <= r.total, { message: 'active must not exceed total', path: ['active'] }),
    response: comprehensiveLossSchema,
  }),
  'optimum.comprehensive': channel({
    summary: 'Optimal activated experts G, shared ratio S and activation ratio N_a/N (theoretical and at threshold τ) for a total size',
    request: z.object({ total: totalField, threshold: thresholdField.optional(), coefficientSetId: coefficientSetIdField }),
    response: architectureResultSchema,
  }),
  'comprehensive.surfaces': channel({
    summary: 'Loss over (G, S) at a total size and along N_a/N with the marginal saving per percentage point, for charts',
    request: z
      .object({
        total: totalField,
        tokens: tokensField,
        /** N_a for the (G, S) surface; defaults to the theoretical optimum ratio times N. */
        active: activeField.optional(),
        activeExperts: listOf('activeExperts', activeExpertsField).optional(),
        sharedRatios: listOf('sharedRatios', sharedRatioField).optional(),
        activeRatios: listOf('activeRatios', activeRatioField).optional(),
        threshold: thresholdField.optional(),
        coefficientSetId: coefficientSetIdField,
      })
      .refine((r) => r.active === undefined || r.active <= r.total, { message: 'active must not exceed total', path: ['active'] }),
    response: comprehensiveSurfacesSchema,
  }),
};
