/**
 * Extrapolation and caution flags attached to every engine result. A law is only
 * trustworthy inside the range it was fitted on; anything outside gets a flag the UI
 * shows next to the number, saying how far outside it lies.
 */
import { quantity, significant, times } from '../../format';

export type FlagSeverity = 'info' | 'warning';

/**
 * How far outside its fitted domain a value lies, read at a glance. Inside the domain there is
 * no flag at all. `near`: within 2× of the bound (the law's shape is probably still right);
 * `outside`: 2× to 10× (the number is an extrapolation, check it against a smaller run);
 * `far`: beyond 10× (treat it as a trend, not a number).
 */
export type FlagExtent = 'near' | 'outside' | 'far';

/** Upper limits of the `near` and `outside` bands, as factors beyond the bound. */
export const NEAR_FACTOR = 2;
export const FAR_FACTOR = 10;

export function extentOf(factor: number): FlagExtent {
  return factor <= NEAR_FACTOR ? 'near' : factor <= FAR_FACTOR ? 'outside' : 'far';
}

const EXTENT_WORDS: Record<FlagExtent, string> = {
  near: 'near the fitted range (within 2×)',
  outside: 'outside the fitted range (2×–10×)',
  far: 'far outside the fitted range (beyond 10×): treat it as a trend, not a number',
};

export function extentWords(extent: FlagExtent): string {
  return EXTENT_WORDS[extent];
}

export interface ResultFlag {
  /** Stable machine code, e.g. `joint-experts-above-fitted`, `joint-far-from-runs`. */
  code: string;
  severity: FlagSeverity;
  /** One sentence a planner can read, naming the quantity, its value, the fitted range and how far outside. */
  message: string;
  /** The variable concerned (e.g. `nAct`, `experts`, `flops`). */
  variable?: string;
  /** The variable in a planner's words, for a compact summary ("tokens per active parameter"). */
  quantity?: string;
  value?: number;
  /** The fitted range of that variable, when there is one. */
  range?: { min?: number; max?: number };
  /** How many times beyond the fitted range the value lies (≥ 1), for extrapolation flags. */
  factor?: number;
  extent?: FlagExtent;
}

/** How many times `value` lies beyond [min, max] (1 inside). */
export function factorOutside(value: number, range: { min?: number; max?: number }): number {
  if (range.max !== undefined && value > range.max) return value / range.max;
  if (range.min !== undefined && value < range.min) return value > 0 ? range.min / value : Infinity;
  return 1;
}

/** Flags `value` when it lies outside [min, max]; the message names the variable, unit, factor and extent. */
export function rangeFlag(
  code: string,
  variable: string,
  label: string,
  value: number,
  range: { min?: number; max?: number },
  unit = '',
): ResultFlag | null {
  const below = range.min !== undefined && value < range.min;
  const above = range.max !== undefined && value > range.max;
  if (!below && !above) return null;
  const factor = factorOutside(value, range);
  const extent = extentOf(factor);
  const bound = above ? `above the fitted maximum ${quantity(range.max!, unit)}` : `below the fitted minimum ${quantity(range.min!, unit)}`;
  return {
    code,
    severity: 'warning',
    variable,
    quantity: label,
    value,
    // Only the bounds there are: a key holding undefined is not JSON, and the store refuses it.
    range: { ...(range.min !== undefined ? { min: range.min } : {}), ...(range.max !== undefined ? { max: range.max } : {}) },
    factor,
    extent,
    message: `Extrapolation: ${label} = ${quantity(value, unit)} is ${fmtFactor(factor)} ${bound}; ${extentWords(extent)}.`,
  };
}

export function compactFlags(flags: Array<ResultFlag | null | undefined>): ResultFlag[] {
  return flags.filter((f): f is ResultFlag => f != null);
}

/** "3.2×": how many times beyond the bound, in the planner-unit rules of src-main/format. */
export function fmtFactor(factor: number): string {
  return times(factor, 3);
}

/** A plain figure in a flag's sentence when its unit is not known: four significant digits, no "e+". */
export function fmt(x: number): string {
  return significant(x, 4);
}
