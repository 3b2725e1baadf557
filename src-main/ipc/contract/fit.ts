/**
 * Channels of the fitter (issue 8): import training runs from CSV text into a project, fit a
 * law's coefficients to runs in worker threads (start, poll, cancel), and save the result as a
 * user coefficient set every wizard can use.
 */
import { z } from 'zod';
import { jobErrorSchema, jobStateSchema } from '../../schema/jobs';
import { channel } from './define';
import { coefficientSetSchema } from './store';
import { COLUMN_UNITS, FIT_LAW_IDS, RUN_VARIABLES, type RunVariable } from './ids';
import { FIT_PRESET_IDS } from './fit-presets';
import { runRowSchema } from '../../schema/store-rows';
import { fitLawSchema, fitResultSchema, paramSpecSchema } from '../../schema/fit';

export { COLUMN_UNITS, FIT_LAW_IDS, RUN_VARIABLES, SAVABLE_FIT_LAWS, type RunVariable } from './ids';
export { fitLawSchema, fitResultSchema, type FitResultData } from '../../schema/fit';

const id = (what: string) => z.string({ error: `${what} must be a string` }).min(1, `${what} must not be empty`).max(200, `${what} is too long`);
const jobId = id('jobId');

const columnMap = z.object({
  /** Header name (case-insensitive) or 0-based column index. */
  column: z.union([z.string().trim().min(1, 'column must not be empty').max(200), z.number().int('column index must be a whole number').min(0).max(10_000)]),
  unit: z.enum(COLUMN_UNITS).optional(),
});
/** Column → variable mapping; variables left out are recognised by header name. */
export const columnMappingSchema = z.object(Object.fromEntries(RUN_VARIABLES.map((v) => [v, columnMap.optional()])) as Record<RunVariable, z.ZodOptional<typeof columnMap>>).strict();
export type ColumnMappingInput = z.input<typeof columnMappingSchema>;

/** CSV text (a file's content or pasted), at most 10 MB. */
const csvText = z.string({ error: 'text must be a string' }).min(1, 'text must not be empty').max(10_000_000, 'text must be at most 10 MB');
const csvFields = {
  text: csvText,
  mapping: columnMappingSchema.optional(),
  delimiter: z.string().length(1, 'delimiter must be one character').optional(),
  /** The file the text came from, for provenance and messages. */
  fileName: z.string().max(500).optional(),
};

const importErrorSchema = z.object({ line: z.number(), column: z.string().nullable(), reason: z.string() });
const resolvedColumnSchema = z.object({ variable: z.enum(RUN_VARIABLES), index: z.number(), header: z.string(), unit: z.string() });
const previewRunSchema = z.object({
  line: z.number().nullable(),
  label: z.string().nullable(),
  nAct: z.number(),
  nTotal: z.number().nullable(),
  tokens: z.number(),
  experts: z.number().nullable(),
  loss: z.number(),
  activatedExperts: z.number().nullable(),
  sharedRatio: z.number().nullable(),
});

/** A stored run as runs.list sends it (without its project, which the response names once). */
const storedRunSchema = runRowSchema.omit({ projectId: true });

const intOpt = (what: string, max: number) => z.number().int(`${what} must be a whole number`).min(0, `${what} must not be negative`).max(max, `${what} must be at most ${max}`).optional();

const fitPresetSchema = z.object({
  id: z.enum(FIT_PRESET_IDS),
  name: z.string(),
  settings: z.object({ delta: z.number(), dropHighest: z.number(), holdoutLowest: z.number() }),
  summary: z.string(),
  citation: z.string(),
});

export const fitSettingsSchema = z
  .object({
    /** A published fit's settings (fit-presets.ts): δ, drops and held-out runs; the values given beside it win. */
    preset: z.enum(FIT_PRESET_IDS, { error: `preset must be one of ${FIT_PRESET_IDS.join(', ')}` }).optional(),
    /** Huber δ on the ln L residual; default 1e-3 for chinchilla, 1e-2 otherwise. */
    delta: z.number().finite().positive('delta must be positive').max(10, 'delta must be at most 10').optional(),
    /** Drop the k highest-loss runs before fitting (the Chinchilla replication drops 5). */
    dropHighest: intOpt('dropHighest', 1_000_000),
    /** Hold out the k lowest-loss runs: never trained on, used to choose the start. */
    holdoutLowest: intOpt('holdoutLowest', 1_000_000),
    /** Bootstrap replicates for confidence intervals (0 = none). */
    bootstrap: intOpt('bootstrap', 5000),
    bootstrapSeed: z.number().int().min(0).max(2 ** 31).optional(),
    /** Start grid by parameter (internal name, or coefficient name for log parameters): replaces the default axes given. */
    grid: z.record(z.string().min(1).max(50), z.array(z.number().finite('grid values must be finite')).min(1, 'a grid axis needs at least one value').max(1000)).optional(),
    /** Use exactly `grid`, without merging the law's default axes. */
    replaceGrid: z.boolean().optional(),
    /** Down-weight runs whose residual is more than `outlierThreshold` robust SDs from the median. */
    downweightOutliers: z.boolean().optional(),
    outlierThreshold: z.number().positive().max(100).optional(),
    /** The per-E law's expert count. */
    experts: z.number().int().min(1).max(4096).optional(),
  })
  .strict();
