/**
 * Extrapolation and caution flags attached to every engine result. A law is only
 * trustworthy inside the range it was fitted on; anything outside gets a flag the UI
 * shows next to the number.
 */
export type FlagSeverity = 'info' | 'warning';

export interface ResultFlag {
  /** Stable machine code, e.g. `experts-above-fitted`, `tokens-per-param-high`. */
  code: string;
  severity: FlagSeverity;
  /** One sentence a planner can read, naming the quantity, its value and the fitted range. */
  message: string;
  /** The variable concerned (e.g. `nAct`, `experts`, `flops`). */
  variable?: string;
  value?: number;
  /** The fitted range of that variable, when there is one. */
  range?: { min?: number; max?: number };
}

/** Flags `value` when it lies outside [min, max]; the message names the variable and unit. */
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
  const u = unit ? ` ${unit}` : '';
  const bound = above ? `above the fitted maximum ${fmt(range.max!)}${u}` : `below the fitted minimum ${fmt(range.min!)}${u}`;
  return {
    code,
    severity: 'warning',
    variable,
    value,
    // Only the bounds there are: a key holding undefined is not JSON, and the store refuses it.
    range: { ...(range.min !== undefined ? { min: range.min } : {}), ...(range.max !== undefined ? { max: range.max } : {}) },
    message: `Extrapolation: ${label} = ${fmt(value)}${u} is ${bound}.`,
  };
}

export function compactFlags(flags: Array<ResultFlag | null | undefined>): ResultFlag[] {
  return flags.filter((f): f is ResultFlag => f != null);
}

function fmt(x: number): string {
  if (x === 0) return '0';
  const ax = Math.abs(x);
  return ax >= 1e4 || ax < 1e-3 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}
