/**
 * Fit service: runs the engine's fitter (src-main/engine/fit) in worker threads, with progress
 * and cancellation.
 *
 * Bundling: the worker is a separate entry. From source (tsx, vitest) `worker.ts` is loaded
 * with an eval'd tsx (CommonJS) register bootstrap. A bundler (electron-vite) must emit `src-main/services/fit/worker.ts`
 * as its own entry named `fit-worker.js` in the same output directory as the bundle that
 * contains run-fit.ts (e.g. `build.rollupOptions.input: { index: 'src-main/shell/main.ts',
 * 'fit-worker': 'src-main/services/fit/worker.ts' }` for the main process), so that
 * `new URL('./fit-worker.js', import.meta.url)` resolves; or set MOE_FIT_WORKER to its path,
 * or pass `workerUrl`.
 */
export { runFit, workerEntry } from './run-fit';
export type { RunFitOptions, FitServiceProgress, WorkerEntry } from './run-fit';
export type { WorkerTask, WorkerReply, WorkerInit } from './protocol';
