/**
 * The inverse problems on one loss surface L(N, D) = h(N) + n·D^ν + c, for a target loss L*:
 * the tokens a model of size N needs, the smallest model that can reach L* at all, and the
 * cheapest point of the L* contour for a cost a·6·N·D + b·2·N·D_inf. Along the contour
 * D(N) = ((L* − c − h(N))/n)^(1/ν) falls from infinity (at the smallest model) towards a floor,
 * so the cost is infinite at one end and grows like N at the other: a log grid brackets the
 * minimum and golden section refines it.
 */
const LN_MIN = Math.log(1e3);
const LN_MAX = Math.log(1e17);
const GRID = 96;

export interface ContourPoint {
  n: number;
  tokens: number;
  cost: number;
}

/** Tokens that bring a model of size N to L*, or Infinity when its model term alone is already at or above the gap. */
export function tokensForLoss(h: (n: number) => number, dataScale: number, dataExponent: number, gap: number, n: number): number {
  const rest = gap - h(n);
  if (!(rest > 0)) return Infinity;
  return Math.pow(rest / dataScale, 1 / dataExponent);
}

/**
 * Smallest N with h(N) < gap (the model that reaches L* only with unlimited data), by bisection
 * on ln N; null when even 10^17 parameters do not get there.
 */
export function smallestReachingSize(h: (n: number) => number, gap: number): number | null {
  if (!(h(Math.exp(LN_MAX)) < gap)) return null;
  let lo = LN_MIN;
  let hi = LN_MAX;
  if (h(Math.exp(lo)) < gap) return Math.exp(lo);
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = 0.5 * (lo + hi);
    if (h(Math.exp(mid)) < gap) hi = mid;
    else lo = mid;
  }
  return Math.exp(hi);
}

/** Minimises cost(N, D(N)) over the contour; the grid keeps a law whose h is not a pure power safe from a local dip. */
export function cheapestOnContour(
  h: (n: number) => number,
  dataScale: number,
  dataExponent: number,
  gap: number,
  cost: (n: number, tokens: number) => number,
): ContourPoint | null {
  const nMin = smallestReachingSize(h, gap);
  if (nMin === null) return null;
  const f = (x: number) => {
    const n = Math.exp(x);
    const d = tokensForLoss(h, dataScale, dataExponent, gap, n);
    return Number.isFinite(d) ? cost(n, d) : Infinity;
  };
  const lo0 = Math.log(nMin);
  let span = 16;
  let xs: number[] = [];
  let best = 0;
  // Widen the grid while the minimum sits on its upper edge (a law with a very shallow model term).
  for (let attempt = 0; attempt < 4; attempt++) {
    const hiX = Math.min(lo0 + span, LN_MAX + 8);
    xs = Array.from({ length: GRID }, (_, i) => lo0 + ((hiX - lo0) * (i + 1)) / GRID);
    best = 0;
    let bestVal = f(xs[0]!);
    for (let i = 1; i < xs.length; i++) {
      const v = f(xs[i]!);
      if (v < bestVal) {
        bestVal = v;
        best = i;
      }
    }
    if (best < xs.length - 1 || hiX >= LN_MAX + 8) break;
    span *= 2;
  }
  let a = best === 0 ? lo0 : xs[best - 1]!;
  let b = xs[Math.min(best + 1, xs.length - 1)]!;
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 200 && b - a > 1e-12; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = f(d);
    }
  }
  const n = Math.exp(0.5 * (a + b));
  const tokens = tokensForLoss(h, dataScale, dataExponent, gap, n);
  return { n, tokens, cost: cost(n, tokens) };
}

/** Smallest N that reaches L* on at most `maxTokens` tokens (the data one has), with the tokens it needs; null when none does. */
export function smallestWithinTokens(
  h: (n: number) => number,
  dataScale: number,
  dataExponent: number,
  gap: number,
  maxTokens: number,
): { n: number; tokens: number } | null {
  const modelGap = gap - dataScale * Math.pow(maxTokens, dataExponent);
  if (!(modelGap > 0)) return null;
  const n = smallestReachingSize(h, modelGap);
  if (n === null) return null;
  // Rounding in the bisection can leave the tokens a hair above the cap; the cap is the answer then.
  return { n, tokens: Math.min(maxTokens, tokensForLoss(h, dataScale, dataExponent, gap, n)) };
}
