/** Schemas every law channel shares: flags, provenance, precisions, memory budgets. */
import { z } from 'zod';
import { nonNegative, positive } from './define';

export { flagSchema, type Flag } from '../../schema/flags';
export { provenanceSchema, type ProvenanceInfo } from '../../schema/provenance';
export { resolvedMemorySchema, type ResolvedMemory } from '../../schema/plan';
export type { JobState } from '../../schema/jobs';

export const coefficientSetIdField = z.string().min(1, 'coefficientSetId must not be empty').max(200).optional();

const BYTES_PER_VALUE = [0.5, 1, 2, 4] as const;
export const precisionFields = {
  /** Bytes per stored weight: 2 for bf16, 1 for fp8/int8, 0.5 for int4, 4 for fp32. */
  weightBytes: z
    .number()
    .refine((v) => (BYTES_PER_VALUE as readonly number[]).includes(v), 'weightBytes must be 0.5, 1, 2 or 4 bytes per weight')
    .default(2),
  kvBytes: z
    .number()
    .refine((v) => (BYTES_PER_VALUE as readonly number[]).includes(v), 'kvBytes must be 0.5, 1, 2 or 4 bytes per value')
    .default(2),
  kvTokens: nonNegative('kvTokens').max(1e9, 'kvTokens must be at most 1e9 tokens').default(16_384),
};

/**
 * A memory budget given either in bytes or as a hardware profile (times a device count), with
 * the usable share of device memory. The service resolves it to bytes and echoes how.
 */
export const memoryBudgetFields = {
  memoryBytes: positive('memoryBytes').max(1e16, 'memoryBytes must be at most 1e16 bytes').optional(),
  hardwareId: z.string().min(1).max(100).optional(),
  deviceCount: z.number().int('deviceCount must be a whole number').min(1, 'deviceCount must be at least 1').max(100_000).optional(),
  usableFraction: z.number().gt(0, 'usableFraction must be above 0').max(1, 'usableFraction must be at most 1').default(1),
};


/** FLOP budgets beyond 1e30 are not a planning question any law here can speak to. */
export const flopsField = positive('flops').max(1e30, 'flops must be at most 1e30');
export const expertsField = z
  .array(z.number().int('experts must be whole numbers').min(1, 'experts must be at least 1').max(4096, 'experts must be at most 4096'))
  .min(1, 'experts must list at least one expert count')
  .max(32, 'experts may list at most 32 expert counts')
  .refine((l) => new Set(l).size === l.length, 'experts must not repeat an expert count');
