/**
 * Runs a fit in worker threads so the main thread (Electron's main process, the web server,
 * the CLI's event loop) never blocks: the grid of starts is split across workers, then the
 * refinement, outlier refits and bootstrap replicates. The cheap deterministic steps (choosing
 * candidates, choosing the winner, assembling the result) run in the calling thread with the
 * same engine functions the in-thread `fit` uses, so both give the same result.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import {
  assembleResult,
  bootstrapStarts,
  chooseBest,
  FitCancelledError,
  prepareFit,
  selectCandidates,
  type Candidate,
  type FitOptions,
  type FitProgress,
  type FitResult,
  type ScreenBatch,
  type StartOutcome,
} from '../../engine/fit';
import type { WorkerReply, WorkerTask } from './protocol';

export interface FitServiceProgress extends FitProgress {
  /** Overall fraction done, 0..1 (screening counts for most of it). */
  fraction: number;
}

export interface RunFitOptions {
  /** Worker threads. Default os.availableParallelism(), at most the number of starts. */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (p: FitServiceProgress) => void;
  /** Worker entry to load instead of the default (see workerEntry). */
  workerUrl?: URL;
}

/** How to start a worker: a script URL, or (from TypeScript source) an eval'd CommonJS bootstrap. */
export interface WorkerEntry {
  /** The worker module (a .ts file from source, fit-worker.js after bundling). */
  url: URL;
  /** Arguments for `new Worker(...)`. */
  script: URL | string;
  eval: boolean;
}

/**
 * Where the worker entry is. From source (this module is a .ts file, under tsx or vitest) it is
 * ./worker.ts, loaded through tsx's CommonJS register hook in an eval'd bootstrap (Node 20
 * does not apply `--import tsx` from a worker's execArgv). After bundling it is
 * `fit-worker.js` next to the bundle that contains this module, or the file MOE_FIT_WORKER names.
 */
