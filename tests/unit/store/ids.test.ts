/** Scenario ids are RFC 9562 version-7 UUIDs: the creation time first, so new rows append to the id indexes. */
import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../../src-main/store/ids';

const V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('carries the millisecond time in its first 48 bits and the version/variant bits of RFC 9562', () => {
    const ms = Date.UTC(2027, 0, 2, 3, 4, 5, 678) + 1_000_000; // after any id this process made
    const m = V7.exec(timeOrderedId(ms));
    expect(m).not.toBeNull();
    expect(parseInt(`${m![1]}${m![2]}`, 16)).toBe(ms);
  });

  it('sorts as it was made, within a millisecond and when the clock steps back, and never repeats', () => {
    const base = Date.UTC(2028, 0, 1);
    const clock = [...Array<number>(5000).fill(base), base - 10, ...Array<number>(100).fill(base + 1)];
    const ids = clock.map((ms) => timeOrderedId(ms));
    expect(ids.every((id) => V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
