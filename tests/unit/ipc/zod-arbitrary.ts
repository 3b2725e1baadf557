/**
 * Hostile payloads for a channel, generated from its zod request schema: mostly well-formed
 * values sitting on the schema's own bounds (where denormals, 1e308 and -0 live), and at any
 * node, now and then, something no schema expects (deep nesting, huge arrays, prototype keys,
 * numbers dressed as strings).
 */
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  [key: string]: unknown;
}
type Schema = z.ZodType & { _zod: { def: Def } };

const def = (s: unknown): Def => (s as Schema)._zod.def;

/** A value nested `depth` levels deep, built without recursion (the point is to be deeper than a stack). */
export function deeplyNested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { inputs: v };
  return v;
}

/** Objects whose own keys are the ones that poison prototypes when merged naively. */
const prototypeKeys = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": 1}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}') as unknown,
  { toString: 1, valueOf: 'x', hasOwnProperty: null },
);

export const EXTREME_NUMBERS = [
  5e-324, -5e-324, Number.MIN_VALUE * 7, 2.2250738585072014e-308, 1e-300, 1e-30,
  -0, 0, 1, -1, 0.5, 2 ** 53, 2 ** 53 + 2, 1e15, 1e30, 1e100, 1e200, 1e307, 1e308, 1.7976931348623157e308, -1e308,
];

const HOSTILE_STRINGS = ['NaN', 'Infinity', '-Infinity', '1e309', '-0', '5e-324', '', ' ', '__proto__', 'constructor', 'prototype', '\u0000', '=1+1', '../../etc/passwd', 'x'.repeat(100_000)];

/** Something no schema expects, in place of any node. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(null, true, false, [], {}),
  prototypeKeys,
  fc.constantFrom(5_000, 20_000).chain((d) => fc.constantFrom(deeplyNested(d, 'array'), deeplyNested(d, 'object'))),
  fc.constantFrom(Array.from({ length: 100_000 }, () => 1e308), Array.from({ length: 20_000 }, (_, i) => ({ [`k${i}`]: i }))),
  fc.jsonValue({ maxDepth: 4 }),
);

/** The next representable double above x (for exclusive lower bounds). */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}

function numberArb(s: z.ZodNumber): fc.Arbitrary<number> {
  const lo = s.minValue ?? -Number.MAX_VALUE;
  const hi = s.maxValue ?? Number.MAX_VALUE;
  const isInt = s.isInt ?? false;
  const lowEdge = Number.isFinite(lo) ? [lo, nextUp(lo), lo + 1e-300, lo * (1 + 1e-15)] : [];
  const highEdge = Number.isFinite(hi) ? [hi, hi * (1 - 1e-15)] : [];
  const inside = isInt
    ? fc.integer({ min: Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER) })
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  const edges = [...lowEdge, ...highEdge, ...EXTREME_NUMBERS].filter((v) => v >= lo && v <= hi && (!isInt || Number.isInteger(v)));
  return edges.length ? fc.oneof({ arbitrary: fc.constantFrom(...edges), weight: 3 }, { arbitrary: inside, weight: 2 }) : inside;
}

function stringArb(s: z.ZodString): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, 40);
  return fc.oneof(fc.string({ minLength: Math.min(min, max), maxLength: max }), fc.constantFrom('__proto__', 'constructor', '=cmd|"/c calc"!A1', '1e309', 'NaN'));
}

function lengthBounds(checks: unknown): { min: number; max: number | undefined } {
  let min = 0;
  let max: number | undefined;
  for (const c of (checks as Array<{ _zod: { def: { check: string; minimum?: number; maximum?: number; length?: number } } }> | undefined) ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length' && d.minimum !== undefined) min = d.minimum;
    if (d.check === 'max_length' && d.maximum !== undefined) max = d.maximum;
    if (d.check === 'length_equals' && d.length !== undefined) min = max = d.length;
  }
  return { min, max };
}

/** Well-formed-ish values for `schema`, with hostile values mixed in at every node. */
export function arbitraryFor(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const node = shaped(schema, depth);
  return fc.oneof({ arbitrary: node, weight: 30 }, { arbitrary: hostile, weight: 1 });
}

function shaped(schema: unknown, depth: number): fc.Arbitrary<unknown> {
  const d = def(schema);
  const next = (s: unknown) => arbitraryFor(s, depth + 1);
  if (depth > 12) return fc.jsonValue({ maxDepth: 2 });
  switch (d.type) {
    case 'number':
      return numberArb(schema as z.ZodNumber);
    case 'int':
      return numberArb(schema as z.ZodNumber);
    case 'string':
      return stringArb(schema as z.ZodString);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, unknown>));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(next(d.innerType), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(next(d.innerType), { nil: null, freq: 4 });
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return next(d.innerType);
    case 'pipe':
      return next(d.in);
    case 'lazy':
      return depth > 6 ? fc.constant(null) : next((d.getter as () => unknown)());
    case 'array': {
      const { min, max } = lengthBounds(d.checks);
      return fc.array(next(d.element), { minLength: Math.min(min, 6), maxLength: Math.min(max ?? 6, 6) });
    }
    case 'tuple':
      return fc.tuple(...(d.items as unknown[]).map(next));
    case 'union':
      return fc.oneof(...(d.options as unknown[]).map(next));
    case 'intersection':
      return fc.tuple(next(d.left), next(d.right)).map(([a, b]) =>
        typeof a === 'object' && a && typeof b === 'object' && b ? { ...a, ...b } : a,
      );
    case 'record':
      return fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')), next(d.valueType), { maxKeys: 4 });
    case 'object': {
      const shape = d.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      return fc.tuple(...keys.map((k) => next(shape[k]))).map((values) => {
        const o: Record<string, unknown> = {};
        keys.forEach((k, i) => {
          if (values[i] !== undefined) o[k] = values[i];
        });
        return o;
      });
    }
    default:
      // unknown / any / custom: anything JSON can carry, including the hostile shapes
      return fc.oneof(fc.jsonValue({ maxDepth: 4 }), hostile);
  }
}
