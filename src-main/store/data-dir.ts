/** Where the database lives. Tests and the CLI point MOE_WORKBENCH_DATA at a folder of their own. */
import { join, resolve } from 'node:path';

export const DATA_DIR_ENV = 'MOE_WORKBENCH_DATA';
export const DATABASE_FILE_NAME = 'workbench.sqlite';

/**
 * The data folder: `MOE_WORKBENCH_DATA` when set and non-blank, else `fallback` (the Electron
 * userData path, which only the shell knows; the store must not import electron).
 */
export function resolveDataDir(env: Record<string, string | undefined>, fallback?: string): string {
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  if (fromEnv) return resolve(fromEnv);
  if (fallback === undefined || fallback.trim() === '') {
    throw new Error(`No data folder: set ${DATA_DIR_ENV} or pass the application's data path`);
  }
  return resolve(fallback);
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}
