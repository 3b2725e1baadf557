/**
 * How sure a forward plan (compute-, memory- or inference-optimal) is.
 *
 * With a fitted set that has bootstrap replicates: re-solve the same problem (same budget, memory
 * cap, inference tokens, E list) with every replicate, take each replicate's winner (lowest loss),
 * and report the 5th–95th percentile of its N_act, tokens and loss, how often each E wins, and the
 * same band per E for charts. Only the allocation step runs per replicate (no buildable rounding,
 * recipe or flags), so a 200-replicate band costs about what 200 closed forms do.
 *
 * With a published set that carries no replicates: the paper's reported fit error as a loss band
 * around each E's predicted loss, labelled as a residual of the fit, not a confidence interval.
 */
import type { CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';
import { allocateCandidate, type DesignConstraint } from '../joint/candidate';
import { jointCoefficients } from '../joint/coefficients';
import type { PlanResult } from '../joint/plans';
import { centralRange, type Range } from '../common/quantile';
import { winShares } from '../target/bootstrap';
import type { PublishedFitError } from '../target/fit-error';

/**
 * Replicate counts above which a band runs as a job in a worker thread instead of inline. The
 * 200-replicate band of one forward plan takes 23–38 ms (`npm run bench target`, target 50 ms):
 * up to there it stays inline with the answer; beyond, it would hold the answer up (1,000
 * replicates ≈ 0.15–0.2 s, a reverse plan several times that), so the answer comes first and
 * the band follows with progress and cancel.
 */
export const INLINE_BAND_REPLICATES = 200;

export interface ExpertBand {
  experts: number;
  /** Null for a published fit error, which bands the loss only. */
  nAct: Range | null;
  tokens: Range | null;
  loss: Range;
}

export interface PlanBand {
  kind: 'bootstrap' | 'published-fit-error';
  label: string;
  /** Bootstrap: replicates under which some E is feasible (the band's sample size). */
  replicates: number | null;
  /** Published fit error: the half-width of the loss band, nats per token. */
  lossHalfWidth: number | null;
  confidence: number | null;
  nAct: Range | null;
  tokens: Range | null;
  loss: Range;
  /** How often each E wins across replicates, most frequent first; empty for a published fit error. */
  expertWins: Array<{ experts: number; share: number }>;
  /** The band of each E's own design, for charts. */
  perExpert: ExpertBand[];
  /**
   * Bootstrap: each refit's best design, in replicate order (refits with no feasible design left
   * out), so the band's quantiles and win shares can be explained from what the band was taken
   * over without re-solving every replicate. Null for a published fit error.
   */
  winners: Pick3[] | null;
  /** Bootstrap: how many replicates were re-solved (winners plus those with no feasible design). */
  refits: number | null;
}

/** The problem a plan solved, as the allocation step reads it. */
export function planConstraint(plan: PlanResult): DesignConstraint {
  return {
    flops: plan.flops,
    inferenceTokens: plan.inferenceTokens,
    memory: plan.memoryBytes !== null ? { budgetBytes: plan.memoryBytes, mode: plan.memoryMode ?? 'total' } : null,
    kvTokens: plan.kvTokens,
    precision: plan.precision,
    learningRateBasis: plan.learningRateBasis,
    cacheLayout: plan.cacheLayout,
  };
}

/**
 * One E's allocation under one replicate, or null when the replicate cannot plan it at all: a
 * bootstrap refit of few runs can be degenerate (a data term near zero drives the optimal size to
 * nothing), and one such refit must not sink the band of the others.
 */
function allocateOrNull(e: number, k: ReturnType<typeof jointCoefficients>, constraint: DesignConstraint): ReturnType<typeof allocateCandidate> | null {
  try {
    return allocateCandidate(e, k, constraint);
  } catch (err) {
    if (err instanceof EngineInputError) return null;
    throw err;
  }
}

/** One replicate's design for one E (or its winner): what the band is taken over. */
export interface Pick3 {
  experts: number;
  nAct: number;
  tokens: number;
  loss: number;
}

/** The share of refits inside a bootstrap band: the 5th to the 95th percentile. */
export const BAND_CONFIDENCE = 0.9;

/**
 * Each replicate's best design (lowest loss over the plan's E list) and each E's design per
 * replicate; null when `onProgress` returned false (cancelled).
 */
export function replicateWinners(
  replicates: readonly CoefficientSet[],
  plan: PlanResult,
  onProgress?: (done: number, total: number) => boolean | void,
): { winners: Pick3[]; perE: Map<number, Pick3[]> } | null {
  const constraint = planConstraint(plan);
  const winners: Pick3[] = [];
  const perE = new Map<number, Pick3[]>(plan.experts.map((e) => [e, []]));
  for (let i = 0; i < replicates.length; i++) {
    const k = jointCoefficients(replicates[i]!);
    let best: Pick3 | null = null;
    for (const e of plan.experts) {
      const a = allocateOrNull(e, k, constraint);
      if (!a?.feasible) continue;
      const p = { experts: e, nAct: a.nAct, tokens: a.tokens, loss: a.loss };
      perE.get(e)!.push(p);
      if (!best || p.loss < best.loss) best = p;
    }
    if (best) winners.push(best);
    if (onProgress && (i % 10 === 9 || i === replicates.length - 1) && onProgress(i + 1, replicates.length) === false) return null;
  }
  return { winners, perE };
}

/**
 * The plan's problem re-solved with every replicate. `onProgress(done, total)` is called every few
 * replicates and may return false to stop (the caller's cancel); a stopped band is null.
 */
export function bootstrapPlanBand(
  replicates: readonly CoefficientSet[],
  plan: PlanResult,
  o: { confidence?: number; onProgress?: (done: number, total: number) => boolean | void } = {},
): PlanBand | null {
  const confidence = o.confidence ?? BAND_CONFIDENCE;
  const solved = replicateWinners(replicates, plan, o.onProgress);
  if (!solved) return null;
  const { winners, perE } = solved;
  if (winners.length === 0) return null;
  const band = (list: readonly Pick3[], f: (p: Pick3) => number): Range => centralRange(list.map(f), confidence);
  const pct = Math.round(confidence * 100);
  const lowP = Math.round(((1 - confidence) / 2) * 100);
  const left = replicates.length - winners.length;
  const leftOut = left ? ` ${left} of ${replicates.length} refits give no feasible design (a degenerate refit or the cap) and are left out.` : '';
  return {
    kind: 'bootstrap',
    label: `${pct} % band over ${winners.length} bootstrap refits of your runs (${lowP}th–${100 - lowP}th percentile of each refit's best design).${leftOut}`,
    replicates: winners.length,
    lossHalfWidth: null,
    confidence,
    nAct: band(winners, (w) => w.nAct),
    tokens: band(winners, (w) => w.tokens),
    loss: band(winners, (w) => w.loss),
    expertWins: winShares(winners.map((w) => w.experts)),
    perExpert: [...perE].filter(([, l]) => l.length > 0).map(([e, l]) => ({ experts: e, nAct: band(l, (p) => p.nAct), tokens: band(l, (p) => p.tokens), loss: band(l, (p) => p.loss) })),
    winners,
    refits: replicates.length,
  };
}

/** The published fit error as a loss band around the plan's best design and around each feasible E. */
export function fitErrorPlanBand(plan: PlanResult, error: PublishedFitError): PlanBand | null {
  if (!plan.best) return null;
  const h = error.lossHalfWidth;
  const around = (loss: number): Range => ({ low: loss - h, high: loss + h });
  return {
    kind: 'published-fit-error',
    label: error.label,
    replicates: null,
    lossHalfWidth: h,
    confidence: null,
    nAct: null,
    tokens: null,
    loss: around(plan.best.loss),
    expertWins: [],
    perExpert: plan.candidates.flatMap((c) => (c.feasible ? [{ experts: c.experts, nAct: null, tokens: null, loss: around(c.loss) }] : [])),
    winners: null,
    refits: null,
  };
}
