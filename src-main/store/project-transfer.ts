/**
 * A whole project as one JSON file, so a planner can hand a plan to a colleague. The file carries
 * the coefficient sets and hardware profiles its scenarios reference, so it opens the same on a
 * machine that lacks them or has edited its own copies: an existing profile/set is reused only if
 * its numbers are identical, otherwise the file's version is added as a user profile/set and the
 * scenarios point at it. Imported projects always get fresh ids; a name clash becomes "Name (2)".
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { coefficientHash, hardwareHash } from './content-hash';
import { inTransaction, uniqueName, type RepoContext } from './context';
import { StoreError } from './errors';
import { discardStaged, publishProject, setSearchAutomerge, stageProject } from './import-staging';
import type { CoefficientSetRepository } from './repositories/coefficient-sets';
import type { FitRecordRepository } from './repositories/fit-records';
import type { HardwareProfileRepository } from './repositories/hardware-profiles';
import type { ProjectRepository } from './repositories/projects';
import type { RunRepository } from './repositories/runs';
import type { ScenarioRepository } from './repositories/scenarios';
import type { ProjectRow } from './types';
import { prepareHere, PROJECT_FORMAT_VERSION, type ImportSource, type ProjectFile } from './project-file';
import type { ImportPlan, ReferenceMaps } from './import-rows';

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
  fitRecords: FitRecordRepository;
  projects: ProjectRepository;
  scenarios: ScenarioRepository;
  runs: RunRepository;
  /** Whether another session has the database file open (open-database.ts): a writer on another connection may be waiting. */
  othersOpen: () => boolean;
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

/** Scenarios in an import's first write transaction; later ones are sized from how long the last held the lock. */
const FIRST_CHUNK_ROWS = 25;
/**
 * What each write transaction of an import aims to hold the write lock for, ms: half a 60 Hz
 * frame, so a chunk that runs twice as slow as the one before it (the most nextChunkRows grows)
 * still ends within a frame, and a save waiting behind it within two.
 *
 * A chunk is one statement, written whole. Cutting it short once it has held the lock too long (a
 * thread descheduled mid-chunk) was measured and dropped: written as two or four statements with a
 * clock check between, an import cost the store's thread about two thirds more CPU (each statement
 * flushes the search index's pending terms, and cut chunks make more transactions) with no shorter
 * longest chunk; a deadline tested per row in the statement's WHERE cannot cut it, as SQLite
 * evaluates that over the whole sorted select before the first row is inserted.
 *
 * 6 ms was measured against 8 and not taken (the store bench compares them every run, in
 * browser-mode rounds of 3 imports each, saves every 4 ms). In four runs at load 9–16 on 2 cores
 * with the rounds in the order 8, 6, 8, 6 …: the median save during imports 5.2/12.6/12.8/12.7 ms
 * at 6 against 9.8/16.5/15.9/18.3 at 8; the 99th percentile 72/97/98/127 against 100/107/97/147;
 * the slowest save beyond the slowest without 16/429/203/526 against 119/164/205/142; the longest
 * chunk on a core 17.0/12.8/24.1/13.9 against 14.2/18.3/26.0/13.7; import time 3.0/13.1/12.9/11.1 s
 * against 4.7/14.8/13.2/13.4. But a run's first round, always at 8, was its slowest (22.4 and 8.5 s
 * against 13.4/5.2 and 2.5/4.7 for the later ones at 8; the bench now imports once untimed and
 * mirrors the order), which favoured 6: in its first run so (load 15) the import took 8.7 s at 6
 * against 6.6 at 8 and the longest chunk on a core 19.7 ms against 12.5, for a 99th percentile of
 * 74.7 ms against 82.6 and a median save of 9.4 against 10.7. And at load 1.8 a 5 ms
 * target took an in-process import 2.2 times as long as 8 (1.74 s against 0.81), with the browser
 * mode's import at 8 already 1.9 s of its 2 s budget there. Under load a chunk is long because its
 * thread waits for a core mid-statement (most of the time of 1,081 of the 1,087 chunks over a
 * frame in the 8 ms rounds of those runs), which a smaller chunk shortens only by being preempted
 * less often: the rows already shrink to about 4 ms of work there, as nextChunkRows sizes them by
 * wall time.
 */
