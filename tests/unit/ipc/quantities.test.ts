import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatBytes, formatCount, parseBytes, parseIntList, parseNumber, parsePositive } from '../../../src-main/ipc/contract/quantities';

describe('parseNumber', () => {
  it.each([
    ['1e22', 1e22],
    ['1.5e21', 1.5e21],
    ['3×10^22', 3e22],
    ['3x10^22', 3e22],
    ['3 * 10^22', 3e22],
    ['2,000', 2000],
    ['1_000_000', 1e6],
    ['.5', 0.5],
    ['  42 ', 42],
  ])('reads %s', (text, value) => {
    const r = parseNumber(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBeCloseTo(value, 6 - Math.log10(value));
  });

  it.each(['', 'abc', '1e', '10^22', '1e400', '3×10^', 'NaN', 'Infinity'])('refuses %j with a message', (text) => {
    const r = parseNumber(text, 'budget');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/budget/);
  });

  it('round-trips any finite double written with toString', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const r = parseNumber(String(x));
      return r.ok && Object.is(r.value, x === 0 ? Number(String(x)) : x);
    }));
  });

  it('refuses zero and negatives where a positive value is needed', () => {
    expect(parsePositive('0').ok).toBe(false);
    expect(parsePositive('-1e3').ok).toBe(false);
  });
});

describe('parseBytes', () => {
  it('distinguishes GB (10^9) from GiB (2^30)', () => {
    expect(parseBytes('80GB')).toEqual({ ok: true, value: 80e9 });
    expect(parseBytes('80 GiB')).toEqual({ ok: true, value: 80 * 2 ** 30 });
    expect(parseBytes('640gib')).toEqual({ ok: true, value: 640 * 2 ** 30 });
    expect(parseBytes('1.5TB')).toEqual({ ok: true, value: 1.5e12 });
    expect(parseBytes('123456')).toEqual({ ok: true, value: 123456 });
  });
  it('names unknown units', () => {
    const r = parseBytes('80 GX', '--memory');
    expect(r.ok).toBe(false);
  });
});

describe('parseIntList', () => {
  it('reads expert lists and refuses fractions', () => {
    expect(parseIntList('1, 2,4')).toEqual({ ok: true, value: [1, 2, 4] });
    expect(parseIntList('1,2.5').ok).toBe(false);
    expect(parseIntList('0').ok).toBe(false);
  });
});

describe('formatting', () => {
  it('uses SI suffixes for counts and binary units for bytes', () => {
    expect(formatCount(1.234e9)).toBe('1.23B');
    expect(formatCount(155e6)).toBe('155M');
    expect(formatBytes(80 * 2 ** 30)).toBe('80 GiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
});
