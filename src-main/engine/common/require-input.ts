/**
 * Input checks shared by the law modules. Each throws an EngineInputError naming the
 * field, so a transport can point at the offending input instead of returning NaN.
 */
import { EngineInputError } from './errors';

export function requireFinite(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new EngineInputError(field, `${field} must be a finite number (got ${String(value)})`);
  }
  return value;
}

export function requirePositive(field: string, value: number): number {
  requireFinite(field, value);
  if (value <= 0) throw new EngineInputError(field, `${field} must be positive (got ${value})`);
  return value;
}

export function requireNonNegative(field: string, value: number): number {
  requireFinite(field, value);
  if (value < 0) throw new EngineInputError(field, `${field} must not be negative (got ${value})`);
  return value;
}

/** A value in the closed interval [min, max]. */
export function requireInRange(field: string, value: number, min: number, max: number): number {
  requireFinite(field, value);
  if (value < min || value > max) {
    throw new EngineInputError(field, `${field} must lie in [${min}, ${max}] (got ${value})`);
  }
  return value;
}

export function requireInteger(field: string, value: number, min = 0): number {
  requireFinite(field, value);
  if (!Number.isInteger(value) || value < min) {
    throw new EngineInputError(field, `${field} must be an integer ≥ ${min} (got ${value})`);
  }
  return value;
}

/** A non-empty list of values, each checked by `check` with its index in the field name. */
export function requireList(field: string, values: readonly number[], check: (f: string, v: number) => number): number[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new EngineInputError(field, `${field} must be a non-empty list of numbers`);
  }
  return values.map((v, i) => check(`${field}[${i}]`, v));
}
