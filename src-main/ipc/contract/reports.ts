/** Channels of comparisons and reports: scenarios side by side, CSV exports and the PDF design report. */
import { z } from 'zod';
import { channel } from './define';
import { flagSchema } from '../../schema/flags';

const scenarioId = z.string({ error: 'a scenario id must be a string' }).min(1, 'a scenario id must not be empty').max(200, 'a scenario id is too long');
const uniqueIds = (min: number, max: number, what: string) =>
  z
    .array(scenarioId)
    .min(min, `${what} must list at least ${min} scenario${min === 1 ? '' : 's'}`)
    .max(max, `${what} may list at most ${max} scenarios`)
    .refine((l) => new Set(l).size === l.length, `${what} must not repeat a scenario`);

const cellSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);

const comparisonColumnSchema = z.object({
  id: z.string(),
  name: z.string(),
  wizard: z.string(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  tags: z.array(z.string()),
  /** A hardware profile or coefficient set the scenario used was edited or deleted since it was saved. */
  inputsChanged: z.boolean(),
  changedInputs: z.array(z.object({ input: z.enum(['hardwareProfile', 'coefficientSet']), id: z.string(), reason: z.enum(['edited', 'deleted']) })),
  hasResults: z.boolean(),
  isPlan: z.boolean(),
  bestExperts: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const comparisonRowSchema = z.object({
  key: z.string(),
  group: z.enum(['scenario', 'inputs', 'design', 'buildable', 'memory', 'deployment', 'recipe', 'provenance', 'other']),
  label: z.string(),
  /** Unit of the raw values: parameters, tokens, FLOPs, bytes, nats per token…; '' for text. */
  unit: z.string(),
  /** One value per column, raw; null where the scenario lacks the quantity. */
  values: z.array(cellSchema),
  differs: z.boolean(),
});

const chartAxisSchema = z.object({ name: z.string(), unit: z.string(), log: z.boolean(), categories: z.array(z.string()).nullable() });

export const chartDataSchema = z.object({
  id: z.string(),
  title: z.string(),
  x: chartAxisSchema,
  y: chartAxisSchema,
  series: z.array(
    z.object({
      name: z.string(),
      scenarioId: z.string().nullable(),
      type: z.enum(['line', 'scatter', 'bar']),
      stack: z.string().nullable(),
      /** An uncertainty band's edge (drawn dashed). */
      band: z.boolean().optional(),
      points: z.array(z.object({ x: z.union([z.number(), z.string()]), y: z.number(), label: z.string().optional() })),
    }),
  ),
});

export const comparisonSchema = z.object({
  columns: z.array(comparisonColumnSchema),
  rows: z.array(comparisonRowSchema),
  /** Overlaid charts where the scenarios share axes (loss per E, loss against memory and budget, memory breakdown). */
  charts: z.array(chartDataSchema),
  citations: z.array(
    z.object({
      kind: z.enum(['law', 'coefficient-set']),
      id: z.string(),
      name: z.string(),
      citation: z.string(),
      provenance: z.string().nullable(),
      scenarioIds: z.array(z.string()),
    }),
  ),
  /** Each scenario's flags in full: the quantity, factor and extent of an extrapolation too. */
  flags: z.array(flagSchema.extend({ scenarioId: z.string() })),
  assumptions: z.array(z.string()),
});

export const reportsChannels = {
  'scenarios.compare': channel({
    summary: 'Compare 2 to 6 saved scenarios: a row per quantity with units, differences, changed inputs, overlay charts',
    request: z.object({ ids: uniqueIds(2, 6, 'ids') }),
    response: comparisonSchema,
  }),
  'reports.csv': channel({
    summary: 'CSV (RFC 4180, units in the column names, raw numbers) of a comparison, a scenario’s results or a chart’s data',
    request: z
      .object({
        kind: z.enum(['comparison', 'scenario', 'chart']),
        /** comparison: 2–6 scenarios; chart: the scenarios the chart overlays (1–6). */
        ids: uniqueIds(1, 6, 'ids').optional(),
        /** scenario (or a one-scenario chart): the scenario. */
        id: scenarioId.optional(),
        /** chart: the chart's id from scenarios.compare, e.g. loss-per-expert. */
        chart: z.string().min(1).max(100).optional(),
      })
      .superRefine((r, ctx) => {
        if (r.kind === 'comparison' && (r.ids?.length ?? 0) < 2) ctx.addIssue({ code: 'custom', message: 'a comparison needs ids: 2 to 6 scenarios', path: ['ids'] });
        if (r.kind === 'scenario' && !r.id) ctx.addIssue({ code: 'custom', message: 'a scenario export needs id', path: ['id'] });
        if (r.kind === 'chart' && !r.chart) ctx.addIssue({ code: 'custom', message: 'a chart export needs chart (its id)', path: ['chart'] });
        if (r.kind === 'chart' && !r.id && !r.ids) ctx.addIssue({ code: 'custom', message: 'a chart export needs id or ids', path: ['ids'] });
      }),
    response: z.object({ fileName: z.string(), content: z.string() }),
  }),
  'reports.pdf': channel({
    summary: 'PDF design report of one scenario, or a comparison report of up to 6, on A4 or Letter',
    request: z.object({
      scenarioIds: uniqueIds(1, 6, 'scenarioIds'),
      paper: z.enum(['a4', 'letter']).default('a4'),
      /** Memory as GiB (2³⁰ bytes, 'binary') or GB (10⁹ bytes, 'decimal') throughout the report, stated once in its header; default: the saved preference (app.preferences). */
      byteConvention: z.enum(['binary', 'decimal']).optional(),
    }),
    response: z.object({ fileName: z.string(), base64: z.string(), sizeBytes: z.number() }),
  }),
};
