/**
 * An import's source prepared in a worker thread (ipc/import-worker.ts, running prepare-here.ts):
 * parsing and checking a large file is most of an import's work, and none of it needs the
 * database, so the thread that owns the store (the browser mode's request thread, Electron's
 * service process, the CLI) only writes, a short chunk at a time between the requests it serves.
 * Every transport imports this way.
 *
 * The worker streams: it answers `ready` once the file's head is checked and then posts the
 * scenarios in batches as it checks them, so the store's thread writes while the worker checks
 * (an import takes about the longer of the two, not their sum). It is kept, unreferenced, for the
 * process's next import: starting a thread and loading zod and the contract costs more than
 * checking a thousand scenarios, and only the first import of a process pays it.
 *
 * It runs at normal priority. Renicing it (niceness 19, so the store's thread would win a shared
 * core) was measured and dropped: Linux's default autogroup scheduling splits a session's CPU
 * between its threads by weight, so a reniced worker gives its core to every other session's work,
 * not only to the store's thread. Interleaved in one run at load ~20 on 2 cores, the 10,000-scenario
 * import took about twice as long (median 8.3 s against 4.1 s) and its longest chunk was no shorter.
 */
import { Worker } from 'node:worker_threads';
import { StoreError, type ImportSource } from '../../store';
import { rowQueue } from '../../store/import-rows';
import { workerEntry } from '../fit/run-fit';
import { workerUrl } from '../jobs/run-in-worker';
import { ContractError } from '../../ipc/contract/errors';
import type { ImportWorkerInput, ImportWorkerReply, ImportWorkerRequest } from './protocol';

function failure(m: Extract<ImportWorkerReply, { kind: 'error' | 'refused' }>): Error {
  if (m.kind === 'refused') return new ContractError(m.error);
  return m.code ? new StoreError(m.code, m.message, m.field ? { field: m.field } : {}) : new Error(m.message);
}

/** A started import worker; `listener` is the import it serves (none while idle). */
interface ImportThread {
  readonly worker: Worker;
  listener: { id: number; reply: (m: ImportWorkerReply) => void; lost: (e: Error) => void } | null;
  lost: Error | null;
}

/** The worker kept for the next import (not keeping the process alive while it waits). */
let idle: ImportThread | null = null;
let threadsStarted = 0;
let imports = 0;

/** How many import worker threads this process has started (a test's view of their reuse). */
export const importThreadsStarted = (): number => threadsStarted;

function startThread(): ImportThread {
  const entry = workerEntry(workerUrl(import.meta.url, '../../ipc/import-worker.ts', './import-worker.js', 'MOE_IMPORT_WORKER'));
  const thread: ImportThread = { worker: new Worker(entry.script, { eval: entry.eval }), listener: null, lost: null };
  threadsStarted++;
  thread.worker.on('message', (m: ImportWorkerReply) => {
    if (m.id === thread.listener?.id) thread.listener.reply(m);
  });
  const lose = (e: Error) => {
    thread.lost ??= e;
    if (idle === thread) idle = null;
    thread.listener?.lost(thread.lost);
  };
  thread.worker.on('error', lose);
  thread.worker.on('exit', (code) => lose(new Error(`the import's worker thread exited with code ${code}`)));
  return thread;
}

/**
 * Resolves once the worker has checked the file's head (rejects naming a bad field of it); its
 * scenarios follow as `take` asks, and `take` rejects naming the first bad scenario's field. The
 * caller must close() the source.
 */
export function prepareInWorker(input: ImportWorkerInput): Promise<ImportSource> {
  const thread = idle ?? startThread();
  idle = null;
  thread.worker.ref();

  const id = ++imports;
  /** Posted rows not yet taken, as the worker made them (off this thread's heap). */
  const queue = rowQueue();
  /** Scenarios received; once they are all here the worker has finished this import. */
  let received = 0;
  let total = Infinity;
  let ended = false;
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  let ready: { resolve: (m: Extract<ImportWorkerReply, { kind: 'ready' }>) => void; reject: (e: Error) => void } | null = null;
  const whenReady = new Promise<Extract<ImportWorkerReply, { kind: 'ready' }>>((resolve, reject) => (ready = { resolve, reject }));
  const stop = (e: Error) => {
    failed ??= e;
    ready?.reject(e);
    ready = null;
    wake?.();
  };
  thread.listener = {
    id,
    reply(m) {
      if (m.kind === 'ready') {
        total = m.total;
        ready?.resolve(m);
        ready = null;
        return;
      }
      if (m.kind === 'rows') {
        queue.push(m);
        received += m.ids.length;
      } else if (m.kind === 'end') ended = true;
      else {
        // the worker is done with this import either way: free for the next one
        ended = true;
        stop(failure(m));
        return;
      }
      wake?.();
    },
    lost: stop,
  };
  if (thread.lost) stop(thread.lost);

  // a body's bytes move to the worker rather than being copied; a Buffer sharing Node's pool is copied once first
  const start: ImportWorkerRequest = { kind: 'start', id, input: 'body' in input ? { body: ownBytes(input.body) } : input };
  if ('body' in start.input) thread.worker.postMessage(start, [(start.input.body as Uint8Array<ArrayBuffer>).buffer]);
  else thread.worker.postMessage(start);

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    stop(new Error('the import source is closed'));
    thread.listener = null;
    queue.take(Infinity);
    // a worker that finished this import (all its scenarios here, or its answer final) serves the
    // next, whose replies carry another id; one still posting is stopped
    if ((ended || received === total) && !thread.lost && !idle) {
      thread.worker.unref();
      idle = thread;
    } else void thread.worker.terminate();
  };

  return whenReady.then(
    (first) => ({
      head: first.head,
      total: first.total,
      plan(plan) {
        if (!closed) thread.worker.postMessage({ kind: 'plan', id, plan } satisfies ImportWorkerRequest);
      },
      async take(max: number) {
        for (;;) {
          if (failed) throw failed;
          // none left once the worker has ended: an empty slice
          if (queue.size || ended) return queue.take(max);
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
      },
      close,
    }),
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
