/** The services in-process over a store in `dataDir`, as the CLI runs them: for benches that save scenarios first. */
import { dispatch } from '../src-main/ipc/dispatch';
import { handlers, type ServiceContext } from '../src-main/services';
import { lazyStore } from '../src-main/services/store-access';

export function services(dataDir: string): { call: (channel: string, request: unknown) => Promise<Record<string, unknown>>; close: () => void } {
  const access = lazyStore(dataDir);
  const ctx: ServiceContext = { transport: 'cli', dataDir, appVersion: 'bench', store: access.store };
  return {
    call: async (channel, request) => {
      const env = await dispatch(handlers, ctx, channel, request);
      if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
      return env.value as Record<string, unknown>;
    },
    close: access.close,
  };
}
