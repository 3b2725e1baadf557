/** Services of the comprehensive five-factor MoE law (arXiv:2509.23678); every answer carries provenance and flags. */
import {
  activeRatioLossCurve,
  comprehensiveLoss,
  comprehensiveOptimum,
  DEFAULT_EFFICIENCY_THRESHOLD,
  optimalActiveRatio,
  structureLossSurface,
} from '../engine/comprehensive';
import type { ResultFlag } from '../engine/common/flags';
import type { Handlers } from './handlers';
import { resolveCoefficientSet } from './provenance';
import { ServiceError } from './errors';

/** Default (G, S) grid: G over the fitted 1–20, S over the fitted 0–0.7. */
const DEFAULT_ACTIVE_EXPERTS = Array.from({ length: 39 }, (_, i) => 1 + i * 0.5);
// Machine text: toFixed only snaps 0.025·i onto the decimal grid value (0.075, not 0.07500000000000001); no person reads it here.
const DEFAULT_SHARED_RATIOS = Array.from({ length: 29 }, (_, i) => Number((i * 0.025).toFixed(3)));
/** Default N_a/N axis: log-spaced from 1% to 100%, ends pinned. */
const DEFAULT_ACTIVE_RATIOS = Array.from({ length: 61 }, (_, i) => (i === 60 ? 1 : Math.pow(10, -2 + (2 * i) / 60)));

function dedupe(flags: ResultFlag[]): ResultFlag[] {
  const seen = new Set<string>();
  return flags.filter((f) => {
    const key = `${f.code}:${f.value ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const comprehensiveHandlers: Pick<Handlers, 'law.comprehensive' | 'optimum.comprehensive' | 'comprehensive.surfaces'> = {
  'law.comprehensive': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'comprehensive', r.coefficientSetId);
    const res = comprehensiveLoss(
      { total: r.total, tokens: r.tokens, active: r.active, activeExperts: r.activeExperts, sharedRatio: r.sharedRatio },
      set,
    );
    return { loss: res.loss, activeRatio: r.active / r.total, flags: res.flags, provenance };
  },

  'optimum.comprehensive': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'comprehensive', r.coefficientSetId);
    const threshold = r.threshold ?? DEFAULT_EFFICIENCY_THRESHOLD;
    const res = comprehensiveOptimum({ total: r.total, threshold }, set);
    if (!res.feasible) return { feasible: false as const, total: r.total, threshold, reason: res.reason, flags: [], provenance };
    return {
      feasible: true as const,
      total: res.total,
      activeExperts: res.activeExperts,
      sharedRatio: res.sharedRatio,
      activeRatio: res.activeRatio,
      activeRatioEfficient: res.activeRatioEfficient,
      threshold: res.threshold,
      active: res.activeRatio * res.total,
      activeEfficient: res.activeRatioEfficient * res.total,
      flags: res.flags,
      provenance,
    };
  },

  'comprehensive.surfaces': (r, ctx) => {
    const { set, provenance } = resolveCoefficientSet(ctx, 'comprehensive', r.coefficientSetId);
    const threshold = r.threshold ?? DEFAULT_EFFICIENCY_THRESHOLD;
    const optimum = comprehensiveOptimum({ total: r.total, threshold }, set);
    let active = r.active;
    if (active === undefined) {
      const ratio = optimalActiveRatio({ total: r.total }, set);
      if (!ratio.feasible) {
        throw new ServiceError('invalid-request', `give active (N_a): the coefficient set has no optimal activation ratio (${ratio.reason})`, ['active']);
      }
      active = ratio.active;
    }
    const structure = structureLossSurface(
      {
        total: r.total,
        tokens: r.tokens,
        active,
        activeExperts: r.activeExperts ?? DEFAULT_ACTIVE_EXPERTS,
        sharedRatios: r.sharedRatios ?? DEFAULT_SHARED_RATIOS,
      },
      set,
    );
    const curve = activeRatioLossCurve({ total: r.total, tokens: r.tokens, activeRatios: r.activeRatios ?? DEFAULT_ACTIVE_RATIOS }, set);
    return {
      total: r.total,
      tokens: r.tokens,
      active,
      structure: { activeExperts: structure.activeExperts, sharedRatios: structure.sharedRatios, loss: structure.loss },
      activeRatioCurve: {
        activeRatios: curve.activeRatios,
        loss: curve.loss,
        marginalLossPerPoint: curve.marginalLossPerPoint,
        activeExperts: curve.activeExperts,
        sharedRatio: curve.sharedRatio,
      },
      optimum: optimum.feasible
        ? {
            activeExperts: optimum.activeExperts,
            sharedRatio: optimum.sharedRatio,
            activeRatio: optimum.activeRatio,
            activeRatioEfficient: optimum.activeRatioEfficient,
            threshold: optimum.threshold,
          }
        : null,
      flags: dedupe([...structure.flags, ...curve.flags]),
      provenance,
    };
  },
};
