/** Runs the next-run engine in a worker thread (../jobs/run-in-worker.ts); aborting terminates it. */
import type { NextRunInput, NextRunProgress, NextRunProposal } from '../../engine/next-run';
import { runInWorker, workerUrl } from '../jobs/run-in-worker';

export function runNextRunWorker(input: NextRunInput, o: { signal: AbortSignal; onProgress: (p: NextRunProgress) => void }): Promise<{ proposal: NextRunProposal; seconds: number }> {
  const url = workerUrl(import.meta.url, './worker.ts', './next-run-worker.js', 'MOE_NEXT_RUN_WORKER');
  return runInWorker<NextRunInput, NextRunProgress, NextRunProposal>(url, input, { what: 'Next-run proposal', ...o }).then(({ value, seconds }) => ({ proposal: value, seconds }));
}
