/**
 * Bootstrap bands that run as jobs (issue 17, item 4): a plan made with a fitted set of many
 * replicates answers at once without its band and says so (`bandJob`); the band's re-solves then
 * run in a worker thread with progress and cancel (channels band.start, band.status, band.cancel).
 * How many replicates stay inline: engine/uncertainty's INLINE_BAND_REPLICATES. What to re-solve
 * (a plan channel and its request) stays in the contract, which owns the channels' requests.
 */
import { z } from 'zod';
import { jobErrorSchema, jobStateSchema } from './jobs';
import { planBandSchema } from './plan';
import { targetResponseSchema } from './target';

export { bandJobNoticeSchema, type BandJobNotice } from './band-notice';

export const bandJobStateSchema = jobStateSchema;

/** The plan channels whose band can run as a job. */
export const FORWARD_BAND_CHANNELS = ['plan.compute', 'plan.memory', 'plan.inference'] as const;

export const bandJobProgressSchema = z.object({
  fraction: z.number(),
  /** Replicates re-solved so far, of `total`. */
  done: z.number(),
  total: z.number(),
  label: z.string(),
});

/** A forward plan's band, or the whole reverse plan with its bootstrap bands filled in. */
export const bandJobResultSchema = z.discriminatedUnion('of', [
  z.object({ of: z.enum(FORWARD_BAND_CHANNELS), uncertainty: planBandSchema.nullable() }),
  z.object({ of: z.literal('plan.target'), target: targetResponseSchema }),
]);

/** band.start: the job and how many replicates it re-solves. */
export const bandJobStartedSchema = z.object({ jobId: z.string(), replicates: z.number() });

/** band.status. */
export const bandJobStatusSchema = z.object({
  jobId: z.string(),
  of: z.enum([...FORWARD_BAND_CHANNELS, 'plan.target']),
  state: bandJobStateSchema,
  progress: bandJobProgressSchema,
  startedAt: z.string(),
  elapsed: z.number(),
  result: bandJobResultSchema.nullable(),
  error: jobErrorSchema.nullable(),
});

/** band.cancel. */
export const bandJobCancelledSchema = z.object({ jobId: z.string(), state: bandJobStateSchema });
