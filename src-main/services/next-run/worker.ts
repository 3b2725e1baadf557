/**
 * Worker-thread entry of the next-run planner: runs the engine on the input it is started with,
 * posting progress (at most every 40 ms) and the proposal. Cancelling terminates the thread.
 *
 * Loaded as TypeScript from source (through the fit service's tsx bootstrap, see
 * ../fit/run-fit.ts `workerEntry`) and as `next-run-worker.js` after bundling
 * (electron.vite.config.ts and build/bundle-cli.mjs emit it next to the services' chunk).
 */
import { proposeNextRuns, type NextRunInput, type NextRunProgress, type NextRunProposal } from '../../engine/next-run';
import { serveWorker } from '../jobs/worker-body';

serveWorker<NextRunInput, NextRunProgress, NextRunProposal>((input, post) => {
  let last = 0;
  return proposeNextRuns(input, {
    onProgress: (progress) => {
      const now = Date.now();
      if (now - last < 40 && progress.done !== progress.total) return;
      last = now;
      post(progress);
    },
  });
});
