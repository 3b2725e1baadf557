/**
 * Bootstrap bands as jobs: `band.start` re-solves a plan (forward or reverse) with every bootstrap
 * replicate of its fitted set in a worker thread; poll `band.status`, stop with `band.cancel`.
 * The plan channels answer at once and name the job in `bandJob` when the band is left to one.
 */
import { z } from 'zod';
import { channel } from './define';
import { jointChannels } from './joint';
import { targetChannels } from './target';
import { bandJobCancelledSchema, bandJobStartedSchema, bandJobStatusSchema } from '../../schema/band-job';

export type { BandJobNotice } from '../../schema/band-job';

const jobId = z.string().min(1, 'jobId must not be empty').max(100, 'jobId must be at most 100 characters');

/** The plan whose band to compute: its channel and the request it was asked with. */
export const bandJobRequestSchema = z.discriminatedUnion('of', [
  z.object({ of: z.literal('plan.compute'), request: jointChannels['plan.compute'].request }).strict(),
  z.object({ of: z.literal('plan.memory'), request: jointChannels['plan.memory'].request }).strict(),
  z.object({ of: z.literal('plan.inference'), request: jointChannels['plan.inference'].request }).strict(),
  z.object({ of: z.literal('plan.target'), request: targetChannels['plan.target'].request }).strict(),
]);

export const bandChannels = {
  'band.start': channel({
    summary: "Start re-solving a plan with every bootstrap replicate of its fitted set (its uncertainty band) in a worker thread; poll band.status",
    request: bandJobRequestSchema,
    response: bandJobStartedSchema,
  }),
  'band.status': channel({
    summary: "A band job's state, progress (replicates re-solved) and, once done, the band",
    request: z.object({ jobId }).strict(),
    response: bandJobStatusSchema,
  }),
  'band.cancel': channel({
    summary: 'Cancel a running band job (its worker stops at once; the plan stays without its band)',
    request: z.object({ jobId }).strict(),
    response: bandJobCancelledSchema,
  }),
};
