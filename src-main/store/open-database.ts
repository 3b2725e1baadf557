/**
 * Opening the database file safely. Before anything writes, a read-only connection checks the
 * file: a database from a newer app is refused untouched, a damaged one is refused untouched
 * (with the backups on offer), and an older one is backed up before its first migration.
 *
 * quick_check misses damage (a file cut short by 100 bytes passes it), so a full integrity_check
 * runs whenever the last session did not close cleanly (its marker is still there) or the file's
 * size disagrees with its header. A 0-byte file and a write-ahead log without its database are
 * reported, never taken for a new database. A folder or file that cannot be written is opened
 * read-only: reads work, writes are refused as read-only.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { listBackupsFor, writeBackup } from './backups';
import { StoreError } from './errors';
import { fileShape, makePrivate, PRIVATE_DIR_MODE } from './file-checks';
import { breakSeal, clearMarkers, liveMarkers, markOpen, otherSessionsOpen, seal, sealState, staleMarkers } from './session-marker';
import { migrate, MIGRATIONS, type Migration } from './migrations';

export type FileCheck = 'integrity_check' | 'quick_check' | 'sealed';

export interface OpenedDatabase {
  db: Database.Database;
  /** True when the folder or file cannot be written: reads work, writes are refused. */
  readOnly: boolean;
  /** Backup written before migrating during this open, if any. */
  backupPath: string | null;
  migratedFrom: number;
  appliedMigrations: number[];
  /** Whether this open ran the full integrity check (after an unclean close or an odd header). */
  fullCheck: boolean;
  /** What the open checked: everything, every page's structure, or nothing (sealed by a clean close and untouched since). */
  check: FileCheck;
  /**
   * Marks the session closed cleanly (removes its marker); `checkpointed` says the log was emptied,
   * and then the last session to close seals the file. A no-op in memory and read-only.
   */
  markClosed: (checkpointed?: boolean) => void;
  /**
   * Whether another session (another process, or another store in this one) has the file open
   * for writing: only then can a writer on another connection be waiting for the write lock.
   */
  othersOpen: () => boolean;
}

const LOCK_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);

function sqliteCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

const message = (e: unknown) => String((e as Error)?.message ?? e);

function corrupt(path: string, problem: string, cause?: unknown): StoreError {
  const backups = listBackupsFor(path);
  const offer = backups.length
    ? ` ${backups.length} backup(s) available; the latest is ${backups[0]?.path}.`
    : ' No backup is available.';
  return new StoreError(
    'corrupt-database',
    `The database ${path} is damaged (${problem}). It has not been modified.${offer}`,
    { path, backups, cause },
  );
}

/**
 * Inside Electron the shell points this at better-sqlite3 built for Electron's ABI
 * (build/electron-native.mjs); under Node (tests, CLI, browser mode) the default build is used.
 */
function nativeBinding(): { nativeBinding?: string } {
  const binding = process.env.MOE_WORKBENCH_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function nonEmpty(path: string): boolean {
  return existsSync(path) && statSync(path).size > 0;
}

interface Inspection {
  version: number;
  backupPath: string | null;
}

/**
 * Opens read-only. A WAL database needs its -shm, which a read-only folder cannot hold, so there
 * the file is read into memory (marked as a rollback-journal database in the copy only) and
 * served from there: reads work, writes fail with SQLITE_READONLY.
 */
function openReadOnly(path: string, busyTimeoutMs: number): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs, ...nativeBinding() });
    db.pragma('user_version'); // SQLite opens lazily: a missing -shm only shows on the first read
    return db;
  } catch (first) {
    db?.close();
    if (writable(dirname(path)) || LOCK_CODES.has(sqliteCode(first))) throw first;
    if (nonEmpty(`${path}-wal`)) throw new Error(`its write-ahead log holds changes that a read-only folder cannot apply: ${message(first)}`);
    const copy = readFileSync(path);
    if (copy.length > 19) copy[18] = copy[19] = 1;
    return new Database(copy, { readonly: true, ...nativeBinding() });
  }
}

