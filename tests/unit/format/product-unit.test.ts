/** productUnit: the unit of a variance or covariance, bracketed so the square or product is of the whole unit. */
import { describe, expect, it } from 'vitest';
import { productUnit, quantity } from '../../../src-main/format';

describe('productUnit', () => {
  it('squares or multiplies whole units', () => {
    expect(productUnit('nats/token')).toBe('(nats/token)²');
    expect(productUnit('ln L')).toBe('(ln L)²');
    expect(productUnit('nats/token', 'ln L')).toBe('(nats/token)·(ln L)');
    expect(productUnit('FLOPs')).toBe('FLOPs²');
  });
  it('is written after the number as any unit is', () => {
    expect(quantity(0.25, productUnit('ln L'))).toBe('0.25 (ln L)²');
  });
});
