import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  byteConventionNote, bytes, bytesTick, count, countTick, dateTime, days, decimals, flops, flopsTick, gpuHours, loss, money, multiple, percent,
  powerOfTen, prose, seconds, significant, superscript, whole, cell, quantity, unitText, csvUnitText, SHARE_UNIT,
} from '../../../src-main/format';

// Expectations are written by hand from the rules in the issue, not produced by the code.
describe('counts', () => {
  it.each([
    [12.3e9, '12.3 B'],
    [1.45e12, '1.45 T'],
    [155e6, '155 M'],
    [1.234e9, '1.23 B'],
    [999.7e6, '1 B'],
    [6.7e9, '6.7 B'],
    [2e12, '2 T'],
    [12_500, '12.5 K'],
    [512, '512'],
    [1.5e16, '1.50 × 10¹⁶'],
  ])('%d → %s', (x, text) => expect(count(x)).toBe(text));
});

describe('FLOPs', () => {
  it.each([
    [1e22, '1.0 × 10²²'],
    [3.16e22, '3.2 × 10²²'],
    [9.96e20, '1.0 × 10²¹'],
    [5.8e23, '5.8 × 10²³'],
    [-2.5e21, '−2.5 × 10²¹'],
    [1e23, '1.0 × 10²³'],
    [1e29, '1.0 × 10²⁹'],
    [9.999e22, '1.0 × 10²³'],
  ])('%d → %s', (x, text) => expect(flops(x)).toBe(text));
  it('writes real superscripts for negative powers', () => {
    expect(powerOfTen(1e-3, 2)).toBe('1.0 × 10⁻³');
    expect(superscript(-12)).toBe('⁻¹²');
  });
});

describe('grouped and plain figures', () => {
  it.each([
    [7024.6, '7,020 GPU-hours'],
    [368_640, '369,000 GPU-hours'],
    [12.34, '12.3 GPU-hours'],
    // one hour is singular, as a day is; anything that reads otherwise is plural
    [1, '1 GPU-hour'],
    [1.0004, '1 GPU-hour'],
    [1.2, '1.2 GPU-hours'],
    [0.5, '0.5 GPU-hours'],
  ])('GPU-hours %d → %s', (x, text) => expect(gpuHours(x)).toBe(text));
  it('money', () => {
    expect(money(1_234_567)).toBe('$1,230,000');
    expect(money(842.5)).toBe('$843');
    // a price per GPU-hour is read to the cent
    expect(money(2.5)).toBe('$2.50');
    expect(money(12.345)).toBe('$12.35');
    expect(money(0.125)).toBe('$0.13');
    expect(money(0.0021)).toBe('$0.0021');
    expect(money(2)).toBe('$2.00');
    expect(money(99.99)).toBe('$99.99');
    expect(money(99.999)).toBe('$100');
  });
  it('days', () => {
    expect(days(30)).toBe('30 days');
    expect(days(1)).toBe('1 day');
    expect(days(0.526)).toBe('0.526 days');
    expect(days(1234.5)).toBe('1,230 days');
  });
  it('significant digits, trailing zeros dropped after the point only', () => {
    expect(significant(2.5)).toBe('2.5');
    expect(significant(0.0123456)).toBe('0.0123');
    expect(significant(1200)).toBe('1,200');
    expect(significant(0.00012)).toBe('1.20 × 10⁻⁴');
    expect(loss(2.11349)).toBe('2.113');
    // A loss keeps its fourth digit when it is a zero, so a column of losses reads at one precision.
    expect(loss(1.95)).toBe('1.950');
    expect(loss(2)).toBe('2.000');
    expect(loss(12.3456)).toBe('12.35');
    // Rounding up past a power of ten keeps four digits, not five or one.
    expect(loss(9.99996)).toBe('10.00');
    expect(loss(99.9996)).toBe('100.0');
    expect(loss(0.99996)).toBe('1.000');
    expect(loss(0.0062)).toBe('0.0062');
    expect(percent(0.1234)).toBe('12.3%');
    expect(decimals(-1234.5678, 2)).toBe('−1,234.57');
  });
});

