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
 * waits for it (at most one cold report's time); the bench measures that case too.
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

/** Each kind of plan, one priced on a cluster, so the comparison draws every table, sentence and chart a user's would. */
const TASKS: Array<[name: string, wizard: string, channel: string, request: unknown]> = [
  ['Warm-up: 10²² FLOPs', 'compute', 'plan.compute', { flops: 1e22 }],
  ['Warm-up: one 8×H100 node', 'memory', 'plan.memory', { flops: 1e23, hardwareId: '8xh100', deviceCount: 8, usableFraction: 0.9 }],
  ['Warm-up: 2 T inference tokens', 'inference', 'plan.inference', { flops: 1e23, inferenceTokens: 2e12 }],
  ['Warm-up: 64 H100 for a week', 'compute', 'plan.compute', { flops: 64 * 7 * 86_400 * 4e14, hardwareId: 'h100-sxm', deviceCount: 64, pricePerDeviceHour: 2 }],
];

/**
 * How many times the throwaway report is rendered. One run leaves most of the code interpreted
 * or baseline-compiled, and the user's first report was still about 1.7× the next (CPU, this
 * machine); the second run is when V8 optimises the hot text and chart code.
 */
export const WARM_UP_RENDERS = 2;

const PREFIX = 'moe-report-warm-up-';

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

/** Renders the throwaway report now; returns how long it took. */
export async function renderThrowawayReport(run: Dispatcher, ctx: WarmUpContext): Promise<number> {
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
    for (let i = 0; i < WARM_UP_RENDERS; i++) await call('reports.pdf', { scenarioIds: ids, paper: 'a4' });
    return performance.now() - t0;
  } finally {
    access.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Watches a process's calls (`track` wraps each) and renders the throwaway report once none has
 * been in flight for `idleMs`, unless a real report was made first. `onDone` hears the outcome.
 * Nothing is loaded before that idle moment: in Electron's service process this thread answers the
 * window's first calls, and loading the report code there (about 200 ms of synchronous module
 * evaluation and font parsing) would delay them for a gain too small to measure (bench/cold-report).
 */
export class IdleReportWarmUp {
  private inFlight = 0;
  private lastActivity = performance.now();
  private settled = false;

  constructor(
    private readonly run: Dispatcher,
    private readonly ctx: WarmUpContext,
    private readonly onDone: (outcome: WarmUpOutcome) => void = () => {},
    private readonly idleMs = 1000,
  ) {
    this.wait(idleMs);
  }

  async track(channel: string, call: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
    this.inFlight++;
    try {
      const env = await call();
      if (channel === 'reports.pdf' && env.ok) this.settle({ kind: 'skipped', reason: 'a report was made before the process was idle' });
      return env;
    } finally {
      this.inFlight--;
      this.lastActivity = performance.now();
    }
  }

  private wait(ms: number): void {
    setTimeout(() => void this.tick(), ms).unref();
  }

  private async tick(): Promise<void> {
    if (this.settled) return;
    const quiet = performance.now() - this.lastActivity;
    if (this.inFlight > 0 || quiet < this.idleMs) return this.wait(Math.max(50, this.idleMs - quiet));
    try {
      const ms = await renderThrowawayReport(this.run, this.ctx);
      this.settle({ kind: 'warmed', ms });
    } catch (err) {
      this.settle({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private settle(outcome: WarmUpOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.onDone(outcome);
  }
}
