/**
 * A project file as this app reads it, and the work of reading one: checking every field and
 * serialising each scenario for the database. None of it touches a database, so it can run on
 * any thread: the services run it in a worker thread (services/import), and only the writes run
 * on the thread that owns the store's connection (project-transfer.ts), a short chunk at a time.
 */
import { z } from 'zod';
import { fingerprint, jsonProblem, type JsonValue } from './json-value';
import { REFERENCE_KEYS, rowEncoder, rowQueue, type ImportPlan, type RowSlice } from './import-rows';
import { runInputSchema } from './repositories/runs';
import { StoreError } from './errors';
import { fitRecordSchema } from '../schema/fit-record';
import { coefficientValuesSchema, lawSchema, nameSchema, parseInput, positiveSchema, tagSchema, wizardSchema, finiteSchema } from './validation';

/**
 * Format written by this version. History:
 * 1. first format;
 * 2. runs may carry activatedExperts (G) and sharedRatio (S). A format-1 file is a valid format-2
 *    file without them, so both are read; the bump makes an older app refuse a file whose G and S
 *    it would otherwise silently drop.
 * A coefficient set may also carry its fit record (`fit`, schema/fit-record.ts, versioned on its
 * own) since format 2 without a bump: an older app drops it, but it leaves every number as it is
 * (the record only explains the set's values; that app could not explain it anyway), as with `replicates`.
 */
export const PROJECT_FORMAT_VERSION = 2;
/** Every format this version reads. */
export const READABLE_PROJECT_FORMATS = [1, 2] as const;

// one iterative pass instead of a recursive union per value: linear, and no stack to exhaust
const jsonValue = z.unknown().superRefine((v, ctx) => {
  const problem = jsonProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
}) as unknown as z.ZodType<JsonValue>;

const hardwareSchema = z.object({
  id: z.string().min(1),
  name: nameSchema,
  deviceCount: z.number().int().positive(),
  memoryBytesPerDevice: z.number().int().positive(),
  peakFlopsPerDevice: positiveSchema,
  defaultUtilization: finiteSchema.refine((v) => v > 0 && v <= 1, 'must be in (0, 1]'),
  pricePerDeviceHour: positiveSchema.nullable(),
  powerWattsPerDevice: positiveSchema.nullable().optional(),
  source: z.string(),
});

const coefficientSchema = z.object({
  id: z.string().min(1),
  law: lawSchema,
  name: nameSchema,
  citation: z.string(),
  provenance: z.enum(['published-table', 'secondary-transcription', 'partial', 'user-fit', 'user-edited']),
  source: z.string(),
  values: coefficientValuesSchema,
  notes: z.string(),
  derivedFrom: z.string().nullable().optional(),
  /** A fitted set's bootstrap replicates (each a full set of values), for uncertainty bands; absent in older files and for sets without any. */
  replicates: z.array(coefficientValuesSchema).min(1).max(10_000).optional(),
  /** How a fitted set was computed (fit.save's record); absent in older files and for sets without one. */
  fit: fitRecordSchema.optional(),
});

