/**
 * Between the store's thread and the worker that prepares imports (structured-clone safe). The
 * worker outlives one import: started on first use, it waits
 * for a `start`, checks the file's head and answers `ready` (or `error`/`refused`), waits for the
 * store's `plan` (how the file's references land there), then checks the scenarios in order and
 * makes their rows (store/import-rows.ts), posting them a batch at a time as it goes (`rows`) and
 * `end` after the last; the store's thread writes each batch while the worker checks the next.
 * A scenario that fails its check ends the stream with `error`: the import then discards what it
 * wrote (hidden, never published), so it stays all-or-nothing.
 */
import type { ContractErrorData } from '../../ipc/contract';
import type { ImportHead, StoreErrorCode } from '../../store';
import type { EncodedRows, ImportPlan } from '../../store/import-rows';

/**
 * The file as the user picked it (its text, parsed by the worker), or already parsed, or the
 * browser mode's whole projects.import request body (its bytes, transferred: the worker parses
 * the request and checks it against the channel's schema too).
 */
export type ImportWorkerInput = { text: string } | { document: unknown } | { body: Uint8Array };

/** `id` numbers the worker's imports: a reply names the import it belongs to. */
export type ImportWorkerRequest = { kind: 'start'; id: number; input: ImportWorkerInput } | { kind: 'plan'; id: number; plan: ImportPlan };

export type ImportWorkerReply = { id: number } & (
  | { kind: 'ready'; head: ImportHead; total: number }
  /**
   * Scenarios' rows as UTF-8, their buffers transferred: held off the V8 heap of the store's
   * thread, which cuts them into chunks and hands them to SQLite without ever making them strings.
   */
  | ({ kind: 'rows' } & EncodedRows)
  /** Every scenario was posted; the worker waits for its next start. */
  | { kind: 'end' }
  /** A store error (a field of the file) is sent as its code, message and field; anything else has code null. */
  | { kind: 'error'; code: StoreErrorCode | null; message: string; field: string | null }
  /** The request body itself refused (not JSON, or not the channel's request), as dispatch would. */
  | { kind: 'refused'; error: ContractErrorData }
);
