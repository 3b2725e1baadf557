/**
 * `npm run web`: serves the built renderer and the contract on 127.0.0.1 and prints the URL
 * (token included). Options: --port N, --data DIR (else MOE_WORKBENCH_DATA, else the default).
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { handlers } from '../services';
import { resolveDataDir } from '../services/paths';
import { APP_VERSION } from '../services/app-version';
import { startWebServer } from './server';
import { lazyStore } from '../services/store-access';
import { DispatchPool } from './dispatch-pool';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
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
const access = lazyStore(dataDir);
// PDFs, sweeps and imports run in worker threads, so they never hold up the other requests.
const heavy = new DispatchPool({ dataDir, appVersion: APP_VERSION });
const server = await startWebServer({ handlers, ctx: { dataDir, appVersion: APP_VERSION, store: access.store, releaseStore: access.close }, rendererDir, port, heavy });
console.log(`MoE Workbench (browser mode) on ${server.url}`);
console.log(`Open: ${server.launchUrl}`);
console.log(`Data folder: ${dataDir}`);
const stop = () =>
  void Promise.all([server.close(), heavy.close()]).then(() => {
    access.close();
    process.exit(0);
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
