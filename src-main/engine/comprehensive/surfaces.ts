/**
 * Loss surfaces as plain grid data for charts: over (G, S) at a fixed N, N_a, D, and along
 * N_a/N at a fixed N, D, G, S (with the marginal saving per percentage point alongside, so
 * the chart can draw the threshold τ against it).
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { requireInRange, requireList, requirePositive } from '../common/require-input';
import { EngineInputError } from '../common/errors';
import { comprehensiveCoefficients, defaultComprehensiveSet } from './coefficients';
import { comprehensiveFlags, lossUnchecked, validateShape } from './loss';
import { marginalLossPerPoint } from './activation-ratio';
import { optimalActiveExperts, optimalSharedRatio } from './optima';

export interface StructureSurfaceInput {
  total: number;
  tokens: number;
  active: number;
  activeExperts: readonly number[];
  sharedRatios: readonly number[];
}

export interface StructureSurface {
  activeExperts: number[];
  sharedRatios: number[];
  /** loss[i][j] at activeExperts[i], sharedRatios[j]. */
  loss: number[][];
  flags: ResultFlag[];
}

function extremesFlags(name: 'activeExperts' | 'sharedRatio' | 'active', values: number[]): ResultFlag[] {
  const lo = values.reduce((m, v) => Math.min(m, v));
  const hi = values.reduce((m, v) => Math.max(m, v));
  return [...comprehensiveFlags({ [name]: lo }), ...comprehensiveFlags({ [name]: hi })];
}

export function structureLossSurface(input: StructureSurfaceInput, set: CoefficientSet = defaultComprehensiveSet()): StructureSurface {
  validateShape({ total: input.total, active: requirePositive('active', input.active) });
  requirePositive('tokens', input.tokens);
  const gs = requireList('activeExperts', input.activeExperts, requirePositive);
  const ss = requireList('sharedRatios', input.sharedRatios, (f, v) => requireInRange(f, v, 0, 1));
  const c = comprehensiveCoefficients(set);
  const loss = gs.map((activeExperts) =>
    ss.map((sharedRatio) => lossUnchecked({ total: input.total, tokens: input.tokens, active: input.active, activeExperts, sharedRatio }, c)),
  );
  const flags = [
    ...comprehensiveFlags({ total: input.total, tokens: input.tokens, active: input.active }),
    ...extremesFlags('activeExperts', gs),
    ...extremesFlags('sharedRatio', ss),
  ];
  return { activeExperts: gs, sharedRatios: ss, loss, flags };
}

export interface ActiveRatioCurveInput {
  total: number;
  tokens: number;
  /** Ratios N_a/N in (0, 1]. */
  activeRatios: readonly number[];
  /** G; defaults to G_opt. */
  activeExperts?: number;
  /** S; defaults to S_opt. */
  sharedRatio?: number;
}

export interface ActiveRatioCurve {
  activeRatios: number[];
  loss: number[];
  /** Loss saved by one more percentage point of N_a/N at each ratio. */
  marginalLossPerPoint: number[];
  activeExperts: number;
  sharedRatio: number;
  flags: ResultFlag[];
}

export function activeRatioLossCurve(input: ActiveRatioCurveInput, set: CoefficientSet = defaultComprehensiveSet()): ActiveRatioCurve {
  validateShape({ total: input.total, activeExperts: input.activeExperts, sharedRatio: input.sharedRatio });
  requirePositive('tokens', input.tokens);
  const ratios = requireList('activeRatios', input.activeRatios, (f, v) => requireInRange(f, v, Number.MIN_VALUE, 1));
  const c = comprehensiveCoefficients(set);
  const g = input.activeExperts ?? defaultOrThrow(optimalActiveExperts(set), 'activeExperts');
  const s = input.sharedRatio ?? defaultOrThrow(optimalSharedRatio(set), 'sharedRatio');
  const loss = ratios.map((r) =>
    lossUnchecked({ total: input.total, tokens: input.tokens, active: r * input.total, activeExperts: g, sharedRatio: s }, c),
  );
  const marginal = ratios.map((r) => marginalLossPerPoint(input.total, r, g, s, c));
  const flags = [
    ...comprehensiveFlags({ total: input.total, tokens: input.tokens, activeExperts: g, sharedRatio: s }),
    ...extremesFlags('active', ratios.map((r) => r * input.total)),
  ];
  return { activeRatios: ratios, loss, marginalLossPerPoint: marginal, activeExperts: g, sharedRatio: s, flags };
}

function defaultOrThrow(r: { feasible: true; value: number } | { feasible: false; reason: string }, field: string): number {
  if (!r.feasible) throw new EngineInputError(field, `${field} must be given: the coefficient set has no optimum (${r.reason})`);
  return r.value;
}
