/** A real store in a temporary folder and a typed `ok(channel, request)` over dispatch, for tests that go through the contract. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../../src-main/ipc/dispatch';
import type { ChannelName, ResponseOf } from '../../../src-main/ipc/contract';
import { handlers, type ServiceContext } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';

export function dispatchWorkspace(prefix: string) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const access = lazyStore(dataDir);
  const ctx: ServiceContext = { transport: 'cli', dataDir, appVersion: '0.0.0', store: access.store, fitWorkers: 2 };
  async function ok<C extends ChannelName>(channel: C, req: unknown): Promise<ResponseOf<C>> {
    const env = await dispatch(handlers, ctx, channel, req);
    if (!env.ok) throw new Error(`${channel}: ${env.error.code} ${env.error.message}`);
    return env.value as ResponseOf<C>;
  }
  const close = () => {
    access.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { ctx, ok, close };
}
