import { describe, expect, test } from 'vitest';
import { centralRange, quantile } from '../../../../src-main/engine/common/quantile';

// Expected values computed by hand with Hyndman & Fan's type 7 (numpy.quantile's default):
// h = (n − 1)·q, x₍⌊h⌋+1₎ + (h − ⌊h⌋)·(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎), order statistics numbered from 1.
describe('quantile (type 7)', () => {
  test('interpolates between order statistics, whatever the input order', () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5); // h = 1.5: 2 + 0.5·(3 − 2)
    expect(quantile([50, 10, 40, 20, 30], 0.05)).toBeCloseTo(12, 12); // h = 0.2: 10 + 0.2·10
    expect(quantile([50, 10, 40, 20, 30], 0.95)).toBeCloseTo(48, 12); // h = 3.8: 40 + 0.8·10
    expect(quantile([0, 10], 0.05)).toBeCloseTo(0.5, 12);
  });
  test('the ends are the extremes; one value is every quantile; none is NaN', () => {
    expect(quantile([7, -2, 5], 0)).toBe(-2);
    expect(quantile([7, -2, 5], 1)).toBe(7);
    expect(quantile([10], 0.95)).toBe(10);
    expect(quantile([], 0.5)).toBeNaN();
  });
  test('does not reorder its input', () => {
    const v = [3, 1, 2];
    quantile(v, 0.5);
    expect(v).toEqual([3, 1, 2]);
  });
});

describe('centralRange', () => {
  test('a 90 % range of 1…21 is its 5th and 95th percentiles: 2 and 20', () => {
    const v = Array.from({ length: 21 }, (_, i) => 21 - i); // h = 20·0.05 = 1 and 20·0.95 = 19
    const r = centralRange(v, 0.9);
    expect(r.low).toBeCloseTo(2, 12);
    expect(r.high).toBeCloseTo(20, 12);
  });
});
