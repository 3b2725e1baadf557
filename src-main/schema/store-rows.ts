/**
 * The rows the project store returns and the contract sends as they are: hardware profiles,
 * coefficient sets, projects, scenarios and pages of them. Declared once here; the store's row
 * types are inferred from these schemas, and the contract's responses are these schemas (less the
 * bookkeeping fields it does not send).
 */
import { z } from 'zod';
import type { LawId } from '../engine/common/coefficients';
import { COEFFICIENT_PROVENANCES } from './provenance';

export const LAW_IDS = ['joint', 'leverage', 'comprehensive', 'dense-moe', 'chinchilla'] as const satisfies readonly LawId[];
const _everyLaw: Exclude<LawId, (typeof LAW_IDS)[number]> extends never ? true : never = true;
void _everyLaw;

export const hardwareProfileRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  deviceCount: z.number(),
  /** Bytes per device. */
  memoryBytesPerDevice: z.number(),
  /** Dense bf16 FLOP/s per device. */
  peakFlopsPerDevice: z.number(),
  defaultUtilization: z.number(),
  pricePerDeviceHour: z.number().nullable(),
  /** Watts per device, for energy estimates; null until the user sets it. */
  powerWattsPerDevice: z.number().nullable(),
  source: z.string(),
  /** Came from resources/seed (the user may still have edited it). */
  seeded: z.boolean(),
  seedVersion: z.number().nullable(),
  /** A seeded profile the user edited: later seeds leave it alone. */
  userModified: z.boolean(),
  /** Hash of the fields that change a computation; scenarios compare against it. */
  contentHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HardwareProfileRow = z.infer<typeof hardwareProfileRowSchema>;

export const coefficientSetRowSchema = z.object({
  id: z.string(),
  law: z.enum(LAW_IDS),
  name: z.string(),
  citation: z.string(),
  /** The engine's provenances plus 'user-edited': a published set the user duplicated and changed. */
  provenance: z.enum(COEFFICIENT_PROVENANCES),
  source: z.string(),
  values: z.record(z.string(), z.number()),
  notes: z.string(),
  /** Published (seeded) sets are read-only. */
  published: z.boolean(),
  seedVersion: z.number().nullable(),
  /** The set this one was duplicated from, if any. */
  derivedFrom: z.string().nullable(),
  contentHash: z.string(),
  /** A fitted set saved with its fit record (runs, settings, answer): "How was this computed?" can explain it. */
  hasFitRecord: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CoefficientSetRow = z.infer<typeof coefficientSetRowSchema>;

export const projectRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set while the project is in the trash. */
  deletedAt: z.string().nullable(),
  /** Scenarios not in the trash. */
  scenarioCount: z.number(),
});
export type ProjectRow = z.infer<typeof projectRowSchema>;

/** Why a saved snapshot may no longer match its inputs. */
export const inputChangeSchema = z.object({ input: z.enum(['hardwareProfile', 'coefficientSet']), id: z.string(), reason: z.enum(['edited', 'deleted']) });
export type InputChange = z.infer<typeof inputChangeSchema>;

export const scenarioSummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  /** A wizard id: one of the store's KNOWN_WIZARDS, or a later one (lower-case slug). */
  wizard: z.string(),
  tags: z.array(z.string()),
  /** sha-256 of the inputs as canonical JSON. */
  inputsFingerprint: z.string(),
  hardwareProfileId: z.string().nullable(),
  coefficientSetId: z.string().nullable(),
  /** True when a hardware profile or coefficient set used was edited or deleted since the snapshot. */
  inputsChanged: z.boolean(),
  changedInputs: z.array(inputChangeSchema),
  hasResults: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

/** A training run imported into a project, for the fitter. */
export const runRowSchema = z.object({
  id: z.number(),
  projectId: z.string(),
  name: z.string(),
  nAct: z.number(),
  nTotal: z.number().nullable(),
  tokens: z.number(),
  flops: z.number().nullable(),
  experts: z.number().nullable(),
  loss: z.number(),
  lr: z.number().nullable(),
  batch: z.number().nullable(),
  /** Activated experts G, shared plus routed (the comprehensive law); ≥ 1; null when the run has none. */
  activatedExperts: z.number().nullable(),
  /** Shared-expert ratio S = shared / activated experts (the comprehensive law), in [0, 1]; null when the run has none. */
  sharedRatio: z.number().nullable(),
  createdAt: z.string(),
});
export type RunRow = z.infer<typeof runRowSchema>;

/** A page of a list: the rows, how many match in all, and where the page starts. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Matching rows across all pages; a lower bound when totalExact is false. */
    total: z.number(),
    /** False when a broad search stopped counting at `total` (there are more). */
    totalExact: z.boolean(),
    limit: z.number(),
    offset: z.number(),
  });
export type Page<T> = Omit<z.infer<ReturnType<typeof pageSchema>>, 'items'> & { items: T[] };
