/**
 * Bootstrap bands as jobs (issue 17, item 4): a 1,000-replicate band of one compute plan re-solved
 * in the band worker thread (bundled as the app ships it: start the thread, 100 progress reports,
 * the band back), against the same band re-solved in this thread as the baseline; and a
 * 200-replicate band through the worker, the largest that stays inline (target < 50 ms inline).
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { timeMedian, timeMedianAsync, type BenchResult, type BenchSuite } from './harness';
import { publishedSet, type CoefficientSet } from '../src-main/engine/common/coefficients';
import { planComputeOptimal } from '../src-main/engine/joint';
import { bootstrapPlanBand } from '../src-main/engine/uncertainty';
import { runInWorker } from '../src-main/services/jobs/run-in-worker';
import type { BandProgress, BandWorkerInput, BandWorkerOutput } from '../src-main/services/band/protocol';

const root = resolve(import.meta.dirname, '..');

const suite: BenchSuite = async () => {
  const { bundleCli } = (await import(pathToFileURL(join(root, 'build/bundle-cli.mjs')).href)) as {
    bundleCli: (o: { outdir: string; entryPoints: Record<string, string> }) => Promise<string>;
  };
  const outdir = join(root, 'out', 'bench-band-job');
  await bundleCli({ outdir, entryPoints: { 'band-worker': 'src-main/services/band/worker.ts' } });
  const worker = pathToFileURL(join(outdir, 'band-worker.js'));

  const joint = publishedSet('ludziejewski2025-joint');
  let x = 5;
  const u = () => ((x = (x * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32) * 2 - 1;
  const replicates: CoefficientSet[] = Array.from({ length: 1000 }, (_, i) => {
    const v = { ...joint.values };
    for (const k of ['a', 'b', 'alpha', 'beta', 'delta', 'omega']) v[k] = v[k]! * (1 + 0.03 * u());
    return { ...joint, id: `rep-${i}`, values: v };
  });
  const plan = planComputeOptimal({ flops: 1e22, coefficients: joint });
  let sink = 0;
  const viaWorker = async (reps: CoefficientSet[]) => {
    let reports = 0;
    const { value } = await runInWorker<BandWorkerInput, BandProgress, BandWorkerOutput>(worker, { of: 'forward', replicates: reps, plan }, { what: 'Band', signal: new AbortController().signal, onProgress: () => void reports++ });
    if (value.of !== 'forward' || !value.band || reports !== reps.length / 10) throw new Error('the band worker did not answer with a band after every report');
    sink += value.band.loss.high;
  };
  const results: BenchResult[] = [
    {
      name: '1,000-replicate band of one compute plan as a job (worker thread, 7 E)',
      ms: await timeMedianAsync(() => viaWorker(replicates), 7, 2),
      baseline: {
        name: 'the same band in this thread',
        ms: timeMedian(() => {
          sink += bootstrapPlanBand(replicates, plan)!.loss.high;
        }, 7, 2),
      },
    },
    {
      name: '200-replicate band of one compute plan as a job (worker thread, 7 E)',
      ms: await timeMedianAsync(() => viaWorker(replicates.slice(0, 200)), 7, 2),
      baseline: {
        name: 'the same band in this thread (inline, target < 50 ms)',
        ms: timeMedian(() => {
          sink += bootstrapPlanBand(replicates.slice(0, 200), plan)!.loss.high;
        }, 11, 2),
      },
    },
  ];
  if (!Number.isFinite(sink)) throw new Error('benchmark produced a non-finite result');
  return results;
};

export default suite;
