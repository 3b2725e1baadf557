/**
 * schema/mirror.ts is a compile-time check, so its test is too: each `@ts-expect-error` below
 * must meet an error, or the typecheck `npm test` runs first fails ("unused directive"). The
 * calls also run, so vitest lists them.
 */
import { describe, expect, it } from 'vitest';
import { mirrors } from '../../../src-main/schema/mirror';

interface Schema {
  a: number;
  nested: { b: string; c: number | null };
}

describe('schema/mirror', () => {
  it('accepts an engine type with exactly the schema’s fields', () => {
    expect(() => mirrors<Schema, { a: number; nested: { b: string; c: number } }>(true)).not.toThrow();
  });

  it('rejects a field only the engine has, at any depth', () => {
    // @ts-expect-error nested.extra exists on the engine's side only
    mirrors<Schema, { a: number; nested: { b: string; c: number; extra: number } }>(true);
    // @ts-expect-error d exists on the engine's side only
    mirrors<Schema, { a: number; d: boolean; nested: { b: string; c: null } }>(true);
  });

  it('rejects a field only the schema has', () => {
    // @ts-expect-error the engine has no nested.c
    mirrors<Schema, { a: number; nested: { b: string } }>(true);
  });

  it('rejects an engine value the schema would refuse', () => {
    // @ts-expect-error a is a string on the engine's side
    mirrors<Schema, { a: string; nested: { b: string; c: number } }>(true);
  });
});
