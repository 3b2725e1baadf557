/**
 * Was the database closed cleanly? Each open writable store leaves a marker file next to the
 * database, named after its process, and removes it on a clean close. A marker whose process is
 * gone means that session was killed or crashed: the next open runs a full integrity check.
 * Markers of live processes (the app while the CLI opens the same file) are not a sign of damage.
 *
 * The last session to close cleanly, with its write-ahead log checkpointed away, also leaves a
 * seal: the file's size, modification time and header. An open that finds the file exactly as
 * sealed (and no log) knows nothing has touched it since a clean close, so it skips the check that
 * reads every page; a file changed behind the app's back gets the full integrity check.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE } from './file-checks';

const markerPrefix = (dbPath: string) => `${basename(dbPath)}.in-use-`;

export interface SessionMarker {
  path: string;
  pid: number;
}

/** Whether a process with this id exists (ours or anyone's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function listMarkers(dbPath: string): SessionMarker[] {
  const prefix = markerPrefix(dbPath);
  let files: string[];
  try {
    files = readdirSync(dirname(dbPath));
  } catch {
    return [];
  }
  return files
    .filter((f) => f.startsWith(prefix))
    .map((f) => ({ path: join(dirname(dbPath), f), pid: Number(f.slice(prefix.length).split('-')[0]) }))
    .filter((m) => Number.isInteger(m.pid) && m.pid > 0);
}

/** Markers of sessions still open, in this process or another. */
export function liveMarkers(dbPath: string): SessionMarker[] {
  return listMarkers(dbPath).filter((m) => isAlive(m.pid));
}

/** Markers left by sessions that never closed. */
export function staleMarkers(dbPath: string): SessionMarker[] {
  return listMarkers(dbPath).filter((m) => !isAlive(m.pid));
}

export function clearMarkers(markers: readonly SessionMarker[]): void {
  for (const m of markers) rmSync(m.path, { force: true });
}

/** Marks this session as open (its marker's path); `remove` marks it closed cleanly. */
export function markOpen(dbPath: string): { path: string; remove: () => void } {
  const path = join(dirname(dbPath), `${markerPrefix(dbPath)}${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(path, new Date().toISOString(), { mode: PRIVATE_FILE_MODE });
  return { path, remove: () => rmSync(path, { force: true }) };
}

/** Whether a session other than the one marked `own` has the file open (another process, or another store in this one). */
export function otherSessionsOpen(dbPath: string, own: string): boolean {
  return liveMarkers(dbPath).some((m) => m.path !== own);
}

const sealPath = (dbPath: string) => `${dbPath}.closed-clean`;

/** The file as the seal records it: size, modification time (ns) and the 100-byte header. */
function fingerprintOf(dbPath: string): string {
  const st = statSync(dbPath, { bigint: true });
  const header = Buffer.alloc(100);
  const fd = openSync(dbPath, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  return JSON.stringify({ size: String(st.size), mtimeNs: String(st.mtimeNs), header: header.toString('hex') });
}

/** After a clean close with the log checkpointed: records the file as it is now. */
export function seal(dbPath: string): void {
  writeFileSync(sealPath(dbPath), fingerprintOf(dbPath), { mode: PRIVATE_FILE_MODE });
}

/**
 * 'intact': the file is exactly as the last clean close left it and no log holds changes;
 * 'changed': it was sealed but differs (written by something else, or damaged);
 * 'unsealed': no seal (an older version closed it, or another session still had it open).
 */
export function sealState(dbPath: string): 'intact' | 'changed' | 'unsealed' {
  let recorded: string;
  try {
    recorded = readFileSync(sealPath(dbPath), 'utf8');
  } catch {
    return 'unsealed';
  }
  const wal = `${dbPath}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) return 'changed';
  return recorded === fingerprintOf(dbPath) ? 'intact' : 'changed';
}

/** Before the file is opened for writing: from here on it may change. */
export function breakSeal(dbPath: string): void {
  rmSync(sealPath(dbPath), { force: true });
}
