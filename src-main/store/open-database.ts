/**
 * Opening the database file safely. Before anything writes, a read-only connection checks the
 * file: a database from a newer app is refused untouched, a damaged one is refused untouched
 * (with the backups on offer), and an older one is backed up before its first migration.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { listBackupsFor, writeBackup } from './backups';
import { StoreError } from './errors';
import { LATEST_SCHEMA_VERSION, migrate } from './migrations';

export interface OpenedDatabase {
  db: Database.Database;
  /** Backup written before migrating during this open, if any. */
  backupPath: string | null;
  migratedFrom: number;
  appliedMigrations: number[];
}

const LOCK_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

function sqliteCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

function corrupt(path: string, problem: string, cause?: unknown): StoreError {
  const backups = listBackupsFor(path);
  const offer = backups.length
    ? ` ${backups.length} backup(s) available; the latest is ${backups[0]?.path}.`
    : ' No backup is available.';
  return new StoreError(
    'corrupt-database',
    `The database ${path} cannot be read (${problem}). It has not been modified.${offer}`,
    { path, backups, cause },
  );
}

interface Inspection {
  version: number;
  hasContent: boolean;
}

/**
 * Inside Electron the shell points this at better-sqlite3 built for Electron's ABI
 * (build/electron-native.mjs); under Node (tests, CLI, browser mode) the default build is used.
 */
function nativeBinding(): { nativeBinding?: string } {
  const binding = process.env.MOE_WORKBENCH_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}

/** Read-only look at an existing file; throws the typed refusal, or backs it up if it needs migrating. */
function inspectAndBackUp(path: string, busyTimeoutMs: number, now: Date): { inspection: Inspection; backupPath: string | null } {
  let ro: Database.Database | undefined;
  try {
    try {
      ro = new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs, ...nativeBinding() });
    } catch (cause) {
      throw corrupt(path, `cannot open it: ${String((cause as Error).message ?? cause)}`, cause);
    }
    let version: number;
    let tables: number;
    try {
      version = ro.pragma('user_version', { simple: true }) as number;
      tables = (ro.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    } catch (cause) {
      if (LOCK_CODES.has(sqliteCode(cause))) {
        throw new StoreError('io', `The database ${path} is locked by another process; close it and retry`, { path, cause });
      }
      throw corrupt(path, String((cause as Error).message ?? cause), cause);
    }
    // checked before integrity: a newer app's database may use things this one cannot judge
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StoreError(
        'newer-database',
        `The database ${path} has schema version ${version}, newer than this app supports (version ${LATEST_SCHEMA_VERSION}). ` +
          'It was written by a newer MoE Workbench; update the app. The file has not been modified.',
        { path, databaseVersion: version, supportedVersion: LATEST_SCHEMA_VERSION },
      );
    }
    let check: unknown;
    try {
      check = ro.pragma('quick_check', { simple: true });
    } catch (cause) {
      throw corrupt(path, String((cause as Error).message ?? cause), cause);
    }
    if (check !== 'ok') throw corrupt(path, `integrity check: ${String(check)}`);

    const hasContent = version > 0 || tables > 0;
    const backupPath = hasContent && version < LATEST_SCHEMA_VERSION ? writeBackup(ro, path, version, now) : null;
    return { inspection: { version, hasContent }, backupPath };
  } finally {
    ro?.close();
  }
}

export function configure(db: Database.Database, busyTimeoutMs: number, file: boolean): void {
  if (file) db.pragma('journal_mode = WAL');
  // WAL + NORMAL: a committed transaction survives the app being killed (the WAL is written
  // before commit returns); only an OS crash or power cut can lose the last few, never corrupt.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
}

export function openDatabaseFile(path: string, busyTimeoutMs: number, now: Date): OpenedDatabase {
  mkdirSync(dirname(path), { recursive: true });
  let backupPath: string | null = null;
  let migratedFrom = 0;
  if (existsSync(path)) {
    const r = inspectAndBackUp(path, busyTimeoutMs, now);
    backupPath = r.backupPath;
    migratedFrom = r.inspection.version;
  }
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: busyTimeoutMs, ...nativeBinding() });
    configure(db, busyTimeoutMs, true);
  } catch (cause) {
    throw new StoreError('io', `Could not open ${path} for writing: ${String((cause as Error).message ?? cause)}`, { path, cause });
  }
  try {
    const appliedMigrations = migrate(db);
    return { db, backupPath, migratedFrom, appliedMigrations };
  } catch (cause) {
    db.close();
    if (cause instanceof StoreError) throw cause;
    throw new StoreError('io', `Migrating ${path} failed; it is left at its last complete version: ${String(cause)}`, { path, cause });
  }
}

export function openDatabaseInMemory(busyTimeoutMs: number): OpenedDatabase {
  const db = new Database(':memory:', nativeBinding());
  configure(db, busyTimeoutMs, false);
  return { db, backupPath: null, migratedFrom: 0, appliedMigrations: migrate(db) };
}
