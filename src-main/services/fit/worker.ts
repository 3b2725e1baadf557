/**
 * Worker-thread entry of the fit service. It prepares the fit from the options it is started
 * with (deterministically, so every worker sees the same data and grid) and then runs the
 * heavy stages it is sent: screening a range of starts, refining candidates, the outlier
 * refits, a range of bootstrap replicates. It never decides anything the main thread has to
 * agree with: selection and assembly happen in the service.
 *
 * Loaded as TypeScript from source (the service spawns it with an eval'd tsx (CommonJS) register bootstrap) and as
 * JavaScript after bundling (see ./index.ts for what the bundler must do).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bootstrapReplicates, prepareFit, refineCandidates, reweightOutliers, screenStarts, type FitProgress, type PreparedFit } from '../../engine/fit';
import type { WorkerInit, WorkerReply, WorkerTask } from './protocol';

const port = parentPort;
if (!port) throw new Error('fit worker must run in a worker thread');

const post = (m: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

let prep: PreparedFit | null = null;
try {
  prep = prepareFit((workerData as WorkerInit).options);
  post({ id: -1, kind: 'ready' });
} catch (e) {
  const err = e as Error;
  post({ id: -1, kind: 'init-error', name: err.name, message: err.message });
}

port.on('message', (task: WorkerTask) => {
  if (!prep) return;
  let last = 0;
  const onProgress = (progress: FitProgress) => {
    const now = Date.now();
    if (now - last < 40 && progress.done !== progress.total) return;
    last = now;
    post({ id: task.id, kind: 'progress', progress });
  };
  try {
    switch (task.kind) {
      case 'screen': {
        const batch = screenStarts(prep, task.from, task.to, { onProgress });
        post({ id: task.id, kind: 'screen', batch }, [batch.f.buffer as ArrayBuffer, batch.z.buffer as ArrayBuffer]);
        break;
      }
      case 'refine':
        post({ id: task.id, kind: 'refine', outcomes: refineCandidates(prep, task.candidates, task.weights ?? undefined, { onProgress }) });
        break;
      case 'outliers': {
        const o = reweightOutliers(prep, task.best, task.refined, { onProgress });
        post({ id: task.id, kind: 'outliers', weights: o.weights, best: o.best, refined: o.refined });
        break;
      }
      case 'bootstrap':
        post({ id: task.id, kind: 'bootstrap', replicates: bootstrapReplicates(prep, task.starts, task.weights, task.from, task.to, { onProgress }) });
        break;
    }
  } catch (e) {
    const err = e as Error;
    post({ id: task.id, kind: 'error', name: err.name, message: err.message });
  }
});
