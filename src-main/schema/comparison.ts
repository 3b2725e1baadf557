/**
 * Scenarios side by side (scenarios.compare, and the model the PDF and CSV reports are built
 * from, reports/comparison.ts): one column per scenario, one row per quantity with its unit,
 * the charts they share axes for, the laws and sets they cite, their flags and assumptions.
 */
import { z } from 'zod';
import { flagSchema } from './flags';

export const cellSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);

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
  /** The snapshot has the shape of a joint-law plan (compute, memory, inference wizards). */
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
  /** True when the columns do not all hold the same value (a missing value counts as different). */
  differs: z.boolean(),
});

/** `categories`: for bar charts, the labels along the axis. */
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
      /** `label` names a point on the chart (e.g. its E). */
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
  /** Assumptions the numbers rest on (units, fitted ranges of each law used). */
  assumptions: z.array(z.string()),
});

/**
 * Page 1 of a report as data (reports/decision.ts builds it): what each scenario asked, its answer
 * in one sentence, its extrapolation in plain words, and which scenario wins on what. The PDF
 * draws it, and scenarios.compare returns it so the app and the CLI write the same words.
 */
export const decisionSchema = z.object({
  scenarios: z.array(
    z.object({
      scenarioId: z.string(),
      name: z.string(),
      /** The question the scenario put, in words. */
      asked: z.string(),
      /** The answer in one sentence. */
      sentence: z.string(),
      /** Extrapolation in plain words: which quantities lie outside the law's fitted range, and how far. */
      extrapolation: z.string(),
    }),
  ),
  /** "Lowest predicted loss: …": each quantity ranked among the scenarios that have it in the same unit and convention. */
  winners: z.array(z.string()),
});

/** scenarios.compare: the side-by-side model and page 1's decision, written in the request's byte convention. */
export const compareResponseSchema = comparisonSchema.extend({ decision: decisionSchema });

export type Decision = z.infer<typeof decisionSchema>;
export type ScenarioDecision = Decision['scenarios'][number];
export type Cell = z.infer<typeof cellSchema>;
export type ComparisonRow = z.infer<typeof comparisonRowSchema>;
export type RowGroup = ComparisonRow['group'];
export type ComparisonColumn = z.infer<typeof comparisonColumnSchema>;
export type ChartAxis = z.infer<typeof chartAxisSchema>;
export type ChartData = z.infer<typeof chartDataSchema>;
export type ChartSeries = ChartData['series'][number];
export type ComparisonModel = z.infer<typeof comparisonSchema>;
export type Citation = ComparisonModel['citations'][number];
export type ComparisonFlag = ComparisonModel['flags'][number];
