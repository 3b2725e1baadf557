/**
 * Reverse planning: start from the loss to reach (or the model to match) and find, for each law
 * and each E, the cheapest design in training FLOPs, in serving memory, in lifetime FLOPs
 * (training plus inference) and in money when prices are set; then the winner per law and where
 * the laws disagree.
 */
import type { CoefficientSet } from '../common/coefficients';
import { EngineInputError } from '../common/errors';
import type { ResultFlag } from '../common/flags';
import { memoryFootprint } from '../accounting/memory';
import { resolvePrecision } from '../accounting/account-shape';
import type { Precision } from '../accounting/architecture';
import { requireExpertList, requireNonNegativeFinite, requirePositiveFinite } from '../accounting/validate';
import { chinchillaSurface, comprehensiveSurface, jointSurface, lossOn, type LossSurface, type TargetLawId } from './loss-surface';
import { referenceFor, type TargetGoal, type TargetReference } from './reference';
import type { PublishedFitError } from './fit-error';
import { lawsAtDesign, type DesignForLaws, type DesignPrediction } from './laws-at-design';
import { cheapestOnContour, smallestWithinTokens, type ContourPoint } from './solve';

export const TARGET_OBJECTIVES = ['trainingFlops', 'servingMemory', 'lifetimeFlops', 'money'] as const;
export type TargetObjective = (typeof TARGET_OBJECTIVES)[number];

/** What one device-hour delivers in training and in serving (peak × utilisation × 3600), and what it costs. */
export interface TargetHardware {
  trainingFlopsPerDeviceHour: number;
  inferenceFlopsPerDeviceHour: number;
  /** Dollars per device-hour; null when no price is set, and then there is no money design. */
  pricePerDeviceHour: number | null;
}

export interface TargetOptions {
  goal: TargetGoal;
  experts?: readonly number[];
  /** Bootstrap replicates per law (sets fitted to the user's runs): the band and E-win shares come from them. */
  replicates?: Partial<Record<TargetLawId, readonly CoefficientSet[]>>;
  /** Progress of the bootstrap re-solves over all laws' replicates; returning false stops them (no bootstrap band). */
  onBootstrapProgress?: (done: number, total: number) => boolean | void;
  /** Loss band per law for sets without replicates (publishedFitError); none when absent. */
  fitErrors?: Partial<Record<TargetLawId, PublishedFitError | null>>;
  /** Efficiency Leverage set for the law-disagreement panel (it plans nothing itself). */
  leverage?: CoefficientSet;
  /** One set per law to use; a law left out is not consulted. */
  sets: Partial<Record<TargetLawId, CoefficientSet>>;
  /** Lifetime inference tokens the model will serve (0: train only). */
  inferenceTokens?: number;
  /** Training tokens available: the serving-memory design may use at most this many. */
  maxTokens?: number;
  kvTokens?: number;
  precision?: Partial<Precision>;
  hardware?: TargetHardware | null;
}

export interface TargetDesign {
  objective: TargetObjective;
  /** The law's size variable: active parameters (Chinchilla: its N). */
  nAct: number;
  nTotal: number;
  tokens: number;
  tokensPerParam: number;
  loss: number;
  trainingFlops: number;
  inferenceFlops: number;
  lifetimeFlops: number;
  weightsBytes: number;
  kvBytes: number;
  servingBytes: number;
  /** Device-hours on the chosen hardware, when there is one. */
  deviceHours: { training: number; inference: number; total: number } | null;
  /** Dollars, when the hardware has a price. */
  money: { training: number; inference: number; total: number } | null;
  flags: ResultFlag[];
}

export type TargetRow =
  | {
      feasible: true;
      law: TargetLawId;
      coefficientSetId: string;
      experts: number;
      targetLoss: number;
      designs: Record<TargetObjective, TargetDesign | null>;
      /** Why a design is missing (serving memory beyond the token cap; money without prices). */
      missing: Partial<Record<TargetObjective, string>>;
      /** Training FLOPs of this E's design for the target ± the published fit error, when there is one (for charts). */
      trainingFlopsBand: Range | null;
    }
  | { feasible: false; law: TargetLawId; coefficientSetId: string; experts: number; reason: string };

import { bootstrapBand } from './bootstrap';
import type { Range } from '../common/quantile';
import { flops as fmtFlops, significant as fmtSig, decimals as fmtFixed } from '../../format';
export type { Range } from '../common/quantile';

