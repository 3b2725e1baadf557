/**
 * The dense-vs-MoE allocation law's answer (Wang et al., EMNLP 2024), the response of
 * denseMoe.optimum: N_opt and D_opt per architecture where the request calibrates it, a typed
 * refusal with the published exponents where it does not, curves over budgets and the
 * data-utilisation comparison. The service names the calibration's source and adds the exponents
 * to a calibrated optimum, so that one is not mirrored whole.
 */
import { z } from 'zod';
import type { DenseMoeOptimum, Uncalibrated } from '../engine/dense-moe/allocation';
import type { AllocationExponents } from '../engine/dense-moe/coefficients';
import type { DataUtilisationComparison } from '../engine/dense-moe/data-utilisation';
import { flagSchema } from './flags';
import { mirrors } from './mirror';
import { provenanceSchema } from './provenance';

const exponentsSchema = z.object({ nExp: z.number(), dExp: z.number() });

const uncalibratedSchema = z.object({
  calibrated: z.literal(false),
  architecture: z.enum(['dense', 'moe']),
  reason: z.string(),
  exponents: exponentsSchema,
});

const optimumSchema = z.discriminatedUnion('calibrated', [
  z.object({
    calibrated: z.literal(true),
    architecture: z.enum(['dense', 'moe']),
    flops: z.number(),
    /** N_opt: non-embedding FLOPs per token. */
    flopsPerToken: z.number(),
    /** D_opt: training tokens. */
    tokens: z.number(),
    calibrationSource: z.enum(['compute-optimal-point', 'user-fit']),
    exponents: exponentsSchema,
    flags: z.array(flagSchema),
  }),
  uncalibratedSchema,
]);

type Calibrated = Extract<z.infer<typeof optimumSchema>, { calibrated: true }>;
mirrors<Omit<Calibrated, 'calibrationSource' | 'exponents'>, Omit<DenseMoeOptimum, 'calibrationSource'>>(true);

const curveSchema = z.discriminatedUnion('calibrated', [
  z.object({
    calibrated: z.literal(true),
    architecture: z.enum(['dense', 'moe']),
    points: z.array(z.object({ flops: z.number(), flopsPerToken: z.number(), tokens: z.number() })),
  }),
  uncalibratedSchema,
]);

const dataUtilisationSchema = z.object({
  dense: exponentsSchema,
  moe: exponentsSchema,
  /** (nExp_MoE − nExp_dense)/nExp_dense: 0.1637 for the published exponents. */
  relativeGain: z.number(),
});
mirrors<z.infer<typeof exponentsSchema>, AllocationExponents>(true);
mirrors<z.infer<typeof uncalibratedSchema>, Uncalibrated>(true);
mirrors<z.infer<typeof dataUtilisationSchema>, DataUtilisationComparison>(true);

export const denseMoeOptimumSchema = z.object({
  flops: z.number(),
  /** True when at least one architecture is calibrated. */
  calibrated: z.boolean(),
  dense: optimumSchema,
  moe: optimumSchema,
  curves: z.object({ budgets: z.array(z.number()), dense: curveSchema, moe: curveSchema }).nullable(),
  dataUtilisation: dataUtilisationSchema,
  flags: z.array(flagSchema),
  provenance: provenanceSchema,
});
export type DenseMoeOptimumResult = z.infer<typeof denseMoeOptimumSchema>;
