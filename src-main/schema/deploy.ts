/**
 * Deployment results (LAWS.md §7): the KV cache of an attention layout (memory.kv), training
 * memory per device under a parallel layout (memory.training), and the deployment check of a
 * design or a known architecture (deploy.check: layout search, serving memory, time and cost).
 * The service names and renames some of the engine's figures for the wire (a layout's
 * description, the cluster in words, the serving cache as `kvCacheBytes` beside the bytes per
 * value), so each part is mirrored on what the two share.
 */
import { z } from 'zod';
import type { KvCacheFigures } from '../engine/deploy/attention';
import type { EvaluatedLayout, LayoutSearchResult, Suggestion } from '../engine/deploy/layout-search';
import type { ArchitecturePreset } from '../engine/deploy/presets';
import type { UsableMemory } from '../engine/deploy/reserve';
import type { ServingMemory } from '../engine/deploy/serving';
import type { ParallelLayout, TrainingMemory } from '../engine/deploy/training';
import { mirrors } from './mirror';
import { timeCostSchema } from './time-cost';

export const RECOMPUTE_CHOICES = ['none', 'selective', 'full'] as const;

export const parallelLayoutSchema = z.object({
  zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  tp: z.number(),
  pp: z.number(),
  ep: z.number(),
  microBatch: z.number(),
  recompute: z.enum(RECOMPUTE_CHOICES),
});
/**
 * A layout as the search returns it: sequence parallelism is an input of the memory accounting
 * that the search always turns on and never writes into the layouts it returns.
 */
type SearchedLayout = Omit<ParallelLayout, 'sequenceParallel'>;
mirrors<z.infer<typeof parallelLayoutSchema>, SearchedLayout>(true);

export const trainingMemorySchema = z.object({
  weightsBytes: z.number(),
  gradientBytes: z.number(),
  optimizerBytes: z.number(),
  modelStatesBytes: z.number(),
  /** Null when memory.training was not given the model's shape: activations not counted. */
  activationBytes: z.number().nullable(),
  totalBytes: z.number(),
  denseParamsPerDevice: z.number(),
  expertParamsPerDevice: z.number(),
  dataParallel: z.number(),
  expertDataParallel: z.number(),
});
mirrors<z.infer<typeof trainingMemorySchema>, TrainingMemory>(true);

const evaluatedLayoutSchema = z.object({ layout: parallelLayoutSchema, memory: trainingMemorySchema, fits: z.boolean(), headroomBytes: z.number(), description: z.string() });
/** The service adds the layout in words. */
mirrors<Omit<z.infer<typeof evaluatedLayoutSchema>, 'description'>, Omit<EvaluatedLayout, 'layout'> & { layout: SearchedLayout }>(true);

export const usableMemorySchema = z.object({ deviceBytes: z.number(), reserveBytes: z.number(), usableBytes: z.number() });
mirrors<z.infer<typeof usableMemorySchema>, UsableMemory>(true);

const suggestionSchema = z.object({ kind: z.string(), message: z.string() });
/** A suggestion's layout and bytes stay in the engine: the message states them. */
mirrors<z.infer<typeof suggestionSchema>, Pick<Suggestion, 'kind' | 'message'>>(true);

/** memory.kv: the cache of one attention layout. */
export const kvCacheResultSchema = z.object({
  attention: z.enum(['mha', 'gqa', 'mla']),
  description: z.string(),
  valuesPerToken: z.number(),
  bytesPerToken: z.number(),
  tokens: z.number(),
  totalBytes: z.number(),
  formula: z.string(),
});
mirrors<Omit<z.infer<typeof kvCacheResultSchema>, 'attention' | 'description' | 'formula'>, KvCacheFigures>(true);

/** memory.training: one layout's memory per device, with the optimizer's bytes per parameter. */
export const trainingMemoryResultSchema = z.object({
  devices: z.number(),
  layout: parallelLayoutSchema,
  optimizer: z.string(),
  optimizerLabel: z.string(),
  bytesPerParam: z.object({ weights: z.number(), gradients: z.number(), optimizer: z.number() }),
  memory: trainingMemorySchema,
  notes: z.array(z.string()),
});

