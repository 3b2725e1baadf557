/**
 * A throwaway report at idle, right after a long-lived process that serves reports starts (the
 * browser mode's first report worker, Electron's service process). The first report of a process
 * runs pdfkit's, fontkit's and ECharts' code for the first time and decodes the font's layout
 * tables, which makes it about three times as slow as the next (bench/cold-report.bench.ts has
 * the breakdown); rendered once while nobody waits, the user's first report is a second one.
 *
 * It plans four tasks, saves them in a store of its own in a temporary folder, asks for their
 * comparison through the caller's dispatch (the path a user's report takes) and deletes the
 * folder: the user's store is never opened. It waits until no call has been in flight for
 * `idleMs`, and is skipped once a real report has been made. A call that arrives while it renders
 * waits for the step under way (a plan, a save or one render: at most a cold report's time), runs
 * before the next one, and a report ends the warm-up; the browser mode's pool sends any other call
 * to another worker meanwhile (web/dispatch-pool.ts; bench/cold-report.bench.ts, "during its
 * worker's warm-up").
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '../ipc/contract/errors';
import type { ServiceContext } from './context';
import { lazyStore } from './store-access';
import { codeCacheDir } from './reports';

/** The one dispatch, as the process runs it (ipc/dispatch.ts bound to the handlers). */
export type Dispatcher = (ctx: ServiceContext, channel: string, request: unknown) => Promise<Envelope<unknown>>;

export type WarmUpOutcome = { kind: 'warmed'; ms: number } | { kind: 'skipped'; reason: string } | { kind: 'failed'; message: string };

/** What a warm-up tells its process: that it has begun rendering (so calls can go elsewhere meanwhile), then how it ended. */
export interface WarmUpListener {
  started?: () => void;
  done?: (outcome: WarmUpOutcome) => void;
}

/** Each kind of plan, one priced on a cluster, so the comparison draws every table, sentence and chart a user's would. */
const TASKS: Array<[name: string, wizard: string, channel: string, request: unknown]> = [
  ['Warm-up: 10²² FLOPs', 'compute', 'plan.compute', { flops: 1e22 }],
  ['Warm-up: one 8×H100 node', 'memory', 'plan.memory', { flops: 1e23, hardwareId: '8xh100', deviceCount: 8, usableFraction: 0.9 }],
  ['Warm-up: 2 T inference tokens', 'inference', 'plan.inference', { flops: 1e23, inferenceTokens: 2e12 }],
  ['Warm-up: 64 H100 for a week', 'compute', 'plan.compute', { flops: 64 * 7 * 86_400 * 4e14, hardwareId: 'h100-sxm', deviceCount: 64, pricePerDeviceHour: 2 }],
];

/** The channel the warm-up makes fast: a call on it is best answered by the warmed process, even while it is still warming up. */
export const WARMED_CHANNEL = 'reports.pdf';

/**
 * How many times the throwaway report is rendered. One run leaves most of the code interpreted
 * or baseline-compiled, and the user's first report was still about 1.7× the next (CPU, this
 * machine); the second run is when V8 optimises the hot text and chart code.
 */
export const WARM_UP_RENDERS = 2;

const PREFIX = 'moe-report-warm-up-';

/** Ends a warm-up overtaken by a real report (its temporary store is still removed). */
class WarmUpStopped extends Error {}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Folders of warm-ups whose process ended before removing them (killed mid-report), named by their pid. */
function removeOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^moe-report-warm-up-(\d+)-/.exec(name)?.[1]);
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** Who renders it: the process's context (its data folder, when known, keeps the compiled report code: reports/renderer.ts). */
type WarmUpContext = Pick<ServiceContext, 'transport' | 'appVersion'> & Partial<Pick<ServiceContext, 'dataDir' | 'codeCacheDir'>>;

