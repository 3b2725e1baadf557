import type { ErrorCode } from '../ipc/contract';
import { fromSqliteError, isStoreError } from '../store';
import { EngineInputError } from '../engine/common/errors';

/** An expected failure of a service (not found, read-only, conflict…), with the field it concerns. */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly path: Array<string | number> | undefined;
  constructor(code: ErrorCode, message: string, path?: Array<string | number>) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.path = path;
  }
}

const STORE_CODES: Record<string, ErrorCode> = {
  'invalid-input': 'invalid-request',
  'invalid-import': 'invalid-request',
  'invalid-seed': 'internal',
  'not-found': 'not-found',
  'read-only': 'read-only',
  'disk-full': 'disk-full',
  'in-use': 'conflict',
  'newer-database': 'store-unavailable',
  'corrupt-database': 'store-unavailable',
  io: 'store-unavailable',
};

/** The store's typed errors, in the contract's terms (the field becomes the error's path). */
export function fromStoreError(raw: unknown): ServiceError | null {
  const err = isStoreError(raw) ? raw : fromSqliteError(raw);
  if (!err) return null;
  return new ServiceError(STORE_CODES[err.code] ?? 'internal', err.message, err.field ? err.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : undefined);
}

/**
 * Any failure the layers below services raise on purpose (the store's typed errors, the engine's
 * refusal of an input it cannot compute with), as a ServiceError naming the field; null for
 * anything else (a bug), which the transports report as internal.
 */
export function toServiceError(err: unknown): ServiceError | null {
  if (err instanceof ServiceError) return err;
  const fromStore = fromStoreError(err);
  if (fromStore) return fromStore;
  if (err instanceof EngineInputError) return new ServiceError('invalid-request', err.message, [err.field]);
  return null;
}
