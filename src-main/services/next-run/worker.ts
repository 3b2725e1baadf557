/**
 * Worker-thread entry of the next-run planner: runs the engine on the input it is started with,
 * posting progress and the proposal. Cancelling terminates the thread.
 *
 * Loaded as TypeScript from source (through the fit service's tsx bootstrap, see
 * ../fit/run-fit.ts `workerEntry`) and as `next-run-worker.js` after bundling
 * (electron.vite.config.ts and build/bundle-cli.mjs emit it next to the services' chunk).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EngineInputError } from '../../engine/common/errors';
import { proposeNextRuns, type NextRunInput } from '../../engine/next-run';
import type { NextRunReply } from './protocol';

const port = parentPort;
if (!port) throw new Error('next-run worker must run in a worker thread');
const post = (m: NextRunReply) => port.postMessage(m);

const t0 = performance.now();
let last = 0;
try {
  const proposal = proposeNextRuns(workerData as NextRunInput, {
    onProgress: (progress) => {
      const now = Date.now();
      if (now - last < 40 && progress.done !== progress.total) return;
      last = now;
      post({ kind: 'progress', progress });
    },
  });
  post({ kind: 'done', proposal, seconds: (performance.now() - t0) / 1000 });
} catch (e) {
  const err = e as Error;
  post({ kind: 'error', name: err.name, message: err.message, field: err instanceof EngineInputError ? err.field : null });
}