export function workerEntry(override?: URL): WorkerEntry {
  const env = typeof process !== 'undefined' ? process.env.MOE_FIT_WORKER : undefined;
  let url: URL;
  if (override) url = override;
  else if (env) url = env.startsWith('file:') ? new URL(env) : pathToFileURL(env);
  else if (import.meta.url.endsWith('.ts')) url = new URL('./worker.ts', import.meta.url);
  else {
    url = new URL('./fit-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(url))) {
      throw new Error(`fit worker entry not found at ${fileURLToPath(url)}: the bundler must emit src-main/services/fit/worker.ts as fit-worker.js next to this bundle (or set MOE_FIT_WORKER)`);
    }
  }
  if (!url.pathname.endsWith('.ts')) return { url, script: url, eval: false };
  const tsxApi = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(tsxApi)}).register(); require(${JSON.stringify(fileURLToPath(url))});`;
  return { url, script: boot, eval: true };
}

type TaskBody = WorkerTask extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

interface Pending {
  resolve: (r: WorkerReply) => void;
  reject: (e: Error) => void;
  onProgress?: (p: FitProgress) => void;
}

class FitPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly owner = new Map<number, Worker>();
  private nextId = 1;
  private failed: Error | null = null;
  private readonly waiting: Array<() => void> = [];

  static async start(options: FitOptions, count: number, entry: WorkerEntry): Promise<FitPool> {
    const pool = new FitPool();
    const ready: Promise<void>[] = [];
    for (let k = 0; k < count; k++) {
      const w = new Worker(entry.script, { workerData: { options }, eval: entry.eval });
      pool.workers.push(w);
      ready.push(
        new Promise<void>((resolve, reject) => {
          const first = (m: WorkerReply) => {
            if (m.id !== -1) return;
            w.off('message', first);
            if (m.kind === 'ready') resolve();
            else if (m.kind === 'init-error') reject(Object.assign(new Error(m.message), { name: m.name }));
          };
          w.on('message', first);
          w.once('error', reject);
        }),
      );
      w.on('message', (m: WorkerReply) => pool.onMessage(w, m));
      w.on('error', (e) => pool.fail(e instanceof Error ? e : new Error(String(e))));
      w.on('exit', (code) => {
        if (code !== 0) pool.fail(new Error(`fit worker exited with code ${code}`));
      });
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      await pool.close();
      throw e;
    }
    pool.idle.push(...pool.workers);
    return pool;
  }

  private onMessage(w: Worker, m: WorkerReply): void {
    if (m.id === -1) return;
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.kind === 'progress') {
      p.onProgress?.(m.progress);
      return;
    }
    this.pending.delete(m.id);
    this.owner.delete(m.id);
    this.idle.push(w);
    this.waiting.shift()?.();
    if (m.kind === 'error') p.reject(Object.assign(new Error(m.message), { name: m.name }));
    else p.resolve(m);
  }

  private fail(e: Error): void {
    if (this.failed) return;
    this.failed = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    for (const resume of this.waiting.splice(0)) resume();
  }

  /** Runs a task on the next idle worker. */
  async run<T extends TaskBody>(task: T, onProgress?: (p: FitProgress) => void): Promise<Extract<WorkerReply, { kind: T['kind'] }>> {
    while (this.idle.length === 0 && !this.failed) await new Promise<void>((r) => this.waiting.push(r));
    if (this.failed) throw this.failed;
    const w = this.idle.pop()!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: WorkerReply) => void, reject, onProgress });
      this.owner.set(id, w);
      w.postMessage({ ...task, id } as WorkerTask);
    });
  }

  get size(): number {
    return this.workers.length;
  }

  cancel(reason: Error): void {
    this.fail(reason);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Splits [0, n) into `parts` contiguous ranges of nearly equal size. */
function ranges(n: number, parts: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const k = Math.max(1, Math.min(parts, n));
  for (let j = 0; j < k; j++) {
    const a = Math.floor((j * n) / k);
    const b = Math.floor(((j + 1) * n) / k);
    if (b > a) out.push([a, b]);
  }
  return out;
}

/**
 * Fits in worker threads. Same options and result as the engine's `fit`; resolves to the same
 * coefficients. Rejects with FitCancelledError when `signal` aborts (the workers are terminated
 * at once, mid-computation), and with the worker's error (name and message kept) otherwise.
 */
export async function runFit(options: FitOptions, run: RunFitOptions = {}): Promise<FitResult> {
  const t0 = performance.now();
  const { signal } = run;
  if (signal?.aborted) throw new FitCancelledError();
  // Validates the options (throws naming the field) and gives the cheap stages their data.
  const prep = prepareFit(options);
  const requested = run.workers ?? availableParallelism();
  if (!(Number.isInteger(requested) && requested >= 1)) throw new Error(`workers must be a positive integer, got ${String(run.workers)}`);
  const count = Math.max(1, Math.min(requested, prep.grid.size));
  const pool = await FitPool.start(options, count, workerEntry(run.workerUrl));
  const onAbort = () => pool.cancel(new FitCancelledError());
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) throw new FitCancelledError();
    const B = options.bootstrap?.samples ?? 0;
    // Weights of the phases in the overall fraction.
    const wScreen = 0.8;
    const wRest = 0.2;
    const report = (phase: FitProgress['phase'], done: number, total: number, fraction: number) => run.onProgress?.({ phase, done, total, fraction: Math.min(1, fraction) });

    // 1. Screening, in chunks (several per worker so that fast workers take more).
    const total = prep.grid.size;
    const chunks = ranges(total, count * 4);
    const doneBy = new Map<number, number>();
    let doneAll = 0;
    const batches: ScreenBatch[] = await Promise.all(
      chunks.map(([from, to], k) =>
        pool
          .run({ kind: 'screen', from, to }, (p) => {
            doneAll += p.done - (doneBy.get(k) ?? 0);
            doneBy.set(k, p.done);
            report('screen', doneAll, total, (wScreen * doneAll) / total);
          })
          .then((m) => m.batch),
      ),
    );
    let iterations = batches.reduce((s, b) => s + b.iterations, 0);
    let evaluations = batches.reduce((s, b) => s + b.evaluations, 0);

    // 2. Refinement of the candidates, split across workers (order kept).
    const candidates = selectCandidates(prep, batches);
    const refine = async (weights: Float64Array | null): Promise<StartOutcome[]> => {
      const parts = ranges(candidates.length, count);
      const res = await Promise.all(parts.map(([a, b]) => pool.run({ kind: 'refine', candidates: candidates.slice(a, b) as Candidate[], weights }).then((m) => m.outcomes)));
      return res.flat();
    };
    let refined = await refine(null);
    report('refine', candidates.length, candidates.length, wScreen + wRest * (B > 0 ? 0.1 : 0.5));
    let best = chooseBest(prep, refined);

    // 3. Outliers (sequential re-weighting, in one worker).
    let weights: Float64Array | null = null;
    if (options.outliers) {
      const m = await pool.run({ kind: 'outliers', best, refined });
      weights = m.weights;
      best = m.best;
      refined = m.refined;
      report('outliers', 1, 1, wScreen + wRest * (B > 0 ? 0.2 : 1));
    }
    for (const o of refined) {
      iterations += o.iterations;
      evaluations += o.evaluations;
    }

    // 4. Bootstrap replicates, split across workers.
    let replicates: (number[] | null)[] | null = null;
    if (B > 0) {
      const starts = bootstrapStarts(prep, best, refined);
      const parts = ranges(B, count * 2);
      let repsDone = 0;
      const doneRep = new Map<number, number>();
      const res = await Promise.all(
        parts.map(([from, to], k) =>
          pool
            .run({ kind: 'bootstrap', starts, weights, from, to }, (p) => {
              repsDone += p.done - (doneRep.get(k) ?? 0);
              doneRep.set(k, p.done);
              report('bootstrap', repsDone, B, wScreen + wRest * (0.2 + (0.8 * repsDone) / B));
            })
            .then((m) => m.replicates),
        ),
      );
      replicates = res.flat();
    }
    if (signal?.aborted) throw new FitCancelledError();
    return assembleResult(prep, { best, weights, replicates, iterations, evaluations, seconds: (performance.now() - t0) / 1000 });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
}
