/**
 * Electron's utility process that runs every handler (as Beekeeper Studio does), so a PDF, a
 * sweep, a fit or an import never blocks the main process and with it the window. Main forwards
 * each checked IPC call here over the port protocol of ipc/remote.ts; this runs the one dispatch
 * and owns the store. Started by shell/service-host.ts with the data folder as its argument.
 * At idle after start it renders a throwaway report (services/report-warm-up.ts), so the user's
 * first report is not a process's cold first one.
 */
import nodeModule from 'node:module';
import { join } from 'node:path';
import { dispatch } from '../ipc/dispatch';
import { serveCalls, type ReplyMessage } from '../ipc/remote';
import { handlers, type ServiceContext } from '../services';
import { lazyStore } from '../services/store-access';
import { APP_VERSION } from '../services/app-version';
import { IdleReportWarmUp } from '../services/report-warm-up';
import { SHUTDOWN, type ServiceProcessPort } from './service-host';

const parentPort = (process as unknown as { parentPort?: ServiceProcessPort }).parentPort;
if (!parentPort) throw new Error('service-process.ts runs as an Electron utility process (utilityProcess.fork)');
const dataDir = process.argv[process.argv.indexOf('--data-dir') + 1];
if (!dataDir || process.argv.indexOf('--data-dir') < 0) throw new Error('service process started without --data-dir');

// V8's compiled code of the modules loaded from here on (the report chunk with pdfkit, fontkit and
// ECharts above all) kept in the data folder for the next start: about a sixth of a first report's
// time is compiling that code (reports/renderer.ts). Node ≥ 22.1 only (Electron's is); quietly absent otherwise.
(nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache?.(join(dataDir, 'code-cache', 'node'));

// checkpoints in a worker thread: never inside a request's commit (store/checkpointer.ts)
const access = lazyStore(dataDir, { backgroundCheckpoints: true });
const ctx: ServiceContext = { transport: 'electron', dataDir, appVersion: APP_VERSION, store: access.store, releaseStore: access.close };
const warmUp = new IdleReportWarmUp((c, channel, request) => dispatch(handlers, c, channel, request), ctx);

serveCalls(
  {
    post: (m: ReplyMessage) => parentPort.postMessage(m),
    onMessage: (listener) =>
      parentPort.on('message', (e) => {
        if ((e.data as { kind?: unknown })?.kind === SHUTDOWN) {
          // Close the store cleanly (the next start then skips the full integrity check).
          access.close();
          process.exit(0);
        }
        listener(e.data);
      }),
  },
  (channel, payload) => warmUp.track(channel, () => dispatch(handlers, ctx, channel, payload)),
);
