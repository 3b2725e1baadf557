/**
 * The comprehensive five-factor MoE law's optimum for a total size (arXiv:2509.23678): the
 * response of optimum.comprehensive, which an architecture scenario saves.
 */
import { z } from 'zod';
import type { ComprehensiveOptimumResult } from '../engine/comprehensive/activation-ratio';
import { flagSchema } from './flags';
import { mirrors } from './mirror';
import { provenanceSchema } from './provenance';

export const optimumFigures = {
  activeExperts: z.number(),
  sharedRatio: z.number(),
  /** Theoretical optimum of N_a/N (∂L/∂N_a = 0). */
  activeRatio: z.number(),
  /** Efficiency-aware N_a/N at the threshold τ. */
  activeRatioEfficient: z.number(),
  threshold: z.number(),
};

export const architectureResultSchema = z.discriminatedUnion('feasible', [
  z.object({
    feasible: z.literal(true),
    total: z.number(),
    ...optimumFigures,
    /** N_a at the theoretical and the efficiency-aware ratio. */
    active: z.number(),
    activeEfficient: z.number(),
    flags: z.array(flagSchema),
    provenance: provenanceSchema,
  }),
  z.object({
    feasible: z.literal(false),
    total: z.number(),
    threshold: z.number(),
    reason: z.string(),
    flags: z.array(flagSchema),
    provenance: provenanceSchema,
  }),
]);
export type ArchitectureResult = z.infer<typeof architectureResultSchema>;
/** The service adds N_a at both ratios and provenance, and echoes the request's threshold and N when the optimum is infeasible. */
mirrors<Omit<Extract<ArchitectureResult, { feasible: true }>, 'active' | 'activeEfficient' | 'provenance'>, ComprehensiveOptimumResult>(true);
