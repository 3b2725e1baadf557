import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { CHANNEL_NAMES, contract } from '../../../src-main/ipc/contract';
import { handlers, ServiceError, type Handlers, type ServiceContext } from '../../../src-main/services';
import { EngineInputError } from '../../../src-main/engine/common/errors';

const ctx: ServiceContext = {
  transport: 'cli',
  dataDir: '/tmp/moe-test',
  appVersion: '9.9.9',
  store: () => {
    throw new Error('these tests do not touch the store');
  },
};

describe('contract', () => {
  it('lists exactly the channels it defines, each with request and response schemas', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(contract).sort());
    for (const name of CHANNEL_NAMES) {
      expect(typeof contract[name].request.safeParse).toBe('function');
      expect(typeof contract[name].response.safeParse).toBe('function');
      expect(contract[name].summary.length).toBeGreaterThan(10);
    }
  });

  it('has a service function for every channel', () => {
    for (const name of CHANNEL_NAMES) expect(typeof handlers[name]).toBe('function');
  });
});

describe('dispatch', () => {
  it('answers a valid call with the service value', async () => {
    const env = await dispatch(handlers, ctx, 'app.info', {});
    expect(env).toMatchObject({ ok: true, value: { version: '9.9.9', transport: 'cli', dataDir: '/tmp/moe-test' } });
  });

  it('refuses an unknown channel with a typed error', async () => {
    const env = await dispatch(handlers, ctx, 'fs.readFile', {});
    expect(env).toEqual({ ok: false, error: { code: 'unknown-channel', message: 'Unknown channel "fs.readFile"' } });
    expect((await dispatch(handlers, ctx, 42, {})).ok).toBe(false);
  });

  it('rejects an invalid payload before the service runs, naming the field', async () => {
    let ran = false;
    const spy: Handlers = { ...handlers, 'app.info': (r, c) => ((ran = true), handlers['app.info'](r, c)) };
    const env = await dispatch(spy, ctx, 'app.info', { extra: 1 });
    expect(ran).toBe(false);
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('invalid-request');
      expect(env.error.message).toMatch(/extra/);
    }
    for (const bad of [null, 'text', 7, [1, 2]]) {
      const e = await dispatch(handlers, ctx, 'app.info', bad);
      expect(e.ok).toBe(false);
    }
  });

  it('turns a thrown service or engine error into a typed error instead of crashing', async () => {
    const throwing = (err: unknown): Handlers => ({ ...handlers, 'app.info': () => { throw err; } });
    expect(await dispatch(throwing(new ServiceError('not-found', 'No such scenario', ['id'])), ctx, 'app.info', {})).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such scenario', path: ['id'] },
    });
    expect(await dispatch(throwing(new EngineInputError('flops', 'flops must be positive')), ctx, 'app.info', {})).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'flops must be positive', path: ['flops'] },
    });
    const internal = await dispatch(throwing(new TypeError('boom')), ctx, 'app.info', {});
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('refuses a response that breaks the contract', async () => {
    const broken: Handlers = { ...handlers, 'app.info': () => ({ name: 1 }) as never };
    const env = await dispatch(broken, ctx, 'app.info', {});
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.code).toBe('internal');
  });
});

describe('dispatch guards', () => {
  it('turns a non-finite answer into invalid-request naming the input farthest from a real run', async () => {
    const overflowing: Handlers = { ...handlers, 'law.chinchilla': () => ({ loss: Number.POSITIVE_INFINITY }) as never };
    const env = await dispatch(overflowing, ctx, 'law.chinchilla', { params: 1e3, tokens: 1e17 });
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('invalid-request');
      // 1e17 is 17 orders of magnitude from 1, 1e3 only 3: tokens is the one to change
      expect(env.error.path).toEqual(['tokens']);
      expect(env.error.message).toMatch(/^tokens: 100000000000000000 is outside/);
      expect(env.error.message).toMatch(/loss/);
    }
  });

  it('refuses denormal counts at the schema with the bound in the message', async () => {
    const env = await dispatch(handlers, ctx, 'law.chinchilla', { params: 5e-324, tokens: 1e12 });
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid-request', path: ['params'] } });
    if (!env.ok) expect(env.error.message).toMatch(/at least/);
  });

  it('refuses a payload nested deeper than the limit before any schema recurses into it', async () => {
    let inputs: unknown = 1;
    for (let i = 0; i < 100_000; i++) inputs = [inputs];
    const env = await dispatch(handlers, ctx, 'app.info', { inputs });
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid-request', path: ['inputs'] } });
    if (!env.ok) expect(env.error.message).toMatch(/nested more than 64 levels/);
  });
});