export const LOCK_TARGET_MS = 8;
/*
 * Where the chunks over a frame spend their time was measured with the on-core/waiting split
 * ImportProgress carries (24 imports of 10,000 into 100,000, load 12–24 on 2 cores): of 3,033 such
 * chunks 3,017 were mostly waiting for a core, only 25 mostly on one; of the 192 longest, one
 * overlapped a garbage collection of this thread (and it too was waiting for a core). Those on a core for over 16 ms were
 * all FTS5 automerge steps, which run inside the insert's transaction: chunks that merged took up
 * to 47 ms on a core, those that did not at most 13 ms. Chunks written while the import's worker
 * still checks the file wait more (27–46 % of them over 16 ms against 9–28 % after it is done),
 * but pausing the worker while a chunk holds the lock (an Atomics flag it checked between
 * scenarios, A/B interleaved) changed neither that share nor the longest chunk.
 */
/**
 * Pause after each chunk per ms it held the lock, for writers on other connections (another
 * process, whose busy handler retries at 1, 2, 5, 10, 15, 20 … ms): short while nobody else
 * writes, as long as the chunk itself once another connection has written during the last few
 * chunks. None while no other session has the file open: writers on this connection need no
 * pause, they run between two chunks, when the import yields to the event loop, and a timer's
 * pause costs a millisecond or more per chunk (several on a busy machine), whatever it asks for.
 */
const PAUSE_PER_LOCKED_MS = { quiet: 0.25, contended: 1 };
/**
 * Pages of the search index merged between two chunks, in a transaction of their own. FTS5's
 * automerge runs inside the statement that wrote the index, and every so often a step of it merges
 * about 64 pages per level (several hundred at 100,000 scenarios): those chunks were the only ones
 * on a core for over 16 ms (up to 47 ms; see above). The import turns automerge off and merges
 * this much after each chunk ('merge' with a positive budget merges only a level holding 4 or
 * more segments, so it is a no-op once the index is tidy), then turns it back on (an import
 * killed meanwhile: the next open, import-staging.ts). Measured A/B interleaved, 12 imports at
 * load 9–14: the longest chunk on a core 9–12 ms with a 32-page budget against 16–46 ms with
 * automerge; the merge transactions at most 5 ms on a core; import time no different.
 */
const MERGE_PAGES_PER_CHUNK = 32;
/** Chunks after another connection's write that still pause as if contended. */
const CONTENDED_CHUNKS = 4;
const MIN_CHUNK_ROWS = 5;
const MAX_CHUNK_ROWS = 2000;

