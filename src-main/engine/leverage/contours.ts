/**
 * EL over an (A, G) grid at one budget, as plain numbers for a contour chart.
 * Rows follow `activations`, columns follow `granularities`.
 */
import type { CoefficientSet } from '../common/coefficients';
import type { ResultFlag } from '../common/flags';
import { requireInRange, requireList, requirePositive } from '../common/require-input';
import { defaultLeverageSet, elCoefficients } from './coefficients';
import { leverageFlags, leverageUnchecked } from './efficiency-leverage';

export interface LeverageContourInput {
  flops: number;
  activations: readonly number[];
  granularities: readonly number[];
}

export interface LeverageContourGrid {
  flops: number;
  activations: number[];
  granularities: number[];
  /** el[i][j] = EL(activations[i], granularities[j], flops). */
  el: number[][];
  flags: ResultFlag[];
}

/** Log-spaced activations over the fitted 0.8%–100% and granularities 2–16: a sensible default grid. */
export function defaultContourAxes(points = 41): { activations: number[]; granularities: number[] } {
  const n = Math.max(2, Math.floor(points));
  const logspace = (lo: number, hi: number) =>
    Array.from({ length: n }, (_, i) =>
      // Pin the ends exactly, so the default grid never flags itself through rounding.
      i === 0 ? lo : i === n - 1 ? hi : Math.exp(Math.log(lo) + ((Math.log(hi) - Math.log(lo)) * i) / (n - 1)),
    );
  return { activations: logspace(0.008, 1), granularities: logspace(2, 16) };
}

export function leverageContours(input: LeverageContourInput, set: CoefficientSet = defaultLeverageSet()): LeverageContourGrid {
  const flops = requirePositive('flops', input.flops);
  const activations = requireList('activations', input.activations, (f, v) => requireInRange(f, v, Number.MIN_VALUE, 1));
  const granularities = requireList('granularities', input.granularities, requirePositive);
  const c = elCoefficients(set);
  const el = activations.map((activation) =>
    granularities.map((granularity) => leverageUnchecked({ activation, granularity, flops }, c).el),
  );
  // Flag the grid by its extremes: if any cell lies outside the fitted range, a corner does.
  const extremes = [
    leverageFlags({ flops }),
    leverageFlags({ activation: activations.reduce((m, v) => Math.min(m, v)) }),
    leverageFlags({ activation: activations.reduce((m, v) => Math.max(m, v)) }),
    leverageFlags({ granularity: granularities.reduce((m, v) => Math.min(m, v)) }),
    leverageFlags({ granularity: granularities.reduce((m, v) => Math.max(m, v)) }),
  ].flat();
  return { flops, activations, granularities, el, flags: extremes };
}
