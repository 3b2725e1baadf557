/**
 * The preload, run against a fake contextBridge and ipcRenderer: it exposes exactly one frozen
 * object whose keys are the contract's channels, each a function that invokes that channel's
 * IPC name, and nothing generic (no invoke, send or on, no ipcRenderer).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../src-main/ipc/contract/runtime';
import { IPC_PREFIX } from '../../../src-main/shell/ipc-prefix';

const exposed: Array<{ key: string; api: unknown }> = [];
const invoked: Array<{ channel: string; args: unknown[] }> = [];
/** Every property of ipcRenderer the preload touches, to prove it uses invoke only. */
const touched = new Set<string>();

vi.mock('electron', () => {
  const ipcRenderer = new Proxy(
    {
      invoke: (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return Promise.resolve({ ok: true, value: channel });
      },
    },
    {
      get(target, prop, receiver) {
        touched.add(String(prop));
        return Reflect.get(target, prop, receiver);
      },
    },
  );
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
    ipcRenderer,
  };
});

beforeAll(async () => {
  await import('../../../src-main/shell/preload');
});

describe('preload', () => {
  it('exposes one object, as window.moe', () => {
    expect(exposed.map((e) => e.key)).toEqual(['moe']);
  });

  it('whose keys are exactly the contract’s channels', () => {
    const api = exposed[0]!.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.getOwnPropertySymbols(api)).toEqual([]);
    for (const name of CHANNEL_NAMES) expect(typeof api[name], name).toBe('function');
  });

  it('is frozen: the page cannot add, replace or delete a method', () => {
    const api = exposed[0]!.api as Record<string, unknown>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => {
      (api as Record<string, unknown>)['app.info'] = () => 'hijacked';
    }).toThrow(TypeError);
    expect(() => {
      (api as Record<string, unknown>).invoke = () => undefined;
    }).toThrow(TypeError);
  });

  it('exposes nothing generic: no invoke, send, on or ipcRenderer', () => {
    const api = exposed[0]!.api as Record<string, unknown>;
    for (const generic of ['invoke', 'send', 'sendSync', 'on', 'once', 'postMessage', 'ipcRenderer', 'require', 'process']) expect(api[generic], generic).toBeUndefined();
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
  });

  it('each method invokes its own channel with the request and nothing else, and returns the envelope', async () => {
    const api = exposed[0]!.api as Record<string, (req: unknown) => Promise<unknown>>;
    invoked.length = 0;
    for (const name of CHANNEL_NAMES) expect(await api[name]!({ probe: name })).toEqual({ ok: true, value: IPC_PREFIX + name });
    expect(invoked).toEqual(CHANNEL_NAMES.map((name) => ({ channel: IPC_PREFIX + name, args: [{ probe: name }] })));
    expect([...touched]).toEqual(['invoke']);
  });
});
