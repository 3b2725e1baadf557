/** What the explanation tests share: seeded random inputs, relative closeness, and reading a tree's figures. */
import { expect } from 'vitest';
import { mulberry32 } from '../../../../src-main/engine/fit/prng';
import { evaluate, type Explanation, type WrittenExplanation } from '../../../../src-main/engine/explain';

export function randomInputs(seed: number) {
  const rng = mulberry32(seed);
  return {
    rng,
    logUniform: (lo: number, hi: number) => Math.exp(Math.log(lo) + rng() * (Math.log(hi) - Math.log(lo))),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!,
  };
}

export function relClose(actual: number, expected: number, rel = 1e-12) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300));
}

/** A headline figure of the tree, evaluated. */
export const headline = (x: Explanation, symbol: string) => {
  const s = x.headline.find((h) => h.symbol === symbol);
  if (!s) throw new Error(`no headline ${symbol} in ${x.figure}: ${x.headline.map((h) => h.symbol).join(', ')}`);
  return evaluate(s);
};

export const row = (w: WrittenExplanation, symbol: string) => {
  const r = w.rows.find((x) => x.symbol === symbol);
  if (!r) throw new Error(`no row ${symbol} in ${w.figure}`);
  return r;
};

/** Raw notation the format rules forbid: e-notation, a caret before a digit. */
export const RAW = /\d[eE][+-]?\d|\^\s*[-+−]?\d/;

export function allText(w: WrittenExplanation): string[] {
  return [w.title, ...w.equations, ...w.rows.flatMap((r) => [r.formula, r.substituted, r.value]), ...w.inputs.map((i) => i.value), ...w.coefficients.map((c) => c.value)];
}