describe('factors, seconds, whole numbers and moments', () => {
  it.each([
    [5, '5.00×'],
    [1.5, '1.50×'],
    [20, '20.0×'],
    [123.4, '123×'],
    [999.7, '1,000×'],
    [1234, '1,230×'],
    [12_345, '1.23 × 10⁴×'],
  ])('factor %d → %s', (x, text) => expect(multiple(x)).toBe(text));

  it.each([
    [0.8421, '0.842 s'],
    [12.345, '12.3 s'],
    [1234.5, '1,230 s'],
  ])('seconds %d → %s', (x, text) => expect(seconds(x)).toBe(text));

  it.each([
    [4096, '4,096'],
    [1_000_000, '1,000,000'],
    [3.6, '4'],
    [0, '0'],
  ])('whole %d → %s', (x, text) => expect(whole(x)).toBe(text));

  it('writes a moment in UTC to the minute, from milliseconds or ISO text', () => {
    expect(dateTime(Date.UTC(2026, 11, 1, 17, 36, 59))).toBe('2026-12-01 17:36 UTC');
    expect(dateTime('2026-01-05T03:04:05.000Z')).toBe('2026-01-05 03:04 UTC');
    expect(dateTime('not a date')).toBe('—');
  });
});

describe('bytes in one convention', () => {
  it('GiB = 2^30, GB = 10^9', () => {
    expect(bytes(640 * 2 ** 30, 'binary')).toBe('640 GiB');
    expect(bytes(640 * 2 ** 30, 'decimal')).toBe('687 GB');
    expect(bytes(80e9, 'decimal')).toBe('80 GB');
    expect(bytes(1536, 'binary')).toBe('1.5 KiB');
    expect(bytes(1.5 * 2 ** 40, 'binary')).toBe('1.5 TiB');
    expect(bytes(1023.9 * 2 ** 30, 'binary')).toBe('1 TiB');
  });
  it('states the convention in words', () => {
    expect(byteConventionNote('binary')).toContain('1 GiB = 2³⁰ bytes');
    expect(byteConventionNote('decimal')).toContain('1 GB = 10⁹ bytes');
  });
});

describe('ticks', () => {
  it('short labels in planner units', () => {
    expect(flopsTick(1e22)).toBe('10²²');
    expect(flopsTick(3e22)).toBe('3 × 10²²');
    expect(countTick(1e10)).toBe('10 B');
    expect(countTick(3e8)).toBe('300 M');
    expect(bytesTick(80 * 2 ** 30, 'binary')).toBe('80 GiB');
  });
});

describe('no raw notation, ever', () => {
  const RAW = /e[+-]?\d|\^|\d\.0*[1-9]\d{3,}/;
  it('for any finite value of any kind', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), (x) => {
      for (const text of [count(x), flops(x), significant(x), gpuHours(x), money(x), days(x), bytes(Math.abs(x), 'binary'), bytes(Math.abs(x), 'decimal')]) {
        if (RAW.test(text)) throw new Error(`${x} → ${text}`);
      }
    }));
  });
  it('at most the chosen significant digits', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: 1e-2, max: 1e14 }), (x) => {
      const digits = significant(x, 3).replace(/[,.-]/g, '').replace(/^0+/, '').replace(/0+$/, '');
      return digits.length <= 3;
    }));
  });
});

describe('prose', () => {
  it('rewrites e-notation in free text, keeping the author’s digits', () => {
    expect(prose('at 5.76e+23 FLOPs (Chinchilla) and 1e22')).toBe('at 5.76 × 10²³ FLOPs (Chinchilla) and 1 × 10²²');
    expect(prose('arXiv:2404.10102, 3 runs')).toBe('arXiv:2404.10102, 3 runs');
  });
});

describe('shares', () => {
  it('are read as percentages, and a CSV header says its cells hold the fraction', () => {
    expect(cell(0.4596, SHARE_UNIT)).toBe('46%');
    expect(quantity(0.4, SHARE_UNIT)).toBe('40%');
    expect(unitText(SHARE_UNIT)).toBe('%');
    expect(csvUnitText(SHARE_UNIT)).toBe('fraction of 1');
    expect(unitText('fraction')).toBe('fraction');
  });
});

describe('unit words', () => {
  it('read in the singular after a figure written "1" ("1 experts" was printed for the joint law\'s fitted range)', () => {
    expect(quantity(1, 'experts')).toBe('1 expert');
    expect(quantity(32, 'experts')).toBe('32 experts');
    expect(quantity(1, 'days')).toBe('1 day');
    expect(quantity(1, 'GPU-hours')).toBe('1 GPU-hour');
    expect(quantity(1, 'runs')).toBe('1 run');
    expect(quantity(1.5, 'days')).toBe('1.5 days');
    expect(quantity(1, 'FLOPs')).not.toMatch(/FLOP$/);
  });
});

describe('model widths', () => {
  it('a built width is written exactly, a continuous optimum to four digits', () => {
    // GPT-2's vocabulary and a power-of-two d_model: rounding either to 3 digits misstates the model
    expect(cell(50257, 'dimensions')).toBe('50,257');
    expect(cell(4096, 'dimensions')).toBe('4,096');
    expect(cell(4093.71, 'dimensions')).toBe('4,094');
  });
});