/** Read-only look at an existing file; throws the typed refusal, or backs it up if it needs migrating. */
function inspect(path: string, o: Required<Pick<OpenFileOptions, 'busyTimeoutMs' | 'now'>> & { check: FileCheck; latest: number; backUp: boolean; shorterThanHeader: boolean }): Inspection {
  let ro: Database.Database | undefined;
  // opening a WAL database, even read-only, creates its -wal and -shm: a refused file leaves none
  const created = ['-wal', '-shm'].map((suffix) => path + suffix).filter((f) => !existsSync(f));
  try {
    try {
      ro = openReadOnly(path, o.busyTimeoutMs);
    } catch (cause) {
      throw corrupt(path, `cannot open it: ${message(cause)}`, cause);
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
      throw corrupt(path, message(cause), cause);
    }
    // checked before integrity: a newer app's database may use things this one cannot judge
    if (version > o.latest) {
      throw new StoreError(
        'newer-database',
        `The database ${path} has schema version ${version}, newer than this app supports (version ${o.latest}). ` +
          'It was written by a newer MoE Workbench; update the app. The file has not been modified.',
        { path, databaseVersion: version, supportedVersion: o.latest },
      );
    }
    // a header promising pages the file lacks is damage unless a WAL still holds them
    if (o.shorterThanHeader && !nonEmpty(`${path}-wal`)) throw corrupt(path, 'the file is shorter than its header says');
    if (o.check !== 'sealed') {
      let rows: string[];
      try {
        rows = (ro.pragma(o.check) as Record<string, string>[]).map((r) => String(Object.values(r)[0]));
      } catch (cause) {
        throw corrupt(path, message(cause), cause);
      }
      if (rows.length !== 1 || rows[0] !== 'ok') throw corrupt(path, `integrity check: ${rows.slice(0, 3).join('; ')}`);
    }

    const hasContent = version > 0 || tables > 0;
    const backupPath = o.backUp && hasContent && version < o.latest ? writeBackup(ro, path, version, o.now) : null;
    return { version, backupPath };
  } catch (e) {
    ro?.close();
    ro = undefined;
    // the -shm is only an index of the WAL, rebuilt by the next opener; a -wal we created holds nothing
    for (const f of created) if (existsSync(f) && (f.endsWith('-shm') || statSync(f).size === 0)) rmSync(f, { force: true });
    throw e;
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
  // 32 MiB of page cache instead of SQLite's 2 MiB: at 100,000 scenarios the id and list indexes
  // alone outgrow the default, and every insert of an import would then read its pages again
  db.pragma('cache_size = -32768');
}

export interface OpenFileOptions {
  busyTimeoutMs: number;
  now: Date;
  /** The schema's migrations; tests pass shorter lists to build older databases. */
  migrations?: readonly Migration[];
}

export function openDatabaseFile(path: string, options: OpenFileOptions): OpenedDatabase {
  const { busyTimeoutMs, now } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const dir = dirname(path);
  if (!existsSync(dir)) {
    try {
      mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    } catch (cause) {
      throw new StoreError('read-only', `Cannot create the data folder ${dir}: ${message(cause)}`, { path, cause });
    }
  }

  if (writable(dir)) makePrivate(dir, PRIVATE_DIR_MODE);
  const exists = existsSync(path);
  if (!exists && nonEmpty(`${path}-wal`)) {
    throw corrupt(path, `the database file is missing but its write-ahead log ${path}-wal is there; restore the database next to it or move the log away`);
  }
  const canWrite = writable(dir) && (!exists || writable(path));
  let backupPath: string | null = null;
  let migratedFrom = 0;
  let check: FileCheck = 'quick_check';
  const stale = exists ? staleMarkers(path) : [];
  if (exists) {
    const shape = fileShape(path);
    if (shape.damage) throw corrupt(path, shape.damage);
    const sealed = sealState(path);
    // quick_check reads every page (seconds at 100,000 scenarios); a file untouched since a clean
    // close needs neither it nor integrity_check, one changed since or after a crash needs the latter
    if (stale.length > 0 || shape.inconsistent || sealed === 'changed') check = 'integrity_check';
    else if (sealed === 'intact') check = 'sealed';
    const r = inspect(path, { busyTimeoutMs, now, check, latest, backUp: canWrite, shorterThanHeader: shape.shorterThanHeader });
    backupPath = r.backupPath;
    migratedFrom = r.version;
    if (!canWrite) {
      if (r.version < latest) {
        throw new StoreError(
          'read-only',
          `The database ${path} needs upgrading to schema version ${latest}, but ${writable(dir) ? 'the file' : 'its folder'} is read-only. ` +
            'Make it writable, or open it with the app version that wrote it.',
          { path },
        );
      }
      const db = openReadOnly(path, busyTimeoutMs);
      db.pragma('foreign_keys = ON');
      return { db, readOnly: true, backupPath: null, migratedFrom, appliedMigrations: [], fullCheck: check === 'integrity_check', check, markClosed: () => {}, othersOpen: () => false };
    }
  } else if (!canWrite) {
    throw new StoreError('read-only', `Cannot create the database ${path}: its folder is read-only`, { path });
  }

  let db: Database.Database;
  let unmark: () => void = () => {};
  let ownMarker = '';
  const markClosed = (checkpointed = false) => {
    unmark();
    unmark = () => {};
    if (checkpointed && liveMarkers(path).length === 0) seal(path);
  };
  try {
    breakSeal(path);
    ({ path: ownMarker, remove: unmark } = markOpen(path));
    db = new Database(path, { timeout: busyTimeoutMs, ...nativeBinding() });
    // before WAL mode creates -wal and -shm: SQLite gives them the database's own mode
    makePrivate(path);
    configure(db, busyTimeoutMs, true);
  } catch (cause) {
    markClosed();
    throw new StoreError('io', `Could not open ${path} for writing: ${message(cause)}`, { path, cause });
  }
  try {
    const appliedMigrations = migrate(db, latest, migrations);
    clearMarkers(stale);
    return { db, readOnly: false, backupPath, migratedFrom, appliedMigrations, fullCheck: check === 'integrity_check', check, markClosed, othersOpen: () => otherSessionsOpen(path, ownMarker) };
  } catch (cause) {
    db.close();
    markClosed();
    if (cause instanceof StoreError) throw cause;
    throw new StoreError('io', `Migrating ${path} failed; it is left at its last complete version: ${message(cause)}`, { path, cause });
  }
}

export function openDatabaseInMemory(busyTimeoutMs: number, migrations: readonly Migration[] = MIGRATIONS): OpenedDatabase {
  const db = new Database(':memory:', nativeBinding());
  configure(db, busyTimeoutMs, false);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  return { db, readOnly: false, backupPath: null, migratedFrom: 0, appliedMigrations: migrate(db, latest, migrations), fullCheck: false, check: 'sealed', markClosed: () => {}, othersOpen: () => false };
}
