/** "How was this computed?": a figure's formula, written symbolically and with the user's values, and its citation. */
import { z } from 'zod';
import type { WrittenExplanation } from '../engine/explain/render';
import { mirrors } from './mirror';

export const explanationRowSchema = z.object({
  symbol: z.string(),
  meaning: z.string(),
  /** The right-hand side in symbols. */
  formula: z.string(),
  /** The same with the user's values and the coefficients substituted, in planner units. */
  substituted: z.string(),
  /** The result with its unit. */
  value: z.string(),
  /** The result as a raw number. */
  raw: z.number(),
  /** One of the figures asked about (the others are steps towards them). */
  headline: z.boolean(),
});

export const explanationSchema = z.object({
  figure: z.string(),
  title: z.string(),
  /** Each headline figure's equation with the per-step symbols written out (e.g. Eq. 6 for the joint loss). */
  equations: z.array(z.string()),
  rows: z.array(explanationRowSchema),
  inputs: z.array(z.object({ symbol: z.string(), meaning: z.string(), value: z.string() })),
  coefficients: z.array(z.object({ symbol: z.string(), value: z.string() })),
  citation: z.string(),
  source: z.string(),
  coefficientSet: z.object({ id: z.string(), name: z.string() }).nullable(),
  note: z.string().nullable(),
  /** The values the figures are taken over (a bootstrap band's refits), one row each, in planner units; `raw` keeps the numbers. */
  data: z.object({ caption: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())), raw: z.array(z.array(z.number())) }).nullable(),
});
export type ExplanationInfo = z.infer<typeof explanationSchema>;
mirrors<ExplanationInfo, WrittenExplanation>(true);
