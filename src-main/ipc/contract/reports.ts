/** Channels of comparisons and reports: scenarios side by side, CSV exports and the PDF design report. */
import { z } from 'zod';
import { channel } from './define';
import { compareResponseSchema, decisionSchema } from '../../schema/comparison';

const scenarioId = z.string({ error: 'a scenario id must be a string' }).min(1, 'a scenario id must not be empty').max(200, 'a scenario id is too long');
const uniqueIds = (min: number, max: number, what: string) =>
  z
    .array(scenarioId)
    .min(min, `${what} must list at least ${min} scenario${min === 1 ? '' : 's'}`)
    .max(max, `${what} may list at most ${max} scenarios`)
    .refine((l) => new Set(l).size === l.length, `${what} must not repeat a scenario`);

export const reportsChannels = {
  'scenarios.compare': channel({
    summary: 'Compare 2 to 6 saved scenarios: a row per quantity with units, differences, changed inputs, overlay charts, and which scenario wins on what',
    request: z.object({
      ids: uniqueIds(2, 6, 'ids'),
      /** Memory in the decision's sentences as GiB ('binary') or GB ('decimal'); default: the saved preference (app.preferences). The table's cells stay raw bytes. */
      byteConvention: z.enum(['binary', 'decimal']).optional(),
    }),
    response: compareResponseSchema,
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
    response: z.object({
      fileName: z.string(),
      base64: z.string(),
      sizeBytes: z.number(),
      /** Page 1's "which scenario wins on what", line by line (none for one scenario), so a caller can say it without reading the PDF. */
      winners: decisionSchema.shape.winners,
    }),
  }),
};
