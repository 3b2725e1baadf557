import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editableBytes, editableNumber, parseAxis, parseBytes, parseIntList, parseNumber, parsePositive } from '../../../src-main/format';

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
    ['1.0 × 10²²', 1e22],
    ['3 × 10⁻³', 3e-3],
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
    expect(parseBytes('123456 B')).toEqual({ ok: true, value: 123456 });
  });
  it('asks for a unit instead of reading a bare 80 as 80 bytes', () => {
    const r = parseBytes('80', 'Memory per device');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Memory per device: add a unit to "80" \(e\.g\. 80 GB or 80 GiB\)/);
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

describe('what an input shows reads back to the value it holds', () => {
  it('numbers, to six significant digits', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: 1e-12, max: 1e30 }), (x) => {
      const r = parseNumber(editableNumber(x));
      return r.ok && Math.abs(r.value - x) <= Math.abs(x) * 5e-6;
    }));
    expect(editableNumber(1e22)).toBe('1 × 10²²');
    expect(editableNumber(3e22)).toBe('3 × 10²²');
  });
  it('bytes, in either convention', () => {
    expect(editableBytes(80 * 2 ** 30, 'binary')).toBe('80 GiB');
    expect(editableBytes(80e9, 'decimal')).toBe('80 GB');
    fc.assert(fc.property(fc.double({ noNaN: true, min: 1, max: 1e16 }), fc.constantFrom('binary' as const, 'decimal' as const), (x, c) => {
      const r = parseBytes(editableBytes(x, c));
      return r.ok && Math.abs(r.value - x) <= x * 5e-6;
    }));
  });
});

describe('parseAxis', () => {
  it('reads a list or a geometric range FROM:TO:FACTOR, the end included when the steps land on it', () => {
    expect(parseAxis('5e7, 1e8, 4 × 10⁸', 'N_act')).toEqual({ ok: true, value: [5e7, 1e8, 4e8] });
    expect(parseAxis('5e7:1.6e9:2', 'N_act')).toEqual({ ok: true, value: [5e7, 1e8, 2e8, 4e8, 8e8, 1.6e9] });
    expect(parseAxis('5:80:2', 'ratio')).toEqual({ ok: true, value: [5, 10, 20, 40, 80] });
    // 1e8 × 3^k: 1e8, 3e8, 9e8 (2.7e9 is past the end).
    expect(parseAxis('1e8:2e9:3', 'N_act')).toEqual({ ok: true, value: [1e8, 3e8, 9e8] });
    expect(parseAxis('1:32:2', 'E', { integer: true })).toEqual({ ok: true, value: [1, 2, 4, 8, 16, 32] });
  });

  it('refuses, naming the field, what is not a grid', () => {
    expect(parseAxis('', 'N_act')).toEqual({ ok: false, message: 'N_act is empty' });
    expect(parseAxis('80:5:2', 'ratio')).toMatchObject({ ok: false, message: 'ratio: the range ends (5) below where it starts (80)' });
    expect(parseAxis('5:80:1', 'ratio')).toMatchObject({ ok: false, message: 'ratio: the factor between values must be greater than 1 (got 1)' });
    expect(parseAxis('5:80', 'ratio')).toMatchObject({ ok: false, message: 'ratio: write a range as FROM:TO:FACTOR, e.g. 5e7:1.6e9:2' });
    expect(parseAxis('1,2.5', 'E', { integer: true })).toMatchObject({ ok: false, message: 'E: "2.5" is not a whole number' });
    expect(parseAxis('1:10:1.5', 'E', { integer: true })).toMatchObject({ ok: false });
    expect(parseAxis('1, 2, 1', 'E', { integer: true })).toMatchObject({ ok: false, message: 'E: a value is repeated' });
    expect(parseAxis('1:1e9:1.01', 'N_act')).toMatchObject({ ok: false, message: 'N_act: the range gives more than 24 values (use a larger factor)' });
    expect(parseAxis('-1, 2', 'N_act')).toMatchObject({ ok: false });
  });
});
