/**
 * An import's source prepared in a worker thread (ipc/import-worker.ts, running prepare-here.ts): parsing and checking a large file
 * is most of an import's work, and none of it needs the database, so the thread that owns the
 * store (the browser mode's request thread, Electron's service process, the CLI) only writes,
 * a short chunk at a time between the requests it serves. Every transport imports this way.
 */
import { Worker } from 'node:worker_threads';
import { StoreError, type ImportSource, type PreparedScenario } from '../../store';
import { workerEntry } from '../fit/run-fit';
import { workerUrl } from '../jobs/run-in-worker';
import { ContractError } from '../../ipc/contract/errors';
import type { ImportWorkerInput, ImportWorkerReply, ImportWorkerRequest } from './protocol';

function failure(m: Extract<ImportWorkerReply, { kind: 'error' | 'refused' }>): Error {
  if (m.kind === 'refused') return new ContractError(m.error);
  return m.code ? new StoreError(m.code, m.message, m.field ? { field: m.field } : {}) : new Error(m.message);
}

/** Resolves once the worker has checked the whole file (rejects naming the first bad field); the caller must close() the source. */
export function prepareInWorker(input: ImportWorkerInput): Promise<ImportSource> {
  const entry = workerEntry(workerUrl(import.meta.url, '../../ipc/import-worker.ts', './import-worker.js', 'MOE_IMPORT_WORKER'));
  // a body's bytes move to the worker rather than being copied; a Buffer sharing Node's pool is copied once first
  const body = 'body' in input ? ownBytes(input.body) : null;
  const worker = new Worker(entry.script, body ? { workerData: { body }, transferList: [body.buffer], eval: entry.eval } : { workerData: input, eval: entry.eval });
  /** The one call waiting for the worker's next message (ready, then each take). */
  let waiting: { resolve: (m: ImportWorkerReply) => void; reject: (e: Error) => void } | null = null;
  let lost: Error | null = null;
  const next = () =>
    new Promise<ImportWorkerReply>((resolve, reject) => {
      if (lost) reject(lost);
      else waiting = { resolve, reject };
    });
  const settle = (f: (w: NonNullable<typeof waiting>) => void) => {
    const w = waiting;
    waiting = null;
    if (w) f(w);
  };
  worker.on('message', (m: ImportWorkerReply) => settle((w) => w.resolve(m)));
  const lose = (e: Error) => {
    lost ??= e;
    settle((w) => w.reject(lost!));
  };
  worker.on('error', lose);
  worker.on('exit', (code) => lose(new Error(`the import's worker thread exited with code ${code}`)));
  const close = () => {
    lost ??= new Error('the import source is closed');
    void worker.terminate();
  };

  return next().then(
    (first) => {
      if (first.kind !== 'ready') {
        close();
        throw first.kind === 'error' || first.kind === 'refused' ? failure(first) : new Error(`the import's worker answered ${first.kind} before it was ready`);
      }
      return {
        head: first.head,
        total: first.total,
        async take(max: number): Promise<PreparedScenario[]> {
          const reply = next();
          worker.postMessage({ kind: 'take', max } satisfies ImportWorkerRequest);
          const m = await reply;
          if (m.kind === 'rows') return m.rows;
          throw m.kind === 'error' || m.kind === 'refused' ? failure(m) : new Error(`the import's worker answered ${m.kind} to take`);
        },
        close,
      };
    },
    (e: unknown) => {
      close();
      throw e;
    },
  );
}

/** Bytes whose whole ArrayBuffer they own, so it can be transferred without detaching anything else. */
function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}
