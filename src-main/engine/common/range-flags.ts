/**
 * Turns a law description's fitted ranges into result flags, so the ranges are written
 * once (in the description the UI shows) and the flags can never disagree with them.
 */
import { compactFlags, rangeFlag, type ResultFlag } from './flags';
import type { LawDescription } from './law-description';

/** Flags every value whose variable has a fitted range it falls outside of. */
export function flagsOutsideFittedRanges(
  law: LawDescription,
  values: Record<string, number | undefined>,
): ResultFlag[] {
  const out: Array<ResultFlag | null> = [];
  for (const [name, value] of Object.entries(values)) {
    const range = law.fittedRanges[name];
    if (range === undefined || value === undefined) continue;
    // Most values are inside their range: skip the label and the flag's text for them (rangeFlag would return null).
    if (!((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max))) continue;
    const variable = law.variables.find((v) => v.name === name);
    const label = variable ? `${variable.label ?? variable.name} ${variable.symbol}` : name;
    const direction = range.max !== undefined && value > range.max ? 'above' : 'below';
    // Unit "1" marks a dimensionless quantity; printing it after the number would read oddly.
    const unit = range.unit === '1' ? '' : range.unit;
    out.push(rangeFlag(`${law.id}-${name}-${direction}-fitted`, name, label, value, { min: range.min, max: range.max }, unit));
  }
  return compactFlags(out);
}
