/** Speed of the joint-law engine: the sweep and the table must fit in one 60 Hz frame so charts follow a slider. */
import { timeMedian, type BenchResult, type BenchSuite } from './harness';
import { jointCoefficients, jointLossValue, memorySweep, optimalExpertTable, planComputeOptimal } from '../src-main/engine/joint';

const FRAME_MS = 16;

const suite: BenchSuite = () => {
  const k = jointCoefficients();
  const experts = [1, 2, 4, 8, 16, 32, 64];
  const budgets = Array.from({ length: 200 }, (_, i) => 1e9 * Math.pow(1e3, i / 199));
  let sink = 0;

  const results: BenchResult[] = [
    {
      name: '10^6 joint-law loss evaluations',
      ms: timeMedian(() => {
        for (let i = 0; i < 1_000_000; i++) sink += jointLossValue(k, 1e8 + i * 1e3, 1e10 + i * 1e4, experts[i % 7]!);
      }, 5, 1),
    },
    {
      name: 'compute-optimal plan over 7 expert counts',
      ms: timeMedian(() => {
        sink += planComputeOptimal({ flops: 1e22, experts }).best!.loss;
      }, 51, 5),
    },
    {
      name: 'loss-vs-memory sweep, 7 E × 200 memory budgets',
      ms: timeMedian(() => {
        sink += memorySweep({ flops: 1e22, memoryBudgets: budgets, experts, memoryMode: 'total' }).series.length;
      }, 51, 5),
      targetMs: FRAME_MS,
    },
    {
      name: 'optimal-E table, 4 budgets × 3 memories × 7 E',
      ms: timeMedian(() => {
        sink += optimalExpertTable({ budgets: [1e20, 1e21, 1e22, 1e23], experts }).rows.length;
      }, 51, 5),
      targetMs: FRAME_MS,
    },
  ];
  if (!Number.isFinite(sink)) throw new Error('benchmark produced a non-finite result');
  return results;
};

export default suite;
