/**
 * A whole project as one JSON file, so a planner can hand a plan to a colleague. The file carries
 * the coefficient sets and hardware profiles its scenarios reference, so it opens the same on a
 * machine that lacks them or has edited its own copies: an existing profile/set is reused only if
 * its numbers are identical, otherwise the file's version is added as a user profile/set and the
 * scenarios point at it. Imported projects always get fresh ids; a name clash becomes "Name (2)".
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { coefficientHash, hardwareHash } from './content-hash';
import { inTransaction, nameAllocator, uniqueName, type RepoContext } from './context';
import { StoreError } from './errors';
import { discardStaged, publishProject, stageProject } from './import-staging';
import { jsonProblem, type JsonValue } from './json-value';
import type { CoefficientSetRepository } from './repositories/coefficient-sets';
import type { HardwareProfileRepository } from './repositories/hardware-profiles';
import type { ProjectRepository } from './repositories/projects';
import { runInputSchema, type RunRepository } from './repositories/runs';
import type { ScenarioRepository } from './repositories/scenarios';
import type { ProjectRow } from './types';
import { coefficientValuesSchema, lawSchema, nameSchema, parseInput, positiveSchema, tagSchema, wizardSchema, finiteSchema } from './validation';

/**
 * Format written by this version. History:
 * 1. first format;
 * 2. runs may carry activatedExperts (G) and sharedRatio (S). A format-1 file is a valid format-2
 *    file without them, so both are read; the bump makes an older app refuse a file whose G and S
 *    it would otherwise silently drop.
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

export interface ImportResult {
  project: ProjectRow;
  /** The name in the file when it had to change to avoid a clash. */
  renamedFrom: string | null;
  scenarioIds: string[];
  /** Profiles/sets added because this database lacked them or had different numbers. */
  addedHardwareProfileIds: string[];
  addedCoefficientSetIds: string[];
}

interface Deps {
  hardware: HardwareProfileRepository;
  coefficients: CoefficientSetRepository;
  projects: ProjectRepository;
  scenarios: ScenarioRepository;
  runs: RunRepository;
}

/** Ids inside inputs under these keys are rewritten when an import has to re-id a profile or set. */
const REFERENCE_KEYS = { hardwareProfileId: 'hardware', coefficientSetId: 'coefficients' } as const;

