/**
 * The child process of the cold-report bench (cold-report.bench.ts), bundled the way the CLI is
 * (our sources in one file, pdfkit and ECharts left to node_modules and loaded by the service's
 * dynamic import). It opens the store the parent filled, makes the same PDF comparison twice and
 * prints both times as JSON: the first is the first report of a process, the second a warm one.
 * Nothing is loaded or warmed before the first report; V8's tiering is set as the CLI sets it
 * (cli/optimiser.ts), unless the third argument is `default-tiering` (the bench's comparison).
 */
import { tuneOptimiserForOneCommand } from '../src-main/cli/optimiser';
import { dispatch } from '../src-main/ipc/dispatch';
import { handlers, type ServiceContext } from '../src-main/services';
import { lazyStore } from '../src-main/services/store-access';
import { codeCacheDir } from '../src-main/services/reports';
import { reportRenderer } from '../src-main/reports/renderer';

const [dataDir, idList, tiering] = process.argv.slice(2);
if (!dataDir || !idList) throw new Error('usage: cold-report.js DATA_DIR ID[,ID…] [default-tiering]');
if (tiering !== 'default-tiering') tuneOptimiserForOneCommand();
const access = lazyStore(dataDir);
const ctx: ServiceContext = { transport: 'cli', dataDir, appVersion: 'bench', store: access.store };
/** Wall time and CPU time (user + system, all threads) of one report, in ms. */
const report = async (): Promise<{ ms: number; cpuMs: number }> => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const env = await dispatch(handlers, ctx, 'reports.pdf', { scenarioIds: idList.split(','), paper: 'a4' });
  if (!env.ok) throw new Error(`reports.pdf: ${env.error.message}`);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
};
const cold = await report();
const warm = await report();
access.close();
// Whether V8 took the renderer's code cache (reports/renderer.ts), so the bench knows which case it measured.
const { cache } = await reportRenderer(codeCacheDir(ctx));
process.stdout.write(JSON.stringify({ cold, warm, cache }) + '\n');
