/**
 * Results no report lays out (a later wizard's, or free-form ones) are read with the schema's
 * readScalars, not hand-written guards: only top-level numbers, words and yes/no values come
 * through; nested objects, lists, nulls and anything that is not a record are left out.
 */
import { describe, expect, it } from 'vitest';
import { readScalars } from '../../../src-main/schema/snapshots';

describe('readScalars', () => {
  it('keeps the top-level numbers, strings and booleans, in order, and nothing else', () => {
    const results = { el: 7.25, law: 'leverage', feasible: false, missing: null, list: [1, 2], nested: { loss: 2.1 }, zero: 0, empty: '' };
    expect(readScalars(results)).toEqual([
      ['el', 7.25],
      ['law', 'leverage'],
      ['feasible', false],
      ['zero', 0],
      ['empty', ''],
    ]);
  });

  it('reads nothing from what is not a record', () => {
    for (const v of [null, undefined, 3, 'text', true, [1, 2], [{ el: 1 }]]) expect(readScalars(v), JSON.stringify(v)).toEqual([]);
  });
});
