/**
 * Results of the Efficiency Leverage law (Tian et al., arXiv:2507.17702): the response of
 * law.leverage, which a leverage scenario saves, and the compute-optimal plan of the allocation
 * and hyper-parameter laws.
 */
import { z } from 'zod';
import type { ArchitecturePlan } from '../engine/leverage/allocation';
import { flagSchema } from './flags';
import { mirrors } from './mirror';
import { provenanceSchema } from './provenance';

const configurationSchema = z.object({
  experts: z.number(),
  activeExperts: z.number(),
  sharedExperts: z.number(),
  dModel: z.number(),
  dExpert: z.number(),
});

export const leverageFigures = {
  flops: z.number(),
  activation: z.number(),
  granularity: z.number(),
  /** Â, the saturating transform of A. */
  activationHat: z.number(),
  /** The exponent on Â. */
  exponent: z.number(),
  el: z.number(),
  /** Dense compute reaching the same loss: EL·C. */
  denseFlops: z.number(),
};

export const leverageResultSchema = z.object({
  form: z.enum(['ratio', 'configuration']),
  ...leverageFigures,
  /** S = E_s/(E_a + E_s); only known from a configuration. */
  sharedRatio: z.number().nullable(),
  configuration: configurationSchema.nullable(),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});

export type LeverageResult = z.infer<typeof leverageResultSchema>;

/** Compute-optimal FLOPs per token, tokens, learning rate and batch (tokens) for one architecture. */
export const architecturePlanSchema = z.object({ flopsPerToken: z.number(), tokens: z.number(), learningRate: z.number(), batchTokens: z.number() });
mirrors<z.infer<typeof architecturePlanSchema>, ArchitecturePlan>(true);
