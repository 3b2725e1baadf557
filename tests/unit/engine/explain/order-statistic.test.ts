/**
 * Percentiles written out (engine/explain/order-statistic.ts) against hand-computed ones: linear
 * interpolation between order statistics, numpy's default method — for sorted x and position
 * h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) 0-based, so the order statistics named are
 * the (⌊h⌋+1)-th and (⌊h⌋+2)-th smallest. The numbers below are worked out by hand from the sorted
 * sample, as np.percentile(x, 100·q) gives them.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, explainBootstrapBand, explainFitIntervals, input, lit, mul, step, sub, writeExplanation, type Expr, type FitToExplain } from '../../../../src-main/engine/explain';
import { orderStatistic } from '../../../../src-main/engine/explain/order-statistic';
import { publishedSet } from '../../../../src-main/engine/common/coefficients';

/** 12 values; sorted: 1, 1, 2, 3, 3, 4, 5, 5, 5, 6, 8, 9. */
const X = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];

const position = (n: number, q: number) => step('h', 'position', '1', mul(sub(input('n', n, '1', 'values'), 1), lit(q)));

function leaves(e: Expr): Array<{ symbol: string; value: number; meaning: string }> {
  if (e.op === 'leaf') return e.role === 'term' ? [{ symbol: e.symbol!, value: e.value, meaning: e.meaning! }] : [];
  if (e.op === 'ref') return [];
  if ('args' in e) return e.args.flatMap(leaves);
  if ('b' in e) return [...leaves(e.a), ...leaves(e.b)];
  return leaves(e.a);
}
const symbolsOf = (e: Expr) => [...new Set(leaves(e).map((l) => l.symbol))];

describe('a percentile written as interpolation between order statistics', () => {
  const cases: Array<[number, number, string[]]> = [
    // q, np.percentile(X, 100·q), the order statistics h falls between
    [0.1, 1.1, ['x₍₂₎', 'x₍₃₎']], // h = 1.1: 1 + 0.1·(2 − 1)
    [0.25, 2.75, ['x₍₃₎', 'x₍₄₎']], // h = 2.75: 2 + 0.75·(3 − 2)
    [0.5, 4.5, ['x₍₆₎', 'x₍₇₎']], // h = 5.5: 4 + 0.5·(5 − 4)
    [0.975, 8.725, ['x₍₁₁₎', 'x₍₁₂₎']], // h = 10.725: 8 + 0.725·(9 − 8)
    [1, 9, ['x₍₁₂₎']], // h = 11: the largest alone
  ];
  for (const [q, expected, names] of cases) {
    it(`q = ${q} of 12 values: ${expected}, between ${names.join(' and ')}`, () => {
      const e = orderStatistic(X, position(X.length, q), { symbol: 'x', unit: '1', meaning: 'value' });
      expect(evaluate(e)).toBeCloseTo(expected, 12);
      expect(symbolsOf(e)).toEqual(names);
    });
  }

  it('names each order statistic by its rank from 1 (the 11th, the 12th smallest) with its value', () => {
    const e = orderStatistic(X, position(X.length, 0.975), { symbol: 'x', unit: '1', meaning: 'value' });
    expect(leaves(e).map((l) => [l.meaning, l.value])).toEqual([
      ['the 11th smallest value', 8],
      ['the 12th smallest value', 9],
      ['the 11th smallest value', 8],
    ]);
  });

  it('two values and one: 5th and 95th percentiles by hand', () => {
    expect(evaluate(orderStatistic([10, 2], position(2, 0.05), { symbol: 'x', unit: '1', meaning: 'value' }))).toBeCloseTo(2.4, 12); // 2 + 0.05·8
    expect(evaluate(orderStatistic([10, 2], position(2, 0.95), { symbol: 'x', unit: '1', meaning: 'value' }))).toBeCloseTo(9.6, 12); // 2 + 0.95·8
    const one = orderStatistic([7], position(1, 0.95), { symbol: 'x', unit: '1', meaning: 'value' });
    expect([evaluate(one), ...symbolsOf(one)]).toEqual([7, 'x₍₁₎']);
  });
});

describe('the explanations that write percentiles use it', () => {
  it('fit intervals: 12 replicates at c = 0.95 end at the 1st–2nd and 11th–12th order statistics, written as subscripts', () => {
    const set = publishedSet('besiroglu2024');
    const replicates = X.map((x) => ({ ...set.values, alpha: 0.3 + x / 100 }));
    const fit = { law: 'chinchilla', coefficientOrder: ['alpha'], bootstrap: { samples: 12, seed: 1, confidence: 0.95, failed: 0 } } as unknown as FitToExplain;
    const e = explainFitIntervals(fit, replicates);
    const hi = e.headline.find((h) => h.symbol === 'alpha_hi')!;
    const lo = e.headline.find((h) => h.symbol === 'alpha_lo')!;
    expect(evaluate(hi)).toBeCloseTo(0.3 + 0.08725, 12); // h = 11·0.975 = 10.725: 8 + 0.725·(9 − 8), over 100
    expect(evaluate(lo)).toBeCloseTo(0.3 + 0.01, 12); // h = 11·0.025 = 0.275: between two 1s
    expect(symbolsOf(hi.expr)).toEqual(['alpha₍₁₁₎', 'alpha₍₁₂₎']);
    expect(symbolsOf(lo.expr)).toEqual(['alpha₍₁₎', 'alpha₍₂₎']);
    const written = writeExplanation(e).rows.find((r) => r.symbol === 'alpha_hi')!;
    expect(written.formula).toBe('alpha₍₁₁₎ + (h_hi − ⌊h_hi⌋)·(alpha₍₁₂₎ − alpha₍₁₁₎)');
  });

  it('bootstrap band: 12 refits at c = 0.9 take the 95th percentile between the 11th and 12th best designs', () => {
    const winners = X.map((x) => ({ experts: 8, nAct: x * 1e8, tokens: 2e10, loss: 2 + x / 10 }));
    const e = explainBootstrapBand({ winners, refits: 12, confidence: 0.9 }, publishedSet('ludziejewski2025-joint'));
    const hi = e.headline.find((h) => h.symbol === 'N_act_hi')!;
    expect(evaluate(hi)).toBeCloseTo(8.45e8, 0); // h = 11·0.95 = 10.45: 8 + 0.45·(9 − 8), × 10⁸
    expect(symbolsOf(hi.expr)).toEqual(['N_act₍₁₁₎', 'N_act₍₁₂₎']);
  });
});