/**
 * How sure a winner is. 'published-fit-error': the design for the target loss ± the paper's fit
 * error at the winning E. 'bootstrap': the 5th–95th percentile of the winner over refits of the
 * user's runs, with how often each E wins.
 */
export interface TargetUncertainty {
  kind: 'published-fit-error' | 'bootstrap';
  label: string;
  lossHalfWidth: number | null;
  replicates: number | null;
  value: Range;
  nAct: Range;
  tokens: Range;
  expertWins: Array<{ experts: number; share: number }>;
}

export interface TargetWinner {
  law: TargetLawId;
  objective: TargetObjective;
  experts: number;
  /** The objective's value: FLOPs, bytes or dollars. */
  value: number;
  design: TargetDesign;
  uncertainty: TargetUncertainty | null;
}

export interface TargetLawSummary {
  law: TargetLawId;
  coefficientSetId: string;
  reference: TargetReference | null;
  /** Set when the law cannot speak to this goal at all. */
  reason: string | null;
  winners: TargetWinner[];
}

export interface TargetDisagreement {
  objective: TargetObjective;
  /** Each law's winner, cheapest first. */
  byLaw: Array<{ law: TargetLawId; experts: number; value: number }>;
  /** Largest over smallest winning value across laws (1 when they agree or only one law answers). */
  spread: number;
  /** True when the laws name different winning E. */
  expertsDiffer: boolean;
}

export interface TargetResult {
  goal: TargetGoal;
  experts: number[];
  inferenceTokens: number;
  maxTokens: number;
  kvTokens: number;
  precision: Precision;
  hardware: TargetHardware | null;
  rows: TargetRow[];
  laws: TargetLawSummary[];
  disagreements: TargetDisagreement[];
  /** Every law's prediction for the joint law's cheapest design in training FLOPs (null without a joint winner). */
  lawsAtWinner: { design: DesignForLaws; predictions: DesignPrediction[] } | null;
  flags: ResultFlag[];
}

/** FineWeb's 15T tokens: about the largest open pre-training corpus, so a sane default cap on data. */
export const DEFAULT_MAX_TOKENS = 15e12;

const VALUE_OF: Record<TargetObjective, (d: TargetDesign) => number> = {
  trainingFlops: (d) => d.trainingFlops,
  servingMemory: (d) => d.servingBytes,
  lifetimeFlops: (d) => d.lifetimeFlops,
  money: (d) => d.money?.total ?? Infinity,
};

export function objectiveValue(objective: TargetObjective, d: TargetDesign): number {
  return VALUE_OF[objective](d);
}

interface Settings {
  inferenceTokens: number;
  maxTokens: number;
  kvTokens: number;
  precision: Precision;
  hardware: TargetHardware | null;
}

function design(s: LossSurface, objective: TargetObjective, n: number, tokens: number, o: Settings): TargetDesign {
  const nTotal = s.totalParams(n);
  const trainingFlops = 6 * n * tokens;
  const inferenceFlops = 2 * n * o.inferenceTokens;
  const mem = memoryFootprint(nTotal, s.shape(n), o.kvTokens, o.precision);
  const hw = o.hardware;
  const hours = hw ? { training: trainingFlops / hw.trainingFlopsPerDeviceHour, inference: inferenceFlops / hw.inferenceFlopsPerDeviceHour } : null;
  const deviceHours = hours ? { ...hours, total: hours.training + hours.inference } : null;
  const price = hw?.pricePerDeviceHour ?? null;
  const money =
    deviceHours && price !== null ? { training: deviceHours.training * price, inference: deviceHours.inference * price, total: deviceHours.total * price } : null;
  return {
    objective,
    nAct: n,
    nTotal,
    tokens,
    tokensPerParam: tokens / n,
    loss: lossOn(s, n, tokens),
    trainingFlops,
    inferenceFlops,
    lifetimeFlops: trainingFlops + inferenceFlops,
    weightsBytes: mem.weightsBytes,
    kvBytes: mem.kvBytes,
    servingBytes: mem.totalBytes,
    deviceHours,
    money,
    flags: s.flags({ n, tokens, flops: trainingFlops }),
  };
}

