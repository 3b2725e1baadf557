/**
 * Opening database files: persistence, refusal of newer and damaged databases without touching
 * them, backups before migrating, and restoring a backup.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openError, useTempDirs } from './temp-store';
import { databasePath, LATEST_SCHEMA_VERSION, listBackups, openStore, restoreBackup, StoreError } from '../../../src-main/store';
import { migrate } from '../../../src-main/store/migrations';
import { markOpen, otherSessionsOpen } from '../../../src-main/store/session-marker';

const tempDir = useTempDirs('moe-open-');

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}


/** A database at schema version 1 with one project, as an older app would have left it. */
function oldDatabase(dataDir: string): void {
  const db = new Database(databasePath(dataDir));
  migrate(db, 1);
  db.prepare("INSERT INTO projects (id, name, notes, created_at, updated_at) VALUES ('p1', 'Old plan', '', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')").run();
  db.close();
}

describe('opening the database file', () => {
  it('creates, configures (WAL, foreign keys, busy timeout) and keeps data across opens, without a backup for a new file', () => {
    const dir = tempDir();
    const s1 = openStore({ dataDir: dir });
    expect(s1.backupPath).toBeNull();
    expect(s1.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s1.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s1.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(s1.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const p = s1.projects.create({ name: 'Kept' });
    s1.close();
    const s2 = openStore({ dataDir: dir });
    expect(s2.projects.get(p.id).name).toBe('Kept');
    expect(s2.backupPath).toBeNull();
    s2.close();
    expect(listBackups(dir)).toEqual([]);
  });

  it('refuses a database from a newer app, naming both versions, and never modifies it', () => {
    const dir = tempDir();
    const path = databasePath(dir);
    const db = new Database(path);
    db.exec('CREATE TABLE future (x); INSERT INTO future VALUES (1);');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = sha(path);
    const filesBefore = readdirSync(dir).sort();

    const e = openError(dir);
    expect(e.code).toBe('newer-database');
    expect(e.message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 5}`);
    expect(e.message).toContain(`version ${LATEST_SCHEMA_VERSION})`);
    expect(e).toMatchObject({ databaseVersion: LATEST_SCHEMA_VERSION + 5, supportedVersion: LATEST_SCHEMA_VERSION, path });
    expect(sha(path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(filesBefore); // no backup, no journal left behind
  });

  it('refuses a file of garbage bytes, leaves it byte-identical and lists the backups', () => {
    const dir = tempDir();
    oldDatabase(dir);
    openStore({ dataDir: dir }).close(); // migrates, so a backup exists
    const path = databasePath(dir);
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    writeFileSync(path, randomBytes(16_384));
    const before = sha(path);

    const e = openError(dir);
    expect(e.code).toBe('corrupt-database');
    expect(e.path).toBe(path);
    expect(e.message).toContain(path);
    expect(e.backups).toHaveLength(1);
    expect(e.message).toContain(e.backups![0]!.path);
    expect(sha(path)).toBe(before);
    // asking again changes nothing either
    expect(openError(dir).code).toBe('corrupt-database');
    expect(sha(path)).toBe(before);
  });

  it('refuses a database with a damaged page, untouched', () => {
    const dir = tempDir();
    const s = openStore({ dataDir: dir });
    const p = s.projects.create({ name: 'P' });
    for (let i = 0; i < 200; i++) s.scenarios.create({ projectId: p.id, name: `s${i}`, wizard: 'compute', inputs: { pad: 'z'.repeat(2000) } });
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const path = databasePath(dir);
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    // scribble over the middle of the file (b-tree pages), keep the header valid
    randomBytes(pageSize * 4).copy(bytes, pageSize * Math.floor(bytes.length / pageSize / 2));
    writeFileSync(path, bytes);
    const before = sha(path);
    const e = openError(dir);
    expect(e.code).toBe('corrupt-database');
    expect(e.backups).toEqual([]);
    expect(e.message).toMatch(/No backup is available/);
    expect(sha(path)).toBe(before);
  });

  it('backs up an existing database before migrating it, once', () => {
    const dir = tempDir();
    oldDatabase(dir);
    const before = sha(databasePath(dir));
    const s = openStore({ dataDir: dir, now: () => new Date('2025-06-01T12:00:00.000Z') });
    expect(s.backupPath).toBe(join(dir, 'workbench.backup-v1-20250601T120000000Z.sqlite'));
    expect(s.projects.get('p1').name).toBe('Old plan');
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    s.close();

    const backup = new Database(join(dir, 'workbench.backup-v1-20250601T120000000Z.sqlite'), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT name FROM projects').all()).toEqual([{ name: 'Old plan' }]);
    backup.close();
    expect(before).not.toBe(sha(databasePath(dir)));

    expect(listBackups(dir)).toEqual([
      expect.objectContaining({ schemaVersion: 1, createdAt: '2025-06-01T12:00:00.000Z', path: join(dir, 'workbench.backup-v1-20250601T120000000Z.sqlite') }),
    ]);
    const again = openStore({ dataDir: dir });
    expect(again.backupPath).toBeNull();
    again.close();
  });

  it('restoreBackup moves the damaged file aside (not deleted) and puts the backup in place', () => {
    const dir = tempDir();
    oldDatabase(dir);
    openStore({ dataDir: dir }).close();
    const path = databasePath(dir);
    writeFileSync(path, randomBytes(8192));
    writeFileSync(`${path}-wal`, randomBytes(100)); // a stale WAL must not follow the restored copy
    const damaged = sha(path);
    const e = openError(dir);
    const latest = e.backups![0]!;

    const r = restoreBackup(dir, latest.path);
    expect(r.restoredFrom).toBe(latest.path);
    expect(r.damagedMovedTo).toMatch(/workbench\.damaged-\d{8}T\d{9}Z\.sqlite$/);
    expect(sha(r.damagedMovedTo!)).toBe(damaged);
    expect(existsSync(`${r.damagedMovedTo!}-wal`)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(latest.path)).toBe(true); // the backup stays available

    const s = openStore({ dataDir: dir });
    expect(s.projects.get('p1').name).toBe('Old plan');
    expect(s.integrityCheck()).toEqual(['ok']);
    s.close();

    expect(() => restoreBackup(dir, join(dir, 'nope.sqlite'))).toThrow(StoreError);
  });

  it('two connections (the app and the CLI) can write the same file in turn', () => {
    const dir = tempDir();
    const app = openStore({ dataDir: dir });
    const cli = openStore({ dataDir: dir });
    expect(cli.backupPath).toBeNull();
    const p = app.projects.create({ name: 'Shared' });
    const s = cli.scenarios.create({ projectId: p.id, name: 'from cli', wizard: 'compute', inputs: { a: 1 } });
    app.scenarios.rename(s.id, 'renamed in app');
    expect(cli.scenarios.get(s.id).name).toBe('renamed in app');
    app.close();
    cli.close();
  });

  it("tells a session whether another has the file open (an import's pause for other writers depends on it); a dead process's marker does not count", () => {
    const dir = tempDir();
    const path = databasePath(dir);
    writeFileSync(path, '');
    const own = markOpen(path);
    expect(otherSessionsOpen(path, own.path)).toBe(false);
    // left by a process that no longer exists (pid far above any live one)
    writeFileSync(`${path}.in-use-2147483646-dead`, '');
    expect(otherSessionsOpen(path, own.path)).toBe(false);
    const other = markOpen(path);
    expect(otherSessionsOpen(path, own.path)).toBe(true);
    expect(otherSessionsOpen(path, other.path)).toBe(true);
    other.remove();
    expect(otherSessionsOpen(path, own.path)).toBe(false);
    own.remove();
  });
});
