import { z } from 'zod';

/**
 * Common field schemas, so every channel states units and bounds the same way.
 *
 * Every quantity the laws take is either a count (parameters, tokens, FLOPs, experts, bytes: at
 * least 1) or a coefficient or exponent of order 1e-3 and up. The default floor keeps the
 * reciprocals and powers the laws take finite: a denormal such as 5e-324 is "positive" but its
 * power -0.34 is Infinity, which no answer can carry.
 */
export const SMALLEST_POSITIVE = 1e-6;

export interface NumberBounds {
  /** Inclusive lower bound; positive() defaults to SMALLEST_POSITIVE, nonNegative() to 0. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Appended to the bound in messages, e.g. ' parameters'. */
  unit?: string;
}

const numberField = (what: string) => z.number({ error: `${what} must be a number` }).finite(`${what} must be finite`);

function bounded(s: z.ZodNumber, what: string, b: NumberBounds): z.ZodNumber {
  const unit = b.unit ?? '';
  let out = b.min !== undefined ? s.min(b.min, `${what} must be at least ${b.min}${unit}`) : s;
  if (b.max !== undefined) out = out.max(b.max, `${what} must be at most ${b.max}${unit}`);
  return out;
}

export const positive = (what: string, b: NumberBounds = {}) =>
  bounded(numberField(what).positive(`${what} must be positive`), what, { ...b, min: b.min ?? SMALLEST_POSITIVE });
export const nonNegative = (what: string, b: NumberBounds = {}) =>
  bounded(numberField(what).nonnegative(`${what} must not be negative`), what, b);
