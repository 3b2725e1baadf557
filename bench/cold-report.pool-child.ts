/**
 * A child process of the cold-report bench (cold-report.bench.ts), bundled as the browser-mode
 * server is: it starts the server's pool of report workers (web/dispatch-pool.ts, the path a
 * browser-mode report takes) on the store the parent filled, asks for the same PDF comparison
 * twice and prints both times as JSON.
 *   start: the first report right after the pool starts (once its first worker answers app.info,
 *          so the worker's own start is not counted), before the worker is idle long enough to
 *          warm up;
 *   idle:  the first report after the first worker has been idle and rendered its throwaway
 *          report (services/report-warm-up.ts); that warm-up's outcome and time are printed too;
 *   during: the first report asked as soon as that worker begins its throwaway report, with the
 *          comparison's CSV asked at the same moment (its time printed as `csvMs`); the pool
 *          gives the report to the warming worker and the CSV to another (web/dispatch-pool.ts).
 */
import { DispatchPool } from '../src-main/web/dispatch-pool';

const [dataDir, idList, mode] = process.argv.slice(2);
if (!dataDir || !idList || (mode !== 'start' && mode !== 'idle' && mode !== 'during')) throw new Error('usage: cold-report-pool.js DATA_DIR ID[,ID…] start|idle|during');
const pool = new DispatchPool({ dataDir, appVersion: 'bench' });
// The pool's workers do not keep a process alive (the server's socket does); this stands in for it.
const alive = setInterval(() => {}, 60_000);

/** Wall time of one report through the pool, in ms, and the process's CPU time (all threads). */
const report = async (): Promise<{ ms: number; cpuMs: number }> => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const env = await pool.call('reports.pdf', { scenarioIds: idList.split(','), paper: 'a4' });
  if (!env.ok) throw new Error(`reports.pdf: ${env.error.message}`);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
};

const booted = await pool.call('app.info', {});
if (!booted.ok) throw new Error(`app.info: ${booted.error.message}`);
const warmUp = mode === 'idle' ? await pool.reportWarmUp : null;
if (mode === 'during') await pool.reportWarmUpStarted;
const csvAsked = performance.now();
const csv = mode === 'during' ? pool.call('reports.csv', { kind: 'comparison', ids: idList.split(',') }).then((env) => (env.ok ? performance.now() - csvAsked : Promise.reject(new Error(`reports.csv: ${env.error.message}`)))) : null;
const cold = await report();
const csvMs = await csv;
const warmUpDuring = mode === 'during' ? await pool.reportWarmUp : null;
const warm = await report();
await pool.close();
clearInterval(alive);
process.stdout.write(JSON.stringify({ cold, warm, warmUp: warmUp ?? warmUpDuring, csvMs }) + '\n');
