/**
 * `npm run web`: serves the built renderer and the contract on 127.0.0.1 and prints the URL
 * (token included). Options in USAGE below.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { handlers, rawBodyHandlers } from '../services';
import { resolveDataDir } from '../services/paths';
import { APP_VERSION } from '../services/app-version';
import { startWebServer } from './server';
import { lazyStore } from '../services/store-access';
import { DispatchPool } from './dispatch-pool';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const USAGE = `Usage: npm run web -- [options]   (or: node out/cli/web.js [options])
  --port N               listen on 127.0.0.1:N (default: a free port)
  --data DIR             data folder (default: MOE_WORKBENCH_DATA, else the usual folder)
  --no-report-warm-up    do not render a throwaway report ~1 s after start; it makes the first
                         PDF as fast as the next but costs a few seconds of CPU, which a laptop
                         on battery or a small machine may rather keep
  --renderer DIR         built renderer to serve (default: out/renderer)
  --help                 print this`;
if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = resolve(argValue('--renderer') ?? resolve(here, '../../out/renderer'));
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error(`No built renderer in ${rendererDir}. Run "npm run build" first (npm run web does it for you).`);
  process.exit(1);
}
const portArg = argValue('--port');
const port = portArg === undefined ? 0 : Number(portArg);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected a whole number from 0 to 65535, got ${JSON.stringify(portArg)}`);
  process.exit(2);
}
const dataDir = resolveDataDir(argValue('--data') ? { ...process.env, MOE_WORKBENCH_DATA: argValue('--data') } : process.env);
// checkpoints in a worker thread: never inside a request's commit (store/checkpointer.ts)
const access = lazyStore(dataDir, { backgroundCheckpoints: true });
// PDFs, sweeps and imports run in worker threads, so they never hold up the other requests.
const heavy = new DispatchPool({ dataDir, appVersion: APP_VERSION, warmUpReports: !process.argv.includes('--no-report-warm-up') });
const server = await startWebServer({ handlers, rawBodyHandlers, ctx: { dataDir, appVersion: APP_VERSION, store: access.store, releaseStore: access.close }, rendererDir, port, heavy });
console.log(`MoE Workbench (browser mode) on ${server.url}`);
console.log(`Open: ${server.launchUrl}`);
console.log(`Data folder: ${dataDir}`);
// One line when the warm-up is over (the e2e fixture waits for it before a spec's first report).
void heavy.reportWarmUp.then((o) =>
  o.kind === 'failed' ? console.error(`Report warm-up failed (the first PDF will be slower): ${o.message}`) : console.log(o.kind === 'warmed' ? `Report warm-up: done in ${(o.ms / 1000).toFixed(1)} s` : `Report warm-up: skipped, ${o.reason}`),
);
const stop = () =>
  void Promise.all([server.close(), heavy.close()]).then(() => {
    access.close();
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
