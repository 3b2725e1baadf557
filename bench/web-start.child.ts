/**
 * A child process of the server-start bench (web-start.bench.ts), bundled as the browser-mode
 * server is: it starts the server as web/main.ts does (the store with background checkpoints, the
 * dispatch pool, the HTTP server; the report warm-up off, as --no-report-warm-up, since it runs
 * later and the same on both sides) and prints its URL and token. When the parent writes a line,
 * it waits until every worker it started has booted, takes its CPU time (user + system, all
 * threads), then times one more worker's boot in the started server (until it answers app.info:
 * the longest a call waits when it is the one that starts the pool's second worker), prints
 * both as JSON and exits.
 *   one: the pool as it is, one worker at start;
 *   two: a second worker started beside it at the same moment, as the pool did before it started
 *        workers on demand (a one-worker pool of its own, so the server's pool is the same code).
 */
import { createInterface } from 'node:readline';
import { handlers, rawBodyHandlers } from '../src-main/services';
import { lazyStore } from '../src-main/services/store-access';
import { startWebServer } from '../src-main/web/server';
import { DispatchPool } from '../src-main/web/dispatch-pool';

const [dataDir, rendererDir, mode] = process.argv.slice(2);
if (!dataDir || !rendererDir || (mode !== 'one' && mode !== 'two')) throw new Error('usage: web-start.js DATA_DIR RENDERER_DIR one|two');
const init = { dataDir, appVersion: 'bench', warmUpReports: false };
const access = lazyStore(dataDir, { backgroundCheckpoints: true });
const heavy = new DispatchPool(init);
const beside = mode === 'two' ? new DispatchPool(init, { size: 1 }) : null;
const server = await startWebServer({ handlers, rawBodyHandlers, ctx: { dataDir, appVersion: 'bench', store: access.store, releaseStore: access.close }, rendererDir, heavy });
process.stdout.write(JSON.stringify({ url: server.url, token: server.token }) + '\n');

for await (const _line of createInterface({ input: process.stdin })) {
  // Its boot is part of the start's cost even when it ends after the parent's first requests.
  if (beside && !(await beside.call('app.info', {})).ok) throw new Error('the second worker did not answer');
  const cpu = process.cpuUsage();
  const workers = heavy.workers + (beside?.workers ?? 0);
  const t0 = performance.now();
  const later = new DispatchPool(init, { size: 1 });
  if (!(await later.call('app.info', {})).ok) throw new Error('a worker started after the server did not answer');
  const laterBootMs = performance.now() - t0;
  await Promise.all([server.close(), heavy.close(), beside?.close(), later.close()]);
  access.close();
  process.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, workers, laterBootMs }) + '\n');
  process.exit(0);
}
