/**
 * Environment variables that only development and tests may set: MOE_FIT_WORKER (and the band,
 * next-run and import workers' variables, read through jobs/run-in-worker.ts workerUrl) point a
 * job at another worker script, MOE_BAND_WORKER_HOLD_AFTER parks band workers so a test can
 * cancel one mid-way. A packaged app removes them before its service process starts, so nobody
 * can make it run a script of their choosing or hang its band jobs (the SQLite binding override
 * is handled by native-binding.ts, which also picks the shipped module).
 */
export const DEVELOPMENT_ONLY_ENV = ['MOE_FIT_WORKER', 'MOE_BAND_WORKER', 'MOE_NEXT_RUN_WORKER', 'MOE_IMPORT_WORKER', 'MOE_BAND_WORKER_HOLD_AFTER'] as const;

export function dropDevelopmentOverrides(env: Record<string, string | undefined>, isPackaged: boolean): void {
  if (!isPackaged) return;
  for (const name of DEVELOPMENT_ONLY_ENV) delete env[name];
}
