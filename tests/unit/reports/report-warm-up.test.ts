/**
 * The throwaway report at idle (services/report-warm-up.ts): it really renders a comparison
 * through the dispatch it is given, in a store of its own that it deletes, never the user's; it
 * waits for the calls in flight; it is skipped once a real report has been made; it removes the
 * folders of warm-ups whose process was killed before it could.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import type { Envelope } from '../../../src-main/ipc/contract/errors';
import { handlers } from '../../../src-main/services';
import { IdleReportWarmUp, WARM_UP_RENDERS, type Dispatcher, type WarmUpOutcome } from '../../../src-main/services/report-warm-up';

const userDir = mkdtempSync(join(tmpdir(), 'moe-warm-up-user-'));
afterAll(() => rmSync(userDir, { recursive: true, force: true }));

/** The real dispatch, logging each call's channel and data folder. */
function logged(log: Array<{ channel: string; dataDir: string; ok: boolean; bytes?: number }>): Dispatcher {
  return async (ctx, channel, request) => {
    const env = await dispatch(handlers, ctx, channel, request);
    const bytes = env.ok && channel === 'reports.pdf' ? (env.value as { sizeBytes: number }).sizeBytes : undefined;
    log.push({ channel, dataDir: ctx.dataDir, ok: env.ok, ...(bytes === undefined ? {} : { bytes }) });
    return env;
  };
}

describe('IdleReportWarmUp', () => {
  it('waits for the call in flight, then renders a comparison of four plans in a temporary store it removes', async () => {
    // A warm-up folder of a process that has ended, and one of a process still running.
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    const orphan = join(tmpdir(), `moe-report-warm-up-${ended}-test`);
    const running = join(tmpdir(), `moe-report-warm-up-${process.ppid}-test`);
    mkdirSync(orphan, { recursive: true });
    mkdirSync(running, { recursive: true });
    const log: Array<{ channel: string; dataDir: string; ok: boolean; bytes?: number }> = [];
    let outcome!: (o: WarmUpOutcome) => void;
    const done = new Promise<WarmUpOutcome>((r) => (outcome = r));
    const started = () => log.push({ channel: 'warm-up started', dataDir: '', ok: true });
    const warm = new IdleReportWarmUp(logged(log), { transport: 'web', appVersion: 'test' }, { started, done: outcome }, 0);
    let finish!: (e: Envelope<unknown>) => void;
    const userCall = warm.track('scenarios.list', () => new Promise((r) => (finish = r)));
    // The idle timer (idleMs 0) was set before this one, and Node runs timers of one duration in
    // the order they were set: by the time this resolves the warm-up has looked, found the call
    // in flight and waited, however busy the machine. Then end the call.
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toEqual([]);
    log.push({ channel: 'user call ends', dataDir: userDir, ok: true });
    finish({ ok: true, value: null });
    await userCall;

    const result = await done;
    expect(result.kind).toBe('warmed');
    // It says it has begun (the browser mode's pool then sends calls to another worker) only once the call ended, before its first call.
    expect(log.slice(0, 2).map((c) => c.channel)).toEqual(['user call ends', 'warm-up started']);
    const own = log.slice(2);
    const plans = ['plan.compute', 'plan.memory', 'plan.inference', 'plan.compute'].flatMap((p) => [p, 'scenarios.create']);
    expect(own.map((c) => c.channel)).toEqual(['projects.create', ...plans, ...Array(WARM_UP_RENDERS).fill('reports.pdf')]);
    expect(own.every((c) => c.ok)).toBe(true);
    expect(own.at(-1)!.bytes).toBeGreaterThan(10_000);
    // One folder of its own, not the user's, gone afterwards.
    expect(new Set(own.map((c) => c.dataDir)).size).toBe(1);
    expect(own[0]!.dataDir).not.toBe(userDir);
    expect(existsSync(own[0]!.dataDir)).toBe(false);
    expect(readdirSync(userDir)).toEqual([]);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(running)).toBe(true);
    rmSync(running, { recursive: true, force: true });
  }, 120_000);

  it('lets a call that arrives mid-way go before its next step, and stops once that call has made a report', async () => {
    const log: Array<{ channel: string; dataDir: string; ok: boolean; bytes?: number }> = [];
    let warm!: IdleReportWarmUp;
    let finish!: (e: Envelope<unknown>) => void;
    let userCall: Promise<Envelope<unknown>> | undefined;
    let arrived!: () => void;
    const userArrived = new Promise<void>((r) => (arrived = r));
    const run: Dispatcher = async (ctx, channel, request) => {
      const env = await logged(log)(ctx, channel, request);
      // The user's report arrives while the warm-up's first plan is under way, as a message does:
      // read on the event loop's next turn, not among the step's own promise jobs.
      if (channel === 'plan.compute' && !userCall)
        setImmediate(() => {
          userCall = warm.track('reports.pdf', () => new Promise((r) => (finish = r)));
          arrived();
        });
      return env;
    };
    let outcome!: (o: WarmUpOutcome) => void;
    const done = new Promise<WarmUpOutcome>((r) => (outcome = r));
    warm = new IdleReportWarmUp(run, { transport: 'electron', appVersion: 'test' }, { done: outcome }, 0);
    await userArrived;
    // A turn of the event loop: without the pause the warm-up goes on saving and planning.
    await new Promise((r) => setImmediate(r));
    expect(log.map((c) => c.channel)).toEqual(['projects.create', 'plan.compute']);
    finish({ ok: true, value: {} });
    await userCall;
    expect(await done).toEqual({ kind: 'skipped', reason: 'a report was made while it ran' });
    // Nothing more was planned or rendered, and its folder is gone.
    expect(log.map((c) => c.channel)).toEqual(['projects.create', 'plan.compute']);
    expect(existsSync(log[0]!.dataDir)).toBe(false);
  });

  it('is skipped once a real report has been made, and renders nothing', async () => {
    const log: Array<{ channel: string; dataDir: string; ok: boolean }> = [];
    let outcome!: (o: WarmUpOutcome) => void;
    const done = new Promise<WarmUpOutcome>((r) => (outcome = r));
    const started = () => log.push({ channel: 'warm-up started', dataDir: '', ok: true });
    new IdleReportWarmUp(logged(log), { transport: 'electron', appVersion: 'test' }, { started, done: outcome }, 60_000).track('reports.pdf', async () => ({ ok: true, value: {} }));
    expect(await done).toEqual({ kind: 'skipped', reason: 'a report was made before the process was idle' });
    expect(log).toEqual([]);
  });
});
