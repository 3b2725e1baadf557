/**
 * The Target page's "Cheapest design per law": for each law's winner per objective, how its
 * serving memory, training, inference and lifetime FLOPs, device-hours and money follow from the
 * design's N_act and D, as engine/target/plan-target.ts `design` computes them: the paper-rule
 * shape of N_act (App. A's cubic, solved by Cardano's formula), N_total (Eq. 9), weights plus a
 * multi-head KV cache (§4), 6·N_act·D and 2·N_act·D_inf (LAWS.md §1), and LAWS.md §7's
 * device-hours = FLOPs / (peak × utilisation × 3600) and money = device-hours × price.
 * N_act and D themselves are the cheapest point on the law's loss contour, found numerically
 * (engine/target/solve.ts), so they enter as values.
 */
import type { Precision } from '../accounting/architecture';
import { MHA_CACHE } from '../accounting/memory';
import { exactShapeForActive } from '../accounting/shape-solver';
import type { CoefficientSet } from '../common/coefficients';
import { JOINT_LAW_DESCRIPTION } from '../joint/description';
import type { TargetLawId } from '../target/loss-surface';
import type { TargetObjective } from '../target/plan-target';
import { count as fmtCount } from '../../format';
import { DESIGN_MEMORY_SOURCE, designMemorySteps, TIME_COST_SOURCE } from './deploy';
import { countSteps, widthFromActive } from './design';
import { add, div, input, mul, step, term, type Step } from './expr';
import { setOf } from './laws';
import type { Explanation } from './render';

export const TARGET_LAW_LABEL: Record<TargetLawId, string> = { joint: 'Joint MoE law', chinchilla: 'Chinchilla (dense)', comprehensive: 'Comprehensive law' };

/** What each objective of a reverse plan minimises, as the explanation's titles and the report's rows name it. */
export const TARGET_OBJECTIVE_LABEL: Record<TargetObjective, string> = {
  trainingFlops: 'training FLOPs',
  servingMemory: 'serving memory',
  lifetimeFlops: 'lifetime FLOPs',
  money: 'money',
};

/** How each objective's N_act and D were chosen on the loss contour L(N_act, D) = target. */
const CHOSEN_BY: Record<TargetObjective, string> = {
  trainingFlops: 'the point of the loss contour with the least 6·N_act·D',
  servingMemory: 'the smallest N_act that reaches the target on at most the training tokens available',
  lifetimeFlops: 'the point of the loss contour with the least 6·N_act·D + 2·N_act·D_inf',
  money: 'the point of the loss contour with the least training plus serving device-hours, each at its own utilisation',
};

/** The hardware a reverse plan priced its designs on, as the plan.target answer carries it. */
export interface TargetHardwareFigures {
  name: string;
  trainingFlopsPerDeviceHour: number;
  inferenceFlopsPerDeviceHour: number;
  pricePerDeviceHour: number | null;
  trainingUtilization: number;
  inferenceUtilization: number;
}

/** What a reverse plan's answer (or its saved snapshot) holds for its winners. */
export interface ExplainableTarget {
  inferenceTokens: number;
  kvTokens: number;
  precision: Precision;
  hardware: TargetHardwareFigures | null;
  laws: ReadonlyArray<{
    law: TargetLawId;
    coefficientSetId: string;
    winners: ReadonlyArray<{ objective: TargetObjective; experts: number; design: { nAct: number; tokens: number } }>;
  }>;
}

