/**
 * The next-run planner (issue 17, item 3): which few small runs most narrow the band of the
 * compute-optimal recommendation at a target budget, given a project's runs and a joint-law fit
 * with bootstrap replicates. Heavy (hundreds of refits), so it runs as a job in a worker thread:
 * start, poll, cancel; `nextRun.propose` starts one and waits (the CLI and the reports).
 */
import { z } from 'zod';
import { jobErrorSchema, jobStateSchema } from '../../schema/jobs';
import { channel, positive } from './define';
import { expertsField } from './common';
import { NEXT_RUN_QUANTITIES } from '../../schema/scenario-inputs';
import { nextRunProposalSchema } from '../../schema/next-run';

export { NEXT_RUN_QUANTITIES } from '../../schema/scenario-inputs';
/** The grid a proposal chooses from unless told otherwise (declared by the engine; the Next runs page starts from it). */
export { DEFAULT_CANDIDATE_GRID } from './ids';

const id = (what: string) => z.string({ error: `${what} must be a string` }).min(1, `${what} must not be empty`).max(200, `${what} is too long`);
const jobId = id('jobId');
const axis = <T extends z.ZodType>(what: string, value: T) =>
  z
    .array(value)
    .min(1, `${what} must list at least one value`)
    .max(24, `${what} may list at most 24 values`)
    .refine((l) => new Set(l as unknown[]).size === l.length, `${what} must not repeat a value`);

/**
 * The runs the planner chooses from: every N_act × tokens-per-parameter × E (E is ignored for a
 * dense, Chinchilla-form fit). An axis left out keeps the default grid's.
 */
export const candidateGridSchema = z
  .object({
    nAct: axis('nAct', positive('nAct', { min: 1e6, max: 1e13, unit: ' parameters' })),
    tokensPerParam: axis('tokensPerParam', positive('tokensPerParam', { min: 0.01, max: 1e5, unit: ' tokens per parameter' })),
    experts: axis('experts', z.number({ error: 'experts must be numbers' }).int('experts must be whole numbers').min(1, 'experts must be at least 1').max(4096, 'experts must be at most 4096')),
  })
  .partial()
  .strict();

export const nextRunRequest = z
  .object({
    projectId: id('projectId'),
    /** A joint-law coefficient set fitted with bootstrap replicates. */
    coefficientSetId: id('coefficientSetId'),
    /** Training FLOPs of the run being planned. */
    targetFlops: positive('targetFlops', { min: 1, max: 1e30, unit: ' FLOPs' }),
    /** GPU-hours for the new runs together. */
    gpuHours: positive('gpuHours', { max: 1e9, unit: ' GPU-hours' }),
    hardwareId: id('hardwareId'),
    /** Model FLOPs utilisation of the new runs; default the profile's. */
    utilization: positive('utilization', { max: 1 }).optional(),
    count: z.number().int('count must be a whole number').min(1, 'count must be at least 1').max(10, 'count must be at most 10').default(3),
    /** The band narrowed: of the plan's predicted loss, or of its N_act. */
    quantity: z.enum(NEXT_RUN_QUANTITIES).default('loss'),
    /** Expert counts the target plan chooses from (default 1, 2, 4, …, 64). */
    experts: expertsField.optional(),
    /** Simulated refits that score the shortlisted sets and give the band before and after (0: the linearised band only). */
    worlds: z.number().int('worlds must be a whole number').min(0, 'worlds must be at least 0').max(500, 'worlds must be at most 500').default(40),
    seed: z.number().int('seed must be a whole number').min(0, 'seed must be at least 0').max(2 ** 32 - 1).default(1),
    /** The candidate grid (default: 50 M–1.6 B active parameters × 5–80 tokens per parameter × E = 1–32). */
    candidates: candidateGridSchema.optional(),
  })
  .strict();

export { nextRunInputsSchema, type NextRunInputs } from '../../schema/scenario-inputs';

export { nextRunRequestOf } from './next-run-inputs';

export { nextRunProposalSchema, type NextRunProposalData } from '../../schema/next-run';

const statusSchema = z.object({
  jobId: z.string(),
  state: jobStateSchema,
  progress: z.object({
    fraction: z.number(),
    phase: z.enum(['starting', 'design', 'simulate', 'finished']),
    label: z.string(),
  }),
  startedAt: z.string(),
  elapsed: z.number(),
  result: nextRunProposalSchema.nullable(),
  error: jobErrorSchema.nullable(),
});

export const nextRunChannels = {
  'nextRun.start': channel({
    summary: 'Start proposing the next runs (which small runs most narrow the band at a target budget) in a worker thread; poll nextRun.status',
    request: nextRunRequest,
    response: z.object({ jobId: z.string() }),
  }),
  'nextRun.status': channel({
    summary: "A next-run job's state, progress and, once done, its proposal",
    request: z.object({ jobId }).strict(),
    response: statusSchema,
  }),
  'nextRun.cancel': channel({
    summary: 'Cancel a running next-run job (its worker stops at once)',
    request: z.object({ jobId }).strict(),
    response: z.object({ jobId: z.string(), state: jobStateSchema }),
  }),
  'nextRun.propose': channel({
    summary: 'Propose the next runs and wait for the answer (the CLI and reports; the app uses nextRun.start and nextRun.status)',
    request: nextRunRequest,
    response: nextRunProposalSchema,
  }),
};
