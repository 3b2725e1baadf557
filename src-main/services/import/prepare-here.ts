/**
 * What the import's worker thread does (its entry is ipc/import-worker.ts, which can check a raw
 * request body against the contract, as services may not): parse the file's text, check every
 * field and serialise each scenario (store/project-file.ts), off the thread that owns the store's
 * connection; that thread takes the prepared scenarios a chunk at a time and writes them
 * (prepare-in-worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
// the file's checks only, not the store's index: the thread needs no SQLite binding
import { isStoreError } from '../../store/errors';
import { parseProjectText, prepareScenario, readProjectFileHead, type PreparedScenario } from '../../store/project-file';
import { ContractError } from '../../ipc/contract/errors';
import type { ImportWorkerInput, ImportWorkerReply, ImportWorkerRequest } from './protocol';

/** The request a raw body carries, checked as dispatch checks every payload (throws a ContractError). */
export type ReadRequestBody = (body: Uint8Array) => { text?: string; document?: unknown };

/** Runs in the import's worker thread: prepares what the thread was started with, then hands it out a chunk at a time. */
export function prepareImportHere(readBody: ReadRequestBody): void {
  const port = parentPort;
  if (!port) throw new Error('this module must run in a worker thread');
  const input = workerData as ImportWorkerInput;
  const post = (m: ImportWorkerReply) => port.postMessage(m);
  let prepared: PreparedScenario[] = [];
  try {
    const source: { text?: string; document?: unknown } = 'body' in input ? readBody(input.body) : input;
    const { head, scenarios } = readProjectFileHead(source.text !== undefined ? parseProjectText(source.text, 'text') : source.document);
    prepared = scenarios.map((s, i) => prepareScenario(s, i));
    post({ kind: 'ready', head, total: prepared.length });
  } catch (e) {
    const err = e as Error;
    if (e instanceof ContractError) post({ kind: 'refused', error: e.toData() });
    else post(isStoreError(e) ? { kind: 'error', code: e.code, message: e.message, field: e.field ?? null } : { kind: 'error', code: null, message: err.message, field: null });
  }

  let next = 0;
  port.on('message', (m: ImportWorkerRequest) => {
    if (m.kind !== 'take') return;
    const rows = prepared.slice(next, next + m.max);
    next += rows.length;
    post({ kind: 'rows', rows });
  });
}
