/**
 * A fit of a law's coefficients to training runs (the fitter, issue 8) as fit.run and fit.status
 * return it: the coefficients, their bootstrap intervals, every run's residual with its size, and
 * the fitted curves the charts draw. The service builds it from the engine's FitResult (optional
 * fields become null, runs gain their sizes), so only the parts the two share are mirrored.
 */
import { z } from 'zod';
import { FIT_LAW_IDS } from '../engine/ids';
import type { CoefficientInterval, ParamSpec } from '../engine/fit/types';
import { mirrors } from './mirror';

export const fitLawSchema = z.enum(FIT_LAW_IDS);

/** An internal parameter of the fit and the coefficient it determines. */
export const paramSpecSchema = z.object({ name: z.string(), coefficient: z.string(), transform: z.enum(['identity', 'log']) });
mirrors<z.infer<typeof paramSpecSchema>, ParamSpec>(true);

const residualSchema = z.object({
  index: z.number(),
  label: z.string().nullable(),
  line: z.number().nullable(),
  role: z.enum(['train', 'holdout', 'dropped', 'excluded']),
  observedLoss: z.number(),
  predictedLoss: z.number(),
  residual: z.number(),
  weight: z.number(),
  /** The run's active parameters and tokens (for charts). */
  nAct: z.number(),
  tokens: z.number(),
  experts: z.number().nullable(),
});

const intervalSchema = z.object({ lower: z.number(), upper: z.number(), sd: z.number() });
mirrors<z.infer<typeof intervalSchema>, CoefficientInterval>(true);

/** A fitted law's curve: loss against tokens at one model size (and expert count). */
const curveSchema = z.object({
  label: z.string(),
  nAct: z.number(),
  experts: z.number().nullable(),
  points: z.array(z.object({ tokens: z.number(), loss: z.number() })),
  /** Indices (into residuals) of the runs this curve is drawn over. */
  runs: z.array(z.number()),
});

export const fitResultSchema = z.object({
  law: fitLawSchema,
  coefficients: z.record(z.string(), z.number()),
  /** Coefficient names in display order. */
  coefficientOrder: z.array(z.string()),
  params: z.record(z.string(), z.number()),
  delta: z.number(),
  objective: z.number(),
  /** RMSE of ln L over training runs. */
  rmseTrain: z.number(),
  rmseHoldout: z.number().nullable(),
  maxError: z.number(),
  maxErrorHoldout: z.number().nullable(),
  residualScale: z.literal('ln L'),
  residuals: z.array(residualSchema),
  starts: z.number(),
  bestStart: z.number(),
  selection: z.enum(['lowest-objective', 'lowest-train-plus-holdout-rmse']),
  counts: z.object({ runs: z.number(), train: z.number(), holdout: z.number(), dropped: z.number(), excluded: z.number() }),
  screening: z.object({ stride: z.number(), runs: z.number(), keep: z.number() }),
  experts: z.number().nullable(),
  intervals: z.record(z.string(), intervalSchema).nullable(),
  bootstrap: z.object({ samples: z.number(), seed: z.number(), confidence: z.number(), failed: z.number() }).nullable(),
  iterations: z.number(),
  evaluations: z.number(),
  seconds: z.number(),
  curves: z.array(curveSchema),
});
export type FitResultData = z.infer<typeof fitResultSchema>;
