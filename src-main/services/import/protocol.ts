/**
 * Between the store's thread and the worker that prepares an import (structured-clone safe).
 * The worker checks the whole file first and answers `ready` (or `error`); the store's thread
 * then takes the scenarios a chunk at a time, so no one message is large enough to hold its
 * thread up while it is read.
 */
import type { ContractErrorData } from '../../ipc/contract';
import type { ImportHead, PreparedScenario, StoreErrorCode } from '../../store';

/**
 * The file as the user picked it (its text, parsed by the worker), or already parsed, or the
 * browser mode's whole projects.import request body (its bytes, transferred: the worker parses
 * the request and checks it against the channel's schema too).
 */
export type ImportWorkerInput = { text: string } | { document: unknown } | { body: Uint8Array };

export type ImportWorkerRequest = { kind: 'take'; max: number };

export type ImportWorkerReply =
  | { kind: 'ready'; head: ImportHead; total: number }
  | { kind: 'rows'; rows: PreparedScenario[] }
  /** A store error (a field of the file) is sent as its code, message and field; anything else has code null. */
  | { kind: 'error'; code: StoreErrorCode | null; message: string; field: string | null }
  /** The request body itself refused (not JSON, or not the channel's request), as dispatch would. */
  | { kind: 'refused'; error: ContractErrorData };
