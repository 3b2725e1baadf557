/**
 * Input guards for the accounting and joint-law modules, in their (value, field) argument
 * order. They delegate to common/require-input so every engine input error is one
 * EngineInputError naming the field, whichever module raised it.
 */
import { EngineInputError } from '../common/errors';
import { requireInteger, requireNonNegative, requirePositive } from '../common/require-input';

const asNumber = (value: unknown, field: string): number => {
  if (typeof value !== 'number') throw new EngineInputError(field, `${field} must be a number (got ${String(value)})`);
  return value;
};

export function requirePositiveFinite(value: unknown, field: string): number {
  return requirePositive(field, asNumber(value, field));
}

export function requireNonNegativeFinite(value: unknown, field: string): number {
  return requireNonNegative(field, asNumber(value, field));
}

export function requirePositiveInteger(value: unknown, field: string): number {
  return requireInteger(field, asNumber(value, field), 1);
}

/** Expert counts: at least one, every entry a positive integer, no duplicates. */
export function requireExpertList(list: unknown, field = 'experts'): number[] {
  if (!Array.isArray(list) || list.length === 0) throw new EngineInputError(field, `${field} must be a non-empty list of expert counts`);
  const out = list.map((e, i) => requirePositiveInteger(e, `${field}[${i}]`));
  if (new Set(out).size !== out.length) throw new EngineInputError(field, `${field} must not repeat an expert count`);
  return out;
}
