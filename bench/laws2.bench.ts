/** Timing of the law-engine II grids: an EL contour grid and the comprehensive-law surfaces. */
import { timeMedian, type BenchSuite } from './harness';
import { defaultContourAxes, leverageContours } from '../src-main/engine/leverage';
import { activeRatioLossCurve, structureLossSurface } from '../src-main/engine/comprehensive';

const suite: BenchSuite = () => {
  const axes = defaultContourAxes(201);
  const gs = Array.from({ length: 200 }, (_, i) => 1 + (19 * i) / 199);
  const ss = Array.from({ length: 200 }, (_, i) => (0.7 * i) / 199);
  const ratios = Array.from({ length: 10_000 }, (_, i) => (i + 1) / 10_000);
  return [
    {
      name: 'EL contour grid, 201 x 201 (A, G) at one budget',
      ms: timeMedian(() => void leverageContours({ flops: 1e21, ...axes })),
    },
    {
      name: 'comprehensive loss surface, 200 x 200 (G, S)',
      ms: timeMedian(() => void structureLossSurface({ total: 2e9, tokens: 30e9, active: 4e8, activeExperts: gs, sharedRatios: ss })),
    },
    {
      name: 'comprehensive N_a/N curve, 10^4 ratios',
      ms: timeMedian(() => void activeRatioLossCurve({ total: 30e9, tokens: 600e9, activeRatios: ratios })),
    },
  ];
};

export default suite;
