/**
 * Was the database closed cleanly? Each open writable store leaves a marker file next to the
 * database, named after its process, and removes it on a clean close. A marker whose process is
 * gone means that session was killed or crashed: the next open runs a full integrity check.
 * Markers of live processes (the app while the CLI opens the same file) are not a sign of damage.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE } from './file-checks';

const markerPrefix = (dbPath: string) => `${basename(dbPath)}.in-use-`;

export interface SessionMarker {
  path: string;
  pid: number;
}

function isAlive(pid: number): boolean {
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

/** Marks this session as open; the returned function marks it closed cleanly. */
export function markOpen(dbPath: string): () => void {
  const path = join(dirname(dbPath), `${markerPrefix(dbPath)}${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(path, new Date().toISOString(), { mode: PRIVATE_FILE_MODE });
  return () => rmSync(path, { force: true });
}
