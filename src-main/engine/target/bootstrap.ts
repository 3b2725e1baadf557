/**
 * How sure a reverse plan is when its coefficient set was fitted to the user's runs: re-solve the
 * training-FLOPs problem with every bootstrap replicate of the fit. Each replicate names its own
 * winning E and design; the band is the 5th–95th percentile of the winner's figures and the
 * shares say how often each E wins ("E = 16 in 71 %, E = 32 in 29 %").
 */
import type { CoefficientSet } from '../common/coefficients';
import { centralRange, type Range } from '../common/quantile';
import { computeOptimum, flopsToReachLoss } from '../joint/optimum';
import type { LossSurface } from './loss-surface';
import { referenceLoss, type TargetGoal } from './reference';
import { cheapestOnContour } from './solve';


export interface BootstrapBand {
  replicates: number;
  /** Replicates under which no E reaches the target (left out of the band). */
  unreachable: number;
  flops: Range;
  nAct: Range;
  tokens: Range;
  expertWins: Array<{ experts: number; share: number }>;
  /** 5th–95th percentile of each E's training FLOPs, for charts. */
  perExpert: Map<number, Range>;
}


/** How often each E wins across replicates, most frequent first. */
export function winShares(winningExperts: readonly number[]): Array<{ experts: number; share: number }> {
  const counts = new Map<number, number>();
  for (const e of winningExperts) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts].map(([e, c]) => ({ experts: e, share: c / winningExperts.length })).sort((a, b) => b.share - a.share || a.experts - b.experts);
}


/** Training FLOPs, N and D of the cheapest design reaching `target` on one surface: closed form when Chinchilla-shaped, else the contour solve. */
function cheapest(s: LossSurface, target: number): { flops: number; n: number; tokens: number } | null {
  if (s.perExpert) {
    const f = flopsToReachLoss(s.perExpert, target);
    if (f === null) return null;
    const a = computeOptimum(s.perExpert, f);
    return { flops: f, n: a.nAct, tokens: a.tokens };
  }
  const gap = target - s.floor;
  if (!(gap > 0)) return null;
  const p = cheapestOnContour(s.modelTerm, s.dataScale, s.dataExponent, gap, (n, d) => 6 * n * d);
  return p ? { flops: p.cost, n: p.n, tokens: p.tokens } : null;
}

/**
 * `surfaces.row(set, E)` builds a law's surface for one replicate (null when the law does not plan
 * that E), `surfaces.dense(set)` the one that reads a dense reference; the goal is re-read under
 * each replicate, so "match this dense model" moves with it.
 */
export function bootstrapBand(
  replicates: readonly CoefficientSet[],
  experts: readonly number[],
  goal: TargetGoal,
  surfaces: { row: (set: CoefficientSet, experts: number) => LossSurface | null; dense: (set: CoefficientSet) => LossSurface | null },
  confidence = 0.9,
  /** Called every 10 replicates and after the last; returning false stops the band (null). */
  onProgress?: (done: number, total: number) => boolean | void,
): BootstrapBand | null {
  const surface = surfaces.row;
  const winners: Array<{ experts: number; flops: number; n: number; tokens: number }> = [];
  const perE = new Map<number, number[]>(experts.map((e) => [e, []]));
  let unreachable = 0;
  for (const [i, set] of replicates.entries()) {
    if (onProgress && i > 0 && i % 10 === 0 && onProgress(i, replicates.length) === false) return null;
    const dense = goal.kind === 'match-dense' || goal.kind === 'match-dense-optimal' ? surfaces.dense(set) : null;
    const moe = goal.kind === 'match-moe' ? surface(set, goal.experts) : null;
    const target = referenceLoss(goal, dense, moe);
    let best: (typeof winners)[number] | null = null;
    if (target !== null) {
      for (const e of experts) {
        const s = surface(set, e);
        const c = s ? cheapest(s, target) : null;
        if (!c) continue;
        perE.get(e)!.push(c.flops);
        if (!best || c.flops < best.flops) best = { experts: e, ...c };
      }
    }
    if (best) winners.push(best);
    else unreachable++;
  }
  if (onProgress && onProgress(replicates.length, replicates.length) === false) return null;
  if (winners.length === 0) return null;
  const perExpert = new Map<number, Range>();
  for (const [e, list] of perE) if (list.length) perExpert.set(e, centralRange(list, confidence));
  return {
    replicates: replicates.length,
    unreachable,
    flops: centralRange(winners.map((w) => w.flops), confidence),
    nAct: centralRange(winners.map((w) => w.n), confidence),
    tokens: centralRange(winners.map((w) => w.tokens), confidence),
    expertWins: winShares(winners.map((w) => w.experts)),
    perExpert,
  };
}
