/**
 * The contract's typed error, free of zod so the renderer and the preload can throw and catch
 * it without bundling any schema (define.ts holds the zod schema that validates it on the wire).
 */

/** Error codes a caller can branch on. */
export const ERROR_CODES = ['invalid-request', 'unknown-channel', 'not-found', 'conflict', 'read-only', 'disk-full', 'store-unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractErrorData {
  code: ErrorCode;
  message: string;
  /** Path of the offending field in the request, e.g. ["flops"] or ["experts", 2]. */
  path?: Array<string | number> | undefined;
}

/** What every transport carries back: a value, or a typed error. Never a thrown exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractErrorData };

/** Thrown on the calling side when an envelope carries an error. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly path: Array<string | number> | undefined;
  constructor(data: ContractErrorData) {
    super(data.message);
    this.name = 'ContractError';
    this.code = data.code;
    this.path = data.path;
  }
  toData(): ContractErrorData {
    return { code: this.code, message: this.message, ...(this.path ? { path: this.path } : {}) };
  }
}
