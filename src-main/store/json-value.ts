/**
 * JSON columns. Inputs and results are stored as text; we refuse values JSON cannot carry
 * (NaN, Infinity, undefined in arrays, functions, class instances) instead of letting
 * JSON.stringify turn them into null, so what is read back always equals what was written.
 */
import { createHash } from 'node:crypto';
import { invalidInput } from './errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function assertJsonValue(value: unknown, field: string): asserts value is JsonValue {
  const problem = jsonProblem(value);
  if (problem) throw invalidInput(field + problem.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join(''), problem.message);
}

/** The limit on nesting in stored JSON: far deeper than any wizard's inputs, far shallower than a stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * Where `value` is not plain JSON data, or null. Iterative, so no value can exhaust the stack,
 * and a single pass over large documents (an import of 10,000 scenarios).
 */
export function jsonProblem(value: unknown): { path: Array<string | number>; message: string } | null {
  // paths are built only for the failing value: each node keeps its parent, not a copy of the path
  interface Node {
    v: unknown;
    key: string | number | null;
    parent: Node | null;
    depth: number;
  }
  const pathOf = (n: Node) => {
    const path: Array<string | number> = [];
    for (let at: Node | null = n; at && at.key !== null; at = at.parent) path.unshift(at.key);
    return path;
  };
  const stack: Node[] = [{ v: value, key: null, parent: null, depth: 0 }];
  while (stack.length) {
    const n = stack.pop()!;
    const v = n.v;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path: pathOf(n), message: `must be a finite number, got ${String(v)}` };
      continue;
    }
    if (typeof v !== 'object') return { path: pathOf(n), message: `is not JSON data (${typeof v})` };
    if (n.depth >= MAX_JSON_DEPTH) return { path: pathOf(n), message: `nested more than ${MAX_JSON_DEPTH} levels deep` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        if (typeof item === 'number' && Number.isFinite(item)) continue;
        stack.push({ v: item, key: i, parent: n, depth: n.depth + 1 });
      }
      continue;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return { path: pathOf(n), message: 'must be plain JSON data' };
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      const item = (v as Record<string, unknown>)[k];
      if (item === undefined) return { path: [...pathOf(n), k], message: 'must not be undefined (omit the key instead)' };
      stack.push({ v: item, key: k, parent: n, depth: n.depth + 1 });
    }
  }
  return null;
}

export function toJsonText(value: unknown, field: string): string {
  assertJsonValue(value, field);
  return JSON.stringify(value);
}

/** Key order must not change a fingerprint, so objects are serialised with sorted keys. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as JsonValue)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function fingerprint(value: JsonValue): string {
  return sha256Hex(canonicalJson(value));
}