export type FitSettings = z.input<typeof fitSettingsSchema>;

export const fitSourceSchema = z.union([z.object({ projectId: id('projectId') }).strict(), z.object(csvFields).strict()]);

const fitStartRequest = z.object({ law: fitLawSchema, source: fitSourceSchema, options: fitSettingsSchema.default({}) }).strict();


const fitStatusSchema = z.object({
  jobId: z.string(),
  law: fitLawSchema,
  state: jobStateSchema,
  progress: z.object({
    /** Overall fraction done, 0..1. */
    fraction: z.number(),
    phase: z.enum(['starting', 'screen', 'refine', 'outliers', 'bootstrap', 'finished']),
    label: z.string(),
    done: z.number(),
    total: z.number(),
  }),
  /** Where the runs came from, in words. */
  source: z.string(),
  startedAt: z.string(),
  /** Seconds since the start (or until the end). */
  elapsed: z.number(),
  result: fitResultSchema.nullable(),
  error: jobErrorSchema.nullable(),
  /** The coefficient set this job was saved as. */
  savedSetId: z.string().nullable(),
});


export const fitChannels = {
  'runs.preview': channel({
    summary: 'Check CSV runs for a law without storing them: every bad row by line, the recognised columns, a sample',
    request: z.object({ law: fitLawSchema.default('chinchilla'), ...csvFields }).strict(),
    response: z.object({
      ok: z.boolean(),
      headers: z.array(z.string()),
      columns: z.array(resolvedColumnSchema),
      errors: z.array(importErrorSchema),
      /** Errors beyond those listed (the list is capped at 1,000). */
      moreErrors: z.number(),
      warnings: z.array(z.string()),
      runCount: z.number(),
      sample: z.array(previewRunSchema),
      /** A published data set the runs look like, and the preset that reproduces its fit (fit-presets.ts). */
      looksLike: z.object({ presetId: z.enum(FIT_PRESET_IDS), message: z.string() }).nullable(),
    }),
  }),
  'runs.import': channel({
    summary: 'Import CSV runs into a project: every row is checked first, nothing is stored unless all are valid',
    request: z.object({ projectId: id('projectId'), law: fitLawSchema.default('chinchilla'), ...csvFields }).strict(),
    response: z.object({ projectId: z.string(), imported: z.number(), runIds: z.array(z.number()), total: z.number(), warnings: z.array(z.string()) }),
  }),
  'runs.list': channel({
    summary: "A project's training runs",
    request: z.object({ projectId: id('projectId') }).strict(),
    response: z.object({ projectId: z.string(), runs: z.array(storedRunSchema) }),
  }),
  'fit.defaults': channel({
    summary: "A law's fit parameters, default Huber δ and default start grid (in parameter units), and whether its fits can be saved",
    request: z.object({ law: fitLawSchema }).strict(),
    response: z.object({
      law: fitLawSchema,
      params: z.array(paramSpecSchema),
      coefficients: z.array(z.string()),
      requires: z.array(z.string()),
      delta: z.number(),
      grid: z.record(z.string(), z.array(z.number())),
      starts: z.number(),
      savable: z.boolean(),
      /** Whose procedure these defaults follow (the replication for Chinchilla, the joint law's App. B otherwise). */
      procedure: z.object({ citation: z.string(), source: z.string() }),
      /** The published fits of this law whose settings `options.preset` reproduces (fit-presets.ts), with their citations. */
      presets: z.array(fitPresetSchema),
    }),
  }),
  'fit.start': channel({
    summary: 'Start fitting a law to runs (a project or CSV text) in worker threads; poll fit.status',
    request: fitStartRequest,
    response: z.object({ jobId: z.string() }),
  }),
  'fit.status': channel({
    summary: "A fit job's state, progress, and its result once done",
    request: z.object({ jobId }).strict(),
    response: fitStatusSchema,
  }),
  'fit.cancel': channel({
    summary: 'Cancel a running fit (its workers stop at once)',
    request: z.object({ jobId }).strict(),
    response: z.object({ jobId: z.string(), state: jobStateSchema }),
  }),
  'fit.discard': channel({
    summary: "Forget a fit job and its result (cancels it if it is still running)",
    request: z.object({ jobId }).strict(),
    response: z.object({ discarded: z.string() }),
  }),
  'fit.save': channel({
    summary: 'Save a finished fit as a user coefficient set (with its runs, settings, time and RMSEs) for every wizard',
    request: z.object({ jobId, name: z.string().trim().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters') }).strict(),
    response: coefficientSetSchema,
  }),
  'fit.run': channel({
    summary: 'Fit and wait for the result (the CLI; the app uses fit.start and fit.status)',
    request: fitStartRequest,
    /**
     * `jobId` names the finished job, so fit.save can keep it as a coefficient set (the CLI's --save-set).
     * `replicates`: each bootstrap replicate's coefficients (null without bootstrap), so the answer alone
     * explains its intervals (explain.figure's fit.run), wherever the job ran (a browser-mode pool worker).
     */
    response: z.object({ jobId: z.string(), source: z.string(), result: fitResultSchema, replicates: z.array(z.record(z.string(), z.number())).nullable() }),
  }),
};
