/**
 * Dense-vs-MoE law (LAWS.md §4, Wang et al. 2024): L = A/(N^α·E^γ) + B/D^β + σ, fitted as
 * ln L̂ = logsumexp(ln A − α ln N − γ ln E, ln B − β ln D, ln σ). N is whatever the runs give
 * as `nAct` (the paper uses non-embedding FLOPs per token; map that column to N_act to follow it).
 * With only dense runs (E = 1) γ is not identified and stays at its start value.
 */
import type { FitData, FitRun, GridSpec, LossModel } from '../types';
import { center, col, dataOf, mean, positiveField, huber, huberSlope } from './common';

// theta = [log_A, alpha, gamma, log_B, beta, log_sigma]
const LA = 0;
const AL = 1;
const GA = 2;
const LB = 3;
const BE = 4;
const LS = 5;

export const denseMoeModel: LossModel = {
  law: 'dense-moe',
  params: [
    { name: 'log_A', coefficient: 'A', transform: 'log' },
    { name: 'alpha', coefficient: 'alpha', transform: 'identity' },
    { name: 'gamma', coefficient: 'gamma', transform: 'identity' },
    { name: 'log_B', coefficient: 'B', transform: 'log' },
    { name: 'beta', coefficient: 'beta', transform: 'identity' },
    { name: 'log_sigma', coefficient: 'sigma', transform: 'log' },
  ],
  coefficients: ['A', 'alpha', 'gamma', 'B', 'beta', 'sigma'],
  requires: ['nAct', 'tokens', 'loss', 'experts'],
  defaultDelta: 1e-2,
  defaultGrid(): GridSpec {
    // Our default (the paper publishes no fitting grid): 3^6 = 729 starts.
    return { log_A: [0, 10, 20], alpha: [0.25, 0.5, 1], gamma: [0, 0.1, 0.5], log_B: [0, 10, 20], beta: [0.25, 0.5, 1], log_sigma: [-1, 0, 1] };
  },
  data(runs: readonly FitRun[], fixed: readonly boolean[], shifts?: Float64Array): FitData {
    const lnN = col(runs, (r, i) => Math.log(positiveField(r, 'nAct', i)));
    const lnD = col(runs, (r, i) => Math.log(positiveField(r, 'tokens', i)));
    const lnE = col(runs, (r, i) => {
      const e = r.experts ?? 1;
      if (!Number.isFinite(e) || e < 1) throw new Error(`runs[${i}].experts must be a number ≥ 1, got ${String(r.experts)}`);
      return Math.log(e);
    });
    const aFixed = fixed[LA] === true;
    const s =
      shifts ??
      new Float64Array([aFixed && !fixed[AL] ? 0 : mean(lnN), fixed[LB] && !fixed[BE] ? 0 : mean(lnD), aFixed && !fixed[GA] ? 0 : mean(lnE)]);
    return dataOf([center(lnN, s[0]!), center(lnD, s[1]!), center(lnE, s[2]!)], runs, s);
  },
  toInternal(theta, shifts, z) {
    z.set(theta);
    z[LA] = theta[LA]! - theta[AL]! * shifts[0]! - theta[GA]! * shifts[2]!;
    z[LB] = theta[LB]! - theta[BE]! * shifts[1]!;
  },
  toParams(z, shifts, theta) {
    theta.set(z);
    theta[LA] = z[LA]! + z[AL]! * shifts[0]! + z[GA]! * shifts[2]!;
    theta[LB] = z[LB]! + z[BE]! * shifts[1]!;
  },
  objective(z, data, delta, grad) {
    const la = z[LA]!;
    const al = z[AL]!;
    const ga = z[GA]!;
    const lb = z[LB]!;
    const be = z[BE]!;
    const ls = z[LS]!;
    const x1 = data.cols[0]!;
    const x2 = data.cols[1]!;
    const x3 = data.cols[2]!;
    const y = data.y;
    const w = data.w;
    let f = 0;
    let gla = 0;
    let gal = 0;
    let gga = 0;
    let glb = 0;
    let gbe = 0;
    let gls = 0;
    for (let i = 0; i < data.n; i++) {
      const t1 = la - al * x1[i]! - ga * x3[i]!;
      const t2 = lb - be * x2[i]!;
      const m = t1 > t2 ? (t1 > ls ? t1 : ls) : t2 > ls ? t2 : ls;
      const u1 = Math.exp(t1 - m);
      const u2 = Math.exp(t2 - m);
      const u3 = Math.exp(ls - m);
      const s = u1 + u2 + u3;
      const pred = m + Math.log(s);
      const inv = 1 / s;
      const r = pred - y[i]!;
      const wi = w[i]!;
      f += wi * huber(r, delta);
      const psi = wi * huberSlope(r, delta);
      const q1 = psi * u1 * inv;
      const q2 = psi * u2 * inv;
      gla += q1;
      gal -= q1 * x1[i]!;
      gga -= q1 * x3[i]!;
      glb += q2;
      gbe -= q2 * x2[i]!;
      gls += psi * u3 * inv;
    }
    grad[LA] = gla;
    grad[AL] = gal;
    grad[GA] = gga;
    grad[LB] = glb;
    grad[BE] = gbe;
    grad[LS] = gls;
    return f;
  },
  predict(z, data, out) {
    const x1 = data.cols[0]!;
    const x2 = data.cols[1]!;
    const x3 = data.cols[2]!;
    for (let i = 0; i < data.n; i++) {
      const t1 = z[LA]! - z[AL]! * x1[i]! - z[GA]! * x3[i]!;
      const t2 = z[LB]! - z[BE]! * x2[i]!;
      const t3 = z[LS]!;
      const m = Math.max(t1, t2, t3);
      out[i] = m + Math.log(Math.exp(t1 - m) + Math.exp(t2 - m) + Math.exp(t3 - m));
    }
  },
};
