/**
 * The layout search over the default space must answer within one 60 Hz frame so the Deploy
 * section follows the inputs. Baseline in the same run: the plain brute force that evaluates
 * trainingMemory for every layout and sorts afterwards.
 */
import { timeMedian, type BenchResult, type BenchSuite } from './harness';
import { compareLayouts, DEFAULT_SEARCH_SPACE, deployModelFromShape, layoutProblems, searchLayout, trainingMemory, type ParallelLayout } from '../src-main/engine/deploy';

const FRAME_MS = 16;
const GiB = 2 ** 30;

const suite: BenchSuite = () => {
  // A 64-expert design of d_model 2048 (32 blocks, 32 heads) on 64 H100 80 GB, 4k sequence.
  const model = deployModelFromShape({ dModel: 2048, nBlocks: 32, nHeads: 32, experts: 64, vocab: 50_257 });
  const input = { model, devices: 64, memoryBytesPerDevice: 80 * GiB, reserve: { kind: 'share' as const, share: 0.1 }, seqLen: 4096, optimizer: 'adam-mixed' as const };
  let sink = 0;
  const search = timeMedian(() => {
    sink += searchLayout(input).evaluated;
  }, 21, 3);
  const baseline = timeMedian(() => {
    const found: { l: ParallelLayout; bytes: number }[] = [];
    for (const tp of DEFAULT_SEARCH_SPACE.tp)
      for (const pp of DEFAULT_SEARCH_SPACE.pp)
        for (let ep = 1; ep <= model.experts; ep++)
          for (const zero of DEFAULT_SEARCH_SPACE.zero)
            for (const recompute of DEFAULT_SEARCH_SPACE.recompute)
              for (const microBatch of DEFAULT_SEARCH_SPACE.microBatch) {
                const l = { tp, pp, ep, zero, recompute, microBatch };
                if (layoutProblems(model, l, 64).length) continue;
                found.push({ l, bytes: trainingMemory(model, l, 64, input).totalBytes });
              }
    found.sort((a, b) => compareLayouts(a.l, b.l));
    sink += found.findIndex((f) => f.bytes <= 0.9 * 80 * GiB);
  }, 5, 1);
  const nothingFits = timeMedian(() => {
    sink += searchLayout({ ...input, devices: 1 }).suggestions.length;
  }, 7, 1);
  if (!Number.isFinite(sink)) throw new Error('benchmark produced a non-finite result');
  const results: BenchResult[] = [
    { name: 'layout search, default space, 64 devices, E = 64', ms: search, targetMs: FRAME_MS, note: `${(baseline / search).toFixed(1)}× faster than brute force (${baseline.toFixed(1)} ms)` },
    { name: 'layout search on 1 device, nothing fits, with suggestions', ms: nothingFits },
  ];
  return results;
};

export default suite;
