/**
 * The browser mode's heavy channels run in worker threads (src-main/web/dispatch-pool.ts): a
 * 6-scenario PDF made by a worker, from its own connection to the store, is the same report the
 * request thread would make; while it is being made, the request thread answers a law at once;
 * and the server sends exactly the heavy channels to the pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchPool } from '../../../src-main/web/dispatch-pool';
import { startWebServer, type WebServer } from '../../../src-main/web/server';
import { HEAVY_CHANNELS } from '../../../src-main/ipc/remote';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers, rawBodyHandlers } from '../../../src-main/services';
import type { Envelope } from '../../../src-main/ipc/contract/errors';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { postTo } from './pooled-server';

let w: Workspace;
let pool: DispatchPool;
const ids: string[] = [];

beforeAll(async () => {
  w = await openWorkspace();
  for (const flops of [1e20, 3e20, 1e21, 3e21, 1e22, 3e22]) ids.push((await w.save(`Compute ${flops}`, 'compute', await w.call('plan.compute', { flops }))).id);
  pool = new DispatchPool({ dataDir: w.dir, appVersion: '0.1.0-test' }, { size: 1 });
}, 120_000);
afterAll(async () => {
  await pool?.close();
  removeWorkspace(w);
});

describe('heavy channels in worker threads', () => {
  it('a worker makes the 6-scenario PDF while the request thread answers a law first', async () => {
    const order: string[] = [];
    const pdf = pool.call('reports.pdf', { scenarioIds: ids }).then((e) => (order.push('pdf'), e));
    const law = dispatch(handlers, w.ctx, 'law.joint', { nAct: 1e9, tokens: 2e10, experts: 8 }).then((e) => (order.push('law'), e));
    const [pdfEnv, lawEnv] = await Promise.all([pdf, law]);
    expect(lawEnv.ok).toBe(true);
    expect(order).toEqual(['law', 'pdf']);
    if (!pdfEnv.ok) throw new Error(pdfEnv.error.message);
    const value = pdfEnv.value as { base64: string; fileName: string };
    expect(Buffer.from(value.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The same scenarios in the same order as the request thread reports them.
    const here = await w.call('reports.csv', { kind: 'comparison', ids });
    const there = await pool.call('reports.csv', { kind: 'comparison', ids });
    expect(here.content.split('\n').length).toBeGreaterThan(6);
    expect(there.ok && (there.value as typeof here).content).toBe(here.content);
  }, 120_000);

  it('a bad request is refused by the worker with the same typed error as in-thread', async () => {
    const there = await pool.call('reports.pdf', { scenarioIds: ['no-such-scenario'] });
    const here = await dispatch(handlers, w.ctx, 'reports.pdf', { scenarioIds: ['no-such-scenario'] });
    expect(there).toEqual(here);
    expect(there.ok).toBe(false);
  }, 60_000);
});

describe('the server routes heavy channels to the pool', () => {
  let server: WebServer;
  const routed: string[] = [];
  let release: (() => void) | undefined;
  beforeAll(async () => {
    server = await startWebServer({
      handlers,
      rawBodyHandlers,
      ctx: { dataDir: w.dir, appVersion: '0.1.0-test', store: w.ctx.store },
      rendererDir: w.dir,
      heavy: {
        // Holds every heavy call until released: the light one must still be answered.
        call: (channel) =>
          new Promise<Envelope<unknown>>((resolve) => {
            routed.push(channel);
            release = () => resolve({ ok: true, value: { held: channel } });
          }),
      },
    });
  });
  afterAll(() => server.close());

  const post = (channel: string, body: unknown) => postTo(server)(channel, body);

  it('answers a law while a PDF is held, and sends only heavy channels away', async () => {
    const pdf = post('reports.pdf', { scenarioIds: ids });
    const law = await post('law.joint', { nAct: 1e9, tokens: 2e10, experts: 8 });
    expect(law.ok).toBe(true);
    expect(routed).toEqual(['reports.pdf']);
    release!();
    expect(await pdf).toEqual({ ok: true, value: { held: 'reports.pdf' } });
    expect([...HEAVY_CHANNELS]).toEqual(expect.arrayContaining(['reports.pdf', 'reports.csv', 'sweep.isoFlop', 'sweep.memory', 'sweep.savings', 'projects.export', 'plan.target']));
    // an import writes on the request thread's connection between other requests (services/import), never on a worker's
    expect(HEAVY_CHANNELS.has('projects.import')).toBe(false);
  });
});

describe('the report warm-up of the pool', () => {
  it('is left out when the server is started with --no-report-warm-up (warmUpReports: false), and its first worker still makes reports', async () => {
    const quiet = new DispatchPool({ dataDir: w.dir, appVersion: '0.1.0-test', warmUpReports: false }, { size: 1 });
    try {
      // Settled before any call or idle time: nothing is rendered behind the user's back.
      expect(await Promise.race([quiet.reportWarmUp, Promise.resolve('pending')])).toEqual({ kind: 'skipped', reason: 'turned off (--no-report-warm-up)' });
      const env = await quiet.call('reports.pdf', { scenarioIds: ids.slice(0, 2) });
      expect(env.ok).toBe(true);
    } finally {
      await quiet.close();
    }
  }, 120_000);
});
