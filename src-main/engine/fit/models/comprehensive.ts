/**
 * Comprehensive MoE law (LAWS.md §3, arXiv 2509.23678):
 *
 *   L = (e·G + f/G + m·S² + n·S)·(N^−α + k·N_a^−α + h·N_a/N) + a·N^−α + b·D^−β + c·N_a^−α + ε
 *
 * N total parameters, N_a active, D tokens, G activated experts, S shared ratio. a, b, c, ε are
 * fitted in log space (positive); e, f, m, n, k, h are free reals (n is negative in the
 * published set), so the law is not a sum of positive terms and ln L̂ = ln L is computed
 * directly; the objective is +∞ where L̂ ≤ 0.
 */
import type { FitData, FitRun, GridSpec, LossModel } from '../types';
import { col, dataOf, finiteField, positiveField, huber, huberSlope } from './common';

// theta = [e, f, m, n, k, h, log_a, alpha, log_b, beta, log_c, log_epsilon]
const IE = 0;
const IF = 1;
const IM = 2;
const IN = 3;
const IK = 4;
const IH = 5;
const LA = 6;
const AL = 7;
const LB = 8;
const BE = 9;
const LC = 10;
const LEP = 11;

export const comprehensiveModel: LossModel = {
  law: 'comprehensive',
  params: [
    { name: 'e', coefficient: 'e', transform: 'identity' },
    { name: 'f', coefficient: 'f', transform: 'identity' },
    { name: 'm', coefficient: 'm', transform: 'identity' },
    { name: 'n', coefficient: 'n', transform: 'identity' },
    { name: 'k', coefficient: 'k', transform: 'identity' },
    { name: 'h', coefficient: 'h', transform: 'identity' },
    { name: 'log_a', coefficient: 'a', transform: 'log' },
    { name: 'alpha', coefficient: 'alpha', transform: 'identity' },
    { name: 'log_b', coefficient: 'b', transform: 'log' },
    { name: 'beta', coefficient: 'beta', transform: 'identity' },
    { name: 'log_c', coefficient: 'c', transform: 'log' },
    { name: 'log_epsilon', coefficient: 'epsilon', transform: 'log' },
  ],
  coefficients: ['e', 'f', 'm', 'n', 'k', 'h', 'a', 'alpha', 'b', 'beta', 'c', 'epsilon'],
  requires: ['nAct', 'nTotal', 'tokens', 'loss', 'activatedExperts', 'sharedRatio'],
  defaultDelta: 1e-2,
  defaultGrid(): GridSpec {
    // Our default (the paper's fitting grid is not available): the published (secondary) set,
    // with the exponents and the irreducible loss varied: 3 × 3 × 2 = 18 starts.
    return {
      e: [0.1577],
      f: [7.2446],
      m: [5.1395],
      n: [-3.2363],
      k: [0.0013],
      h: [0.045],
      a: [38.051],
      alpha: [0.15, 0.25, 0.35],
      b: [27129.05],
      beta: [0.3, 0.45, 0.6],
      c: [31.096],
      epsilon: [1, 1.8],
    };
  },
  data(runs: readonly FitRun[], _fixed: readonly boolean[], shifts?: Float64Array): FitData {
    const lnN = col(runs, (r, i) => Math.log(positiveField(r, 'nTotal', i)));
    const lnNa = col(runs, (r, i) => Math.log(positiveField(r, 'nAct', i)));
    const lnD = col(runs, (r, i) => Math.log(positiveField(r, 'tokens', i)));
    const G = col(runs, (r, i) => positiveField(r, 'activatedExperts', i));
    const S = col(runs, (r, i) => finiteField(r, 'sharedRatio', i));
    const ratio = col(runs, (_r, i) => Math.exp(lnNa[i]! - lnN[i]!));
    return dataOf([lnN, lnNa, lnD, G, S, ratio], runs, shifts ?? new Float64Array(0));
  },
  toInternal(theta, _shifts, z) {
    z.set(theta);
  },
  toParams(z, _shifts, theta) {
    theta.set(z);
  },
  objective(z, data, delta, grad) {
    const e = z[IE]!;
    const f_ = z[IF]!;
    const mm = z[IM]!;
    const nn = z[IN]!;
    const k = z[IK]!;
    const h = z[IH]!;
    const eA = Math.exp(z[LA]!);
    const al = z[AL]!;
    const lb = z[LB]!;
    const be = z[BE]!;
    const eC = Math.exp(z[LC]!);
    const eps = Math.exp(z[LEP]!);
    const lnN = data.cols[0]!;
    const lnNa = data.cols[1]!;
    const lnD = data.cols[2]!;
    const Gc = data.cols[3]!;
    const Sc = data.cols[4]!;
    const Rc = data.cols[5]!;
    const y = data.y;
    const w = data.w;
    let f = 0;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    let g4 = 0;
    let g5 = 0;
    let g6 = 0;
    let g7 = 0;
    let g8 = 0;
    let g9 = 0;
    let g10 = 0;
    let g11 = 0;
    for (let i = 0; i < data.n; i++) {
      const G = Gc[i]!;
      const S = Sc[i]!;
      const r0 = Rc[i]!;
      const ln1 = lnN[i]!;
      const ln2 = lnNa[i]!;
      const uN = Math.exp(-al * ln1);
      const uNa = Math.exp(-al * ln2);
      const B1 = Math.exp(lb - be * lnD[i]!);
      const Pf = e * G + f_ / G + mm * S * S + nn * S;
      const Q = uN + k * uNa + h * r0;
      const A1 = eA * uN;
      const C1 = eC * uNa;
      const L = Pf * Q + A1 + B1 + C1 + eps;
      if (!(L > 0) || !Number.isFinite(L)) {
        for (let j = 0; j < 12; j++) grad[j] = 0;
        return Infinity;
      }
      const r = Math.log(L) - y[i]!;
      const wi = w[i]!;
      f += wi * huber(r, delta);
      const psi = wi * huberSlope(r, delta);
      const c = psi / L; // ∂/∂L of the Huber term
      const cQ = c * Q;
      g0 += cQ * G;
      g1 += cQ / G;
      g2 += cQ * S * S;
      g3 += cQ * S;
      g4 += c * Pf * uNa;
      g5 += c * Pf * r0;
      g6 += c * A1;
      g7 -= c * (Pf * (ln1 * uN + k * ln2 * uNa) + ln1 * A1 + ln2 * C1);
      g8 += c * B1;
      g9 -= c * lnD[i]! * B1;
      g10 += c * C1;
      g11 += c * eps;
    }
    grad[IE] = g0;
    grad[IF] = g1;
    grad[IM] = g2;
    grad[IN] = g3;
    grad[IK] = g4;
    grad[IH] = g5;
    grad[LA] = g6;
    grad[AL] = g7;
    grad[LB] = g8;
    grad[BE] = g9;
    grad[LC] = g10;
    grad[LEP] = g11;
    return f;
  },
  predict(z, data, out) {
    const lnN = data.cols[0]!;
    const lnNa = data.cols[1]!;
    const lnD = data.cols[2]!;
    for (let i = 0; i < data.n; i++) {
      const G = data.cols[3]![i]!;
      const S = data.cols[4]![i]!;
      const uN = Math.exp(-z[AL]! * lnN[i]!);
      const uNa = Math.exp(-z[AL]! * lnNa[i]!);
      const Pf = z[IE]! * G + z[IF]! / G + z[IM]! * S * S + z[IN]! * S;
      const Q = uN + z[IK]! * uNa + z[IH]! * data.cols[5]![i]!;
      const L = Pf * Q + Math.exp(z[LA]!) * uN + Math.exp(z[LB]! - z[BE]! * lnD[i]!) + Math.exp(z[LC]!) * uNa + Math.exp(z[LEP]!);
      out[i] = L > 0 ? Math.log(L) : NaN;
    }
  },
};
