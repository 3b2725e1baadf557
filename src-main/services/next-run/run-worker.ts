/** Runs the next-run engine in a worker thread so no transport's event loop blocks; aborting terminates it. */
import { Worker } from 'node:worker_threads';
import type { NextRunInput, NextRunProgress, NextRunProposal } from '../../engine/next-run';
import { workerEntry } from '../fit/run-fit';
import { ServiceError } from '../errors';
import type { NextRunReply } from './protocol';

/** ./worker.ts from source; `next-run-worker.js` next to the bundle after bundling, or the file MOE_NEXT_RUN_WORKER names. */
function entryUrl(): URL {
  const env = typeof process !== 'undefined' ? process.env.MOE_NEXT_RUN_WORKER : undefined;
  if (env) return env.startsWith('file:') ? new URL(env) : new URL(`file://${env}`);
  return import.meta.url.endsWith('.ts') ? new URL('./worker.ts', import.meta.url) : new URL('./next-run-worker.js', import.meta.url);
}

export class NextRunCancelled extends Error {
  constructor() {
    super('Next-run proposal cancelled');
    this.name = 'NextRunCancelled';
  }
}

export function runNextRunWorker(input: NextRunInput, o: { signal: AbortSignal; onProgress: (p: NextRunProgress) => void }): Promise<{ proposal: NextRunProposal; seconds: number }> {
  const entry = workerEntry(entryUrl());
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.script, { workerData: input, eval: entry.eval });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      o.signal.removeEventListener('abort', onAbort);
      f();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new NextRunCancelled()));
    o.signal.addEventListener('abort', onAbort);
    worker.on('message', (m: NextRunReply) => {
      if (m.kind === 'progress') o.onProgress(m.progress);
      else if (m.kind === 'done') finish(() => resolve({ proposal: m.proposal, seconds: m.seconds }));
      else finish(() => reject(m.field ? new ServiceError('invalid-request', m.message, [m.field]) : Object.assign(new Error(m.message), { name: m.name })));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`next-run worker exited with code ${code}`))));
  });
}
