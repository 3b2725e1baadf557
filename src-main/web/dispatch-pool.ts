/**
 * Worker threads for the browser mode's heavy channels: each call goes to the least busy worker
 * over the dispatch protocol (ipc/remote.ts); a worker that dies fails its waiting calls with
 * the reason and is replaced on the next call.
 *
 * Bundling: from source the worker is ./dispatch-worker.ts, loaded through tsx's ESM hooks
 * (the services load the PDF and chart code by dynamic import(), which tsx's CommonJS hook
 * does not resolve); bundled, `dispatch-worker.js` next to the chunk that holds this module
 * (build/bundle-cli.mjs emits it).
 */
import { Worker } from 'node:worker_threads';
import type { Envelope } from '../ipc/contract/errors';
import { RemoteDispatch, type CallMessage } from '../ipc/remote';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { WarmUpOutcome } from '../services/report-warm-up';

interface Slot {
  worker: Worker;
  remote: RemoteDispatch;
}

function workerScript(): [string | URL, { eval?: boolean }] {
  if (!import.meta.url.endsWith('.ts')) return [new URL('./dispatch-worker.js', import.meta.url), {}];
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const entry = new URL('./dispatch-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return [boot, { eval: true }];
}

export class DispatchPool {
  private readonly slots: Array<Slot | null>;
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Set while exclusive() runs: calls wait for it to open. */
  private gate: Promise<void> | null = null;
  private warmedUp!: (outcome: WarmUpOutcome) => void;
  /**
   * The first worker's throwaway report at idle (services/report-warm-up.ts): idle calls go to the
   * first worker, so it is the one whose first report a user would otherwise wait for. The others
   * take calls only while it is busy, and their first report is a cold one. The server prints
   * its outcome; the bench and the e2e tests wait for it. `warmUpReports: false` (the browser
   * mode's --no-report-warm-up) leaves it out: the outcome is then 'skipped' at once.
   */
  readonly reportWarmUp = new Promise<WarmUpOutcome>((resolve) => (this.warmedUp = resolve));

  constructor(
    private readonly init: { dataDir: string; appVersion: string; warmUpReports?: boolean },
    size = 2,
  ) {
    if (init.warmUpReports === false) this.warmedUp({ kind: 'skipped', reason: 'turned off (--no-report-warm-up)' });
    this.slots = Array.from({ length: Math.max(1, size) }, () => null);
    for (let i = 0; i < this.slots.length; i++) this.slots[i] = this.spawn(i);
  }

  private spawn(index: number): Slot {
    const [script, opts] = workerScript();
    const worker = new Worker(script, { ...opts, workerData: { ...this.init, warmUpReports: index === 0 && this.init.warmUpReports !== false } });
    worker.on('message', (m: { kind?: string; outcome?: WarmUpOutcome }) => {
      if (m?.kind === 'report-warm-up' && m.outcome) this.warmedUp(m.outcome);
    });
    const remote = new RemoteDispatch({ post: (m: CallMessage) => worker.postMessage(m), onMessage: (l) => void worker.on('message', l) });
    const lost = (reason: string) => {
      remote.fail(reason);
      if (this.slots[index]?.worker === worker) this.slots[index] = null;
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => lost(`worker exited with code ${code}`));
    worker.unref();
    return { worker, remote };
  }

  async call(channel: string, payload: unknown): Promise<Envelope<unknown>> {
    while (this.gate) await this.gate;
    if (this.closed) return { ok: false, error: { code: 'internal', message: 'The server is shutting down' } };
    for (let i = 0; i < this.slots.length; i++) this.slots[i] ??= this.spawn(i);
    const slot = (this.slots as Slot[]).reduce((a, b) => (b.remote.load < a.remote.load ? b : a));
    const pending = slot.remote.call(channel, payload);
    this.inFlight.add(pending);
    void pending.finally(() => this.inFlight.delete(pending));
    return pending;
  }

  /**
   * Runs `fn` once no call is in a worker, holding new calls until it ends. A backup restore
   * swaps the database file, which it refuses to do while any connection has it open: each
   * worker opens the store for one call, so with none in flight none is open, and the next call
   * opens the restored file.
   */
  async exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    while (this.gate) await this.gate;
    let open!: () => void;
    this.gate = new Promise<void>((resolve) => (open = resolve));
    try {
      await Promise.allSettled([...this.inFlight]);
      return await fn();
    } finally {
      this.gate = null;
      open();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s?.worker.terminate()));
  }
}
