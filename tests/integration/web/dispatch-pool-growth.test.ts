/**
 * The browser mode's pool starts its workers when they are needed (src-main/web/dispatch-pool.ts):
 * one at start; a second only when a call arrives while every worker is ready and running a call;
 * a waiting call goes to the first worker that is ready and free. Counted in workers and in which
 * thread answered, never in milliseconds.
 *
 * The real dispatch worker shows how many start; a worker that holds a call until the test
 * releases it (by tag, over a BroadcastChannel, which reaches every thread of this process) makes
 * a worker busy for as long as the test wants, which no real channel can do without timing.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DispatchPool, type WorkerSource } from '../../../src-main/web/dispatch-pool';
import type { Envelope } from '../../../src-main/ipc/contract/errors';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

const RELEASE = 'dispatch-pool-growth-release';

/**
 * Speaks the pool's protocol (ipc/remote.ts): `hold` answers when its tag is released, `exit`
 * ends the thread with the given code, `begin-warm-up` says a throwaway report has begun (as the
 * real worker's warm-up does, services/report-warm-up.ts) and answers, and the release of
 * `warm-up-done` posts its outcome, the release of `crash <threadId>` ends that thread; anything
 * else answers at once; every answer says which
 * thread gave it and whether it was the worker told to warm up the reports. The first worker
 * (the one told to warm up) is ready at once; the others ask to boot and are ready only once the
 * test allows it (allowBoot), so the test decides whether a new worker is still booting. (A
 * BroadcastChannel message reaches only the channels open when it is sent, hence the asking.)
 */
const holdingWorker: WorkerSource = {
  eval: true,
  script: `
const { parentPort, workerData, threadId } = require('node:worker_threads');
const answer = (id, tag) => parentPort.postMessage({ kind: 'reply', id, envelope: { ok: true, value: { threadId, warmUpReports: workerData.warmUpReports, tag } } });
let held = [];
const releases = new BroadcastChannel(${JSON.stringify(RELEASE)});
const ready = () => parentPort.postMessage({ kind: 'ready' });
let booted = !!workerData.warmUpReports;
let warmingUp = false;
releases.onmessage = ({ data: tag }) => {
  if (tag === 'boot' && !booted) return (booted = true), ready();
  if (tag === 'crash ' + threadId) process.exit(5);
  if (tag === 'warm-up-done' && warmingUp) return (warmingUp = false), parentPort.postMessage({ kind: 'report-warm-up', outcome: { kind: 'warmed', ms: 1 } });
  for (const h of held.filter((h) => h.tag === tag)) answer(h.id, tag);
  held = held.filter((h) => h.tag !== tag);
};
parentPort.on('message', (m) => {
  if (m?.kind !== 'call') return;
  if (m.channel === 'exit') process.exit(m.payload.code);
  if (m.channel === 'begin-warm-up') warmingUp = true, parentPort.postMessage({ kind: 'report-warm-up-started' });
  if (m.channel === 'hold') held.push({ id: m.id, tag: m.payload.tag }), releases.postMessage('holding ' + m.payload.tag);
  else answer(m.id, m.payload?.tag);
});
if (booted) ready();
else releases.postMessage('may-i-boot');
`,
};

type Answer = { threadId: number; warmUpReports: boolean; tag?: string };
const valueOf = async (pending: Promise<Envelope<unknown>>): Promise<Answer> => {
  const env = await pending;
  if (!env.ok) throw new Error(env.error.message);
  return env.value as Answer;
};

