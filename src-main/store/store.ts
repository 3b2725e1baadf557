/** The Store: one connection, its repositories, and the operations that span them. */
import type Database from 'better-sqlite3';
import { dirname, resolve } from 'node:path';
import { databasePath } from './data-dir';
import { inTransaction, type RepoContext } from './context';
import { notFound } from './errors';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './migrations';
import type { Migration } from './migrations';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import { discardAbandonedImports } from './import-staging';
import { openDatabaseFile, openDatabaseInMemory, type FileCheck } from './open-database';
import { projectTransfer, type ProjectTransfer } from './project-transfer';
import { coefficientSetRepository, type CoefficientSetRepository } from './repositories/coefficient-sets';
import { fitRecordRepository, type FitRecordRepository } from './repositories/fit-records';
import { hardwareProfileRepository, type HardwareProfileRepository } from './repositories/hardware-profiles';
import { projectRepository, type ProjectRepository } from './repositories/projects';
import { runRepository, type RunRepository } from './repositories/runs';
import { scenarioRepository, type ScenarioRepository } from './repositories/scenarios';
import { applySeeds, BUNDLED_SEEDS, recordedSeeds, type SeedData, type SeedReport } from './seeds';

export type OpenStoreOptions = ({ dataDir: string } | { path: string }) & {
  /** Seed files to apply (tests pass later versions); default: resources/seed. */
  seeds?: SeedData;
  /** Clock for timestamps; default: the system clock. */
  now?: () => Date;
  /** How long a write waits for another connection's lock, ms. Default 5000. */
  busyTimeoutMs?: number;
  /** The schema's migrations; tests pass a shorter list to build an older database. */
  migrations?: readonly Migration[];
  /**
   * Copy the WAL back into the file from a worker thread (checkpointer.ts) instead of inside the
   * commit that fills it: for a long-lived process whose thread serves requests (the browser
   * mode's request thread, Electron's service process). Default false: a CLI command or a pool
   * worker's short-lived connection would pay a thread's start for nothing.
   */
  backgroundCheckpoints?: boolean;
};

export interface Store {
  /** Database file, or ':memory:'. */
  readonly path: string;
  /** Folder holding the database and its backups; null in memory. */
  readonly dataDir: string | null;
  readonly schemaVersion: number;
  /** The folder or file cannot be written: reads work, every write fails with code 'read-only'. */
  readonly readOnly: boolean;
  /** This open ran the full integrity check (the last session did not close cleanly, or the header was odd). */
  readonly fullCheck: boolean;
  /** What opening checked: integrity_check, quick_check, or nothing ('sealed': closed cleanly and untouched since). */
  readonly check: FileCheck;
  /** Backup made before migrating during this open, if any. */
  readonly backupPath: string | null;
  readonly seeds: SeedReport;
  readonly hardware: HardwareProfileRepository;
  readonly coefficients: CoefficientSetRepository;
  readonly fitRecords: FitRecordRepository;
  readonly projects: ProjectRepository;
  readonly scenarios: ScenarioRepository;
  readonly runs: RunRepository;
  readonly exportProject: ProjectTransfer['exportProject'];
  readonly importProject: ProjectTransfer['importProject'];
  readonly importFrom: ProjectTransfer['importFrom'];
  readonly exportProjectToFile: ProjectTransfer['exportProjectToFile'];
  readonly importProjectFromFile: ProjectTransfer['importProjectFromFile'];
  /** Deletes for good what is in the trash (all, or one project's scenarios). */
  emptyTrash(options?: { projectId?: string }): { projects: number; scenarios: number };
  /** `PRAGMA integrity_check` rows; ['ok'] when healthy. */
  integrityCheck(): string[];
  /** The raw connection, for services needing a custom read and for tests. */
  readonly db: Database.Database;
  close(): void;
}

