/**
 * What a plan says when its bootstrap band was left to a job (band-job.ts): apart from the job's
 * own shapes, since the plans that carry it are part of the job's result.
 */
import { z } from 'zod';

/** Set on a plan whose band was left to a job: how many replicates it will re-solve, and why it was left. */
export const bandJobNoticeSchema = z.object({
  replicates: z.number(),
  reason: z.string(),
});
export type BandJobNotice = z.infer<typeof bandJobNoticeSchema>;
