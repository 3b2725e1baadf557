/**
 * Extrapolation and caution flags attached to every engine result. A law is only
 * trustworthy inside the range it was fitted on; anything outside gets a flag the UI
 * shows next to the number, saying how far outside it lies.
 */
import { quantity, significant, times } from '../../format';
import { extentOf, factorOutside, type FlagExtent, type SummarisableFlag } from '../../format/flags';

export type FlagSeverity = SummarisableFlag['severity'];

// How far outside (near / outside / far), and the factor, are read the same by every face: src-main/format/flags.ts.
export { FAR_FACTOR, NEAR_FACTOR, extentOf, factorOutside, type FlagExtent } from '../../format/flags';

const EXTENT_WORDS: Record<FlagExtent, string> = {
  near: 'near the fitted range (within 2×)',
  outside: 'outside the fitted range (2×–10×)',
  far: 'far outside the fitted range (beyond 10×): treat it as a trend, not a number',
};

export function extentWords(extent: FlagExtent): string {
  return EXTENT_WORDS[extent];
}

/** The flag every engine result carries; its shape is declared once, where every face reads it (format/flags.ts). */
export type ResultFlag = SummarisableFlag;

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
