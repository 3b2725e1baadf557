/**
 * The joint MoE law's comparisons and sweeps (Ludziejewski, Pióro et al. 2025): dense versus MoE
 * (compare.denseMoe, which a compare scenario saves), the iso-FLOP, memory and savings sweeps and
 * the optimal-expert table. The engine computes them and the service adds the mode, flags and
 * provenance; `mirrors` keeps the engine's interfaces and these schemas the same shape.
 */
import { z } from 'zod';
import type { DenseMoeComparison, RuleOfThumbResult } from '../engine/joint/dense-vs-moe';
import type { IsoFlopSeries, MemorySweepResult, SavingsSweepPoint } from '../engine/joint/sweeps';
import { attentionChoiceSchema } from './attention';
import { flagSchema } from './flags';
import { mirrors } from './mirror';
import { MEMORY_MODES, shapeSchema } from './plan';
import { provenanceSchema } from './provenance';

/** Active parameters, tokens and loss of one design. */
export const allocationSchema = z.object({ nAct: z.number(), tokens: z.number(), loss: z.number() });

/** What the service adds to each engine result below. */
type Added = 'mode' | 'flags' | 'provenance';

export const savingsComparisonSchema = z.object({
  mode: z.literal('savings'),
  flops: z.number(),
  coefficientSetId: z.string(),
  dense: allocationSchema.extend({ flags: z.array(flagSchema) }),
  perExpert: z.array(
    z.discriminatedUnion('feasible', [
      allocationSchema.extend({ feasible: z.literal(true), experts: z.number(), flopsToMatch: z.number(), savings: z.number(), flags: z.array(flagSchema) }),
      z.object({ feasible: z.literal(false), experts: z.number(), reason: z.string(), flags: z.array(flagSchema) }),
    ]),
  ),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});
export type SavingsComparison = z.infer<typeof savingsComparisonSchema>;
mirrors<Omit<SavingsComparison, Added>, DenseMoeComparison>(true);

export const ruleOfThumbSchema = z.object({
  mode: z.literal('rule-of-thumb'),
  totalParams: z.number(),
  coefficientSetId: z.string(),
  dense: z.object({
    nAct: z.number(),
    tokens: z.number(),
    loss: z.number(),
    trainingFlops: z.number(),
    tokensAreComputeOptimal: z.boolean(),
    buildable: z.object({ shape: shapeSchema, nAct: z.number() }),
  }),
  perExpert: z.array(
    z.object({
      experts: z.number(),
      basis: z.literal('exact'),
      shape: shapeSchema,
      nAct: z.number(),
      nTotal: z.number(),
      tokens: z.number(),
      loss: z.number(),
      trainingFlops: z.number(),
      beatsDense: z.boolean(),
      flopsPerTokenSavings: z.number(),
      computeMatched: z.object({ tokens: z.number(), loss: z.number(), beatsDense: z.boolean() }),
      buildable: z.object({ basis: z.literal('buildable'), shape: shapeSchema, nAct: z.number(), nTotal: z.number(), flopsPerTokenSavings: z.number() }),
      flags: z.array(flagSchema),
    }),
  ),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});
export type RuleOfThumb = z.infer<typeof ruleOfThumbSchema>;
mirrors<Omit<RuleOfThumb, Added>, RuleOfThumbResult>(true);

/** The response of compare.denseMoe: the savings at a budget, or the rule of thumb at a total size. */
export const denseMoeComparisonSchema = z.discriminatedUnion('mode', [savingsComparisonSchema, ruleOfThumbSchema]);
export type DenseMoeComparisonResult = z.infer<typeof denseMoeComparisonSchema>;

const isoFlopSeriesSchema = z.object({ experts: z.number(), optimum: allocationSchema, points: z.array(allocationSchema) });
mirrors<z.infer<typeof isoFlopSeriesSchema>, IsoFlopSeries>(true);

export const isoFlopSweepSchema = z.object({
  flops: z.number(),
  basis: z.literal('exact'),
  series: z.array(isoFlopSeriesSchema),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});

export const memorySweepSchema = z.object({
  flops: z.number(),
  basis: z.literal('exact'),
  memoryMode: z.enum(MEMORY_MODES),
  kvTokens: z.number(),
  cacheLayout: attentionChoiceSchema,
  precision: z.object({ bytesPerWeight: z.number(), bytesPerKvValue: z.number() }),
  inferenceTokens: z.number(),
  series: z.array(
    z.object({
      experts: z.number(),
      optimumMemoryBytes: z.number(),
      optimum: allocationSchema,
      points: z.array(allocationSchema.extend({ memoryBytes: z.number() })),
    }),
  ),
  bestByBudget: z.array(z.object({ memoryBytes: z.number(), experts: z.number().nullable(), loss: z.number().nullable() })),
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});
mirrors<Omit<z.infer<typeof memorySweepSchema>, 'provenance'>, MemorySweepResult>(true);

const savingsPointSchema = z.object({ flops: z.number(), savings: z.number(), flopsToMatch: z.number() });
mirrors<z.infer<typeof savingsPointSchema>, SavingsSweepPoint>(true);

export const savingsSweepSchema = z.object({
  series: z.array(z.object({ experts: z.number(), points: z.array(savingsPointSchema) })),
  provenance: provenanceSchema,
});

/**
 * Table 2 of the paper: the best expert count per budget (rows) and memory (columns). The
 * service names the engine's `experts` `bestExperts` here, so the two are not mirrored.
 */
export const optimalExpertTableSchema = z.object({
  budgets: z.array(z.number()),
  memories: z.array(z.object({ id: z.string(), label: z.string(), bytes: z.number() })),
  cells: z.array(
    z.array(
      z.object({
        memoryId: z.string(),
        memoryBytes: z.number(),
        feasible: z.boolean(),
        bestExperts: z.number().nullable(),
        loss: z.number().nullable(),
        nAct: z.number().nullable(),
        nTotal: z.number().nullable(),
        tokens: z.number().nullable(),
        bindingConstraint: z.enum(['compute', 'memory']).nullable(),
        reason: z.string().optional(),
        flags: z.array(flagSchema),
      }),
    ),
  ),
  provenance: provenanceSchema,
});
