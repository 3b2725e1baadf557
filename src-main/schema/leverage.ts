/**
 * Results of the Efficiency Leverage law (Tian et al., arXiv:2507.17702): EL (law.leverage, which
 * a leverage scenario saves), the best granularity, the allocation and hyper-parameter laws'
 * compute-optimal plan, contours, EL from two loss–compute fits and the reference design. The
 * service adds provenance (and EL·C, the configuration it was given) to the engine's results, so
 * each is mirrored on the part the engine computes.
 */
import { z } from 'zod';
import type { ArchitecturePlan, LeverageAllocationResult } from '../engine/leverage/allocation';
import type { BestGranularityResult } from '../engine/leverage/best-granularity';
import type { LeverageContourGrid } from '../engine/leverage/contours';
import type { LeverageResult as EngineLeverage } from '../engine/leverage/efficiency-leverage';
import type { FineGrainedConfig } from '../engine/leverage/fine-grained';
import type { LeverageFromFitsResult } from '../engine/leverage/from-loss-fits';
import type { ReferenceCompute, ReferenceDesign } from '../engine/leverage/reference-design';
import { flagSchema } from './flags';
import { mirrors } from './mirror';
import { provenanceSchema } from './provenance';

/** Omit over each member of a union (the built-in Omit would merge the members). */
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const configurationSchema = z.object({
  experts: z.number(),
  activeExperts: z.number(),
  sharedExperts: z.number(),
  dModel: z.number(),
  dExpert: z.number(),
});
mirrors<z.infer<typeof configurationSchema>, FineGrainedConfig>(true);

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
mirrors<Pick<LeverageResult, 'el' | 'activationHat' | 'exponent' | 'flags'>, EngineLeverage>(true);

/** Compute-optimal FLOPs per token, tokens, learning rate and batch (tokens) for one architecture. */
export const architecturePlanSchema = z.object({ flopsPerToken: z.number(), tokens: z.number(), learningRate: z.number(), batchTokens: z.number() });
mirrors<z.infer<typeof architecturePlanSchema>, ArchitecturePlan>(true);

/** allocation.leverage: the plan for dense and for MoE at one budget. */
export const leverageAllocationSchema = z.object({
  flops: z.number(),
  dense: architecturePlanSchema,
  moe: architecturePlanSchema,
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});
mirrors<Omit<z.infer<typeof leverageAllocationSchema>, 'provenance'>, LeverageAllocationResult>(true);

/** optimum.leverage: the granularity that maximises EL at an activation ratio and budget. */
export const bestGranularitySchema = z.discriminatedUnion('feasible', [
  z.object({
    feasible: z.literal(true),
    ...leverageFigures,
    log2Granularity: z.number(),
    flags: z.array(flagSchema),
    provenance: provenanceSchema,
  }),
  z.object({
    feasible: z.literal(false),
    activation: z.number(),
    flops: z.number(),
    reason: z.string(),
    flags: z.array(flagSchema),
    provenance: provenanceSchema,
  }),
]);
type BestGranularity = z.infer<typeof bestGranularitySchema>;
/** The service echoes the request and adds EL·C, the exponent (from EL and Â), flags and provenance. */
mirrors<Omit<Extract<BestGranularity, { feasible: true }>, 'activation' | 'flops' | 'exponent' | 'denseFlops' | 'provenance'>, Extract<BestGranularityResult, { feasible: true }>>(true);
mirrors<Pick<Extract<BestGranularity, { feasible: false }>, 'feasible' | 'reason'>, Extract<BestGranularityResult, { feasible: false }>>(true);

/** leverage.contours: EL over an (activation, granularity) grid. */
export const leverageContoursSchema = z.object({
  flops: z.number(),
  activations: z.array(z.number()),
  granularities: z.array(z.number()),
  /** el[i][j] at activations[i], granularities[j]. */
  el: z.array(z.array(z.number())),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});
mirrors<Omit<z.infer<typeof leverageContoursSchema>, 'provenance'>, LeverageContourGrid>(true);

/** leverage.fromFits: EL implied by two loss–compute fits. */
export const leverageFromFitsSchema = z.discriminatedUnion('feasible', [
  z.object({
    feasible: z.literal(true),
    el: z.number(),
    targetLoss: z.number(),
    denseFlops: z.number(),
    moeFlops: z.number(),
    flags: z.array(flagSchema),
    provenance: provenanceSchema,
  }),
  z.object({
    feasible: z.literal(false),
    reason: z.string(),
    targetLoss: z.number(),
    flags: z.array(flagSchema),
    provenance: provenanceSchema,
  }),
]);
mirrors<Without<z.infer<typeof leverageFromFitsSchema>, 'flags' | 'provenance'>, LeverageFromFitsResult>(true);

const referenceDesignSchema = z.object({
  id: z.string(),
  name: z.string(),
  citation: z.string(),
  totalParams: z.number(),
  activeParams: z.number(),
  layers: z.number(),
  dModel: z.number(),
  dExpert: z.number(),
  experts: z.number(),
  activeExperts: z.number(),
  sharedExperts: z.number(),
  attentionHeads: z.number(),
  kvHeads: z.number(),
  trainingTokens: z.number(),
  matchedDense: z.object({ params: z.number(), layers: z.number(), dModel: z.number(), dFfn: z.number() }),
  notes: z.string(),
});
mirrors<z.infer<typeof referenceDesignSchema>, ReferenceDesign>(true);

const referenceComputeSchema = z.object({
  nonEmbeddingActiveParams: z.number(),
  flopsPerToken: z.number(),
  trainingFlops: z.number(),
  denseComputeRatio: z.number(),
  note: z.string(),
});
mirrors<z.infer<typeof referenceComputeSchema>, ReferenceCompute>(true);

/** leverage.reference: the Ling-mini-beta design with its derived A, S, G and its EL. */
export const leverageReferenceSchema = z.object({
  design: referenceDesignSchema,
  /** Where `flops` came from: the request, or the law's definition C = 3·M·D from the design's shapes. */
  flopsSource: z.enum(['request', 'non-embedding-3MD']),
  /** The design's compute as the law defines it, and why its EL differs from the paper's "about 7×". */
  compute: referenceComputeSchema,
  ...leverageFigures,
  sharedRatio: z.number(),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});
