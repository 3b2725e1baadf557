/**
 * A saved fitted coefficient set's fit record: what fit.save keeps beside the set's values so
 * "How was this computed?" can explain the set later (on screen, in the CLI, in a report's
 * appendix) without the job that computed it: the runs as fitted, the settings the fitter was
 * given (a preset already applied), and the answer without its curves. Stored by the store
 * (coefficient_set_fits, migration 10) and carried by project files; checked against itself
 * the way a fit.run answer is (services/fit/check.ts) before anything is explained from it.
 *
 * Versioned: a record of a newer version than FIT_RECORD_VERSION is refused with a message that
 * says so, never read as this version's shape.
 */
import { z } from 'zod';
import type { FitRun } from '../engine/fit/types';
import { fitLawSchema, fitResultSchema } from './fit';
import { mirrors } from './mirror';

/** The record version this app writes and reads. History: 1. first version. */
export const FIT_RECORD_VERSION = 1;

const finite = z.number().finite();

/** A run as the fitter was given it (engine/fit FitRun). */
export const fitRunSchema = z.object({
  nAct: finite,
  tokens: finite,
  loss: finite,
  nTotal: finite.optional(),
  experts: finite.optional(),
  activatedExperts: finite.optional(),
  sharedRatio: finite.optional(),
  learningRate: finite.optional(),
  batchTokens: finite.optional(),
  label: z.string().optional(),
  line: z.number().int().optional(),
});
mirrors<z.infer<typeof fitRunSchema>, FitRun>(true);

/** The fitter's settings after a preset was applied (the fit.start options but `preset`, which `preset` below names). */
export const fitRecordSettingsSchema = z
  .object({
    delta: z.number().positive().optional(),
    dropHighest: z.number().int().min(0).optional(),
    holdoutLowest: z.number().int().min(0).optional(),
    bootstrap: z.number().int().min(0).optional(),
    bootstrapSeed: z.number().int().min(0).optional(),
    grid: z.record(z.string(), z.array(finite)).optional(),
    replaceGrid: z.boolean().optional(),
    downweightOutliers: z.boolean().optional(),
    outlierThreshold: z.number().positive().optional(),
    experts: z.number().int().min(1).optional(),
  })
  .strict();

/** A version number this app reads: a newer one is refused by name, so an older app never misreads a newer record. */
const versionSchema = z
  .number({ error: 'version must be a number' })
  .int('version must be a whole number')
  .min(1, 'version must be at least 1')
  .max(FIT_RECORD_VERSION, { error: (issue) => `fit record version ${String(issue.input)} is newer than this app reads (${FIT_RECORD_VERSION}); update the app` });

export const fitRecordSchema = z.object({
  version: versionSchema,
  law: fitLawSchema,
  /** When the fit finished (ISO 8601). */
  fittedAt: z.string(),
  /** Where the runs came from, in words ("245 runs from file chinchilla.csv"). */
  source: z.string(),
  /** The published fit whose settings were applied (fit-presets.ts), with its citation; null when none was. */
  preset: z.object({ id: z.string(), name: z.string(), citation: z.string() }).nullable(),
  settings: fitRecordSettingsSchema,
  /** Every run given to the fitter, in the order the residuals index. */
  runs: z.array(fitRunSchema).min(1).max(1_000_000),
  /** The answer without the curves the Fit page's chart draws (they follow from the coefficients). */
  result: fitResultSchema.omit({ curves: true }),
});
export type FitRecord = z.infer<typeof fitRecordSchema>;
