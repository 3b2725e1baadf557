/**
 * Which runs to add, by Bayesian optimal experimental design with a c-optimality criterion
 * (Chaloner & Verdinelli 1995, "Bayesian experimental design: a review", Statist. Sci. 10(3),
 * §2.2: minimise the posterior variance of one scalar of the parameters, here the target
 * quantity q).
 *
 * The design works on the prior joint covariance C of (q, y_1 … y_M), y_j the ln L a candidate
 * run would show. Each run observes y_j + ε, ε ~ N(0, σ²) with σ the fit's residual SD, so in the
 * linear-Gaussian model observing run j replaces C by C − C_{·j} C_{j·} / (C_jj + σ²)
 * (Sherman–Morrison; C is never inverted, so a singular prior is fine) and lowers Var q by
 * C_qj² / (C_jj + σ²). C comes from the replicates (./propose.ts says how).
 *
 * Choosing the set under a GPU-hour allowance is a budgeted maximisation of a diminishing-
 * returns gain; the greedy runs once by gain and once by gain per GPU-hour and the better set is
 * kept (the cost-benefit rule of Leskovec et al. 2007, "Cost-effective outbreak detection in
 * networks", KDD, §3, which bounds the loss against the best set); ./propose.ts lets simulated
 * refits judge "better".
 */

export interface DesignOptions {
  /** Prior covariance of (q, y_1 … y_M), (M + 1)², row-major; index 0 is the target. */
  cov: Float64Array;
  /** GPU-hours of each candidate, length M. */
  costs: readonly number[];
  /** Observation noise σ of ln L. */
  noise: number;
  gpuHours: number;
  count: number;
}

export type DesignStrategy = 'gain' | 'gain-per-gpu-hour';

export interface DesignStep {
  /** Candidate index (0-based, into `costs`). */
  candidate: number;
  /** Target variance once this run and those before it are added. */
  variance: number;
}

export interface LinearDesign {
  strategy: DesignStrategy;
  steps: DesignStep[];
  varianceBefore: number;
  gpuHours: number;
}

export function greedyDesign(o: DesignOptions, strategy: DesignStrategy): LinearDesign {
  const m = o.costs.length;
  const d = m + 1;
  const s2 = o.noise * o.noise;
  const c = Float64Array.from(o.cov);
  const used = new Uint8Array(m);
  const before = Math.max(0, c[0]!);
  let left = o.gpuHours;
  const steps: DesignStep[] = [];
  const col = new Float64Array(d);
  while (steps.length < o.count) {
    let best = -1;
    let bestScore = 0;
    for (let j = 0; j < m; j++) {
      if (used[j] || o.costs[j]! > left) continue;
      const k = j + 1;
      const gain = (c[k]! * c[k]!) / (s2 + Math.max(0, c[k * d + k]!));
      const score = strategy === 'gain' ? gain : gain / o.costs[j]!;
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    if (best < 0) break;
    observe(c, d, best + 1, s2, col);
    used[best] = 1;
    left -= o.costs[best]!;
    steps.push({ candidate: best, variance: Math.max(0, c[0]!) });
  }
  return { strategy, steps, varianceBefore: before, gpuHours: o.gpuHours - left };
}

/**
 * Observing entry k (1-based: 0 is the target) with noise variance s2: C ← C − C_{·k} C_{k·} / (C_kk + s2)
 * (Sherman–Morrison), in place; `col` is scratch of length d.
 */
function observe(c: Float64Array, d: number, k: number, s2: number, col: Float64Array): void {
  const denom = s2 + Math.max(0, c[k * d + k]!);
  for (let i = 0; i < d; i++) col[i] = c[i * d + k]!;
  for (let i = 0; i < d; i++) {
    const f = col[i]! / denom;
    if (f === 0) continue;
    for (let l = 0; l < d; l++) c[i * d + l]! -= f * col[l]!;
  }
}

export interface ObservedStep {
  /** Cov(q, y_k) given the runs observed before it. */
  cross: number;
  /** Var(y_k) given the runs observed before it (as the update reads it: at least 0). */
  varRun: number;
  /** Var q once this run and those before it are observed. */
  variance: number;
}

/**
 * The target's variance as runs 1 … M of `cov` are observed in that order, each with noise σ: the
 * update greedyDesign makes for the runs it picks, with the terms of each step, so an explanation
 * can write the step out (gain = cross² / (varRun + σ²)).
 */
export function observeInOrder(cov: Float64Array, noise: number): { varianceBefore: number; steps: ObservedStep[] } {
  const d = Math.round(Math.sqrt(cov.length));
  const c = Float64Array.from(cov);
  const col = new Float64Array(d);
  const steps: ObservedStep[] = [];
  const varianceBefore = Math.max(0, c[0]!);
  for (let k = 1; k < d; k++) {
    const cross = c[k]!;
    const varRun = Math.max(0, c[k * d + k]!);
    observe(c, d, k, noise * noise, col);
    steps.push({ cross, varRun, variance: Math.max(0, c[0]!) });
  }
  return { varianceBefore, steps };
}

/** Sample covariance (divisor R − 1) of the columns of an R × d row-major ensemble. */
export function ensembleCovariance(samples: Float64Array, rows: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let r = 0; r < rows; r++) for (let i = 0; i < d; i++) mean[i]! += samples[r * d + i]! / rows;
  const out = new Float64Array(d * d);
  const dev = new Float64Array(d);
  const div = Math.max(1, rows - 1);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < d; i++) dev[i] = samples[r * d + i]! - mean[i]!;
    for (let i = 0; i < d; i++) {
      const di = dev[i]! / div;
      if (di === 0) continue;
      for (let l = 0; l < d; l++) out[i * d + l]! += di * dev[l]!;
    }
  }
  return out;
}

/** C = A Σ Aᵀ for the rows A (d × p) and a p × p covariance Σ: the linearised joint covariance. */
export function linearisedCovariance(rows: readonly Float64Array[], sigma: Float64Array): Float64Array {
  const d = rows.length;
  const p = rows[0]!.length;
  const as = rows.map((a) => {
    const out = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += sigma[i * p + k]! * a[k]!;
      out[i] = s;
    }
    return out;
  });
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let l = i; l < d; l++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += rows[i]![k]! * as[l]![k]!;
      c[i * d + l] = s;
      c[l * d + i] = s;
    }
  }
  return c;
}
