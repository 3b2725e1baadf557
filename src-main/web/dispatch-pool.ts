/**
 * Worker threads for the browser mode's heavy channels: each call goes to a worker over the
 * dispatch protocol (ipc/remote.ts); a worker that dies fails its call with the reason and is
 * replaced when a call needs it.
 *
 * Workers start when they are needed, not all at once. Each one loads the services bundle as it
 * boots (a few hundred ms of CPU), and two booting at server start competed, on a 2-core
 * machine, with the first page load and the first request (bench/web-start.bench.ts). So:
 * - the pool starts one worker; the first calls wait for it (a second one booting beside it
 *   would be ready no sooner than the first, so none is started while a worker is still booting);
 * - another starts when a call arrives while every worker is ready and running a call: a long
 *   job (a fit, a reverse plan, a report) is then under way, and the call should not wait for it;
 * - a call waits in the pool, not in a worker, until a worker is ready and free, and then goes to
 *   the first one (the one that warms up the reports): a quick call is never queued behind a long
 *   one in a busy worker while another worker is free, nor behind a boot when the busy worker
 *   frees up first;
 * - a worker rendering its throwaway report at idle (services/report-warm-up.ts) takes only a
 *   report, from the moment it says it began until it says how it ended: any other call starts or
 *   takes another worker instead of waiting up to a second and a half for a report nobody asked
 *   for, while a report goes to it: the warm-up lets the report go before its next step and
 *   then stops, and the report is no colder there than in a worker that must first boot. Asked
 *   as the warm-up began (bench/cold-report.bench.ts, load 2–4): a comparison's CSV took
 *   0.35–0.45 s from another worker, 1.1–2.0 s before; the PDF 0.98 s, against 1.3–1.6 s when it
 *   waited for the whole warm-up and 1.6–2.3 s from a second worker.
 *
 * Bundling: from source the worker is ./dispatch-worker.ts, loaded through tsx's ESM hooks
 * (the services load the PDF and chart code by dynamic import(), which tsx's CommonJS hook
 * does not resolve); bundled, `dispatch-worker.js` next to the chunk that holds this module
 * (build/bundle-cli.mjs emits it).
 */
import { Worker } from 'node:worker_threads';
import type { Envelope } from '../ipc/contract/errors';
import { RemoteDispatch, serviceStopped, type CallMessage } from '../ipc/remote';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { WARMED_CHANNEL, type WarmUpOutcome } from '../services/report-warm-up';

/** What a worker runs: a file, or (eval) the code itself. */
export interface WorkerSource {
  script: string | URL;
  eval?: boolean;
}

export interface PoolOptions {
  /** At most this many workers (default 2); at least one. */
  size?: number;
  /** The worker's code (default: dispatch-worker). Tests give one that holds calls until told, to make a worker busy without timing. */
  worker?: WorkerSource;
}

interface Slot {
  worker: Worker;
  remote: RemoteDispatch;
  /** It has loaded its code and answers calls (it posted `{ kind: 'ready' }`). */
  ready: boolean;
  /** It is rendering its throwaway report (between `report-warm-up-started` and `report-warm-up`). */
  warmingUp: boolean;
}

/** Whether `slot` should be given a call on `channel` now: ready and free; while it warms up the reports, only a report. */
const takes = (slot: Slot | null, channel: string): slot is Slot =>
  !!slot?.ready && slot.remote.load === 0 && (!slot.warmingUp || channel === WARMED_CHANNEL);

interface Queued {
  channel: string;
  payload: unknown;
  settle: (envelope: Envelope<unknown>) => void;
}