/** All four designs of one law at one E for the loss `target`. */
export function designsFor(s: LossSurface, target: number, o: Settings): TargetRow {
  const base = { law: s.law, coefficientSetId: s.coefficientSetId, experts: s.experts };
  const gap = target - s.floor;
  if (!(gap > 0)) {
    return { ...base, feasible: false, reason: `The target loss ${fmtFixed(target, 4)} is at or below this law's irreducible loss ${fmtFixed(s.floor, 4)}: no model reaches it.` };
  }
  const h = s.modelTerm;
  const solve = (cost: (n: number, d: number) => number) => cheapestOnContour(h, s.dataScale, s.dataExponent, gap, cost);
  const training = solve((n, d) => 6 * n * d);
  if (!training) {
    return { ...base, feasible: false, reason: `Even 10^17 parameters leave this law's model term above ${fmtSig(gap, 4)}: the target loss ${fmtFixed(target, 4)} is out of reach at E = ${s.experts}.` };
  }
  const missing: Partial<Record<TargetObjective, string>> = {};
  const lifetime = o.inferenceTokens > 0 ? solve((n, d) => 6 * n * d + 2 * n * o.inferenceTokens) : training;
  let money: ContourPoint | null = null;
  const hw = o.hardware;
  if (hw && hw.pricePerDeviceHour !== null) {
    // Training and serving may run at different utilisation, so the cheapest in money need not be the cheapest in FLOPs.
    money = solve((n, d) => (6 * n * d) / hw.trainingFlopsPerDeviceHour + (2 * n * o.inferenceTokens) / hw.inferenceFlopsPerDeviceHour);
  } else missing.money = hw ? 'The chosen hardware has no price per device-hour.' : 'No hardware is chosen, so there is no price.';
  const small = smallestWithinTokens(h, s.dataScale, s.dataExponent, gap, o.maxTokens);
  if (!small) missing.servingMemory = `No model of this law reaches the target on at most ${fmtFlops(o.maxTokens, 4)} training tokens.`;
  return {
    ...base,
    feasible: true,
    targetLoss: target,
    designs: {
      trainingFlops: design(s, 'trainingFlops', training.n, training.tokens, o),
      servingMemory: small ? design(s, 'servingMemory', small.n, small.tokens, o) : null,
      lifetimeFlops: lifetime ? design(s, 'lifetimeFlops', lifetime.n, lifetime.tokens, o) : null,
      money: money ? design(s, 'money', money.n, money.tokens, o) : null,
    },
    missing,
    trainingFlopsBand: null,
  };
}

function surfaceFor(law: TargetLawId, set: CoefficientSet, experts: number): LossSurface | { reason: string } {
  if (law === 'joint') return jointSurface(set, experts);
  if (law === 'chinchilla') return experts === 1 ? chinchillaSurface(set) : { reason: 'Chinchilla describes dense models only.' };
  return experts === 1 ? { reason: 'The comprehensive law describes MoE models only.' } : comprehensiveSurface(set, experts);
}

function winnersOf(rows: TargetRow[], law: TargetLawId): TargetWinner[] {
  const out: TargetWinner[] = [];
  for (const objective of TARGET_OBJECTIVES) {
    let best: TargetWinner | null = null;
    for (const r of rows) {
      if (!r.feasible || r.law !== law) continue;
      const d = r.designs[objective];
      if (!d) continue;
      const value = objectiveValue(objective, d);
      if (Number.isFinite(value) && (best === null || value < best.value)) best = { law, objective, experts: r.experts, value, design: d, uncertainty: null };
    }
    if (best) out.push(best);
  }
  return out;
}

function disagreementsOf(laws: TargetLawSummary[]): TargetDisagreement[] {
  return TARGET_OBJECTIVES.flatMap((objective) => {
    const byLaw = laws
      .flatMap((l) => l.winners.filter((w) => w.objective === objective).map((w) => ({ law: w.law, experts: w.experts, value: w.value })))
      .sort((a, b) => a.value - b.value);
    if (byLaw.length === 0) return [];
    const spread = byLaw[byLaw.length - 1]!.value / byLaw[0]!.value;
    return [{ objective, byLaw, spread, expertsDiffer: new Set(byLaw.map((b) => b.experts)).size > 1 }];
  });
}

function checkGoal(goal: TargetGoal): TargetGoal {
  switch (goal.kind) {
    case 'loss':
      return { kind: 'loss', loss: requirePositiveFinite(goal.loss, 'loss') };
    case 'match-dense':
      return { kind: 'match-dense', params: requirePositiveFinite(goal.params, 'params'), tokens: requirePositiveFinite(goal.tokens, 'tokens') };
    case 'match-dense-optimal':
      return { kind: 'match-dense-optimal', flops: requirePositiveFinite(goal.flops, 'flops') };
    case 'match-moe': {
      const experts = requireExpertList([goal.experts], 'experts')[0]!;
      return { kind: 'match-moe', nAct: requirePositiveFinite(goal.nAct, 'nAct'), tokens: requirePositiveFinite(goal.tokens, 'tokens'), experts };
    }
    default:
      throw new EngineInputError('goal', `goal.kind must be loss, match-dense, match-dense-optimal or match-moe (got ${String((goal as { kind?: unknown }).kind)})`);
  }
}

