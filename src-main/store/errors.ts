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
