/**
 * The building blocks of the one typed IPC contract. A channel is a name plus a zod
 * request schema and a zod response schema; every TypeScript type on both sides of the
 * wire is derived from those schemas, so the transports cannot drift apart.
 */
import { z } from 'zod';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** One line for `--help` and the docs. */
  summary: string;
  request: Req;
  response: Res;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>): ChannelDef<Req, Res> {
  return def;
}

/** Error codes a caller can branch on. */
export const ERROR_CODES = ['invalid-request', 'unknown-channel', 'not-found', 'conflict', 'read-only', 'store-unavailable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const contractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Path of the offending field in the request, e.g. ["flops"] or ["experts", 2]. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type ContractErrorData = z.infer<typeof contractErrorSchema>;

/** What every transport carries back: a value, or a typed error. Never a thrown exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractErrorData };

/** Thrown on the calling side when an envelope carries an error. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly path: Array<string | number> | undefined;
  constructor(data: ContractErrorData) {
    super(data.message);
    this.name = 'ContractError';
    this.code = data.code;
    this.path = data.path;
  }
  toData(): ContractErrorData {
    return { code: this.code, message: this.message, ...(this.path ? { path: this.path } : {}) };
  }
}

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
