/**
 * The main process's service host with a fake utilityProcess: calls reach the child's dispatch
 * and come back; a child that exits fails its waiting calls with the reason and a new one is
 * forked for the next call; stop asks it to shut down.
 */
import { describe, expect, it } from 'vitest';
import { ServiceHost, SHUTDOWN, type ServiceChild } from '../../../src-main/shell/service-host';
import { serveCalls } from '../../../src-main/ipc/remote';
import type { Envelope } from '../../../src-main/ipc/contract/errors';

/** A child whose "process" serves calls in-memory; `hold` keeps calls on one channel waiting. */
function fakeFork(hold?: string) {
  const forks: Array<{ entry: string; args: string[]; received: unknown[]; exit: (code: number) => void }> = [];
  const fork = (entry: string, args: string[]): ServiceChild => {
    const toParent: Array<(m: unknown) => void> = [];
    const toChild: Array<(m: unknown) => void> = [];
    const exits: Array<(code: number) => void> = [];
    const record = { entry, args, received: [] as unknown[], exit: (code: number) => exits.forEach((l) => l(code)) };
    forks.push(record);
    serveCalls(
      { post: (m) => setImmediate(() => toParent.forEach((l) => l(structuredClone(m)))), onMessage: (l) => void toChild.push(l) },
      (channel, payload) =>
        channel === hold ? new Promise<Envelope<unknown>>(() => undefined) : Promise.resolve({ ok: true, value: { channel, payload, fork: forks.length } }),
    );
    return {
      postMessage: (m) => {
        record.received.push(m);
        setImmediate(() => toChild.forEach((l) => l(structuredClone(m))));
      },
      on: ((event: string, l: (x: never) => void) => {
        if (event === 'message') toParent.push(l as (m: unknown) => void);
        else exits.push(l as (code: number) => void);
      }) as ServiceChild['on'],
      kill: () => true,
    };
  };
  return { fork, forks };
}

describe('service host', () => {
  it('forks the service process with the data folder, on the first call, and carries calls both ways', async () => {
    const f = fakeFork();
    const host = new ServiceHost(f.fork, '/app/out/main/service-process.js', '/data');
    expect(f.forks).toHaveLength(0);
    expect(await host.call('law.joint', { nAct: 1e9 })).toEqual({ ok: true, value: { channel: 'law.joint', payload: { nAct: 1e9 }, fork: 1 } });
    expect(await host.call('app.info', {})).toMatchObject({ ok: true, value: { fork: 1 } });
    expect(f.forks.map((x) => [x.entry, x.args])).toEqual([['/app/out/main/service-process.js', ['--data-dir', '/data']]]);
  });

  it('a crash fails the waiting call with the reason, and the next call gets a new process', async () => {
    const f = fakeFork('reports.pdf');
    const host = new ServiceHost(f.fork, 'entry.js', '/data');
    const waiting = host.call('reports.pdf', {});
    await new Promise((r) => setImmediate(r));
    f.forks[0]!.exit(139);
    expect(await waiting).toEqual({ ok: false, error: { code: 'internal', message: 'The service process stopped: the service process exited with code 139' } });
    expect(await host.call('law.joint', {})).toMatchObject({ ok: true, value: { fork: 2 } });
    expect(f.forks).toHaveLength(2);
  });

  it('stop asks the process to close the store and exit', async () => {
    const f = fakeFork();
    const host = new ServiceHost(f.fork, 'entry.js', '/data');
    await host.call('app.info', {});
    host.stop();
    expect(f.forks[0]!.received.at(-1)).toEqual({ kind: SHUTDOWN });
  });
});
