/**
 * Independent re-statement of Eq. 4–6 with Table 3's printed numbers, so tests do not lean on
 * the engine's own coefficient plumbing, plus a brute-force line minimiser.
 */
export const TABLE3 = { a: 35.91, alpha: -0.1889, delta: -0.2285, gamma: 0.0098, b: 35.98, beta: -0.1775, omega: 0.5529, zeta: -0.0259, eStart: 2.0732, eMax: 290.4521, c: 1.3637 };

export function eHatRef(e: number): number {
  const t = TABLE3;
  return 1 / (1 / (e - 1 + 1 / (1 / t.eStart - 1 / t.eMax)) + 1 / t.eMax);
}

export function lossRef(n: number, d: number, e: number): number {
  const t = TABLE3;
  const h = eHatRef(e);
  return t.a * h ** t.delta * n ** (t.alpha + t.gamma * Math.log(h)) + t.b * h ** t.omega * d ** (t.beta + t.zeta * Math.log(h)) + t.c;
}

/** Golden-section search on ln N over [lo, hi]; f must be unimodal there. */
export function argminLog(f: (n: number) => number, lo: number, hi: number, iters = 200): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(lo);
  let b = Math.log(hi);
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  for (let i = 0; i < iters; i++) {
    if (f(Math.exp(c)) < f(Math.exp(d))) b = d;
    else a = c;
    c = b - g * (b - a);
    d = a + g * (b - a);
  }
  return Math.exp((a + b) / 2);
}

/** Dense grid scan in ln N, as a second brute force that assumes nothing about unimodality. */
export function gridArgmin(f: (n: number) => number, lo: number, hi: number, steps = 4000): number {
  let best = lo;
  let bestV = Infinity;
  for (let i = 0; i <= steps; i++) {
    const n = lo * Math.pow(hi / lo, i / steps);
    const v = f(n);
    if (v < bestV) {
      bestV = v;
      best = n;
    }
  }
  return best;
}

export const rel = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);
