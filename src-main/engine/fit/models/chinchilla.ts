/**
 * Chinchilla, L = E + A/N^α + B/D^β (LAWS.md §5), in Besiroglu et al.'s log form:
 * ln L̂ = logsumexp(a − α ln N, b − β ln D, e) with a = ln A, b = ln B, e = ln E.
 *
 * Internally ln N and ln D are centred (x = ln N − c_N) and a' = a − α c_N, b' = b − β c_D,
 * a linear change of variables that leaves the optimum unchanged but removes the strong
 * a–α and b–β correlation, so L-BFGS needs far fewer iterations.
 */
import type { FitData, FitRun, GridSpec, LossModel } from '../types';
import { center, col, dataOf, mean, positiveField, range, huber, huberSlope } from './common';

// theta = [a, b, e, alpha, beta]
const A = 0;
const B = 1;
const E = 2;
const AL = 3;
const BE = 4;

export const chinchillaModel: LossModel = {
  law: 'chinchilla',
  params: [
    { name: 'a', coefficient: 'A', transform: 'log' },
    { name: 'b', coefficient: 'B', transform: 'log' },
    { name: 'e', coefficient: 'E', transform: 'log' },
    { name: 'alpha', coefficient: 'alpha', transform: 'identity' },
    { name: 'beta', coefficient: 'beta', transform: 'identity' },
  ],
  coefficients: ['A', 'B', 'E', 'alpha', 'beta'],
  requires: ['nAct', 'tokens', 'loss'],
  defaultDelta: 1e-3,
  defaultGrid(): GridSpec {
    // Besiroglu et al.'s grid (issue 8): 6 × 6 × 5 × 5 × 5 = 4,500 starts.
    return { a: range(0, 25, 5), b: range(0, 25, 5), e: range(-1, 1, 0.5), alpha: range(0, 2, 0.5), beta: range(0, 2, 0.5) };
  },
  data(runs: readonly FitRun[], fixed: readonly boolean[], shifts?: Float64Array): FitData {
    const lnN = col(runs, (r, i) => Math.log(positiveField(r, 'nAct', i)));
    const lnD = col(runs, (r, i) => Math.log(positiveField(r, 'tokens', i)));
    const s = shifts ?? new Float64Array([fixed[A] && !fixed[AL] ? 0 : mean(lnN), fixed[B] && !fixed[BE] ? 0 : mean(lnD)]);
    return dataOf([center(lnN, s[0]!), center(lnD, s[1]!)], runs, s);
  },
  toInternal(theta, shifts, z) {
    z.set(theta);
    z[A] = theta[A]! - theta[AL]! * shifts[0]!;
    z[B] = theta[B]! - theta[BE]! * shifts[1]!;
  },
  toParams(z, shifts, theta) {
    theta.set(z);
    theta[A] = z[A]! + z[AL]! * shifts[0]!;
    theta[B] = z[B]! + z[BE]! * shifts[1]!;
  },
  objective(z, data, delta, grad) {
    return objective3(z[A]!, z[AL]!, z[B]!, z[BE]!, z[E]!, data, delta, grad, A, AL, B, BE, E, 1);
  },
  predict(z, data, out) {
    const x1 = data.cols[0]!;
    const x2 = data.cols[1]!;
    for (let i = 0; i < data.n; i++) {
      out[i] = lse3(z[A]! - z[AL]! * x1[i]!, z[B]! - z[BE]! * x2[i]!, z[E]!);
    }
  },
};

export function lse3(t1: number, t2: number, t3: number): number {
  const m = Math.max(t1, t2, t3);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(Math.exp(t1 - m) + Math.exp(t2 - m) + Math.exp(t3 - m));
}

/**
 * Σ w_i huber_δ(logsumexp(a − α x1_i, b − β x2_i, e) − y_i) and its gradient, written into
 * grad at the given slots (multiplied by `sign` for the α and β slots, so that a law written
 * with + exponents, like Eq. 5's m·N^μ, can reuse it with α = −μ). No allocation.
 */
export function objective3(
  a: number,
  al: number,
  b: number,
  be: number,
  e: number,
  data: FitData,
  delta: number,
  grad: Float64Array,
  ia: number,
  ial: number,
  ib: number,
  ibe: number,
  ie: number,
  sign: number,
): number {
  const x1 = data.cols[0]!;
  const x2 = data.cols[1]!;
  const y = data.y;
  const w = data.w;
  const n = data.n;
  const u3 = Math.exp(e);
  let f = 0;
  let ga = 0;
  let gb = 0;
  let ge = 0;
  let gal = 0;
  let gbe = 0;
  for (let i = 0; i < n; i++) {
    const xi1 = x1[i]!;
    const xi2 = x2[i]!;
    const t1 = a - al * xi1;
    const t2 = b - be * xi2;
    let pred: number;
    let p1: number;
    let p2: number;
    let p3: number;
    const m = t1 > t2 ? (t1 > e ? t1 : e) : t2 > e ? t2 : e;
    if (m < 700 && m > -700) {
      const u1 = Math.exp(t1);
      const u2 = Math.exp(t2);
      const s = u1 + u2 + u3;
      pred = Math.log(s);
      const inv = 1 / s;
      p1 = u1 * inv;
      p2 = u2 * inv;
      p3 = u3 * inv;
    } else {
      const u1 = Math.exp(t1 - m);
      const u2 = Math.exp(t2 - m);
      const v3 = Math.exp(e - m);
      const s = u1 + u2 + v3;
      pred = m + Math.log(s);
      const inv = 1 / s;
      p1 = u1 * inv;
      p2 = u2 * inv;
      p3 = v3 * inv;
    }
    const r = pred - y[i]!;
    const wi = w[i]!;
    f += wi * huber(r, delta);
    const psi = wi * huberSlope(r, delta);
    const q1 = psi * p1;
    const q2 = psi * p2;
    ga += q1;
    gal -= q1 * xi1;
    gb += q2;
    gbe -= q2 * xi2;
    ge += psi * p3;
  }
  grad[ia] = ga;
  grad[ib] = gb;
  grad[ie] = ge;
  grad[ial] = sign * gal;
  grad[ibe] = sign * gbe;
  return f;
}
