/**
 * A worker thread of the browser mode's dispatch pool: runs heavy channels (PDF, CSV, sweeps,
 * imports) with the same dispatch and handlers as the request thread, so a long one never holds
 * up other requests. It opens its own connection to the store (SQLite in WAL mode lets it write
 * beside the request thread's) for each call and closes it after, so it never keeps the
 * database "in use" (a backup restore checks for that).
 *
 * The pool's first worker, the one idle calls go to, renders a throwaway report at idle after
 * start (services/report-warm-up.ts): it posts `{ kind: 'report-warm-up-started' }` when it begins
 * (the pool sends calls elsewhere meanwhile) and the outcome as `{ kind: 'report-warm-up' }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch } from '../ipc/dispatch';
import { serveCalls, type ReplyMessage } from '../ipc/remote';
import { handlers, type ServiceContext } from '../services';
import { lazyStore } from '../services/store-access';
import { IdleReportWarmUp } from '../services/report-warm-up';

const { dataDir, appVersion, warmUpReports } = workerData as { dataDir: string; appVersion: string; warmUpReports?: boolean };
const port = parentPort!;
const access = lazyStore(dataDir);
const ctx: ServiceContext = { transport: 'web', dataDir, appVersion, store: access.store, releaseStore: access.close };
const warmUp = warmUpReports
  ? new IdleReportWarmUp((c, channel, request) => dispatch(handlers, c, channel, request), ctx, {
      started: () => port.postMessage({ kind: 'report-warm-up-started' }),
      done: (outcome) => port.postMessage({ kind: 'report-warm-up', outcome }),
    })
  : null;

serveCalls({ post: (m: ReplyMessage) => port.postMessage(m), onMessage: (l) => void port.on('message', l) }, async (channel, payload) => {
  const run = () => dispatch(handlers, ctx, channel, payload);
  try {
    return await (warmUp ? warmUp.track(channel, run) : run());
  } finally {
    access.close();
  }
}, { sequential: true });
port.postMessage({ kind: 'ready' });