const modelSummarySchema = z.object({
  name: z.string(),
  layers: z.number(),
  hidden: z.number(),
  heads: z.number(),
  experts: z.number(),
  activeExperts: z.number(),
  totalParams: z.number(),
  activeParams: z.number(),
  denseParams: z.number(),
  expertParams: z.number(),
  attention: z.string(),
  /** Which attention convention the cache figures use, and why. */
  attentionNote: z.string(),
  source: z.string(),
});

const trainingCheckSchema = z.object({
  hardwareId: z.string(),
  hardwareName: z.string(),
  devices: z.number(),
  cluster: z.string(),
  seqLen: z.number(),
  optimizer: z.string(),
  optimizerLabel: z.string(),
  usable: usableMemorySchema,
  fits: z.boolean(),
  best: evaluatedLayoutSchema.nullable(),
  leanest: evaluatedLayoutSchema.nullable(),
  rejected: z.array(evaluatedLayoutSchema.extend({ reason: z.string() })),
  evaluated: z.number(),
  ordering: z.string(),
  invalidReason: z.string().nullable(),
  shortfallBytes: z.number().nullable(),
  suggestions: z.array(suggestionSchema),
  /** Nothing usable is left once the reserve is taken: a warning, not an error. */
  warnings: z.array(z.string()),
});
/** The search's own figures; the layouts and suggestions are mirrored above, the rest is the service's. */
type SearchFigures = 'usable' | 'fits' | 'evaluated' | 'ordering' | 'invalidReason' | 'shortfallBytes';
mirrors<Pick<z.infer<typeof trainingCheckSchema>, SearchFigures>, Omit<LayoutSearchResult, 'best' | 'leanest' | 'rejected' | 'suggestions'>>(true);

const servingCheckSchema = z.object({
  hardwareId: z.string(),
  hardwareName: z.string(),
  devices: z.number(),
  cluster: z.string(),
  tp: z.number(),
  ep: z.number(),
  batch: z.number(),
  context: z.number(),
  /** Bytes per weight and per cached value, as asked. */
  weightBytes: z.number(),
  kvBytes: z.number(),
  weightsBytes: z.number(),
  /** The engine's `kvBytes`: the cache per device. */
  kvCacheBytes: z.number(),
  kvBytesPerToken: z.number(),
  totalBytes: z.number(),
  usable: usableMemorySchema,
  fits: z.boolean(),
  headroomBytes: z.number(),
  maxCachedTokens: z.number(),
  warnings: z.array(z.string()),
});
type ServingFigures = 'weightsBytes' | 'kvBytesPerToken' | 'totalBytes' | 'fits' | 'headroomBytes' | 'maxCachedTokens';
mirrors<Pick<z.infer<typeof servingCheckSchema>, ServingFigures>, Omit<ServingMemory, 'kvBytes' | keyof UsableMemory>>(true);
mirrors<z.infer<typeof servingCheckSchema>['usable'], Pick<ServingMemory, keyof UsableMemory>>(true);

export const deployCheckResultSchema = z.object({
  model: modelSummarySchema,
  reserve: z.object({ kind: z.enum(['share', 'gib']), value: z.number() }),
  training: trainingCheckSchema.nullable(),
  serving: servingCheckSchema.nullable(),
  time: timeCostSchema.nullable(),
  citations: z.array(z.string()),
});
export type DeployCheckResult = z.infer<typeof deployCheckResultSchema>;

/** deploy.presets: the shipped architectures with their counted and published sizes. */
export const deployPresetsSchema = z.object({
  presets: z.array(
    z.object({ id: z.string(), name: z.string(), source: z.string(), totalParams: z.number(), activeParams: z.number(), publishedTotalParams: z.number(), publishedActiveParams: z.number(), attention: z.string() }),
  ),
});
type PresetFields = 'id' | 'name' | 'source' | 'publishedTotalParams' | 'publishedActiveParams';
mirrors<Pick<z.infer<typeof deployPresetsSchema>['presets'][number], PresetFields>, Pick<ArchitecturePreset, PresetFields>>(true);
