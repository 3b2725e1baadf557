/**
 * A percentile written out as the engine takes it: linear interpolation between order statistics
 * (Hyndman & Fan's type 7, numpy's default 'linear'; `quantile` in engine/common/quantile.ts).
 * At the position h = (n − 1)·q, counted from 0 for the smallest, it is
 * x₍i₎ + (h − ⌊h⌋)·(x₍i+1₎ − x₍i₎) with i = ⌊h⌋ + 1: the order statistics are numbered from 1,
 * so for 12 values and q = 0.975 (h = 10.725) they are x₍₁₁₎ and x₍₁₂₎.
 */
import { whole } from '../../format';
import { add, evaluate, floor, mul, sub, term, type Expr, type Leaf, type Step } from './expr';

const subscript = (k: number) => [...String(k)].map((d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]).join('');

/** 1st, 2nd, 3rd, 11th, 21st… (the order statistics' names). */
export function ordinal(k: number): string {
  const s = k % 100 >= 11 && k % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[k % 10] ?? 'th';
  return `${whole(k)}${s}`;
}

/**
 * The percentile of `values` at the position `h` (a step that writes (n − 1)·q), between the two
 * order statistics h falls between, each a term `symbol₍i₎` whose meaning is "the i-th smallest
 * `meaning`". The order statistics are read where h evaluates, so the written position and the
 * subscripts cannot disagree.
 */
export function orderStatistic(values: readonly number[], h: Step, x: { symbol: string; unit: string; meaning: string }): Expr {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(Math.max(Math.floor(evaluate(h)), 0), sorted.length - 1);
  const j = Math.min(i + 1, sorted.length - 1);
  const at = (k: number): Leaf => term(`${x.symbol}₍${subscript(k + 1)}₎`, sorted[k]!, x.unit, `the ${ordinal(k + 1)} smallest ${x.meaning}`);
  const vi = at(i);
  const vj = j === i ? vi : at(j);
  return add(vi, mul(sub(h, floor(h)), sub(vj, vi)));
}
