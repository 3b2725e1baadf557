/**
 * The worker-thread side of run-in-worker.ts: runs `body` on the input the thread was started
 * with, posting its progress, then its value (with the seconds it took) or its error (an engine
 * input error names its field). Cancelling terminates the thread from outside.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EngineInputError } from '../../engine/common/errors';
import type { WorkerReply } from './run-in-worker';

export function serveWorker<I, P, R>(body: (input: I, progress: (p: P) => void) => R): void {
  const port = parentPort;
  if (!port) throw new Error('this module must run in a worker thread');
  const post = (m: WorkerReply<P, R>) => port.postMessage(m);
  const t0 = performance.now();
  try {
    const value = body(workerData as I, (progress) => post({ kind: 'progress', progress }));
    post({ kind: 'done', value, seconds: (performance.now() - t0) / 1000 });
  } catch (e) {
    const err = e as Error;
    post({ kind: 'error', name: err.name, message: err.message, field: err instanceof EngineInputError ? err.field : null });
  }
}