const scenarioSchema = z.object({
  id: z.string().min(1),
  name: nameSchema,
  wizard: wizardSchema,
  inputs: jsonValue,
  results: jsonValue.nullable(),
  notes: z.string(),
  tags: z.array(tagSchema),
  hardwareProfileId: z.string().min(1).nullable(),
  coefficientSetId: z.string().min(1).nullable(),
  /** Hashes the snapshot was computed with; absent means "current" (fresh). */
  hardwareProfileHash: z.string().nullable().optional(),
  coefficientSetHash: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const projectFileSchema = z.object({
  formatVersion: z.union(READABLE_PROJECT_FORMATS.map((v) => z.literal(v)), {
    error: `must be one of the project formats this app reads (${READABLE_PROJECT_FORMATS.join(', ')})`,
  }),
  app: z.literal('moe-workbench'),
  exportedAt: z.string(),
  project: z.object({ name: nameSchema, notes: z.string(), createdAt: z.string(), updatedAt: z.string() }),
  scenarios: z.array(scenarioSchema),
  hardwareProfiles: z.array(hardwareSchema),
  coefficientSets: z.array(coefficientSchema),
  runs: z.array(runInputSchema),
});

export type ProjectFile = z.infer<typeof projectFileSchema>;

/** The file with its scenarios not yet checked: import checks them one by one. */
const projectFileHead = projectFileSchema.extend({ scenarios: z.array(z.unknown()) });

/** Everything of a checked file but its scenarios, which are taken a chunk at a time. */
export type ImportHead = Omit<ProjectFile, 'scenarios'>;

/** A checked scenario of a file, serialised as the database stores it. */
export interface PreparedScenario {
  name: string;
  wizard: string;
  inputsJson: string;
  resultsJson: string | null;
  inputsFingerprint: string;
  /** Its inputs name a profile or set by id (rewritten if the import has to re-id that one). */
  refersById: boolean;
  notes: string;
  tags: string[];
  hardwareProfileId: string | null;
  coefficientSetId: string | null;
  /** Hashes its snapshot was taken with; undefined (an older file) means "current". */
  hardwareProfileHash?: string | null | undefined;
  coefficientSetHash?: string | null | undefined;
  createdAt: string;
  updatedAt: string;
}

/**
 * Checks all but the scenarios of a parsed project file (refusing a newer format by name) and
 * returns them unchecked, for prepareScenario one at a time.
 */
export function readProjectFileHead(data: unknown): { head: ImportHead; scenarios: unknown[] } {
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > PROJECT_FORMAT_VERSION) {
    throw new StoreError(
      'invalid-import',
      `formatVersion: the file has project format ${version}, newer than this app reads (${PROJECT_FORMAT_VERSION}); update the app`,
      { field: 'formatVersion' },
    );
  }
  const { scenarios, ...head } = parseInput(projectFileHead, data, undefined, 'invalid-import');
  return { head, scenarios };
}

/** The file's text parsed; a text that is not JSON is refused naming `field`. */
export function parseProjectText(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new StoreError('invalid-import', `${field}: not a JSON project file (${(cause as Error).message})`, { field, cause });
  }
}

function refersById(value: JsonValue): boolean {
  const stack: JsonValue[] = [value];
  while (stack.length) {
    const v = stack.pop()!;
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        if (k in REFERENCE_KEYS && typeof inner === 'string') return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

/** Checks the file's scenario at `index` and serialises it. */
export function prepareScenario(raw: unknown, index: number): PreparedScenario {
  const s = parseInput(scenarioSchema, raw, `scenarios[${index}]`, 'invalid-import');
  return {
    name: s.name,
    wizard: s.wizard,
    inputsJson: JSON.stringify(s.inputs),
    resultsJson: s.results === null ? null : JSON.stringify(s.results),
    inputsFingerprint: fingerprint(s.inputs),
    refersById: refersById(s.inputs),
    notes: s.notes,
    tags: s.tags,
    hardwareProfileId: s.hardwareProfileId,
    coefficientSetId: s.coefficientSetId,
    hardwareProfileHash: s.hardwareProfileHash,
    coefficientSetHash: s.coefficientSetHash,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/**
 * Where an import's scenarios come from, checked and made into rows (import-rows.ts): a worker
 * thread (services/import) or this thread (prepareHere). Awaiting `take` yields to the event loop,
 * so requests waiting on the store's thread run between two chunks of an import.
 */
export interface ImportSource {
  readonly head: ImportHead;
  readonly total: number;
  /** How the file's references land here, decided from the head; called once, before the first take. */
  plan(plan: ImportPlan): void;
  /** The next `max` scenarios' rows, fewer at the end, none (count 0) once all were taken. */
  take(max: number): Promise<RowSlice>;
  /** Lets go of what the source holds (its worker); called once the import ends either way. */
  close(): void;
}

/** How long this thread checks scenarios before yielding, ms. */
const PREPARE_SLICE_MS = 8;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The file prepared on this thread, a slice at a time, every scenario checked before the source
 * is returned (so a bad file is refused before anything is written). For tests, the bench and
 * callers with nothing else to serve; the services prepare in a worker thread.
 */
export async function prepareHere(data: unknown): Promise<ImportSource> {
  const { head, scenarios } = readProjectFileHead(data);
  const prepared: PreparedScenario[] = [];
  let sliceStart = performance.now();
  for (let i = 0; i < scenarios.length; i++) {
    prepared.push(prepareScenario(scenarios[i], i));
    if (performance.now() - sliceStart > PREPARE_SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  let next = 0;
  let encode: ReturnType<typeof rowEncoder> | null = null;
  const queue = rowQueue();
  return {
    head,
    total: prepared.length,
    plan(plan) {
      encode = rowEncoder(plan);
    },
    async take(max) {
      if (!encode) throw new Error('an import source is planned before its rows are taken');
      await nextTurn();
      queue.push(encode(prepared.slice(next, next + max)));
      next = Math.min(prepared.length, next + max);
      return queue.take(max);
    },
    close() {},
  };
}