function dispatchWorker(): WorkerSource {
  if (!import.meta.url.endsWith('.ts')) return { script: new URL('./dispatch-worker.js', import.meta.url) };
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const entry = new URL('./dispatch-worker.ts', import.meta.url).href;
  return { script: `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}

const SHUTTING_DOWN: Envelope<unknown> = { ok: false, error: { code: 'internal', message: 'The server is shutting down' } };

export class DispatchPool {
  private readonly slots: Array<Slot | null>;
  private readonly source: WorkerSource;
  /** Calls no worker has taken yet, in arrival order. */
  private readonly queue: Queued[] = [];
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
  private warmUpBegan!: () => void;
  /** Resolves when the first worker begins its throwaway report (the bench asks for a report then); never, if it is skipped. */
  readonly reportWarmUpStarted = new Promise<void>((resolve) => (this.warmUpBegan = resolve));

  constructor(
    private readonly init: { dataDir: string; appVersion: string; warmUpReports?: boolean },
    options: PoolOptions = {},
  ) {
    if (init.warmUpReports === false) this.warmedUp({ kind: 'skipped', reason: 'turned off (--no-report-warm-up)' });
    this.slots = Array.from({ length: Math.max(1, options.size ?? 2) }, () => null);
    this.source = options.worker ?? dispatchWorker();
    // Started now, not at the first call: it boots while the page loads, before anyone asks.
    this.slots[0] = this.spawn(0);
  }

  /** How many workers are running or booting (tests and the bench watch the pool grow). */
  get workers(): number {
    return this.slots.filter((s) => s !== null).length;
  }

  private spawn(index: number): Slot {
    const worker = new Worker(this.source.script, {
      eval: this.source.eval === true,
      workerData: { ...this.init, warmUpReports: index === 0 && this.init.warmUpReports !== false },
    });
    const remote = new RemoteDispatch({ post: (m: CallMessage) => worker.postMessage(m), onMessage: (l) => void worker.on('message', l) });
    const slot: Slot = { worker, remote, ready: false, warmingUp: false };
    worker.on('message', (m: { kind?: string; outcome?: WarmUpOutcome }) => {
      if (m?.kind === 'report-warm-up-started') {
        slot.warmingUp = true;
        this.warmUpBegan();
      }
      if (m?.kind === 'report-warm-up' && m.outcome) {
        slot.warmingUp = false;
        this.warmedUp(m.outcome);
        this.pump();
      }
      if (m?.kind === 'ready') {
        slot.ready = true;
        this.pump();
      }
    });
    const lost = (reason: string) => {
      remote.fail(reason);
      if (this.slots[index] !== slot) return;
      this.slots[index] = null;
      // Calls waiting for a worker, when one that had been answering died (a crash in one call):
      // a new one starts in its place at once. One that never became ready cannot start: the
      // waiting calls go to another worker or, with none left, fail with its reason; it is not
      // restarted in a loop, and the next call starts a new one.
      if (slot.ready && this.queue.length > 0 && !this.closed) this.slots[index] = this.spawn(index);
      if (this.workers === 0) for (const q of this.queue.splice(0)) q.settle(serviceStopped(reason));
      else this.pump();
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => lost(`worker exited with code ${code}`));
    worker.unref();
    return slot;
  }

  call(channel: string, payload: unknown): Promise<Envelope<unknown>> {
    // Held while exclusive() runs, and tried again when it ends (another may have begun by then).
    if (this.gate) return this.gate.then(() => this.call(channel, payload));
    if (this.closed) return Promise.resolve(SHUTTING_DOWN);
    const live = this.slots.filter((s): s is Slot => s !== null);
    // A second worker only when the call would otherwise wait for a running call or warm-up: every
    // worker ready and unable to take it. While one boots, it will be free sooner than a new one could boot.
    const free = this.slots.indexOf(null);
    if (free >= 0 && live.every((s) => s.ready && !takes(s, channel))) this.slots[free] = this.spawn(free);
    const answer = new Promise<Envelope<unknown>>((settle) => this.queue.push({ channel, payload, settle }));
    // Counted from here, past the gate: exclusive() waits for the calls it let through, never for
    // one still waiting at its gate (each would wait for the other).
    this.inFlight.add(answer);
    void answer.finally(() => this.inFlight.delete(answer));
    this.pump();
    return answer;
  }

  /** Hands waiting calls, in arrival order, to the first worker that takes each (see `takes`). */
  private pump(): void {
    for (let i = 0; i < this.queue.length; ) {
      const next = this.queue[i]!;
      const slot = this.slots.find((s) => takes(s, next.channel));
      if (!slot) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      void slot.remote.call(next.channel, next.payload).then((envelope) => {
        next.settle(envelope);
        this.pump();
      });
    }
  }

  /**
   * Runs `fn` once no call is in a worker or waiting for one, holding new calls until it ends. A
   * backup restore swaps the database file, which it refuses to do while any connection has it
   * open: each worker opens the store for one call, so with none in flight none is open, and the
   * next call opens the restored file.
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
    for (const q of this.queue.splice(0)) q.settle(SHUTTING_DOWN);
    await Promise.all(this.slots.map((s) => s?.worker.terminate()));
  }
}
