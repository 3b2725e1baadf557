/**
 * Joint MoE law (LAWS.md §1, Eq. 6 with the Ê transform of Eq. 4), fitted as in App. B:
 *
 *   ln L̂ = logsumexp( ln a + δ ℓ + (α + γ ℓ) ln N,  ln b + ω ℓ + (β + ζ ℓ) ln D,  ln c ),
 *   ℓ = ln Ê,  1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)^(−1)) + 1/E_max,
 *
 * with a, b, c, E_start and E_max optimised in log space (so they stay positive). The law is
 * undefined for E_max ≤ E_start: the objective is +∞ there and the line search steps back.
 *
 * Internally ln N and ln D are centred: ln a' = ln a + α c_N, δ' = δ + γ c_N, ln b' = ln b + β c_D,
 * ω' = ω + ζ c_D (a linear change of variables; the optimum is unchanged).
 */
import type { FitData, FitRun, GridSpec, LossModel } from '../types';
import { center, col, dataOf, mean, positiveField, huber, huberSlope } from './common';

// theta = [log_a, alpha, delta, gamma, log_b, beta, omega, zeta, log_eStart, log_eMax, log_c]
const LA = 0;
const AL = 1;
const DE = 2;
const GA = 3;
const LB = 4;
const BE = 5;
const OM = 6;
const ZE = 7;
const LES = 8;
const LEM = 9;
const LC = 10;

/** ln Ê for E experts (Eq. 4). */
export function lnEHat(E: number, eStart: number, eMax: number): number {
  const q = 1 / eStart - 1 / eMax;
  const P = E - 1 + 1 / q;
  return -Math.log(1 / P + 1 / eMax);
}

