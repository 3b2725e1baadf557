/** Service of reverse planning: resolves each law's coefficient set and the hardware, runs engine/target, says the answer in words. */
import { publishedSet, type CoefficientSet } from '../engine/common/coefficients';
import { bandJobNotice, replicateSets } from './replicates';
import { INLINE_BAND_REPLICATES } from '../engine/uncertainty';
import type { BandJobNotice } from '../ipc/contract/band';
import { EngineInputError } from '../engine/common/errors';
import { planTarget, publishedFitError, type TargetHardware, type TargetLawId, type TargetResult, type TargetWinner } from '../engine/target';
import { count, flops as formatSci } from '../format';
import type { ParsedRequestOf } from '../ipc/contract';
import type { ProvenanceInfo } from '../ipc/contract/common';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { resolveCoefficientSet } from './provenance';
import { findHardwareProfile } from './memory-budget';
import { loss as fmtLoss, significant as fmtSig } from '../format';

type Request = ParsedRequestOf<'plan.target'>;

const SET_FIELD: Record<TargetLawId, 'jointSetId' | 'chinchillaSetId' | 'comprehensiveSetId'> = {
  joint: 'jointSetId',
  chinchilla: 'chinchillaSetId',
  comprehensive: 'comprehensiveSetId',
};

const LAW_NAME: Record<TargetLawId, string> = { joint: 'joint law', chinchilla: 'Chinchilla', comprehensive: 'comprehensive law' };

interface ResolvedHardware extends TargetHardware {
  id: string;
  name: string;
  trainingUtilization: number;
  inferenceUtilization: number;
}

function resolveHardware(ctx: ServiceContext, r: Request): ResolvedHardware | null {
  if (r.hardwareId === undefined) {
    if (r.pricePerDeviceHour !== undefined) throw new ServiceError('invalid-request', 'pricePerDeviceHour needs a hardwareId: the price is per device-hour of that hardware', ['pricePerDeviceHour']);
    return null;
  }
  const profile = findHardwareProfile(ctx, r.hardwareId);
  const trainingUtilization = r.trainingUtilization ?? profile.defaultUtilization;
  const inferenceUtilization = r.inferenceUtilization ?? profile.defaultUtilization;
  return {
    id: profile.id,
    name: profile.name,
    trainingUtilization,
    inferenceUtilization,
    trainingFlopsPerDeviceHour: profile.peakFlopsPerDevice * trainingUtilization * 3600,
    inferenceFlopsPerDeviceHour: profile.peakFlopsPerDevice * inferenceUtilization * 3600,
    pricePerDeviceHour: r.pricePerDeviceHour ?? profile.pricePerDeviceHour,
  };
}

function goalWords(goal: Request['goal']): string {
  switch (goal.kind) {
    case 'loss':
      return `To reach a loss of ${goal.loss} nats/token`;
    case 'match-dense':
      return `To match a dense model of ${count(goal.params)} parameters trained on ${count(goal.tokens)} tokens`;
    case 'match-dense-optimal':
      return `To match the compute-optimal dense model of ${formatSci(goal.flops)} FLOPs`;
    case 'match-moe':
      return `To match an E = ${goal.experts} MoE of ${count(goal.nAct)} active parameters trained on ${count(goal.tokens)} tokens`;
  }
}

function bandWords(w: TargetWinner): string {
  const u = w.uncertainty;
  if (!u) return 'no uncertainty band: this coefficient set has neither bootstrap replicates nor a published fit error';
  const range = `${formatSci(u.value.low)}–${formatSci(u.value.high)} FLOPs`;
  if (u.kind === 'bootstrap') {
    const wins = u.expertWins.map((e) => `E = ${e.experts} in ${Math.round(e.share * 100)} %`).join(', ');
    return `90 % band over ${u.replicates} bootstrap refits ${range}; the winner is ${wins}`;
  }
  return `with the published fit error (± ${u.lossHalfWidth} nats/token) ${range}`;
}

/** Shorter band words for the one-sentence answer. */
function bandBrief(w: TargetWinner): string {
  const u = w.uncertainty;
  if (!u) return 'no band for this coefficient set';
  const range = `${formatSci(u.value.low)}–${formatSci(u.value.high)} FLOPs`;
  if (u.kind === 'bootstrap') return `90 % band ${range}, ${u.expertWins.map((e) => `E = ${e.experts} in ${Math.round(e.share * 100)} %`).join(', ')}`;
  return `${range} within the published fit error`;
}

/**
 * The answer in one sentence: the first law (in the order asked) that reaches the target, its
 * cheapest design in training FLOPs and how sure that is. The full answer follows it.
 */
export function targetHeadline(result: TargetResult, goal: Request['goal']): string {
  for (const law of result.laws) {
    const w = law.reason ? undefined : law.winners.find((x) => x.objective === 'trainingFlops');
    if (!w) continue;
    const d = w.design;
    const what = law.law === 'chinchilla' ? 'dense model' : w.experts > 1 ? 'MoE' : 'design';
    return `${goalWords(goal)}, the cheapest ${what} under the ${LAW_NAME[law.law]} is E = ${w.experts} with ${count(d.nAct)} active parameters on ${count(d.tokens)} tokens, ${formatSci(d.trainingFlops)} FLOPs (${bandBrief(w)}).`;
  }
  return `${goalWords(goal)}: no law asked reaches the target with these expert counts.`;
}

