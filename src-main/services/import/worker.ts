/**
 * Worker-thread entry that prepares a project import: parses the file's text, checks every field
 * and serialises each scenario (store/project-file.ts), off the thread that owns the store's
 * connection; that thread takes the prepared scenarios a chunk at a time and writes them
 * (prepare-in-worker.ts). Loaded as TypeScript from source and as `import-worker.js` after
 * bundling (electron.vite.config.ts and build/bundle-cli.mjs emit it next to the services' chunk).
 */
import { parentPort, workerData } from 'node:worker_threads';
// the file's checks only, not the store's index: the thread needs no SQLite binding
import { isStoreError } from '../../store/errors';
import { parseProjectText, prepareScenario, readProjectFileHead, type PreparedScenario } from '../../store/project-file';
import { BODY_NOT_JSON, checkRequest } from '../../ipc/check-request';
import { ContractError } from '../../ipc/contract/errors';
import type { ImportWorkerInput, ImportWorkerReply, ImportWorkerRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('this module must run in a worker thread');
const post = (m: ImportWorkerReply) => port.postMessage(m);
const input = workerData as ImportWorkerInput;

/** The request a raw body carries, checked as dispatch checks every payload. */
function requestOf(body: Uint8Array): { text?: string; document?: unknown } {
  let payload: unknown;
  try {
    payload = body.length === 0 ? {} : JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new ContractError(BODY_NOT_JSON);
  }
  const checked = checkRequest('projects.import', payload);
  if (!checked.ok) throw new ContractError(checked.error);
  return checked.data;
}

let prepared: PreparedScenario[] = [];
try {
  const source: { text?: string; document?: unknown } = 'body' in input ? requestOf(input.body) : input;
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
