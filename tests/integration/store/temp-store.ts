/** Shared by the store's file tests: temporary folders removed after each test, and the open refusal. */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { databasePath, listBackups, MIGRATIONS, openStore, StoreError } from '../../../src-main/store';
import { migrate } from '../../../src-main/store/migrations';

/** Call at the top of a test file: returns a maker of folders that are gone after each test. */
export function useTempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}

/** The typed refusal of opening the store in `dataDir` (fails the test if it opens). */
export function openError(dataDir: string): StoreError {
  try {
    openStore({ dataDir }).close();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected the open to fail');
}

/** A data folder at `dir` whose database was migrated once, so a backup (of version 1, holding the project "In the backup") exists. */
export function dataDirWithBackup(dir: string): { dir: string; backup: string } {
  mkdirSync(dir);
  const old = new Database(databasePath(dir));
  migrate(old, 1, MIGRATIONS);
  old.prepare("INSERT INTO projects (id, name, notes, created_at, updated_at) VALUES ('p1', 'In the backup', '', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')").run();
  old.close();
  openStore({ dataDir: dir }).close(); // migrates, backing version 1 up first
  return { dir, backup: listBackups(dir)[0]!.path };
}
