/**
 * What the import's worker thread does (its entry is ipc/import-worker.ts, which can check a raw
 * request body against the contract, as services may not): parse the file's text, check every
 * field and serialise each scenario (store/project-file.ts), off the thread that owns the store's
 * connection, posting the prepared scenarios in batches as it goes while that thread writes the
 * ones already posted (prepare-in-worker.ts). The thread serves one import after another, so only
 * the first import of a process waits for it to start and load its modules.
 */
import { parentPort } from 'node:worker_threads';
// the file's checks only, not the store's index: the thread needs no SQLite binding
import { isStoreError } from '../../store/errors';
import { parseProjectText, prepareScenario, readProjectFileHead, type PreparedScenario } from '../../store/project-file';
import { ContractError } from '../../ipc/contract/errors';
import type { ImportWorkerInput, ImportWorkerReply, ImportWorkerRequest } from './protocol';

/** The request a raw body carries, checked as dispatch checks every payload (throws a ContractError). */
export type ReadRequestBody = (body: Uint8Array) => { text?: string; document?: unknown };

/**
 * Scenarios per posted batch: small enough that reading one on the store's thread takes well under
 * a millisecond, large enough that 10,000 scenarios are a few hundred messages.
 */
const ROWS_PER_POST = 50;

type Reply = ImportWorkerReply extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function failure(e: unknown): Reply {
  if (e instanceof ContractError) return { kind: 'refused', error: e.toData() };
  if (isStoreError(e)) return { kind: 'error', code: e.code, message: e.message, field: e.field ?? null };
  return { kind: 'error', code: null, message: (e as Error).message, field: null };
}

/** Prepares one import: the head (answering ready or its failure), then every scenario, in batches. */
function prepareOne(input: ImportWorkerInput, readBody: ReadRequestBody, post: (m: Reply, transfer?: ArrayBuffer[]) => void): void {
  let scenarios: unknown[];
  try {
    const source: { text?: string; document?: unknown } = 'body' in input ? readBody(input.body) : input;
    const read = readProjectFileHead(source.text !== undefined ? parseProjectText(source.text, 'text') : source.document);
    scenarios = read.scenarios;
    post({ kind: 'ready', head: read.head, total: scenarios.length });
  } catch (e) {
    post(failure(e));
    return;
  }
  try {
    const encoder = new TextEncoder();
    const send = (rows: PreparedScenario[]) => {
      const bytes = encoder.encode(JSON.stringify(rows));
      post({ kind: 'rows', count: rows.length, bytes }, [bytes.buffer]);
    };
    let batch: PreparedScenario[] = [];
    for (let i = 0; i < scenarios.length; i++) {
      batch.push(prepareScenario(scenarios[i], i));
      if (batch.length === ROWS_PER_POST) {
        send(batch);
        batch = [];
      }
    }
    if (batch.length) send(batch);
    post({ kind: 'end' });
  } catch (e) {
    post(failure(e));
  }
}

/** Runs in the import's worker thread: prepares each import it is started with, one at a time. */
export function prepareImportHere(readBody: ReadRequestBody): void {
  const port = parentPort;
  if (!port) throw new Error('this module must run in a worker thread');
  port.on('message', (m: ImportWorkerRequest) => {
    if (m.kind === 'start') prepareOne(m.input, readBody, (reply, transfer) => port.postMessage({ ...reply, id: m.id }, transfer));
  });
}
