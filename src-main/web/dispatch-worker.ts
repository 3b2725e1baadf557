/**
 * A worker thread of the browser mode's dispatch pool: runs heavy channels (PDF, CSV, sweeps,
 * imports) with the same dispatch and handlers as the request thread, so a long one never holds
 * up other requests. It opens its own connection to the store (SQLite in WAL mode lets it write
 * beside the request thread's) for each call and closes it after, so it never keeps the
 * database "in use" (a backup restore checks for that).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch } from '../ipc/dispatch';
import { serveCalls, type ReplyMessage } from '../ipc/remote';
import { handlers, type ServiceContext } from '../services';
import { lazyStore } from '../services/store-access';

const { dataDir, appVersion } = workerData as { dataDir: string; appVersion: string };
const port = parentPort!;
const access = lazyStore(dataDir);
const ctx: ServiceContext = { transport: 'web', dataDir, appVersion, store: access.store, releaseStore: access.close };

serveCalls({ post: (m: ReplyMessage) => port.postMessage(m), onMessage: (l) => void port.on('message', l) }, async (channel, payload) => {
  try {
    return await dispatch(handlers, ctx, channel, payload);
  } finally {
    access.close();
  }
}, { sequential: true });
port.postMessage({ kind: 'ready' });
