/**
 * Worker-thread entry of band jobs: re-solves a forward plan (engine/uncertainty) or a reverse
 * plan (engine/target) with every bootstrap replicate, posting progress every 10 replicates.
 * Cancelling terminates the thread.
 *
 * Loaded as TypeScript from source (through the fit service's tsx bootstrap) and as
 * `band-worker.js` after bundling (electron.vite.config.ts and build/bundle-cli.mjs emit it next
 * to the services' chunk).
 *
 * MOE_BAND_WORKER_HOLD_AFTER=k (tests only) parks the thread after its k-th progress report until
 * it is terminated, so an end-to-end test can see a band job running and cancel it without
 * racing a band that would finish first.
 */
import { planTarget } from '../../engine/target';
import { bootstrapPlanBand } from '../../engine/uncertainty';
import { serveWorker } from '../jobs/worker-body';
import type { BandProgress, BandWorkerInput, BandWorkerOutput } from './protocol';

const holdAfter = Number(process.env.MOE_BAND_WORKER_HOLD_AFTER ?? 'NaN');

serveWorker<BandWorkerInput, BandProgress, BandWorkerOutput>((input, post) => {
  let reports = 0;
  const onProgress = (done: number, total: number) => {
    post({ done, total });
    if (++reports === holdAfter) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  };
  if (input.of === 'forward') return { of: 'forward', band: bootstrapPlanBand(input.replicates, input.plan, { onProgress }) };
  return { of: 'target', result: planTarget({ ...input.options, onBootstrapProgress: onProgress }) };
});
