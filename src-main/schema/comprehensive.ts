/**
 * The comprehensive five-factor MoE law's answers (arXiv:2509.23678) other than its optimum
 * (architecture.ts): the loss for (N, D, N_a, G, S) and the loss surfaces the charts draw. The
 * service echoes N_a/N and adds provenance, so each is mirrored on what the engine computes.
 */
import { z } from 'zod';
import type { ActiveRatioCurve, StructureSurface } from '../engine/comprehensive/surfaces';
import type { ComprehensiveLossResult } from '../engine/comprehensive/loss';
import { optimumFigures } from './architecture';
import { flagSchema } from './flags';
import { mirrors } from './mirror';
import { provenanceSchema } from './provenance';

/** law.comprehensive. */
export const comprehensiveLossSchema = z.object({
  loss: z.number(),
  activeRatio: z.number(),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});
mirrors<Pick<z.infer<typeof comprehensiveLossSchema>, 'loss' | 'flags'>, ComprehensiveLossResult>(true);

const structureSchema = z.object({
  activeExperts: z.array(z.number()),
  sharedRatios: z.array(z.number()),
  /** loss[i][j] at activeExperts[i], sharedRatios[j]. */
  loss: z.array(z.array(z.number())),
});
/** The surfaces' flags are merged into the answer's own. */
mirrors<z.infer<typeof structureSchema>, Omit<StructureSurface, 'flags'>>(true);

const activeRatioCurveSchema = z.object({
  activeRatios: z.array(z.number()),
  loss: z.array(z.number()),
  marginalLossPerPoint: z.array(z.number()),
  activeExperts: z.number(),
  sharedRatio: z.number(),
});
mirrors<z.infer<typeof activeRatioCurveSchema>, Omit<ActiveRatioCurve, 'flags'>>(true);

/** comprehensive.surfaces: loss over (G, S) at N_a, and along N_a/N with the marginal saving per point. */
export const comprehensiveSurfacesSchema = z.object({
  total: z.number(),
  tokens: z.number(),
  active: z.number(),
  structure: structureSchema,
  activeRatioCurve: activeRatioCurveSchema,
  optimum: z.object(optimumFigures).nullable(),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});