export function planTarget(o: TargetOptions): TargetResult {
  const goal = checkGoal(o.goal);
  const experts = requireExpertList(o.experts ?? [1, 2, 4, 8, 16, 32, 64]);
  const settings: Settings = {
    inferenceTokens: requireNonNegativeFinite(o.inferenceTokens ?? 0, 'inferenceTokens'),
    maxTokens: requirePositiveFinite(o.maxTokens ?? DEFAULT_MAX_TOKENS, 'maxTokens'),
    kvTokens: requireNonNegativeFinite(o.kvTokens ?? 16_384, 'kvTokens'),
    precision: resolvePrecision(o.precision),
    hardware: o.hardware
      ? {
          trainingFlopsPerDeviceHour: requirePositiveFinite(o.hardware.trainingFlopsPerDeviceHour, 'trainingFlopsPerDeviceHour'),
          inferenceFlopsPerDeviceHour: requirePositiveFinite(o.hardware.inferenceFlopsPerDeviceHour, 'inferenceFlopsPerDeviceHour'),
          pricePerDeviceHour: o.hardware.pricePerDeviceHour === null ? null : requirePositiveFinite(o.hardware.pricePerDeviceHour, 'pricePerDeviceHour'),
        }
      : null,
  };
  const lawIds = (['joint', 'chinchilla', 'comprehensive'] as const).filter((l) => o.sets[l] !== undefined);
  if (lawIds.length === 0) throw new EngineInputError('laws', 'laws must name at least one law to plan with');

  const rows: TargetRow[] = [];
  const laws: TargetLawSummary[] = [];
  // One progress count over every law's replicates; once stopped, no law gets a bootstrap band.
  const totalReplicates = lawIds.reduce((n, l) => n + (o.replicates?.[l]?.length ?? 0), 0);
  let replicatesBefore = 0;
  let stopped = false;
  for (const law of lawIds) {
    const set = o.sets[law]!;
    const surface = (e: number) => surfaceFor(law, set, e);
    const asSurface = (x: LossSurface | { reason: string }) => ('reason' in x ? null : x);
    // The comprehensive law was fitted on MoEs only; its N_a = N limit still reads a dense model, flagged as such.
    const denseSurface = law === 'comprehensive' ? comprehensiveSurface(set, 1) : asSurface(surface(1));
    const ref = referenceFor(goal, denseSurface, goal.kind === 'match-moe' ? asSurface(surface(goal.experts)) : null);
    if (law === 'comprehensive' && !('reason' in ref) && (goal.kind === 'match-dense' || goal.kind === 'match-dense-optimal')) {
      ref.flags.push({
        code: 'comprehensive-dense-limit',
        severity: 'warning',
        variable: 'experts',
        value: 1,
        message: 'The comprehensive law was fitted on MoE models only; the dense model\'s loss is read from its N_a = N, G = 1, S = 0 limit.',
      });
    }
    if ('reason' in ref) {
      laws.push({ law, coefficientSetId: set.id, reference: null, reason: `Not applicable: ${ref.reason}.`, winners: [] });
      continue;
    }
    const lawRows: TargetRow[] = [];
    for (const e of experts) {
      const s = surface(e);
      // A law that cannot describe this E (Chinchilla beyond dense) is simply not asked; it is not a failure of the plan.
      if ('reason' in s) {
        if (law === 'joint') lawRows.push({ feasible: false, law, coefficientSetId: set.id, experts: e, reason: s.reason });
        continue;
      }
      lawRows.push(designsFor(s, ref.loss, settings));
    }
    rows.push(...lawRows);
    const winners = winnersOf(lawRows, law);
    const fitError = o.fitErrors?.[law];
    const reps = o.replicates?.[law];
    if (reps && reps.length > 0) {
      const asSurfaceOrNull = (x: LossSurface | { reason: string }) => ('reason' in x ? null : x);
      const before = replicatesBefore;
      replicatesBefore += reps.length;
      const progress = o.onBootstrapProgress;
      const b = stopped
        ? null
        : bootstrapBand(
            reps,
            experts,
            goal,
            {
              row: (r, e) => asSurfaceOrNull(surfaceFor(law, r, e)),
              dense: (r) => (law === 'comprehensive' ? comprehensiveSurface(r, 1) : asSurfaceOrNull(surfaceFor(law, r, 1))),
            },
            0.9,
            progress
              ? (done) => {
                  if (progress(before + done, totalReplicates) !== false) return true;
                  stopped = true;
                  return false;
                }
              : undefined,
          );
      const w = winners.find((x) => x.objective === 'trainingFlops');
      if (b && w) {
        w.uncertainty = {
          kind: 'bootstrap',
          label: `90 % band over ${b.replicates - b.unreachable} bootstrap refits of your runs (5th–95th percentile of the winning design)${b.unreachable ? `; ${b.unreachable} replicates reach the target with no E` : ''}.`,
          lossHalfWidth: null,
          replicates: b.replicates,
          value: b.flops,
          nAct: b.nAct,
          tokens: b.tokens,
          expertWins: b.expertWins,
        };
      }
      if (b) for (const r of lawRows) if (r.feasible) r.trainingFlopsBand = b.perExpert.get(r.experts) ?? null;
    } else if (fitError) {
      for (const w of winners) w.uncertainty = fitErrorBand(w, surface(w.experts), ref.loss, fitError, settings);
      for (const r of lawRows) if (r.feasible) r.trainingFlopsBand = trainingBand(surface(r.experts), ref.loss, fitError.lossHalfWidth);
    }
    laws.push({ law, coefficientSetId: set.id, reference: ref, reason: null, winners });
  }

  if (goal.kind === 'loss' && rows.length > 0 && rows.every((r) => !r.feasible)) {
    const floors = laws.map((l) => l.law).join(', ');
    const first = rows[0] as Extract<TargetRow, { feasible: false }>;
    throw new EngineInputError('loss', `No law reaches a loss of ${goal.loss} (${floors}): ${first.reason}`);
  }

  const flags = dedupeFlags(laws.flatMap((l) => [...(l.reference?.flags ?? []), ...l.winners.flatMap((w) => w.design.flags)]));
  const jw = laws.find((l) => l.law === 'joint')?.winners.find((w) => w.objective === 'trainingFlops');
  const design = jw ? { nAct: jw.design.nAct, tokens: jw.design.tokens, experts: jw.experts } : null;
  const lawsAtWinner = design ? { design, predictions: lawsAtDesign(design, { ...o.sets, ...(o.leverage ? { leverage: o.leverage } : {}) }) } : null;
  return { goal, experts, ...settings, rows, laws, disagreements: disagreementsOf(laws), lawsAtWinner, flags };
}