function remapReferences(value: JsonValue, maps: { hardware: Map<string, string>; coefficients: Map<string, string> }): JsonValue {
  if (Array.isArray(value)) return value.map((v) => remapReferences(v, maps));
  if (value === null || typeof value !== 'object') return value;
  const out: { [k: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) {
    const kind = REFERENCE_KEYS[k as keyof typeof REFERENCE_KEYS] as 'hardware' | 'coefficients' | undefined;
    out[k] = kind && typeof v === 'string' ? (maps[kind].get(v) ?? v) : remapReferences(v, maps);
  }
  return out;
}

/**
 * At publish, a profile or set the import planned to add under an id that was free then: if
 * another import has since added the same numbers under that id, the staged scenarios already
 * point at the right thing (true: nothing to add); different numbers under it are a conflict.
 */
function addedMeanwhile(here: { contentHash: string } | null, planned: string | null | undefined, what: string, id: string): boolean {
  if (!here) return false;
  if (here.contentHash === planned) return true;
  throw new StoreError('in-use', `A different ${what} with id ${id} was added while this project was being imported; import the file again`, { field: 'id' });
}

/** Scenarios checked between turns of the event loop while an import validates its file. */
const VALIDATE_SLICE = 500;
/** Scenarios in the first write transaction; later ones are sized from how long it held the lock. */
const FIRST_CHUNK_ROWS = 200;
/** What each write transaction of an import aims to hold the write lock for, ms: a 60 Hz frame, half the two-frame limit. */
const LOCK_TARGET_MS = 16;
/**
 * Pause after each chunk per ms it held the lock, so writers waiting on other connections (whose
 * busy handler retries at 1, 2, 5, 10, 15, 20 … ms) find it free: short while nobody else writes,
 * as long as the chunk itself once another connection has written during the last few chunks.
 */
const PAUSE_PER_LOCKED_MS = { quiet: 0.25, contended: 1 };
/** Chunks after another connection's write that still pause as if contended. */
const CONTENDED_CHUNKS = 4;

const MIN_CHUNK_ROWS = 100;

/** The next chunk's rows: scaled towards LOCK_TARGET_MS, at most doubling or halving at a time. */
function nextChunkRows(rows: number, lockMs: number): number {
  const scale = Math.min(2, Math.max(0.5, LOCK_TARGET_MS / Math.max(lockMs, 0.1)));
  // A floor: below about 100 rows each commit's fixed cost (the trigram index flushes a segment,
  // hot index pages go to the log again) outweighs the rows, so a machine slowed down by other
  // work would make the import several times slower for no gain.
  return Math.min(2000, Math.max(MIN_CHUNK_ROWS, Math.round(rows * scale)));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface ImportProgress {
  /** Scenarios written so far (still invisible until the import publishes). */
  written: number;
  total: number;
  /** How long the chunk just written held the write lock, ms. */
  lockMs: number;
}

export interface ImportOptions {
  /** Scenarios per write transaction; by default sized so each holds the write lock about LOCK_TARGET_MS. */
  chunkRows?: number;
  /** Called (and awaited) after each chunk is committed, with no lock held: progress, and a seam for tests. */
  onChunk?: (progress: ImportProgress) => void | Promise<void>;
}

export function projectTransfer(ctx: RepoContext, deps: Deps) {
  const { db } = ctx;

  function exportProject(projectId: string): ProjectFile {
    const project = deps.projects.get(projectId, 'projectId');
    const ids = (
      db.prepare('SELECT id FROM scenarios WHERE project_id = ? AND deleted_at IS NULL ORDER BY created_at, id').all(project.id) as { id: string }[]
    ).map((r) => r.id);
    const hashes = db.prepare('SELECT hardware_profile_hash AS h, coefficient_set_hash AS c FROM scenarios WHERE id = ?');
    const hardwareIds = new Set<string>();
    const coefficientIds = new Set<string>();
    const scenarios = ids.map((id) => {
      const s = deps.scenarios.get(id);
      const h = hashes.get(id) as { h: string | null; c: string | null };
      if (s.hardwareProfileId) hardwareIds.add(s.hardwareProfileId);
      if (s.coefficientSetId) coefficientIds.add(s.coefficientSetId);
      return {
        id: s.id,
        name: s.name,
        wizard: s.wizard,
        inputs: s.inputs,
        results: s.results,
        notes: s.notes,
        tags: s.tags,
        hardwareProfileId: s.hardwareProfileId,
        coefficientSetId: s.coefficientSetId,
        hardwareProfileHash: h.h,
        coefficientSetHash: h.c,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
      };
    });
    const hardwareProfiles = [...hardwareIds].flatMap((id) => {
      const p = deps.hardware.find(id);
      return p
        ? [{ id: p.id, name: p.name, deviceCount: p.deviceCount, memoryBytesPerDevice: p.memoryBytesPerDevice, peakFlopsPerDevice: p.peakFlopsPerDevice, defaultUtilization: p.defaultUtilization, pricePerDeviceHour: p.pricePerDeviceHour, powerWattsPerDevice: p.powerWattsPerDevice, source: p.source }]
        : [];
    });
    const coefficientSets = [...coefficientIds].flatMap((id) => {
      const c = deps.coefficients.find(id);
      const replicates = c && !c.published ? deps.coefficients.replicates(c.id) : null;
      return c
        ? [{ id: c.id, law: c.law, name: c.name, citation: c.citation, provenance: c.provenance, source: c.source, values: c.values, notes: c.notes, derivedFrom: c.derivedFrom, ...(replicates ? { replicates } : {}) }]
        : [];
    });
    const runs = deps.runs.list(project.id).map((r) => ({
      name: r.name,
      nAct: r.nAct,
      nTotal: r.nTotal,
      tokens: r.tokens,
      flops: r.flops,
      experts: r.experts,
      loss: r.loss,
      lr: r.lr,
      batch: r.batch,
      activatedExperts: r.activatedExperts,
      sharedRatio: r.sharedRatio,
    }));
    return {
      formatVersion: PROJECT_FORMAT_VERSION,
      app: 'moe-workbench',
      exportedAt: ctx.now(),
      project: { name: project.name, notes: project.notes, createdAt: project.createdAt, updatedAt: project.updatedAt },
      scenarios,
      hardwareProfiles,
      coefficientSets,
      runs,
    };
  }

  async function importProject(data: unknown, options: ImportOptions = {}): Promise<ImportResult> {
    const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof version === 'number' && version > PROJECT_FORMAT_VERSION) {
      throw new StoreError(
        'invalid-import',
        `formatVersion: the file has project format ${version}, newer than this app reads (${PROJECT_FORMAT_VERSION}); update the app`,
        { field: 'formatVersion' },
      );
    }
    const file = parseInput(projectFileHead, data, undefined, 'invalid-import');
    // each scenario checked on its own, a slice at a time, so a large file never stalls the thread
    const scenarios: ProjectFile['scenarios'] = [];
    for (let i = 0; i < file.scenarios.length; i++) {
      scenarios.push(parseInput(scenarioSchema, file.scenarios[i], `scenarios[${i}]`, 'invalid-import'));
      if ((i + 1) % VALIDATE_SLICE === 0) await nextTurn();
    }

    // What the file's profiles and sets become here, decided up front so staged scenarios can
    // point at them; they are written only when the import publishes (see import-staging.ts).
    const maps = { hardware: new Map<string, string>(), coefficients: new Map<string, string>() };
    const hardwareToAdd: Array<{ profile: ProjectFile['hardwareProfiles'][number]; id: string }> = [];
    const setsToAdd: Array<{ set: Omit<ProjectFile['coefficientSets'][number], 'replicates'>; id: string; replicates: ProjectFile['coefficientSets'][number]['replicates'] }> = [];
    const replicatesForLocal: Array<{ id: string; replicates: Array<Record<string, number>> }> = [];
    /** Content hash of each profile or set a scenario may point at, as it will be once published. */
    const hashes = { hardware: new Map<string, string | null>(), coefficients: new Map<string, string | null>() };
    for (const p of file.hardwareProfiles) {
      const local = deps.hardware.find(p.id);
      const hash = hardwareHash(p);
      if (local && local.contentHash === hash) continue;
      const id = deps.hardware.importId(p.id);
      maps.hardware.set(p.id, id);
      hashes.hardware.set(id, hash);
      hardwareToAdd.push({ profile: p, id });
    }
    for (const { replicates, ...c } of file.coefficientSets) {
      const local = deps.coefficients.find(c.id);
      const hash = coefficientHash(c);
      if (local && local.contentHash === hash) {
        // The same numbers here: the file's replicates describe this set too, unless it has its own.
        if (replicates && !local.published) replicatesForLocal.push({ id: local.id, replicates });
        continue;
      }
      const id = deps.coefficients.importId(c.id);
      maps.coefficients.set(c.id, id);
      hashes.coefficients.set(id, hash);
      setsToAdd.push({ set: c, id, replicates });
    }
    const hashOf = (kind: 'hardware' | 'coefficients', id: string | null): string | null => {
      if (id === null) return null;
      const cache = hashes[kind];
      if (!cache.has(id)) cache.set(id, (kind === 'hardware' ? deps.hardware.find(id) : deps.coefficients.find(id))?.contentHash ?? null);
      return cache.get(id) ?? null;
    };

    const projectId = inTransaction(ctx, () => {
      const id = stageProject(ctx, file.project);
      deps.runs.insertRaw(id, file.runs, ctx.now());
      return id;
    });
    try {
      const scenarioName = nameAllocator([]);
      const scenarioIds: string[] = [];
      let rows = options.chunkRows ?? FIRST_CHUNK_ROWS;
      // changes whenever another connection commits (https://sqlite.org/pragma.html#pragma_data_version)
      const othersWrote = (() => {
        let seen = db.pragma('data_version', { simple: true });
        return () => seen !== (seen = db.pragma('data_version', { simple: true }));
      })();
      let contended = 0;
      for (let start = 0; start < scenarios.length; ) {
        const chunk = scenarios.slice(start, start + rows).map((s) => {
          const hardwareProfileId = s.hardwareProfileId === null ? null : (maps.hardware.get(s.hardwareProfileId) ?? s.hardwareProfileId);
          const coefficientSetId = s.coefficientSetId === null ? null : (maps.coefficients.get(s.coefficientSetId) ?? s.coefficientSetId);
          return {
            projectId,
            name: scenarioName(s.name),
            wizard: s.wizard,
            inputs: remapReferences(s.inputs, maps),
            results: s.results,
            notes: s.notes,
            tags: s.tags,
            hardwareProfileId,
            coefficientSetId,
            hardwareProfileHash: s.hardwareProfileHash === undefined ? hashOf('hardware', hardwareProfileId) : s.hardwareProfileHash,
            coefficientSetHash: s.coefficientSetHash === undefined ? hashOf('coefficients', coefficientSetId) : s.coefficientSetHash,
            createdAt: s.createdAt,
            updatedAt: s.updatedAt,
          };
        });
        let locked = 0;
        const ids = inTransaction(ctx, () => {
          locked = performance.now();
          return deps.scenarios.insertMany(chunk);
        });
        const lockMs = performance.now() - locked;
        scenarioIds.push(...ids);
        start += chunk.length;
        await options.onChunk?.({ written: start, total: scenarios.length, lockMs });
        if (start < scenarios.length) {
          // let writers waiting on other connections in before the next chunk takes the lock again
          contended = othersWrote() ? CONTENDED_CHUNKS : Math.max(0, contended - 1);
          await sleep(Math.max(1, lockMs * (contended > 0 ? PAUSE_PER_LOCKED_MS.contended : PAUSE_PER_LOCKED_MS.quiet)));
          if (options.chunkRows === undefined) rows = nextChunkRows(rows, lockMs);
        }
      }

      const addedHardwareProfileIds: string[] = [];
      const addedCoefficientSetIds: string[] = [];
      const project = inTransaction(ctx, () => {
        for (const { profile, id } of hardwareToAdd) {
          if (addedMeanwhile(deps.hardware.find(id), hashes.hardware.get(id), 'hardware profile', id)) continue;
          deps.hardware.insertImported(profile, id);
          addedHardwareProfileIds.push(id);
        }
        for (const { set, id, replicates } of setsToAdd) {
          if (addedMeanwhile(deps.coefficients.find(id), hashes.coefficients.get(id), 'coefficient set', id)) continue;
          deps.coefficients.insertImported({ ...set, derivedFrom: set.derivedFrom ?? null }, id);
          if (replicates) deps.coefficients.saveReplicates(id, replicates);
          addedCoefficientSetIds.push(id);
        }
        for (const { id, replicates } of replicatesForLocal) if (!deps.coefficients.replicates(id)) deps.coefficients.saveReplicates(id, replicates);
        publishProject(ctx, projectId, uniqueName(file.project.name, deps.projects.liveNames()));
        return deps.projects.get(projectId);
      });
      return {
        project,
        renamedFrom: project.name === file.project.name ? null : file.project.name,
        scenarioIds,
        addedHardwareProfileIds,
        addedCoefficientSetIds,
      };
    } catch (e) {
      // closed under the import (a backup restored, the app quitting): what it wrote stays hidden
      // in that file, removed by the first open after this process has ended
      if (!db.open) {
        throw new StoreError('in-use', 'The database was closed while the project was being imported (a backup restore or the app quitting); nothing of it was imported: import the file again', { cause: e });
      }
      try {
        discardStaged(ctx, projectId);
      } catch {
        // still invisible; the next open after this process ends removes it (import-staging.ts)
      }
      throw e;
    }
  }

  return {
    exportProject,
    importProject,

    /** Writes to a temporary file first and renames it, so a crash never leaves half a file. */
    exportProjectToFile(projectId: string, filePath: string): ProjectFile {
      const file = exportProject(projectId);
      const tmp = `${filePath}.tmp-${process.pid}`;
      writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
      renameSync(tmp, filePath);
      return file;
    },

    async importProjectFromFile(filePath: string, options: ImportOptions = {}): Promise<ImportResult> {
      let text: string;
      try {
        text = readFileSync(filePath, 'utf8');
      } catch (cause) {
        throw new StoreError('io', `Could not read ${filePath}: ${String(cause)}`, { path: filePath, cause });
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (cause) {
        throw new StoreError('invalid-import', `${filePath} is not a JSON file: ${String(cause)}`, { path: filePath, field: '(root)', cause });
      }
      return importProject(data, options);
    },
  };
}

export type ProjectTransfer = ReturnType<typeof projectTransfer>;
