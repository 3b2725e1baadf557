/**
 * Runs one engine computation in a worker thread so no transport's event loop blocks: the worker
 * is started with its input, posts progress and then its value or error (`WorkerReply`), and
 * aborting the signal terminates it at once. Used by the next-run and band jobs; the fitter has
 * its own pool of workers (../fit/run-fit.ts).
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../fit/run-fit';
import { ServiceError } from '../errors';

export type WorkerReply<P, R> =
  | { kind: 'progress'; progress: P }
  | { kind: 'done'; value: R; seconds: number }
  | { kind: 'error'; name: string; message: string; field: string | null };

export class JobCancelled extends Error {
  constructor(what: string) {
    super(`${what} cancelled`);
    this.name = 'JobCancelled';
  }
}

/**
 * The worker's script: `source` (a .ts file beside the caller, from source), `bundled` next to the
 * bundle after bundling, or the file the environment variable `env` names.
 */
export function workerUrl(callerUrl: string, source: string, bundled: string, env: string): URL {
  const given = typeof process !== 'undefined' ? process.env[env] : undefined;
  if (given) return given.startsWith('file:') ? new URL(given) : new URL(`file://${given}`);
  return callerUrl.endsWith('.ts') ? new URL(source, callerUrl) : new URL(bundled, callerUrl);
}

export function runInWorker<I, P, R>(url: URL, input: I, o: { what: string; signal: AbortSignal; onProgress: (p: P) => void }): Promise<{ value: R; seconds: number }> {
  const entry = workerEntry(url);
  return new Promise((resolve, reject) => {
    if (o.signal.aborted) return reject(new JobCancelled(o.what));
    const worker = new Worker(entry.script, { workerData: input, eval: entry.eval });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      o.signal.removeEventListener('abort', onAbort);
      f();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new JobCancelled(o.what)));
    o.signal.addEventListener('abort', onAbort);
    worker.on('message', (m: WorkerReply<P, R>) => {
      if (settled) return;
      if (m.kind === 'progress') o.onProgress(m.progress);
      else if (m.kind === 'done') finish(() => resolve({ value: m.value, seconds: m.seconds }));
      else finish(() => reject(m.field ? new ServiceError('invalid-request', m.message, [m.field]) : Object.assign(new Error(m.message), { name: m.name })));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`${o.what} worker exited with code ${code}`))));
  });
}
