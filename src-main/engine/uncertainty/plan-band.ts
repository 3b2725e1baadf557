/**
 * The band of a compute-optimal plan made with a fitted set: re-plan with every bootstrap
 * replicate of the fit (closed form per E), take the winner of each (lowest loss), and report the
 * 5th–95th percentile of its N_act, tokens and loss, and how often each E wins.
 */
import type { CoefficientSet } from '../common/coefficients';
import { jointCoefficients } from '../joint/coefficients';
import { computeOptimum } from '../joint/optimum';
import { hasInteriorOptimum, perExpertLaw } from '../joint/per-expert-law';
import { quantile, winShares, type Range } from '../target/bootstrap';

export interface PlanBand {
  kind: 'bootstrap';
  label: string;
  replicates: number;
  nAct: Range;
  tokens: Range;
  loss: Range;
  expertWins: Array<{ experts: number; share: number }>;
}

export function computePlanBand(replicates: readonly CoefficientSet[], flops: number, experts: readonly number[], confidence = 0.9): PlanBand | null {
  const winners: Array<{ experts: number; nAct: number; tokens: number; loss: number }> = [];
  for (const set of replicates) {
    const k = jointCoefficients(set);
    let best: (typeof winners)[number] | null = null;
    for (const e of experts) {
      const law = perExpertLaw(e, k);
      if (!hasInteriorOptimum(law)) continue;
      const a = computeOptimum(law, flops);
      if (!best || a.loss < best.loss) best = { experts: e, ...a };
    }
    if (best) winners.push(best);
  }
  if (winners.length === 0) return null;
  const q = (f: (w: (typeof winners)[number]) => number): Range => {
    const v = winners.map(f);
    return { low: quantile(v, (1 - confidence) / 2), high: quantile(v, 1 - (1 - confidence) / 2) };
  };
  return {
    kind: 'bootstrap',
    label: `${Math.round(confidence * 100)} % band over ${winners.length} bootstrap refits of your runs (5th–95th percentile of each refit's best design).`,
    replicates: winners.length,
    nAct: q((w) => w.nAct),
    tokens: q((w) => w.tokens),
    loss: q((w) => w.loss),
    expertWins: winShares(winners.map((w) => w.experts)),
  };
}
