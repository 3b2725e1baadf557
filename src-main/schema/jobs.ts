/**
 * What every background job's status shares (fits, next-run proposals, bootstrap bands: the
 * services' one job table, services/jobs/job-table.ts): its state and, when it failed, the error.
 */
import { z } from 'zod';

export const JOB_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export const jobStateSchema = z.enum(JOB_STATES);
export type JobState = z.infer<typeof jobStateSchema>;

/** A failed job's error, with the contract's error code. */
export const jobErrorSchema = z.object({ code: z.string(), message: z.string() });
