/**
 * The dispatch-over-a-port protocol (src-main/ipc/remote.ts) with an in-memory port pair whose
 * delivery the test controls: replies are matched by id whatever their order, calls run one at
 * a time in arrival order, a throwing runner still answers, and a lost far side fails every
 * waiting and later call instead of leaving it hanging.
 */
import { describe, expect, it } from 'vitest';
import { RemoteDispatch, serveCalls, type CallMessage, type Port, type ReplyMessage } from '../../../src-main/ipc/remote';
import type { Envelope } from '../../../src-main/ipc/contract/errors';

/** Two ends; messages wait in a queue until `deliver()` (structured-cloned, as a real port does). */
function portPair() {
  const queues: { toServer: unknown[]; toClient: unknown[] } = { toServer: [], toClient: [] };
  const listeners: { server: Array<(m: unknown) => void>; client: Array<(m: unknown) => void> } = { server: [], client: [] };
  const client: Port<unknown, CallMessage> = { post: (m) => void queues.toServer.push(structuredClone(m)), onMessage: (l) => void listeners.client.push(l) };
  const server: Port<unknown, ReplyMessage> = { post: (m) => void queues.toClient.push(structuredClone(m)), onMessage: (l) => void listeners.server.push(l) };
  const flush = async () => {
    for (let round = 0; round < 50 && (round < 3 || queues.toServer.length || queues.toClient.length); round++) {
      for (const m of queues.toServer.splice(0)) for (const l of listeners.server) l(m);
      await new Promise((r) => setImmediate(r));
      for (const m of queues.toClient.splice(0)) for (const l of listeners.client) l(m);
      await new Promise((r) => setImmediate(r));
    }
  };
  return { client, server, queues, listeners, flush };
}

const ok = (value: unknown): Envelope<unknown> => ({ ok: true, value });

describe('dispatch over a port', () => {
  it('carries a call and its envelope', async () => {
    const p = portPair();
    serveCalls(p.server, async (channel, payload) => ok({ channel, payload }));
    const remote = new RemoteDispatch(p.client);
    const answer = remote.call('plan.compute', { flops: 1e22 });
    await p.flush();
    expect(await answer).toEqual({ ok: true, value: { channel: 'plan.compute', payload: { flops: 1e22 } } });
    expect(remote.load).toBe(0);
  });

  it('matches replies to calls by id when they come back in another order', async () => {
    const p = portPair();
    const remote = new RemoteDispatch(p.client);
    const a = remote.call('a', 1);
    const b = remote.call('b', 2);
    const sent = p.queues.toServer.splice(0) as CallMessage[];
    expect(sent.map((m) => m.channel)).toEqual(['a', 'b']);
    // Answer b first, then a, then a stray id that must be ignored.
    for (const [m, v] of [[sent[1]!, 'B'], [sent[0]!, 'A']] as const) for (const l of p.listeners.client) l({ kind: 'reply', id: m.id, envelope: ok(v) });
    for (const l of p.listeners.client) l({ kind: 'reply', id: 999, envelope: ok('stray') });
    expect(await a).toEqual(ok('A'));
    expect(await b).toEqual(ok('B'));
  });

  it('runs the calls one at a time, in the order they arrived, when sequential', async () => {
    const p = portPair();
    const events: string[] = [];
    serveCalls(
      p.server,
      async (channel) => {
        events.push(`start ${channel}`);
        await new Promise((r) => setImmediate(r));
        events.push(`end ${channel}`);
        return ok(channel);
      },
      { sequential: true },
    );
    const remote = new RemoteDispatch(p.client);
    const all = Promise.all(['x', 'y', 'z'].map((c) => remote.call(c, null)));
    await p.flush();
    expect((await all).map((e) => (e.ok ? e.value : null))).toEqual(['x', 'y', 'z']);
    expect(events).toEqual(['start x', 'end x', 'start y', 'end y', 'start z', 'end z']);
  });

  it('otherwise lets a later call answer while an earlier one still waits (a status during a long fit)', async () => {
    const p = portPair();
    let release: (() => void) | undefined;
    serveCalls(p.server, (channel) =>
      channel === 'fit.run' ? new Promise((resolve) => (release = () => resolve(ok('fitted')))) : Promise.resolve(ok(channel)),
    );
    const remote = new RemoteDispatch(p.client);
    const order: string[] = [];
    const run = remote.call('fit.run', {}).then((e) => (order.push('fit.run'), e));
    const status = remote.call('fit.status', {}).then((e) => (order.push('fit.status'), e));
    await p.flush();
    expect(await status).toEqual(ok('fit.status'));
    release!();
    await p.flush();
    expect(await run).toEqual(ok('fitted'));
    expect(order).toEqual(['fit.status', 'fit.run']);
  });

  it('answers with an internal error when the runner throws, and keeps serving', async () => {
    const p = portPair();
    serveCalls(p.server, async (channel) => {
      if (channel === 'boom') throw new Error('bug in the transport');
      return ok(channel);
    });
    const remote = new RemoteDispatch(p.client);
    const bad = remote.call('boom', null);
    const good = remote.call('fine', null);
    await p.flush();
    expect(await bad).toEqual({ ok: false, error: { code: 'internal', message: 'bug in the transport' } });
    expect(await good).toEqual(ok('fine'));
  });

  it('ignores messages that are not calls', async () => {
    const p = portPair();
    let runs = 0;
    serveCalls(p.server, async () => (runs++, ok(null)));
    for (const m of [null, 'call', { kind: 'call' }, { kind: 'call', id: 1.5, channel: 'x' }, { kind: 'reply', id: 1 }]) for (const l of p.listeners.server) l(m);
    await p.flush();
    expect(runs).toBe(0);
    expect(p.queues.toClient).toEqual([]);
  });

  it('fails every waiting call and every later one when the far side is lost', async () => {
    const p = portPair();
    const remote = new RemoteDispatch(p.client);
    const waiting = remote.call('reports.pdf', {});
    remote.fail('exited with code 1');
    const later = await remote.call('reports.pdf', {});
    for (const e of [await waiting, later]) {
      expect(e.ok).toBe(false);
      if (!e.ok) expect(e.error).toEqual({ code: 'internal', message: 'The service process stopped: exited with code 1' });
    }
    expect(remote.load).toBe(0);
  });
});
