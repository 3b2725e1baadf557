/**
 * JSON columns. Inputs and results are stored as text; we refuse values JSON cannot carry
 * (NaN, Infinity, undefined in arrays, functions, class instances) instead of letting
 * JSON.stringify turn them into null, so what is read back always equals what was written.
 */
import { createHash } from 'node:crypto';
import { invalidInput } from './errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function assertJsonValue(value: unknown, field: string): asserts value is JsonValue {
  check(value, field);
}

function check(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalidInput(path, `must be a finite number, got ${String(value)}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => check(v, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw invalidInput(path, 'must be plain JSON data');
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) throw invalidInput(`${path}.${k}`, 'must not be undefined (omit the key instead)');
      check(v, `${path}.${k}`);
    }
    return;
  }
  throw invalidInput(path, `is not JSON data (${typeof value})`);
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