/** One winner's deployment figures from its N_act and D. */
export function explainTargetDesign(
  x: { law: TargetLawId; objective: TargetObjective; experts: number; nAct: number; tokens: number },
  t: Omit<ExplainableTarget, 'laws'>,
  set: CoefficientSet,
): Explanation {
  const shape = exactShapeForActive(x.nAct, x.experts);
  const N = term('N_act', x.nAct, 'parameters', `active parameters: ${CHOSEN_BY[x.objective]} (found numerically)`);
  const D = term('D', x.tokens, 'tokens', 'training tokens of that point');
  const E = input('E', x.experts, 'experts', 'experts per MoE layer');
  const V = input('V', shape.vocab, 'dimensions', 'vocabulary (GPT-2)');
  const d = widthFromActive(N, V);
  const { nBlocks } = countSteps(d, V, '');
  const memory = designMemorySteps({ d, blocks: nBlocks, experts: E, vocab: V, dModel: shape.dModel }, { kvTokens: t.kvTokens, precision: t.precision, layout: MHA_CACHE });
  const dInf = input('D_inf', t.inferenceTokens, 'tokens', 'lifetime inference tokens');
  const fTrain = step('F_train', 'training compute 6·N_act·D', 'FLOPs', mul(6, N, D));
  const fInf = step('F_inf', 'serving compute 2·N_act·D_inf', 'FLOPs', mul(2, N, dInf));
  const fLife = step('F_life', 'lifetime compute: training plus serving', 'FLOPs', add(fTrain, fInf));
  const headline: Step[] = [memory.nTotal, memory.total, fTrain, fLife];
  const hw = t.hardware;
  if (hw) {
    // The answer carries each rate (peak × utilisation × 3600); the peak is read back from the training rate.
    const P = input('P', hw.trainingFlopsPerDeviceHour / (hw.trainingUtilization * 3600), 'FLOP/s', `peak dense bf16 throughput of one ${hw.name} device`);
    const rate = (symbol: string, u: number, what: string) =>
      step(symbol, `FLOPs one device-hour delivers in ${what}`, 'FLOPs', mul(P, input(`u_${symbol.slice(2)}`, u, '1', `utilisation in ${what}`), 3600));
    const hTrain = step('H_train', 'training device-hours', 'GPU-hours', div(fTrain, rate('R_train', hw.trainingUtilization, 'training')));
    const hInf = step('H_inf', 'serving device-hours', 'GPU-hours', div(fInf, rate('R_inf', hw.inferenceUtilization, 'serving')));
    const hours = step('H', 'device-hours: training plus serving', 'GPU-hours', add(hTrain, hInf));
    headline.push(hours);
    if (hw.pricePerDeviceHour !== null) headline.push(step('$', 'money: device-hours × price', 'USD', mul(hours, input('p_h', hw.pricePerDeviceHour, 'USD per device-hour', 'price per device-hour'))));
  }
  const dense = x.law === 'chinchilla' ? ' Chinchilla’s N is a dense model’s, so its shape is the joint law’s at E = 1 (N_total = N_act).' : '';
  return {
    figure: 'target.design',
    title: `${TARGET_LAW_LABEL[x.law]}, cheapest in ${TARGET_OBJECTIVE_LABEL[x.objective]}: E = ${x.experts}, ${fmtCount(x.nAct)} active parameters`,
    headline,
    citation: JOINT_LAW_DESCRIPTION.citation,
    source: `${DESIGN_MEMORY_SOURCE}; ${TIME_COST_SOURCE}; N_act and D from the loss contour of ${set.name}`,
    coefficientSet: setOf(set),
    note: `Serving memory counts the weights and a multi-head KV cache of ${fmtCount(t.kvTokens)} tokens for the shape the joint law’s paper uses (App. A).${dense}${hw ? '' : ' No hardware is chosen, so there are no device-hours or money.'}`,
  };
}

/** Every law's winners, in the order the table lists them; a law whose set cannot be resolved is named in the note. */
export function explainTargetDesigns(t: ExplainableTarget, setOfLaw: (law: TargetLawId, id: string) => CoefficientSet | null): { explanations: Explanation[]; note: string | null } {
  const explanations: Explanation[] = [];
  const missing: string[] = [];
  for (const l of t.laws) {
    const set = setOfLaw(l.law, l.coefficientSetId);
    if (!set) {
      if (l.winners.length) missing.push(`${TARGET_LAW_LABEL[l.law]} (coefficient set "${l.coefficientSetId}" is no longer in the store)`);
      continue;
    }
    for (const w of l.winners) explanations.push(explainTargetDesign({ law: l.law, objective: w.objective, experts: w.experts, nAct: w.design.nAct, tokens: w.design.tokens }, t, set));
  }
  return { explanations, note: missing.length ? `Not explained: ${missing.join('; ')}.` : null };
}