export const jointModel: LossModel = {
  law: 'joint',
  params: [
    { name: 'log_a', coefficient: 'a', transform: 'log' },
    { name: 'alpha', coefficient: 'alpha', transform: 'identity' },
    { name: 'delta', coefficient: 'delta', transform: 'identity' },
    { name: 'gamma', coefficient: 'gamma', transform: 'identity' },
    { name: 'log_b', coefficient: 'b', transform: 'log' },
    { name: 'beta', coefficient: 'beta', transform: 'identity' },
    { name: 'omega', coefficient: 'omega', transform: 'identity' },
    { name: 'zeta', coefficient: 'zeta', transform: 'identity' },
    { name: 'log_eStart', coefficient: 'eStart', transform: 'log' },
    { name: 'log_eMax', coefficient: 'eMax', transform: 'log' },
    { name: 'log_c', coefficient: 'c', transform: 'log' },
  ],
  coefficients: ['a', 'alpha', 'delta', 'gamma', 'b', 'beta', 'omega', 'zeta', 'eStart', 'eMax', 'c'],
  requires: ['nAct', 'tokens', 'loss', 'experts'],
  defaultDelta: 1e-2,
  defaultGrid(): GridSpec {
    // App. B (LAWS.md §1): α, β ∈ {0.05, 0.25, 0.5} as magnitudes (the exponents are negative),
    // a, b ∈ {30, 100, 300}, c ∈ {0.5, 1, 2}, δ, γ, ω, ζ ∈ {−0.5, 0, 0.5}: 3^9 = 19,683 starts.
    // The paper's grid does not list E_start and E_max; we start them at 2 and 300 (near
    // Table 3's 2.07 and 290) — make them axes to search them.
    return {
      a: [30, 100, 300],
      alpha: [-0.05, -0.25, -0.5],
      delta: [-0.5, 0, 0.5],
      gamma: [-0.5, 0, 0.5],
      b: [30, 100, 300],
      beta: [-0.05, -0.25, -0.5],
      omega: [-0.5, 0, 0.5],
      zeta: [-0.5, 0, 0.5],
      eStart: [2],
      eMax: [300],
      c: [0.5, 1, 2],
    };
  },
  data(runs: readonly FitRun[], fixed: readonly boolean[], shifts?: Float64Array): FitData {
    const lnN = col(runs, (r, i) => Math.log(positiveField(r, 'nAct', i)));
    const lnD = col(runs, (r, i) => Math.log(positiveField(r, 'tokens', i)));
    const E = col(runs, (r, i) => {
      const e = r.experts ?? 1;
      if (!Number.isFinite(e) || e < 1) throw new Error(`runs[${i}].experts must be a number ≥ 1, got ${String(r.experts)}`);
      return e;
    });
    // Centring ln N moves α into ln a and γ into δ: allowed unless a moved parameter is fixed while its source is free.
    const cN = (fixed[LA] && !fixed[AL]) || (fixed[DE] && !fixed[GA]) ? 0 : mean(lnN);
    const cD = (fixed[LB] && !fixed[BE]) || (fixed[OM] && !fixed[ZE]) ? 0 : mean(lnD);
    const s = shifts ?? new Float64Array([cN, cD]);
    return dataOf([center(lnN, s[0]!), center(lnD, s[1]!), E], runs, s);
  },
  toInternal(theta, shifts, z) {
    z.set(theta);
    const cN = shifts[0]!;
    const cD = shifts[1]!;
    z[LA] = theta[LA]! + theta[AL]! * cN;
    z[DE] = theta[DE]! + theta[GA]! * cN;
    z[LB] = theta[LB]! + theta[BE]! * cD;
    z[OM] = theta[OM]! + theta[ZE]! * cD;
  },
  toParams(z, shifts, theta) {
    theta.set(z);
    const cN = shifts[0]!;
    const cD = shifts[1]!;
    theta[LA] = z[LA]! - z[AL]! * cN;
    theta[DE] = z[DE]! - z[GA]! * cN;
    theta[LB] = z[LB]! - z[BE]! * cD;
    theta[OM] = z[OM]! - z[ZE]! * cD;
  },
  objective(z, data, delta, grad) {
    const la = z[LA]!;
    const al = z[AL]!;
    const de = z[DE]!;
    const ga = z[GA]!;
    const lb = z[LB]!;
    const be = z[BE]!;
    const om = z[OM]!;
    const ze = z[ZE]!;
    const lc = z[LC]!;
    const eS = Math.exp(z[LES]!);
    const eM = Math.exp(z[LEM]!);
    const q = 1 / eS - 1 / eM;
    if (!(q > 0) || !Number.isFinite(eS) || !Number.isFinite(eM)) {
      for (let j = 0; j < 11; j++) grad[j] = 0;
      return Infinity;
    }
    const K = 1 / q;
    const invEM = 1 / eM;
    const x1 = data.cols[0]!;
    const x2 = data.cols[1]!;
    const E = data.cols[2]!;
    const y = data.y;
    const w = data.w;
    let f = 0;
    let gla = 0;
    let gal = 0;
    let gde = 0;
    let gga = 0;
    let glb = 0;
    let gbe = 0;
    let gom = 0;
    let gze = 0;
    let gles = 0;
    let glem = 0;
    let glc = 0;
    for (let i = 0; i < data.n; i++) {
      const P = E[i]! - 1 + K;
      const invP = 1 / P;
      const R = invP + invEM;
      const l = -Math.log(R);
      // With q = 1/E_s − 1/E_m, P = E − 1 + 1/q, R = 1/P + 1/E_m, ℓ = −ln R:
      // ∂ℓ/∂ln E_s = 1/(R P² q² E_s),  ∂ℓ/∂ln E_m = (1 − 1/(P² q²)) / (R E_m).
      const invRPq2 = 1 / (R * P * P * q * q);
      const dlU = invRPq2 / eS;
      const dlV = (invEM / R) * (1 - 1 / (P * P * q * q));
      const xi1 = x1[i]!;
      const xi2 = x2[i]!;
      const e1 = al + ga * l;
      const e2 = be + ze * l;
      const t1 = la + de * l + e1 * xi1;
      const t2 = lb + om * l + e2 * xi2;
      const m = t1 > t2 ? (t1 > lc ? t1 : lc) : t2 > lc ? t2 : lc;
      const u1 = Math.exp(t1 - m);
      const u2 = Math.exp(t2 - m);
      const u3 = Math.exp(lc - m);
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
      gal += q1 * xi1;
      gde += q1 * l;
      gga += q1 * l * xi1;
      glb += q2;
      gbe += q2 * xi2;
      gom += q2 * l;
      gze += q2 * l * xi2;
      glc += psi * u3 * inv;
      const dl = q1 * (de + ga * xi1) + q2 * (om + ze * xi2);
      gles += dl * dlU;
      glem += dl * dlV;
    }
    grad[LA] = gla;
    grad[AL] = gal;
    grad[DE] = gde;
    grad[GA] = gga;
    grad[LB] = glb;
    grad[BE] = gbe;
    grad[OM] = gom;
    grad[ZE] = gze;
    grad[LES] = gles;
    grad[LEM] = glem;
    grad[LC] = glc;
    return f;
  },
  predict(z, data, out) {
    const eS = Math.exp(z[LES]!);
    const eM = Math.exp(z[LEM]!);
    const x1 = data.cols[0]!;
    const x2 = data.cols[1]!;
    const E = data.cols[2]!;
    for (let i = 0; i < data.n; i++) {
      const l = lnEHat(E[i]!, eS, eM);
      const t1 = z[LA]! + z[DE]! * l + (z[AL]! + z[GA]! * l) * x1[i]!;
      const t2 = z[LB]! + z[OM]! * l + (z[BE]! + z[ZE]! * l) * x2[i]!;
      const t3 = z[LC]!;
      const m = Math.max(t1, t2, t3);
      out[i] = m + Math.log(Math.exp(t1 - m) + Math.exp(t2 - m) + Math.exp(t3 - m));
    }
  },
};
