/**
 * Bootstrap bands that run as jobs (issue 17, item 4): a plan made with a fitted set of many
 * replicates answers at once without its band and says so (`bandJob`); the band's re-solves then
 * run in a worker thread with progress and cancel (channels band.start, band.status, band.cancel).
 * How many replicates stay inline: engine/uncertainty's INLINE_BAND_REPLICATES.
 */
import { z } from 'zod';

/** Set on a plan whose band was left to a job: how many replicates it will re-solve, and why it was left. */
export const bandJobNoticeSchema = z.object({
  replicates: z.number(),
  reason: z.string(),
});
export type BandJobNotice = z.infer<typeof bandJobNoticeSchema>;

export const bandJobStateSchema = z.enum(['running', 'done', 'cancelled', 'failed']);

export const bandJobProgressSchema = z.object({
  fraction: z.number(),
  /** Replicates re-solved so far, of `total`. */
  done: z.number(),
  total: z.number(),
  label: z.string(),
});