export function openStore(options: OpenStoreOptions): Store {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const clock = options.now ?? (() => new Date());
  const inMemory = 'path' in options && options.path === ':memory:';
  const path = inMemory ? ':memory:' : resolve('path' in options ? options.path : databasePath(options.dataDir));
  const opened = inMemory
    ? openDatabaseInMemory(busyTimeoutMs, options.migrations)
    : openDatabaseFile(path, { busyTimeoutMs, now: clock(), ...(options.migrations ? { migrations: options.migrations } : {}) });
  const { db } = opened;
  let checkpointer: Checkpointer | null = null;

  try {
    const ctx: RepoContext = { db, now: () => clock().toISOString() };
    const seeds = opened.readOnly ? recordedSeeds(db) : applySeeds(db, options.seeds ?? BUNDLED_SEEDS, ctx.now());
    if (!opened.readOnly) {
      try {
        discardAbandonedImports(ctx);
      } catch {
        // (a full disk, another writer holding on) they stay invisible; the next open tries again
      }
    }
    // migration and seeding into the file itself: a lost or deleted WAL must not take the schema with it
    if (!inMemory && !opened.readOnly) checkpoint(db);
    if (options.backgroundCheckpoints && !inMemory && !opened.readOnly) {
      try {
        checkpointer = startCheckpointer(db, path);
      } catch {
        // no worker thread here: the connection checkpoints itself, as SQLite does by default
      }
    }
    const hardware = hardwareProfileRepository(ctx);
    const fitRecords = fitRecordRepository(ctx);
    const coefficients = coefficientSetRepository(ctx, fitRecords);
    const projects = projectRepository(ctx);
    const scenarios = scenarioRepository(ctx, projects);
    const runs = runRepository(ctx, projects);
    const transfer = projectTransfer(ctx, { hardware, coefficients, fitRecords, projects, scenarios, runs, othersOpen: opened.othersOpen });

    return {
      path,
      dataDir: inMemory ? null : dirname(path),
      schemaVersion: schemaVersion(db),
      readOnly: opened.readOnly,
      fullCheck: opened.fullCheck,
      check: opened.check,
      backupPath: opened.backupPath,
      seeds,
      hardware,
      coefficients,
      fitRecords,
      projects,
      scenarios,
      runs,
      exportProject: transfer.exportProject,
      importProject: transfer.importProject,
      importFrom: transfer.importFrom,
      exportProjectToFile: transfer.exportProjectToFile,
      importProjectFromFile: transfer.importProjectFromFile,
      emptyTrash(opts = {}) {
        return inTransaction(ctx, () => {
          if (opts.projectId !== undefined) {
            if (!projects.find(opts.projectId)) throw notFound('project', opts.projectId, 'projectId');
            const n = db.prepare('DELETE FROM scenarios WHERE project_id = ? AND deleted_at IS NOT NULL').run(opts.projectId).changes;
            return { projects: 0, scenarios: n };
          }
          const s = db.prepare('DELETE FROM scenarios WHERE deleted_at IS NOT NULL').run().changes;
          // trashed projects take their remaining scenarios, tags and runs with them (ON DELETE CASCADE)
          const cascaded = (
            db.prepare('SELECT count(*) AS n FROM scenarios WHERE project_id IN (SELECT id FROM projects WHERE deleted_at IS NOT NULL)').get() as { n: number }
          ).n;
          const p = db.prepare('DELETE FROM projects WHERE deleted_at IS NOT NULL').run().changes;
          return { projects: p, scenarios: s + cascaded };
        });
      },
      integrityCheck() {
        return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      },
      db,
      close() {
        if (!db.open) return;
        checkpointer?.stop();
        const emptied = !inMemory && !opened.readOnly && checkpoint(db);
        db.close();
        opened.markClosed(emptied);
      },
    };
  } catch (e) {
    checkpointer?.stop();
    db.close();
    opened.markClosed();
    throw e;
  }
}

/**
 * Copies the WAL into the database file and empties it; skipped (not failed) while another
 * connection reads. True when the log was emptied.
 */
function checkpoint(db: Database.Database): boolean {
  try {
    const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    return r !== undefined && r.busy === 0;
  } catch {
    // busy with another process's read: SQLite checkpoints again on a later commit or close
    return false;
  }
}

export { LATEST_SCHEMA_VERSION };
