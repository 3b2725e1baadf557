/**
 * Why one expert count: every E's design under the same constraint (a cell of the optimal-E table,
 * a point of the inference trend), the lowest predicted loss chosen, and that design's allocation
 * written out as the design table's rows are (explainCandidate, compact).
 */
import type { CoefficientSet } from '../common/coefficients';
import { allocateAll, type DesignConstraint } from '../joint/candidate';
import { jointCoefficients } from '../joint/coefficients';
import { decimals } from '../../format';
import { explainCandidate } from './design';
import type { Explanation } from './render';

export function explainBestAllocation(x: { experts: readonly number[]; constraint: DesignConstraint; title: string }, set: CoefficientSet): Explanation | null {
  const c = x.constraint;
  const { all, best } = allocateAll(x.experts, jointCoefficients(set), c);
  if (!best) return null;
  const problem = {
    flops: c.flops,
    inferenceTokens: c.inferenceTokens,
    kvTokens: c.kvTokens,
    precision: c.precision,
    cacheLayout: c.cacheLayout,
    learningRateBasis: c.learningRateBasis,
    memoryBytes: c.memory?.budgetBytes ?? null,
    memoryMode: c.memory?.mode ?? null,
  };
  const e = explainCandidate({ experts: best.experts, nAct: best.nAct, tokens: best.tokens, shape: best.shape, bindingConstraint: best.binding }, problem, set, { title: x.title, compact: true });
  // Four decimals, as the tables show losses; the chosen E is the lowest to full precision.
  const losses = all.map((a) => (a.feasible ? `E = ${a.experts}: ${decimals(a.loss, 4)}` : `E = ${a.experts}: infeasible`)).join(', ');
  return { ...e, note: `E = ${best.experts} has the lowest predicted loss of the expert counts (${losses} nats/token). ${e.note ?? ''}`.trim() };
}