/** The next chunk's rows: scaled towards the lock target, at most doubling or halving at a time. */
function nextChunkRows(rows: number, lockMs: number, targetMs: number): number {
  const scale = Math.min(2, Math.max(0.5, targetMs / Math.max(lockMs, 0.1)));
  return Math.min(MAX_CHUNK_ROWS, Math.max(MIN_CHUNK_ROWS, Math.round(rows * scale)));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ImportProgress {
  /** Scenarios written so far (still invisible until the import publishes). */
  written: number;
  total: number;
  /** How long the chunk just written held the write lock, ms. */
  lockMs: number;
  /**
   * Of the chunk's time (its transaction begun to committed), how long this thread ran on a core
   * and how long it was runnable but waited for one, ms; the rest it was blocked (I/O, a lock).
   * From Linux's /proc/thread-self/schedstat (absent elsewhere), which the kernel updates at
   * context switches and ticks, so each is accurate to a few ms.
   */
  onCpuMs?: number;
  waitingMs?: number;
}

/** This thread's time on a core and waiting in the run queue so far, ns; null where Linux's schedstat is not readable. */
function threadTimes(): { onCpu: number; waiting: number } | null {
  if (process.platform !== 'linux') return null;
  try {
    const [onCpu, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return onCpu !== undefined && waiting !== undefined ? { onCpu, waiting } : null;
  } catch {
    return null;
  }
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
      const fit = c?.hasFitRecord ? deps.fitRecords.find(c.id) : null;
      return c
        ? [{ id: c.id, law: c.law, name: c.name, citation: c.citation, provenance: c.provenance, source: c.source, values: c.values, notes: c.notes, derivedFrom: c.derivedFrom, ...(replicates ? { replicates } : {}), ...(fit ? { fit } : {}) }]
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

  /**
   * Writes the project `source` prepares, on this store's connection: a hidden staged project
   * (import-staging.ts), its scenarios in short transactions sized by how long each held the lock,
   * yielding to the event loop between two (so a save on this thread waits one chunk at most),
   * then one transaction that publishes it. The one way every transport imports.
   */
  async function importFrom(source: ImportSource, options: ImportOptions = {}): Promise<ImportResult> {
    try {
      return await writeImport(source, options);
    } finally {
      source.close();
    }
  }

  async function writeImport(source: ImportSource, options: ImportOptions): Promise<ImportResult> {
    const file = source.head;
    // What the file's profiles and sets become here, decided up front so staged scenarios can
    // point at them; they are written only when the import publishes (see import-staging.ts).
    const maps: ReferenceMaps = { hardware: new Map<string, string>(), coefficients: new Map<string, string>() };
    const hardwareToAdd: Array<{ profile: ProjectFile['hardwareProfiles'][number]; id: string }> = [];
    type FileSet = ProjectFile['coefficientSets'][number];
    const setsToAdd: Array<{ set: Omit<FileSet, 'replicates' | 'fit'>; id: string; replicates: FileSet['replicates']; fit: FileSet['fit'] }> = [];
    const replicatesForLocal: Array<{ id: string; replicates: FileSet['replicates']; fit: FileSet['fit'] }> = [];
    /** Content hash of each profile or set a scenario may point at, as it will be once published. */
    const hashes = { hardware: new Map<string, string>(), coefficients: new Map<string, string>() };
    for (const p of file.hardwareProfiles) {
      const local = deps.hardware.find(p.id);
      const hash = hardwareHash(p);
      if (local && local.contentHash === hash) continue;
      const id = deps.hardware.importId(p.id);
      maps.hardware.set(p.id, id);
      hashes.hardware.set(id, hash);
      hardwareToAdd.push({ profile: p, id });
    }
    for (const { replicates, fit, ...c } of file.coefficientSets) {
      const local = deps.coefficients.find(c.id);
      const hash = coefficientHash(c);
      if (local && local.contentHash === hash) {
        // The same numbers here: the file's replicates and fit record describe this set too, unless it has its own.
        if ((replicates || fit) && !local.published) replicatesForLocal.push({ id: local.id, replicates, fit });
        continue;
      }
      const id = deps.coefficients.importId(c.id);
      maps.coefficients.set(c.id, id);
      hashes.coefficients.set(id, hash);
      setsToAdd.push({ set: c, id, replicates, fit });
    }
    // what an older file's scenarios (no hashes) take as current: every profile and set here, and those the import adds
    const plan: ImportPlan = {
      hardware: [...maps.hardware],
      coefficients: [...maps.coefficients],
      hardwareHashes: [...deps.hardware.contentHashes(), ...hashes.hardware],
      coefficientHashes: [...deps.coefficients.contentHashes(), ...hashes.coefficients],
    };
    source.plan(plan);

    const projectId = inTransaction(ctx, () => {
      setSearchAutomerge(ctx, false);
      const id = stageProject(ctx, file.project);
      deps.runs.insertRaw(id, file.runs, ctx.now());
      return id;
    });
    try {
      const scenarioIds: string[] = [];
      let rows = options.chunkRows ?? FIRST_CHUNK_ROWS;
      // changes whenever another connection commits (https://sqlite.org/pragma.html#pragma_data_version)
      const othersWrote = (() => {
        const version = db.prepare('PRAGMA data_version').pluck();
        let seen = version.get();
        return () => seen !== (seen = version.get());
      })();
      let contended = 0;
      const mergeSearch = db.prepare("INSERT INTO scenario_search(scenario_search, rank) VALUES('merge', ?)");
      for (let written = 0; written < source.total; ) {
        // made and serialised where the file was checked: the lock covers SQLite's work only
        const chunk = await source.take(rows);
        if (chunk.count === 0) throw new Error(`the import's source ended after ${written} of ${source.total} scenarios`);
        let locked = 0;
        const before = options.onChunk ? threadTimes() : null;
        inTransaction(ctx, () => {
          locked = performance.now();
          deps.scenarios.insertRows(projectId, chunk);
        });
        const lockMs = performance.now() - locked;
        const after = before ? threadTimes() : null;
        scenarioIds.push(...chunk.ids);
        written += chunk.count;
        await options.onChunk?.({
          written,
          total: source.total,
          lockMs,
          ...(before && after ? { onCpuMs: (after.onCpu - before.onCpu) / 1e6, waitingMs: (after.waiting - before.waiting) / 1e6 } : {}),
        });
        // Work queued while the chunk was written (a request's save) runs first: immediates run in
        // the order queued, whatever the clock says, whereas the pause below is a timer that a
        // busy machine may find already due before those immediates had their turn. Traced over the
        // browser mode (3 imports at load 12, a save every 4 ms): of 810 saves, 719 found no chunk
        // both begun after they were sent and done before they ran, 89 one, 2 two; an upper bound,
        // as the client's clock starts before its own thread has had a core to send the request.
        await nextTurn();
        // the index merge this chunk's writes call for, in a transaction of its own so a save queued meanwhile goes between.
        // The checkpoint worker (checkpointer.ts) is never in front of either: its PASSIVE checkpoints
        // take no lock a writer waits for. Traced, they took 2–97 ms each, 12–13 % of an import's
        // time, and of 1,280 chunks in 6 imports (load 7–12) one spent over 10 ms off a core without
        // waiting for one (I/O), during a checkpoint.
        inTransaction(ctx, () => mergeSearch.run(MERGE_PAGES_PER_CHUNK));
        await nextTurn();
        // let writers waiting on other connections in before the next chunk (or the publish) takes the lock again
        contended = othersWrote() ? CONTENDED_CHUNKS : Math.max(0, contended - 1);
        if (contended > 0 || deps.othersOpen()) await sleep(Math.max(1, lockMs * (contended > 0 ? PAUSE_PER_LOCKED_MS.contended : PAUSE_PER_LOCKED_MS.quiet)));
        if (options.chunkRows === undefined) rows = nextChunkRows(rows, lockMs, LOCK_TARGET_MS);
      }

      const addedHardwareProfileIds: string[] = [];
      const addedCoefficientSetIds: string[] = [];
      const project = inTransaction(ctx, () => {
        for (const { profile, id } of hardwareToAdd) {
          if (addedMeanwhile(deps.hardware.find(id), hashes.hardware.get(id), 'hardware profile', id)) continue;
          deps.hardware.insertImported(profile, id);
          addedHardwareProfileIds.push(id);
        }
        for (const { set, id, replicates, fit } of setsToAdd) {
          if (addedMeanwhile(deps.coefficients.find(id), hashes.coefficients.get(id), 'coefficient set', id)) continue;
          deps.coefficients.insertImported({ ...set, derivedFrom: set.derivedFrom ?? null }, id);
          if (replicates) deps.coefficients.saveReplicates(id, replicates);
          if (fit) deps.fitRecords.save(id, fit);
          addedCoefficientSetIds.push(id);
        }
        for (const { id, replicates, fit } of replicatesForLocal) {
          if (replicates && !deps.coefficients.replicates(id)) deps.coefficients.saveReplicates(id, replicates);
          if (fit && !deps.fitRecords.has(id)) deps.fitRecords.save(id, fit);
        }
        setSearchAutomerge(ctx, true);
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
        inTransaction(ctx, () => setSearchAutomerge(ctx, true));
        discardStaged(ctx, projectId);
      } catch {
        // still invisible; the next open after this process ends removes it (import-staging.ts)
      }
      throw e;
    }
  }

  return {
    exportProject,
    importFrom,

    /** Imports a parsed project file, prepared on this thread (tests, the bench); the services prepare in a worker (services/import). */
    async importProject(data: unknown, options: ImportOptions = {}): Promise<ImportResult> {
      return importFrom(await prepareHere(data), options);
    },

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
      return importFrom(await prepareHere(data), options);
    },
  };
}

export type ProjectTransfer = ReturnType<typeof projectTransfer>;
