/**
 * Channels of the Efficiency Leverage law (Tian et al., arXiv:2507.17702): EL from (A, G, C) or
 * from a fine-grained configuration, the best granularity, the allocation and hyper-parameter
 * laws, contours, EL from two loss–compute fits, and the Ling-mini-beta reference design.
 */
import { z } from 'zod';
import { channel, nonNegative, positive } from './define';
import { coefficientSetIdField, flopsField } from './common';
import {
  bestGranularitySchema,
  leverageAllocationSchema,
  leverageContoursSchema,
  leverageFromFitsSchema,
  leverageReferenceSchema,
  leverageResultSchema,
} from '../../schema/leverage';

/** Activation ratio A = (E_a + E_s)/(E + E_s), in (0, 1]. */
export const activationField = z
  .number({ error: 'activation must be a number' })
  .finite('activation must be finite')
  .gt(0, 'activation must be above 0')
  .max(1, 'activation must be at most 1 (A is a ratio in (0, 1])');
/** Granularity G = 2·d_model/d_expert. */
export const granularityField = positive('granularity').max(4096, 'granularity must be at most 4096');

const wholeCount = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

const CONFIG_FIELDS = ['experts', 'activeExperts', 'sharedExperts', 'dModel', 'dExpert'] as const;
const RATIO_FIELDS = ['activation', 'granularity'] as const;

const leverageRequest = z
  .object({
    flops: flopsField,
    activation: activationField.optional(),
    granularity: granularityField.optional(),
    experts: wholeCount('experts', 1, 1_000_000).optional(),
    activeExperts: wholeCount('activeExperts', 0, 1_000_000).optional(),
    sharedExperts: wholeCount('sharedExperts', 0, 1_000_000).optional(),
    dModel: positive('dModel').max(1e6, 'dModel must be at most 1e6').optional(),
    dExpert: positive('dExpert').max(1e7, 'dExpert must be at most 1e7').optional(),
    coefficientSetId: coefficientSetIdField,
  })
  .superRefine((r, ctx) => {
    const ratioGiven = RATIO_FIELDS.filter((k) => r[k] !== undefined);
    const configGiven = CONFIG_FIELDS.filter((k) => r[k] !== undefined);
    if (ratioGiven.length > 0 && configGiven.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [configGiven[0]!],
        message: `give either activation and granularity, or the fine-grained configuration (experts, activeExperts, sharedExperts, dModel, dExpert), not both: got ${[...ratioGiven, ...configGiven].join(', ')}`,
      });
      return;
    }
    if (configGiven.length > 0) {
      // sharedExperts may be left out (no shared expert); the rest describe the configuration.
      const missing = CONFIG_FIELDS.filter((k) => k !== 'sharedExperts' && r[k] === undefined);
      if (missing.length > 0) {
        ctx.addIssue({ code: 'custom', path: [missing[0]!], message: `the fine-grained configuration also needs ${missing.join(', ')}` });
        return;
      }
      if (r.activeExperts! > r.experts!) {
        ctx.addIssue({ code: 'custom', path: ['activeExperts'], message: `activeExperts (${r.activeExperts}) cannot exceed experts (${r.experts})` });
      }
      if (r.activeExperts! + (r.sharedExperts ?? 0) < 1) {
        ctx.addIssue({ code: 'custom', path: ['activeExperts'], message: 'activeExperts + sharedExperts must be at least 1: some expert must be active' });
      }
      return;
    }
    const missing = RATIO_FIELDS.filter((k) => r[k] === undefined);
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [missing[0]!],
        message: `give ${missing.join(' and ')} (or the fine-grained configuration: experts, activeExperts, sharedExperts, dModel, dExpert)`,
      });
    }
  });

const fitSchema = z.object({
  coefficient: positive('coefficient').max(1e30, 'coefficient must be at most 1e30'),
  exponent: positive('exponent').max(10, 'exponent must be at most 10'),
  offset: nonNegative('offset').max(100, 'offset must be at most 100 nats/token').default(0),
});


const listOf = <T extends z.ZodType>(what: string, item: T) =>
  z.array(item).min(1, `${what} must list at least one value`).max(200, `${what} may list at most 200 values`);

export const leverageChannels = {
  'law.leverage': channel({
    summary: 'Efficiency leverage EL and the equivalent dense compute, from (A, G, C) or from a fine-grained configuration (E, E_a, E_s, d_model, d_expert)',
    request: leverageRequest,
    response: leverageResultSchema,
  }),
  'optimum.leverage': channel({
    summary: 'The granularity G that maximises EL at an activation ratio and budget',
    request: z.object({ activation: activationField, flops: flopsField, coefficientSetId: coefficientSetIdField }),
    response: bestGranularitySchema,
  }),
  'allocation.leverage': channel({
    summary: 'Compute-optimal FLOPs per token, tokens, learning rate and batch (tokens) for dense and MoE at a budget',
    request: z.object({ flops: flopsField, coefficientSetId: coefficientSetIdField }),
    response: leverageAllocationSchema,
  }),
  'leverage.contours': channel({
    summary: 'EL over an (activation, granularity) grid at one budget, for a contour chart',
    request: z.object({
      flops: flopsField,
      activations: listOf('activations', activationField).optional(),
      granularities: listOf('granularities', granularityField).optional(),
      /** Grid points per axis when an axis is not given. */
      points: z.number().int('points must be a whole number').min(2, 'points must be at least 2').max(200, 'points must be at most 200').default(41),
      coefficientSetId: coefficientSetIdField,
    }),
    response: leverageContoursSchema,
  }),
  'leverage.fromFits': channel({
    summary: 'EL implied by two loss–compute fits L = α·C^(−β) + b (dense and MoE) at the MoE budget',
    request: z.object({ dense: fitSchema, moe: fitSchema, flops: flopsField }),
    response: leverageFromFitsSchema,
  }),
  'leverage.reference': channel({
    summary: 'The Ling-mini-beta reference design with its derived A, S, G and its EL (default budget 6·N_active·D)',
    request: z.object({
      flops: flopsField.optional(),
      coefficientSetId: coefficientSetIdField,
    }),
    response: leverageReferenceSchema,
  }),
};