/** Renders the throwaway report now, awaiting `between()` before each of its calls; returns how long it took. */
async function renderThrowawayReport(run: Dispatcher, ctx: WarmUpContext, between: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  removeOrphans();
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  const access = lazyStore(dir);
  const own: ServiceContext = {
    transport: ctx.transport,
    appVersion: ctx.appVersion,
    dataDir: dir,
    store: access.store,
    ...(ctx.codeCacheDir !== undefined ? { codeCacheDir: ctx.codeCacheDir } : ctx.dataDir !== undefined ? { codeCacheDir: codeCacheDir({ dataDir: ctx.dataDir }) } : {}),
  };
  const call = async (channel: string, request: unknown): Promise<unknown> => {
    await between();
    const env = await run(own, channel, request);
    if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
    return env.value;
  };
  try {
    const project = (await call('projects.create', { name: 'Report warm-up' })) as { id: string };
    const ids: string[] = [];
    for (const [name, wizard, channel, request] of TASKS) {
      const results = await call(channel, request);
      ids.push(((await call('scenarios.create', { projectId: project.id, name, wizard, inputs: request, results })) as { id: string }).id);
    }
    for (let i = 0; i < WARM_UP_RENDERS; i++) await call(WARMED_CHANNEL, { scenarioIds: ids, paper: 'a4' });
    return performance.now() - t0;
  } finally {
    access.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Watches a process's calls (`track` wraps each) and renders the throwaway report once none has
 * been in flight for `idleMs`, unless a real report was made first. `listener` hears when it starts
 * rendering and how it ended.
 * Nothing is loaded before that idle moment: in Electron's service process this thread answers the
 * window's first calls, and loading the report code there (about 200 ms of synchronous module
 * evaluation and font parsing) would delay them for a gain too small to measure (bench/cold-report).
 */
export class IdleReportWarmUp {
  private inFlight = 0;
  private lastActivity = performance.now();
  private settled = false;
  private began = false;
  /** A real report was made while the warm-up ran: it stops before its next step. */
  private reportMade = false;
  /** The warm-up's next step, waiting for the calls in flight to end. */
  private resumes: Array<() => void> = [];

  constructor(
    private readonly run: Dispatcher,
    private readonly ctx: WarmUpContext,
    private readonly listener: WarmUpListener = {},
    private readonly idleMs = 1000,
  ) {
    this.wait(idleMs);
  }

  async track(channel: string, call: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
    this.inFlight++;
    try {
      const env = await call();
      if (channel === WARMED_CHANNEL && env.ok) {
        if (this.began) this.reportMade = true;
        else this.settle({ kind: 'skipped', reason: 'a report was made before the process was idle' });
      }
      return env;
    } finally {
      this.inFlight--;
      this.lastActivity = performance.now();
      if (this.inFlight === 0) for (const resume of this.resumes.splice(0)) resume();
    }
  }

  /**
   * Before each step of the throwaway report (a plan, a save, a render): a call that arrived
   * while a step ran goes first, so it waits for that step at most; once a real report has been
   * made the warm-up has nothing left to do and stops.
   */
  private async between(): Promise<void> {
    // A turn of the event loop first: a call that arrived during the step is a message not yet
    // read, since the step's own awaits are promise jobs that run before any message.
    await new Promise((turn) => setImmediate(turn));
    while (this.inFlight > 0) await new Promise<void>((resume) => this.resumes.push(resume));
    if (this.reportMade) throw new WarmUpStopped();
  }

  private wait(ms: number): void {
    setTimeout(() => void this.tick(), ms).unref();
  }

  private async tick(): Promise<void> {
    if (this.settled) return;
    const quiet = performance.now() - this.lastActivity;
    if (this.inFlight > 0 || quiet < this.idleMs) return this.wait(Math.max(50, this.idleMs - quiet));
    this.began = true;
    this.listener.started?.();
    try {
      const ms = await renderThrowawayReport(this.run, this.ctx, () => this.between());
      this.settle({ kind: 'warmed', ms });
    } catch (err) {
      if (err instanceof WarmUpStopped) this.settle({ kind: 'skipped', reason: 'a report was made while it ran' });
      else this.settle({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private settle(outcome: WarmUpOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.listener.done?.(outcome);
  }
}