/** The cheapest design in training FLOPs under each law, the first law's in full. */
export function targetAnswer(result: TargetResult, goal: Request['goal']): string {
  const parts: string[] = [];
  for (const law of result.laws) {
    if (law.reason) {
      parts.push(`The ${LAW_NAME[law.law]} does not apply (${law.reason.replace(/^Not applicable: /, '').replace(/\.$/, '')}).`);
      continue;
    }
    const w = law.winners.find((x) => x.objective === 'trainingFlops');
    if (!w) {
      parts.push(`No E reaches the target under the ${LAW_NAME[law.law]}.`);
      continue;
    }
    const d = w.design;
    const ref = law.reference?.model;
    const share = ref ? ` (${fmtSig(((100 * d.trainingFlops) / ref.trainingFlops), 3)} % of the reference model's ${formatSci(ref.trainingFlops)} FLOPs)` : '';
    const lossNote = goal.kind === 'loss' ? '' : ` (target loss ${fmtLoss(law.reference!.loss)} on this law's data)`;
    parts.push(
      `Under the ${LAW_NAME[law.law]}${lossNote}, the cheapest in training FLOPs is E = ${w.experts}: N_act ${count(d.nAct)}, N_total ${count(d.nTotal)}, ${count(d.tokens)} tokens, ${formatSci(d.trainingFlops)} FLOPs${share}; ${bandWords(w)}.`,
    );
  }
  return `${goalWords(goal)}: ${parts.join(' ')}`;
}

/** An unreachable target loss is the goal's fault: point at goal.loss, where the request holds it. */
export function planInGoalTerms(o: Parameters<typeof planTarget>[0]): TargetResult {
  try {
    return planTarget(o);
  } catch (err) {
    if (err instanceof EngineInputError && err.field === 'loss') throw new ServiceError('invalid-request', err.message, ['goal', 'loss']);
    throw err;
  }
}

/** A reverse plan's engine options and what the answer adds, from a validated request. */
export interface ResolvedTarget {
  options: Parameters<typeof planTarget>[0];
  provenance: Partial<Record<TargetLawId, ProvenanceInfo>>;
  hardware: ResolvedHardware | null;
  /** Bootstrap replicates over all laws (0 when no law's set has any). */
  replicates: number;
}

export function resolveTarget(r: Request, ctx: ServiceContext): ResolvedTarget {
  const sets: Partial<Record<TargetLawId, CoefficientSet>> = {};
  const provenance: Partial<Record<TargetLawId, ProvenanceInfo>> = {};
  const fitErrors: Partial<Record<TargetLawId, ReturnType<typeof publishedFitError>>> = {};
  const replicates: Partial<Record<TargetLawId, CoefficientSet[]>> = {};
  let replicateCount = 0;
  for (const law of r.laws) {
    const resolved = resolveCoefficientSet(ctx, law, r[SET_FIELD[law]], SET_FIELD[law]);
    sets[law] = resolved.set;
    provenance[law] = resolved.provenance;
    fitErrors[law] = publishedFitError(resolved.set.id);
    const reps = replicateSets(ctx, resolved.set);
    if (reps) {
      replicates[law] = reps;
      replicateCount += reps.length;
    }
  }
  const hardware = resolveHardware(ctx, r);
  const options = {
    goal: r.goal,
    ...(r.experts ? { experts: r.experts } : {}),
    sets,
    fitErrors,
    replicates,
    leverage: publishedSet('tian2025-leverage'),
    inferenceTokens: r.inferenceTokens,
    maxTokens: r.maxTokens,
    kvTokens: r.kvTokens,
    precision: { bytesPerWeight: r.weightBytes, bytesPerKvValue: r.kvBytes },
    hardware,
  };
  return { options, provenance, hardware, replicates: replicateCount };
}

/** The channel's answer from the engine's result: hardware, provenance per law and the answer in words. */
export function targetResponse(result: TargetResult, r: Request, t: ResolvedTarget, bandJob: BandJobNotice | null) {
  return {
    ...result,
    hardware: t.hardware,
    laws: result.laws.map((l) => ({ ...l, provenance: t.provenance[l.law]! })),
    answer: targetAnswer(result, r.goal),
    headline: targetHeadline(result, r.goal),
    bandJob,
  };
}

export const targetHandlers: Pick<Handlers, 'plan.target'> = {
  'plan.target': (r, ctx) => {
    const t = resolveTarget(r, ctx);
    // Many replicates: answer now without the bootstrap band and leave it to a band job.
    if (t.replicates > INLINE_BAND_REPLICATES) return targetResponse(planInGoalTerms({ ...t.options, replicates: {} }), r, t, bandJobNotice(t.replicates));
    return targetResponse(planInGoalTerms(t.options), r, t, null);
  },
};
