/** Shared by the store's file tests: temporary folders removed after each test, and the open refusal. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStore, StoreError } from '../../../src-main/store';

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
