/**
 * Backups next to the database file, made before a migration touches an existing database,
 * and the way back from a damaged file. Nothing here deletes a user's file: a damaged database
 * is renamed aside, never overwritten.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, linkSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { databasePath } from './data-dir';
import { StoreError, type BackupInfo } from './errors';
import { makePrivate } from './file-checks';
import { breakSeal, liveMarkers } from './session-marker';

const BACKUP_PATTERN = /^(.*)\.backup-v(\d+)-(\d{8}T\d{9}Z)(?:-(\d+))?\.sqlite$/;

function stem(dbPath: string): string {
  return basename(dbPath).replace(/\.sqlite$/, '');
}

/** 2025-01-02T03:04:05.678Z -> 20250102T030405678Z: sortable and legal on every file system. */
function compactTimestamp(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '');
}

function expandTimestamp(t: string): string {
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}.${t.slice(15, 18)}Z`;
}

/**
 * Writes a consistent copy of `source` (an open connection, possibly read-only) as
 * `<name>.backup-v<N>-<timestamp>.sqlite`. VACUUM INTO is synchronous and copies committed data
 * only, including what still sits in the WAL, so no checkpoint of the original is needed.
 */
export function writeBackup(source: Database.Database, dbPath: string, version: number, now: Date = new Date()): string {
  const base = join(dirname(dbPath), `${stem(dbPath)}.backup-v${version}-${compactTimestamp(now)}`);
  let target = `${base}.sqlite`;
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}.sqlite`;
  try {
    source.prepare('VACUUM INTO ?').run(target);
    makePrivate(target);
  } catch (cause) {
    throw new StoreError('io', `Could not write the backup ${target} before migrating: ${String(cause)}`, {
      path: dbPath,
      cause,
    });
  }
  return target;
}

/** Backups of the database at `dbPath`, newest first. */
export function listBackupsFor(dbPath: string): BackupInfo[] {
  const dir = dirname(dbPath);
  if (!existsSync(dir)) return [];
  const own = stem(dbPath);
  const out: BackupInfo[] = [];
  for (const file of readdirSync(dir)) {
    const m = BACKUP_PATTERN.exec(file);
    if (!m || m[1] !== own) continue;
    const path = join(dir, file);
    out.push({
      path,
      schemaVersion: Number(m[2]),
      createdAt: expandTimestamp(m[3] ?? ''),
      sizeBytes: statSync(path).size,
    });
  }
  return out.sort((a, b) => (a.createdAt === b.createdAt ? b.path.localeCompare(a.path) : b.createdAt.localeCompare(a.createdAt)));
}

export function listBackups(dataDir: string): BackupInfo[] {
  return listBackupsFor(databasePath(dataDir));
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the replaced database (and its -wal/-shm, if any) now lives: damaged or not, it is kept. */
  damagedMovedTo: string | null;
}

/** A new name next to the database that no file has yet. */
function asideName(dbPath: string, kind: string, now: Date): string {
  const base = join(dirname(dbPath), `${stem(dbPath)}.${kind}-${compactTimestamp(now)}`);
  let target = `${base}.sqlite`;
  for (let n = 2; existsSync(target); n++) target = `${base}-${n}.sqlite`;
  return target;
}

/** Whether the file opens and passes quick_check, read-only (only names the file set aside). */
function looksHealthy(path: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Puts a backup in place of the data folder's database, so that no acknowledged write is lost:
 * - refused while any process (this one included) has the database open: the caller closes its
 *   store first, and a write through a connection still open would land in the file set aside;
 * - the current file is kept as `<name>.damaged-<timestamp>.sqlite` (or `.replaced-` when it was
 *   healthy), with its -wal and -shm, which belong to it and would corrupt the restored copy;
 * - the backup is copied to a temporary file and renamed over the database in one step, so at
 *   every instant the database path holds either the old file or the whole backup.
 */
export function restoreBackup(dataDir: string, backupPath: string, now: Date = new Date()): RestoreResult {
  const dbPath = databasePath(dataDir);
  const source = resolve(backupPath);
  if (!existsSync(source)) {
    throw new StoreError('not-found', `No backup file at ${source}`, { field: 'backupPath', path: source });
  }
  checkReadable(source);
  const open = liveMarkers(dbPath);
  if (open.length) {
    throw new StoreError(
      'in-use',
      `The database ${dbPath} is open (process ${open.map((m) => m.pid).join(', ')}); close every window and command using it, then restore.`,
      { path: dbPath },
    );
  }

  const tmp = `${dbPath}.restoring-${process.pid}`;
  copyFileSync(source, tmp);
  makePrivate(tmp);
  let damagedMovedTo: string | null = null;
  try {
    if (existsSync(dbPath)) {
      const target = asideName(dbPath, looksHealthy(dbPath) ? 'replaced' : 'damaged', now);
      // a second name for the current file; the database path itself is replaced atomically below
      try {
        linkSync(dbPath, target);
      } catch {
        copyFileSync(dbPath, target);
      }
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, target + suffix);
      }
      damagedMovedTo = target;
    }
    renameSync(tmp, dbPath);
    breakSeal(dbPath); // a different file now: its first open checks it
  } finally {
    rmSync(tmp, { force: true });
  }
  return { restoredFrom: source, damagedMovedTo };
}

function checkReadable(path: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(String(result));
  } catch (cause) {
    throw new StoreError('corrupt-database', `The backup ${path} is itself unreadable: ${String(cause)}`, {
      path,
      field: 'backupPath',
      cause,
    });
  } finally {
    db?.close();
  }
}
