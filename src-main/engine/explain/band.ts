/**
 * How a plan's uncertainty band was computed. A bootstrap band: the plan's problem re-solved with
 * each replicate of the fit (when the band was made: it keeps each refit's best design, which is
 * all this reads), each refit's best design taken, and the band's ends the (1 − c)/2 and
 * 1 − (1 − c)/2 quantiles of those designs (linear interpolation between order statistics, as
 * `quantile` in engine/common/quantile.ts); the share of refits each E wins. A published fit
 * error: the paper's residual as ± a half-width around the predicted loss, not a confidence interval.
 */
import type { CoefficientSet } from '../common/coefficients';
import { BAND_CONFIDENCE, type Pick3 } from '../uncertainty/plan-band';
import { publishedFitError } from '../target/fit-error';
import { percent, whole } from '../../format';
import { add, div, input, mul, step, sub, term, type Step } from './expr';
import { orderStatistic } from './order-statistic';
import { setOf } from './laws';
import type { Explanation } from './render';

const QUANTITIES = [
  { key: 'nAct', symbol: 'N_act', meaning: 'active parameters', unit: 'parameters' },
  { key: 'tokens', symbol: 'D', meaning: 'training tokens', unit: 'tokens' },
  { key: 'loss', symbol: 'L', meaning: 'predicted loss', unit: 'nats/token' },
] as const;

/** A bootstrap band over each refit's best design, with the win share of each E. */
export function explainBootstrapBand(x: { winners: readonly Pick3[]; refits: number; confidence: number }, set: CoefficientSet): Explanation {
  const n = x.winners.length;
  const K = input('K', n, '1', 'refits with a feasible design (the band’s sample)');
  const c = input('c', x.confidence, 'share', 'the band’s level: the share of refits between its ends');
  const qLow = step('q_lo', 'lower quantile (1 − c)/2', 'share', div(sub(1, c), 2));
  const qHigh = step('q_hi', 'upper quantile 1 − q_lo', 'share', sub(1, qLow));
  const position = (q: Step, side: string) => step(`h_${side}`, `position of the ${side === 'lo' ? 'lower' : 'upper'} end among the sorted refits, (K − 1)·q (0 = smallest)`, '1', mul(sub(K, 1), q));
  const hLow = position(qLow, 'lo');
  const hHigh = position(qHigh, 'hi');
  const headline: Step[] = [];
  for (const qn of QUANTITIES) {
    const values = x.winners.map((w) => w[qn.key]);
    for (const [h, side] of [[hLow, 'lo'], [hHigh, 'hi']] as const) {
      const end = orderStatistic(values, h, { symbol: qn.symbol, unit: qn.unit, meaning: `${qn.meaning} among the refits’ best designs` });
      headline.push(step(`${qn.symbol}_${side}`, `${side === 'lo' ? 'low' : 'high'} end of the band of ${qn.meaning}`, qn.unit, end));
    }
  }
  const wins = new Map<number, number>();
  for (const w of x.winners) wins.set(w.experts, (wins.get(w.experts) ?? 0) + 1);
  for (const [e, k] of [...wins].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    headline.push(step(`share_${e}`, `share of refits whose best design has E = ${e}`, 'share', div(input(`n_${e}`, k, '1', `refits won by E = ${e}`), K)));
  }
  const left = x.refits - n;
  return {
    figure: 'band.bootstrap',
    title: `Uncertainty band: ${percent(x.confidence)} over ${whole(n)} bootstrap refits`,
    headline,
    citation: set.citation,
    source: `Bootstrap: the plan’s problem (budget, memory cap, inference tokens, E list) re-solved with each of the ${whole(x.refits)} replicates saved with the fit “${set.name}”; each refit’s best design (lowest loss); quantiles by linear interpolation between order statistics`,
    coefficientSet: setOf(set),
    note: `Each refit re-fits the law to your runs resampled with replacement, so the band shows how far the recommendation moves with the runs you happened to have; it does not cover the law’s own error far outside its fitted range.${left ? ` ${left} of ${x.refits} refits give no feasible design and are left out.` : ''}`,
    data: {
      caption: `Each refit’s best design (lowest loss over the plan’s E list), in the order the replicates were saved: the ${whole(n)} values each end of the band is taken over`,
      columns: [
        { header: 'Refit', unit: 'dimensions' },
        { header: 'E', unit: 'dimensions' },
        { header: 'N_act (parameters)', unit: 'parameters' },
        { header: 'D (tokens)', unit: 'tokens' },
        { header: 'L (nats/token)', unit: 'nats/token' },
      ],
      rows: x.winners.map((w, i) => [i + 1, w.experts, w.nAct, w.tokens, w.loss]),
    },
  };
}

/** The paper's fit error as ± a half-width around the design's loss. */
export function explainFitErrorBand(x: { loss: number; halfWidth: number; label: string }, set: CoefficientSet): Explanation {
  const L = term('L', x.loss, 'nats/token', 'the recommended design’s predicted loss (the design’s explanation)');
  const h = input('ε', x.halfWidth, 'nats/token', 'the fit error its paper reports');
  return {
    figure: 'band.fitError',
    title: 'Uncertainty band: the published fit error around the loss',
    headline: [step('L_lo', 'low end: loss − fit error', 'nats/token', sub(L, h)), step('L_hi', 'high end: loss + fit error', 'nats/token', add(L, h))],
    citation: set.citation,
    source: x.label,
    coefficientSet: setOf(set),
    note: 'The published set carries no bootstrap replicates, so only the loss is banded, by the residual the paper reports for its fit. It is not a confidence interval, and says nothing of the error of an extrapolated prediction.',
  };
}

/** What a band explanation reads of a band, as made now or saved by an earlier version. */
export interface BandToExplain {
  kind: 'bootstrap' | 'published-fit-error';
  replicates: number | null;
  confidence?: number | null | undefined;
  winners: readonly Pick3[] | null;
  refits: number | null;
}

/**
 * A plan's band explained from what the band kept (its refits' best designs), never by
 * re-solving the replicates; `bestLoss` is the recommended design's loss, which a published
 * fit error is put around. No explanation (and why) for a band saved before it kept its winners.
 */
export function explainPlanBand(band: BandToExplain, bestLoss: number | null, set: CoefficientSet): { explanations: Explanation[]; note: string | null } {
  if (band.kind === 'published-fit-error') {
    const error = publishedFitError(set.id);
    if (!error || bestLoss === null) return { explanations: [], note: 'No fit-error band to explain: the plan has no recommended design or its set no published fit error.' };
    return { explanations: [explainFitErrorBand({ loss: bestLoss, halfWidth: error.lossHalfWidth, label: error.label }, set)], note: null };
  }
  if (!band.winners) return { explanations: [], note: 'This band was saved before bands kept each refit’s best design, so there is nothing to explain it from: run the plan again for a band that can be explained.' };
  if (band.winners.length === 0) return { explanations: [], note: 'No band: no bootstrap refit gives a feasible design.' };
  return { explanations: [explainBootstrapBand({ winners: band.winners, refits: band.refits ?? band.winners.length, confidence: band.confidence ?? BAND_CONFIDENCE }, set)], note: null };
}

