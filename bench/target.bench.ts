/**
 * Reverse planning (issue 17): one target plan over 3 laws × 7 E, and the 200-replicate bootstrap
 * band of one plan (target < 50 ms), against the same plan without replicates as the baseline.
 */
import { timeMedian, type BenchResult, type BenchSuite } from './harness';
import { publishedSet, type CoefficientSet } from '../src-main/engine/common/coefficients';
import { planTarget, publishedFitError } from '../src-main/engine/target';
import { planComputeOptimal, planMemoryOptimal } from '../src-main/engine/joint';
import { bootstrapPlanBand } from '../src-main/engine/uncertainty';

const suite: BenchSuite = () => {
  const joint = publishedSet('ludziejewski2025-joint');
  const sets = { joint, chinchilla: publishedSet('hoffmann2022'), comprehensive: publishedSet('moe-comprehensive-2025') };
  const goal = { kind: 'match-dense' as const, params: 7e9, tokens: 2e12 };
  let x = 5;
  const u = () => ((x = (x * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32) * 2 - 1;
  const replicates: CoefficientSet[] = Array.from({ length: 200 }, (_, i) => {
    const v = { ...joint.values };
    for (const k of ['a', 'b', 'alpha', 'beta', 'delta', 'omega']) v[k] = v[k]! * (1 + 0.03 * u());
    return { ...joint, id: `rep-${i}`, values: v };
  });
  let sink = 0;
  const jointOnly = () => planTarget({ goal, sets: { joint }, fitErrors: { joint: publishedFitError(joint.id) } });
  const baseline = timeMedian(() => {
    sink += jointOnly().rows.length;
  }, 21, 3);
  const results: BenchResult[] = [
    {
      name: 'target plan: 7B/2T dense match, 3 laws × 7 E, 4 objectives',
      ms: timeMedian(() => {
        sink += planTarget({ goal, sets, fitErrors: { joint: publishedFitError(joint.id) }, inferenceTokens: 1e12 }).rows.length;
      }, 11, 2),
    },
    {
      name: '200-replicate bootstrap band of one target plan (joint, 7 E)',
      ms: timeMedian(() => {
        // Fresh set objects each round, as each request reads them anew from the store.
        sink += planTarget({ goal, sets: { joint }, replicates: { joint: replicates.map((r) => ({ ...r })) } }).rows.length;
      }, 21, 3),
      targetMs: 50,
      baseline: { name: 'the same plan without replicates', ms: baseline },
    },
  ];
  // The same band on forward plans: each replicate re-solves the plan's own problem (7 E).
  const compute = planComputeOptimal({ flops: 1e22, coefficients: joint });
  const memory = planMemoryOptimal({ flops: 1e22, coefficients: joint, memoryBytes: 24 * 2 ** 30 });
  const planBaseline = timeMedian(() => {
    sink += planMemoryOptimal({ flops: 1e22, coefficients: joint, memoryBytes: 24 * 2 ** 30 }).candidates.length;
  }, 21, 3);
  for (const [what, plan] of [['compute', compute], ['memory (24 GiB, weights + KV)', memory]] as const) {
    results.push({
      name: `200-replicate bootstrap band of one ${what} plan (7 E)`,
      ms: timeMedian(() => {
        sink += bootstrapPlanBand(replicates.map((r) => ({ ...r })), plan)!.loss.high;
      }, 21, 3),
      targetMs: 50,
      baseline: { name: 'the memory plan itself', ms: planBaseline },
    });
  }
  if (!Number.isFinite(sink)) throw new Error('benchmark produced a non-finite result');
  return results;
};

export default suite;
