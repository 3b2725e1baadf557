/**
 * The next-run planner (issue 17, item 3): one proposal over the default candidate grid (180 runs
 * × 6 E, 3 runs within 2,000 H100-hours, 40 simulated refits scoring the shortlist; target < 5 s),
 * against the linear design alone (no refits) as the baseline. The fit is of 18 synthetic runs
 * from the published joint law with 100 bootstrap replicates, as a project would have.
 */
import { timeMedian, type BenchResult, type BenchSuite } from './harness';
import { publishedSet } from '../src-main/engine/common/coefficients';
import { fit } from '../src-main/engine/fit';
import { lnLossAt, normalStream, proposeNextRuns, thetaOf, type NextRunInput } from '../src-main/engine/next-run';

const suite: BenchSuite = () => {
  const truth = thetaOf(publishedSet('ludziejewski2025-joint').values, 'truth');
  const z = normalStream(11);
  const runs = [3e7, 6e7, 1.2e8].flatMap((n) => [10, 40].flatMap((r) => [1, 4, 16].map((e) => ({ nAct: n, tokens: n * r, experts: e, loss: Math.exp(lnLossAt(truth, n, n * r, e) + 0.01 * z()) }))));
  const f = fit({
    law: 'joint',
    runs,
    grid: { a: [30], alpha: [-0.2], delta: [-0.2], gamma: [0], b: [30], beta: [-0.2], omega: [0.5], zeta: [0], c: [1.5] },
    replaceGrid: true,
    fixed: { eStart: 2.0732, eMax: 290.4521 },
    bootstrap: { samples: 100, seed: 3 },
  });
  const input: NextRunInput = { runs, coefficients: f.coefficients, replicates: f.replicates!, targetFlops: 1e22, gpuHours: 2000, throughput: { peakFlopsPerDevice: 9.894e14, utilization: 0.4 }, count: 3 };
  let sink = 0;
  const results: BenchResult[] = [
    {
      name: 'next-run proposal: default grid, 3 runs in 2,000 H100-hours, 40 simulated refits',
      ms: timeMedian(() => {
        sink += proposeNextRuns(input).runs.length;
      }, 3, 1),
      targetMs: 5000,
      baseline: {
        name: 'the linear design alone (no refits)',
        ms: timeMedian(() => {
          sink += proposeNextRuns({ ...input, worlds: 0 }).runs.length;
        }, 5, 1),
      },
    },
  ];
  if (!Number.isFinite(sink)) throw new Error('benchmark produced a non-finite result');
  return results;
};

export default suite;
