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
import type { ImportWorkerInput, ImportWorkerReply, ImportWorkerRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('this module must run in a worker thread');
const post = (m: ImportWorkerReply) => port.postMessage(m);
const input = workerData as ImportWorkerInput;

let prepared: PreparedScenario[] = [];
try {
  const { head, scenarios } = readProjectFileHead('text' in input ? parseProjectText(input.text, 'text') : input.document);
  prepared = scenarios.map((s, i) => prepareScenario(s, i));
  post({ kind: 'ready', head, total: prepared.length });
} catch (e) {
  const err = e as Error;
  post(isStoreError(e) ? { kind: 'error', code: e.code, message: e.message, field: e.field ?? null } : { kind: 'error', code: null, message: err.message, field: null });
}

let next = 0;
port.on('message', (m: ImportWorkerRequest) => {
  if (m.kind !== 'take') return;
  const rows = prepared.slice(next, next + m.max);
  next += rows.length;
  post({ kind: 'rows', rows });
});
