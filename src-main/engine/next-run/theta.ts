/**
 * The joint law in the fitter's own coordinates (theta: ln a, α, δ, γ, ln b, β, ω, ζ, ln E_start,
 * ln E_max, ln c; LAWS.md §1, engine/fit/models/joint.ts). The planner linearises in these
 * coordinates because the bootstrap replicates are spread roughly symmetrically in them (the
 * positive coefficients are fitted in log space), and refits in them with the same fitter.
 */
import { jointModel, lnEHat, type LossModel } from '../fit';
import { EngineInputError } from '../common/errors';

/** Coefficients named as a set of the model's law names them (the joint law's by default) → theta; throws naming the missing key. */
export function thetaOf(values: Readonly<Record<string, number>>, field: string, model: LossModel = jointModel): Float64Array {
  const theta = new Float64Array(model.params.length);
  model.params.forEach((p, j) => {
    const v = values[p.coefficient];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new EngineInputError(field, `${field} lacks a finite ${model.law}-law coefficient "${p.coefficient}"`);
    if (p.transform === 'log' && !(v > 0)) throw new EngineInputError(field, `${field}: "${p.coefficient}" must be positive (got ${v})`);
    theta[j] = p.transform === 'log' ? Math.log(v) : v;
  });
  return theta;
}

/** theta → coefficients named as the model's law's sets name them. */
export function valuesOf(theta: ArrayLike<number>, model: LossModel = jointModel): Record<string, number> {
  const out: Record<string, number> = {};
  model.params.forEach((p, j) => (out[p.coefficient] = p.transform === 'log' ? Math.exp(theta[j]!) : theta[j]!));
  return out;
}

/** ln L of a run (N_act, D, E) under theta (Eq. 6 as a logsumexp); NaN where the law is undefined (E_max ≤ E_start). */
export function lnLossAt(theta: ArrayLike<number>, nAct: number, tokens: number, experts: number): number {
  const eS = Math.exp(theta[8]!);
  const eM = Math.exp(theta[9]!);
  if (!(1 / eS - 1 / eM > 0)) return NaN;
  const l = lnEHat(experts, eS, eM);
  const t1 = theta[0]! + theta[2]! * l + (theta[1]! + theta[3]! * l) * Math.log(nAct);
  const t2 = theta[4]! + theta[6]! * l + (theta[5]! + theta[7]! * l) * Math.log(tokens);
  const t3 = theta[10]!;
  const m = Math.max(t1, t2, t3);
  return m + Math.log(Math.exp(t1 - m) + Math.exp(t2 - m) + Math.exp(t3 - m));
}

/** Central-difference gradient of f at theta, into `out` (f is smooth in theta wherever it is defined). */
export function gradient(f: (theta: Float64Array) => number, theta: Float64Array, out: Float64Array): void {
  const x = Float64Array.from(theta);
  for (let j = 0; j < theta.length; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(theta[j]!));
    x[j] = theta[j]! + h;
    const up = f(x);
    x[j] = theta[j]! - h;
    const down = f(x);
    x[j] = theta[j]!;
    out[j] = (up - down) / (2 * h);
  }
}