const releases = new BroadcastChannel(RELEASE);
let bootAllowed = false;
/** Tags a worker holds a call for (it says so when the call arrives: the release, on another channel, must not overtake it). */
const holding = new Map<string, () => void>();
const holds = new Map<string, Promise<void>>();
releases.onmessage = ({ data }: { data: string }) => {
  if (data === 'may-i-boot' && bootAllowed) releases.postMessage('boot');
  if (data.startsWith('holding ')) holding.get(data.slice('holding '.length))?.();
};
/** A call its worker holds until `release(tag)`. */
const hold = (pool: DispatchPool, tag: string): Promise<Answer> => {
  holds.set(tag, new Promise<void>((resolve) => holding.set(tag, resolve)));
  return valueOf(pool.call('hold', { tag }));
};
/** Answers the call held under `tag`, once its worker holds it. */
const release = async (tag: string): Promise<void> => {
  await holds.get(tag);
  releases.postMessage(tag);
};
/** Lets the workers after the first finish booting: those booting now, and any started later. */
const allowBoot = () => {
  bootAllowed = true;
  releases.postMessage('boot');
};
const pools: DispatchPool[] = [];
const holdingPool = (size = 2) => {
  const pool = new DispatchPool({ dataDir: 'unused', appVersion: 't' }, { size, worker: holdingWorker });
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  bootAllowed = false;
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
afterAll(() => releases.close());

describe('the real pool at server start', () => {
  let w: Workspace;
  afterAll(() => w && removeWorkspace(w));

  it('starts one worker; calls made while it boots wait for it; a call made while it is ready and busy starts the second', async () => {
    w = await openWorkspace();
    const pool = new DispatchPool({ dataDir: w.dir, appVersion: '0.1.0-test', warmUpReports: false });
    pools.push(pool);
    expect(pool.workers).toBe(1);
    // The page's first heavy calls arrive together while the worker boots: a second worker would
    // boot no sooner, so none starts.
    const first = [pool.call('app.info', {}), pool.call('law.joint', { nAct: 1e9, tokens: 2e10, experts: 8 })];
    expect(pool.workers).toBe(1);
    for (const env of await Promise.all(first)) expect(env.ok).toBe(true);
    // Calls one after another never need a second.
    expect((await pool.call('app.info', {})).ok).toBe(true);
    expect(pool.workers).toBe(1);
    // Ready and running a call when the next one arrives: the second starts, and both are answered.
    const law = pool.call('law.joint', { nAct: 1e9, tokens: 2e10, experts: 8 });
    const info = pool.call('app.info', {});
    expect(pool.workers).toBe(2);
    expect(await law).toEqual(await pool.call('law.joint', { nAct: 1e9, tokens: 2e10, experts: 8 }));
    const infoEnv = await info;
    expect(infoEnv.ok && (infoEnv.value as { version: string }).version).toBe('0.1.0-test');
    // Never more than the pool's size.
    await Promise.all([pool.call('app.info', {}), pool.call('app.info', {}), pool.call('app.info', {})]);
    expect(pool.workers).toBe(2);
  }, 120_000);

  it('a call that arrives while the first worker renders its throwaway report starts the second worker', async () => {
    w ??= await openWorkspace();
    const pool = new DispatchPool({ dataDir: w.dir, appVersion: '0.1.0-test' });
    pools.push(pool);
    expect((await pool.call('app.info', {})).ok).toBe(true);
    // The worker says it has begun; the outcome comes in a later message, so it is still rendering now.
    await pool.reportWarmUpStarted;
    const info = pool.call('app.info', {});
    expect(pool.workers).toBe(2);
    expect((await info).ok).toBe(true);
    expect((await pool.reportWarmUp).kind).toBe('warmed');
  }, 120_000);
});

describe('a pool of workers that hold calls until released', () => {
  it('answers a quick call from a second worker while a long call holds the first, and only the first warms up the reports', async () => {
    const pool = holdingPool();
    const first = await valueOf(pool.call('quick', {}));
    expect(first.warmUpReports).toBe(true);
    const long = hold(pool, 'long');
    const quick = valueOf(pool.call('quick', {}));
    expect(pool.workers).toBe(2);
    allowBoot();
    const q = await quick;
    expect(q.threadId).not.toBe(first.threadId);
    expect(q.warmUpReports).toBe(false);
    await release('long');
    expect((await long).threadId).toBe(first.threadId);
  });

  /** A pool whose first worker has said it began warming up the reports, and that worker's thread. */
  const warmingPool = async () => {
    const pool = holdingPool();
    const first = (await valueOf(pool.call('begin-warm-up', {}))).threadId;
    await pool.reportWarmUpStarted;
    return { pool, first };
  };

  it('sends calls elsewhere while the first worker warms up the reports, and to it again once it has', async () => {
    const { pool, first } = await warmingPool();
    // Not queued behind a report nobody asked for: a second worker starts and answers.
    const during = valueOf(pool.call('quick', {}));
    expect(pool.workers).toBe(2);
    allowBoot();
    expect((await during).threadId).not.toBe(first);
    releases.postMessage('warm-up-done');
    expect(await pool.reportWarmUp).toEqual({ kind: 'warmed', ms: 1 });
    // Both free again: the first worker, the warm one, takes the next call.
    expect((await valueOf(pool.call('quick', {}))).threadId).toBe(first);
  });

  it('gives a report asked during the warm-up to the warming worker, without starting another', async () => {
    const { pool, first } = await warmingPool();
    // The holding worker answers it at once, whatever the channel.
    expect((await valueOf(pool.call('reports.pdf', {}))).threadId).toBe(first);
    expect(pool.workers).toBe(1);
    // Anything else, asked after it, goes elsewhere.
    const quick = valueOf(pool.call('quick', {}));
    expect(pool.workers).toBe(2);
    allowBoot();
    expect((await quick).threadId).not.toBe(first);
  });

  it('gives a call waiting for a worker to the first one when its warm-up ends before the second has booted', async () => {
    const { pool, first } = await warmingPool();
    const during = valueOf(pool.call('quick', {}));
    expect(pool.workers).toBe(2);
    releases.postMessage('warm-up-done');
    // The second worker was never allowed to finish booting.
    expect((await during).threadId).toBe(first);
  });

  it('gives a waiting call to the busy worker when it frees up before the new one has booted', async () => {
    const pool = holdingPool();
    const first = await valueOf(pool.call('quick', {}));
    const short = hold(pool, 'short');
    const next = valueOf(pool.call('quick', {}));
    expect(pool.workers).toBe(2);
    await release('short');
    await short;
    // The second worker is still booting (it was never allowed to finish): the first took the call.
    expect((await next).threadId).toBe(first.threadId);
  });

  it('with both workers busy, a quick call goes to the first that frees up, not behind the long one', async () => {
    const pool = holdingPool();
    const first = (await valueOf(pool.call('quick', {}))).threadId;
    const long = hold(pool, 'long');
    const started = valueOf(pool.call('quick', {}));
    allowBoot();
    const second = (await started).threadId;
    expect(second).not.toBe(first);
    // Both ready: the first is held by the long call, the second by a call of its own.
    const other = hold(pool, 'other');
    const quick = valueOf(pool.call('quick', {}));
    expect(pool.workers).toBe(2);
    await release('other');
    expect((await other).threadId).toBe(second);
    // Answered by the second worker while the long call still holds the first.
    expect((await quick).threadId).toBe(second);
    await release('long');
    expect((await long).threadId).toBe(first);
  });

  it('replaces a worker that died when the next call needs one, and fails its call with the reason', async () => {
    const pool = holdingPool(1);
    await valueOf(pool.call('quick', {}));
    expect(await pool.call('exit', { code: 3 })).toEqual({ ok: false, error: { code: 'internal', message: 'The service process stopped: worker exited with code 3' } });
    expect(pool.workers).toBe(0);
    expect((await valueOf(pool.call('quick', {}))).warmUpReports).toBe(true);
    expect(pool.workers).toBe(1);
  });

  it('starts a new worker at once for the calls waiting behind one that died mid-call', async () => {
    const pool = holdingPool(1);
    const first = (await valueOf(pool.call('quick', {}))).threadId;
    const crash = pool.call('exit', { code: 5 });
    const waiting = pool.call('quick', {});
    expect(await crash).toEqual({ ok: false, error: { code: 'internal', message: 'The service process stopped: worker exited with code 5' } });
    // Not failed with the crash's reason: it never ran, and a new worker answers it.
    const answer = await valueOf(waiting);
    expect(answer.threadId).not.toBe(first);
    expect(pool.workers).toBe(1);
  });

  it('replaces a worker that died while the other runs a long call, so a waiting call is not held behind it', async () => {
    const pool = holdingPool();
    const first = (await valueOf(pool.call('quick', {}))).threadId;
    const long = pool.call('hold', { tag: 'long' });
    const started = valueOf(pool.call('quick', {}));
    allowBoot();
    const second = (await started).threadId;
    // The first worker holds 'long', the second 'other'; a quick call waits; then the first dies.
    const other = hold(pool, 'other');
    await holds.get('other');
    const quick = valueOf(pool.call('quick', {}));
    releases.postMessage(`crash ${first}`);
    expect((await long).ok).toBe(false);
    const q = await quick;
    expect([first, second]).not.toContain(q.threadId);
    await release('other');
    expect((await other).threadId).toBe(second);
  });

  it('lets a call made while two exclusive runs wait pass between them instead of deadlocking them', async () => {
    const pool = holdingPool(1);
    await valueOf(pool.call('quick', {}));
    let endA!: () => void;
    const aRuns = new Promise<void>((running) => void pool.exclusive(() => new Promise<void>((end) => ((endA = end), running()))));
    const order: string[] = [];
    // B waits for A's gate first, the call second.
    const b = pool.exclusive(() => void order.push('B'));
    const c = pool.call('quick', {}).then((env) => (order.push('C'), env));
    await aRuns;
    endA();
    await b;
    expect((await c).ok).toBe(true);
    expect(order).toEqual(['B', 'C']);
  });

  it('fails the calls waiting for a worker that cannot start, and does not start it again until the next call', async () => {
    const broken = new DispatchPool({ dataDir: 'unused', appVersion: 't' }, { worker: { eval: true, script: "throw new Error('no services bundle')" } });
    pools.push(broken);
    const waiting = await Promise.all([broken.call('quick', {}), broken.call('quick', {})]);
    for (const env of waiting) expect(env).toEqual({ ok: false, error: { code: 'internal', message: 'The service process stopped: no services bundle' } });
    expect(broken.workers).toBe(0);
    const again = broken.call('quick', {});
    expect(broken.workers).toBe(1);
    expect((await again).ok).toBe(false);
  });

  it('close() answers the calls still waiting for a worker and those in a worker, and starts none after', async () => {
    const pool = holdingPool();
    await valueOf(pool.call('quick', {}));
    const held = pool.call('hold', { tag: 'never' });
    const waiting = pool.call('quick', {});
    expect(pool.workers).toBe(2);
    await pool.close();
    expect(await waiting).toEqual({ ok: false, error: { code: 'internal', message: 'The server is shutting down' } });
    expect((await held).ok).toBe(false);
    expect(await pool.call('quick', {})).toEqual({ ok: false, error: { code: 'internal', message: 'The server is shutting down' } });
    expect(pool.workers).toBe(0);
  });

  it('exclusive() runs once no call is in a worker or waiting for one, and holds calls made meanwhile', async () => {
    const pool = holdingPool(1);
    await valueOf(pool.call('quick', {}));
    const order: string[] = [];
    const held = hold(pool, 'held').then(() => order.push('held'));
    const waiting = valueOf(pool.call('quick', {})).then(() => order.push('waiting'));
    const exclusive = pool.exclusive(() => order.push('exclusive'));
    const later = valueOf(pool.call('quick', {})).then(() => order.push('later'));
    await release('held');
    await Promise.all([held, waiting, exclusive, later]);
    expect(order).toEqual(['held', 'waiting', 'exclusive', 'later']);
  });
});
