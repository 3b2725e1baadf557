/**
 * What the import's worker thread does (its entry is ipc/import-worker.ts, which can check a raw
 * request body against the contract, as services may not): parse the file's text, check every
 * field (store/project-file.ts) and make each scenario's row as the store's statements read it
 * (store/import-rows.ts), off the thread that owns the store's connection, posting the rows in
 * batches as it goes while that thread writes the ones already posted (prepare-in-worker.ts). The thread serves one import after another, so only
 * the first import of a process waits for it to start and load its modules.
 */
import { parentPort } from 'node:worker_threads';
// the file's checks only, not the store's index: the thread needs no SQLite binding
import { isStoreError } from '../../store/errors';
import { parseProjectText, prepareScenario, readProjectFileHead, type PreparedScenario } from '../../store/project-file';
import { rowEncoder, type ImportPlan } from '../../store/import-rows';
import { ContractError } from '../../ipc/contract/errors';
import type { ImportWorkerInput, ImportWorkerReply, ImportWorkerRequest } from './protocol';

/** The request a raw body carries, checked as dispatch checks every payload (throws a ContractError). */
export type ReadRequestBody = (body: Uint8Array) => { text?: string; document?: unknown };

/**
 * Scenarios per posted batch: large enough that 10,000 scenarios are a few hundred messages (each
 * an event on the store's thread), small enough that the store's thread soon has rows to write.
 */
const ROWS_PER_POST = 50;

type Reply = ImportWorkerReply extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function failure(e: unknown): Reply {
  if (e instanceof ContractError) return { kind: 'refused', error: e.toData() };
  if (isStoreError(e)) return { kind: 'error', code: e.code, message: e.message, field: e.field ?? null };
  return { kind: 'error', code: null, message: (e as Error).message, field: null };
}

/** An import whose head was checked, waiting for the store's plan before its rows are made. */
interface Waiting {
  id: number;
  scenarios: unknown[];
}

/** Checks one import's head and answers ready (or its failure); returns the scenarios still to check. */
function checkHead(input: ImportWorkerInput, readBody: ReadRequestBody, post: (m: Reply) => void): unknown[] | null {
  try {
    const source: { text?: string; document?: unknown } = 'body' in input ? readBody(input.body) : input;
    const read = readProjectFileHead(source.text !== undefined ? parseProjectText(source.text, 'text') : source.document);
    post({ kind: 'ready', head: read.head, total: read.scenarios.length });
    return read.scenarios;
  } catch (e) {
    post(failure(e));
    return null;
  }
}

/** Checks every scenario and posts their rows, made under the store's plan, in batches. */
function postRows(scenarios: unknown[], plan: ImportPlan, post: (m: Reply, transfer?: ArrayBuffer[]) => void): void {
  try {
    const encode = rowEncoder(plan);
    for (let start = 0; start < scenarios.length; start += ROWS_PER_POST) {
      const batch: PreparedScenario[] = [];
      for (let i = start; i < Math.min(scenarios.length, start + ROWS_PER_POST); i++) batch.push(prepareScenario(scenarios[i], i));
      const rows = encode(batch);
      post({ kind: 'rows', ...rows }, [rows.scenarios.buffer, rows.scenarioEnds.buffer, rows.tags.buffer, rows.tagEnds.buffer] as ArrayBuffer[]);
    }
    post({ kind: 'end' });
  } catch (e) {
    post(failure(e));
  }
}

/** Runs in the import's worker thread: prepares each import it is started with, one at a time. */
export function prepareImportHere(readBody: ReadRequestBody): void {
  const port = parentPort;
  if (!port) throw new Error('this module must run in a worker thread');
  let waiting: Waiting | null = null;
  port.on('message', (m: ImportWorkerRequest) => {
    const post = (reply: Reply, transfer?: ArrayBuffer[]) => port.postMessage({ ...reply, id: m.id }, transfer);
    if (m.kind === 'start') {
      // a start drops an import whose store never sent its plan (it failed or closed first)
      waiting = null;
      const scenarios = checkHead(m.input, readBody, post);
      if (scenarios) waiting = { id: m.id, scenarios };
    } else if (m.kind === 'plan' && waiting?.id === m.id) {
      const { scenarios } = waiting;
      waiting = null;
      postRows(scenarios, m.plan, post);
    }
  });
}
