/**
 * Per-E Chinchilla form of the joint law (LAWS.md §1, Eq. 5): for one expert count E,
 * L = m·N^μ + n·D^ν + c (μ, ν negative), fitted as ln L̂ = logsumexp(ln m + μ ln N,
 * ln n + ν ln D, ln c). Compare the fitted m, μ, n, ν with the joint law's reduction
 * m = a·Ê^δ, μ = α + γ ln Ê, n = b·Ê^ω, ν = β + ζ ln Ê.
 */
import type { FitData, FitRun, GridSpec, LossModel } from '../types';
import { objective3 } from './chinchilla';
import { center, col, dataOf, mean, positiveField } from './common';

// theta = [log_m, mu, log_n, nu, log_c]
const LM = 0;
const MU = 1;
const LN = 2;
const NU = 3;
const LC = 4;

export const perEModel: LossModel = {
  law: 'per-e',
  params: [
    { name: 'log_m', coefficient: 'm', transform: 'log' },
    { name: 'mu', coefficient: 'mu', transform: 'identity' },
    { name: 'log_n', coefficient: 'n', transform: 'log' },
    { name: 'nu', coefficient: 'nu', transform: 'identity' },
    { name: 'log_c', coefficient: 'c', transform: 'log' },
  ],
  coefficients: ['m', 'mu', 'n', 'nu', 'c'],
  requires: ['nAct', 'tokens', 'loss'],
  defaultDelta: 1e-2,
  defaultGrid(): GridSpec {
    // App. B's grid restricted to the per-E parameters: magnitudes {0.05, 0.25, 0.5} (negative
    // exponents), m, n ∈ {30, 100, 300}, c ∈ {0.5, 1, 2}: 243 starts.
    return { m: [30, 100, 300], mu: [-0.05, -0.25, -0.5], n: [30, 100, 300], nu: [-0.05, -0.25, -0.5], c: [0.5, 1, 2] };
  },
  data(runs: readonly FitRun[], fixed: readonly boolean[], shifts?: Float64Array): FitData {
    const lnN = col(runs, (r, i) => Math.log(positiveField(r, 'nAct', i)));
    const lnD = col(runs, (r, i) => Math.log(positiveField(r, 'tokens', i)));
    const s = shifts ?? new Float64Array([fixed[LM] && !fixed[MU] ? 0 : mean(lnN), fixed[LN] && !fixed[NU] ? 0 : mean(lnD)]);
    return dataOf([center(lnN, s[0]!), center(lnD, s[1]!)], runs, s);
  },
  toInternal(theta, shifts, z) {
    z.set(theta);
    z[LM] = theta[LM]! + theta[MU]! * shifts[0]!;
    z[LN] = theta[LN]! + theta[NU]! * shifts[1]!;
  },
  toParams(z, shifts, theta) {
    theta.set(z);
    theta[LM] = z[LM]! - z[MU]! * shifts[0]!;
    theta[LN] = z[LN]! - z[NU]! * shifts[1]!;
  },
  objective(z, data, delta, grad) {
    return objective3(z[LM]!, -z[MU]!, z[LN]!, -z[NU]!, z[LC]!, data, delta, grad, LM, MU, LN, NU, LC, -1);
  },
  predict(z, data, out) {
    const x1 = data.cols[0]!;
    const x2 = data.cols[1]!;
    for (let i = 0; i < data.n; i++) out[i] = lse3(z[LM]! + z[MU]! * x1[i]!, z[LN]! + z[NU]! * x2[i]!, z[LC]!);
  },
};

function lse3(t1: number, t2: number, t3: number): number {
  const m = Math.max(t1, t2, t3);
  return m + Math.log(Math.exp(t1 - m) + Math.exp(t2 - m) + Math.exp(t3 - m));
}
