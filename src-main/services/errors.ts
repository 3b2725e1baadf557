import type { ErrorCode } from '../ipc/contract';

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
