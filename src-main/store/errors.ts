/**
 * The one error type the store throws. Callers (IPC, CLI, UI) switch on `code`, show `message`
 * as-is and, for bad input, highlight `field`; so every message names what was wrong.
 */
export type StoreErrorCode =
  | 'newer-database'
  | 'corrupt-database'
  | 'invalid-input'
  | 'not-found'
  | 'read-only'
  | 'disk-full'
  | 'in-use'
  | 'invalid-import'
  | 'invalid-seed'
  | 'io';

export interface BackupInfo {
  /** Absolute path of the backup file. */
  path: string;
  /** Schema version (`PRAGMA user_version`) the backed-up database had. */
  schemaVersion: number;
  /** When the backup was made, ISO 8601. */
  createdAt: string;
  sizeBytes: number;
}

export interface StoreErrorDetails {
  field?: string;
  /** Database file concerned (open errors). */
  path?: string;
  /** Backups available next to a damaged database, newest first. */
  backups?: BackupInfo[];
  /** Version numbers for 'newer-database'. */
  databaseVersion?: number;
  supportedVersion?: number;
  cause?: unknown;
}

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly field?: string;
  readonly path?: string;
  readonly backups?: BackupInfo[];
  readonly databaseVersion?: number;
  readonly supportedVersion?: number;

  constructor(code: StoreErrorCode, message: string, details: StoreErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StoreError';
    this.code = code;
    if (details.field !== undefined) this.field = details.field;
    if (details.path !== undefined) this.path = details.path;
    if (details.backups !== undefined) this.backups = details.backups;
    if (details.databaseVersion !== undefined) this.databaseVersion = details.databaseVersion;
    if (details.supportedVersion !== undefined) this.supportedVersion = details.supportedVersion;
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}

export function notFound(kind: string, id: string, field = 'id'): StoreError {
  return new StoreError('not-found', `No ${kind} with id "${id}" (${field})`, { field });
}

export function invalidInput(field: string, problem: string): StoreError {
  return new StoreError('invalid-input', `${field}: ${problem}`, { field });
}

/**
 * SQLite's own failures in the store's terms, each saying what happened to the write: a full disk
 * and a read-only file are the user's to fix, and nothing half-written is left (every write is a
 * transaction). Null for anything that is not an SQLite error.
 */
export function fromSqliteError(e: unknown): StoreError | null {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (!code.startsWith('SQLITE_')) return null;
  const detail = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_FULL') {
    return new StoreError('disk-full', `The disk holding the database is full (${detail}): this change was not saved, nothing else was lost. Free some space and retry.`, { cause: e });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new StoreError('read-only', `The database cannot be written: its file or folder is read-only (${detail}). Reading still works; this change was not saved.`, { cause: e });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('in-use', `The database is locked by another process (${detail}); this change was not saved. Retry in a moment.`, { cause: e });
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) return new StoreError('invalid-input', `The change breaks a rule of the database: ${detail}`, { cause: e });
  return new StoreError('io', `The database could not be read or written (${code}: ${detail}); this change was not saved.`, { cause: e });
}