/**
 * The winner's design re-solved for the target loss moved by the fit error both ways: a design
 * the law says reaches L* may in truth reach L* ± δ, so reaching L* for sure can take up to the
 * design for L* − δ. A side that falls to the irreducible loss has no design: its bound is infinite.
 */
function fitErrorBand(w: TargetWinner, s: LossSurface | { reason: string }, target: number, e: PublishedFitError, o: Settings): TargetUncertainty | null {
  if ('reason' in s) return null;
  const at = (loss: number) => {
    const row = designsFor(s, loss, o);
    return row.feasible ? row.designs[w.objective] : null;
  };
  const easier = at(target + e.lossHalfWidth);
  const harder = at(target - e.lossHalfWidth);
  if (!easier || !harder) return null;
  const range = (f: (d: TargetDesign) => number): Range => ({ low: Math.min(f(easier), f(harder)), high: Math.max(f(easier), f(harder)) });
  return {
    kind: 'published-fit-error',
    label: e.label,
    lossHalfWidth: e.lossHalfWidth,
    replicates: null,
    value: range((d) => objectiveValue(w.objective, d)),
    nAct: range((d) => d.nAct),
    tokens: range((d) => d.tokens),
    expertWins: [],
  };
}

function trainingBand(s: LossSurface | { reason: string }, target: number, halfWidth: number): Range | null {
  if ('reason' in s) return null;
  const flops = (loss: number) => {
    const gap = loss - s.floor;
    return gap > 0 ? cheapestOnContour(s.modelTerm, s.dataScale, s.dataExponent, gap, (n, d) => 6 * n * d)?.cost ?? null : null;
  };
  const low = flops(target + halfWidth);
  const high = flops(target - halfWidth);
  return low !== null && high !== null ? { low, high } : null;
}

function dedupeFlags(flags: ResultFlag[]): ResultFlag[] {
  const seen = new Set<string>();
  return flags.filter((f) => (seen.has(f.code + f.message) ? false : (seen.add(f.code + f.message), true)));
}
