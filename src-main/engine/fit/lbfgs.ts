/**
 * Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, Algorithms 7.4,
 * 3.5 and 3.6, with safeguarded cubic interpolation in the zoom phase).
 *
 * Written for speed: one `Lbfgs` instance owns every buffer it needs and is reused across
 * starts, so a minimisation allocates nothing per iteration. Non-finite objective values
 * (overflow, an invalid region of a law) are treated as "too large" by the line search, which
 * then shrinks the step, so objectives may return `Infinity` to reject a point.
 */

/** Objective and gradient: returns f(x) and writes ∇f(x) into `g` (same length as `x`). */
export type ObjectiveFn = (x: Float64Array, g: Float64Array) => number;

export interface LbfgsOptions {
  /** Number of correction pairs kept. Default 10 (SciPy's default). */
  memory?: number;
  /** Maximum iterations. Default 500. */
  maxIterations?: number;
  /** Maximum objective evaluations. Default 2000. */
  maxEvaluations?: number;
  /** Stop when the largest gradient component is at most this. Default 1e-10. */
  gtol?: number;
  /**
   * Stop when the decrease of f over one iteration is at most ftol·max(|f|, fscale).
   * Default 1e-11.
   */
  ftol?: number;
  /** Floor of the relative-decrease denominator (SciPy uses 1). Default 1e-8. */
  fscale?: number;
  /** Stop when the step taken is at most xtol in every component. Default 1e-12. */
  xtol?: number;
}

/** Called after every iteration with the iteration count and f; returning true stops the minimisation. */
export type IterationMonitor = (iteration: number, f: number) => boolean;

export type LbfgsStatus = 'stopped' | 'converged-gradient' | 'converged-objective' | 'converged-step' | 'max-iterations' | 'max-evaluations' | 'line-search-failed' | 'non-finite-start';

export interface LbfgsResult {
  /** Objective at the returned point (the best point found). */
  f: number;
  iterations: number;
  evaluations: number;
  status: LbfgsStatus;
}

const C1 = 1e-4;
const C2 = 0.9;

export class Lbfgs {
  readonly n: number;
  private readonly m: number;
  private readonly maxIterations: number;
  private readonly maxEvaluations: number;
  private readonly gtol: number;
  private readonly ftol: number;
  private readonly fscale: number;
  private readonly xtol: number;
  private readonly S: Float64Array;
  private readonly Y: Float64Array;
  private readonly rho: Float64Array;
  private readonly alpha: Float64Array;
  private readonly g: Float64Array;
  private readonly d: Float64Array;
  private readonly xt: Float64Array;
  private readonly gt: Float64Array;
  private evals = 0;

  constructor(n: number, options: LbfgsOptions = {}) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`Lbfgs: n must be a positive integer, got ${n}`);
    this.n = n;
    this.m = options.memory ?? 10;
    this.maxIterations = options.maxIterations ?? 500;
    this.maxEvaluations = options.maxEvaluations ?? 2000;
    this.gtol = options.gtol ?? 1e-10;
    this.ftol = options.ftol ?? 1e-11;
    this.fscale = options.fscale ?? 1e-8;
    this.xtol = options.xtol ?? 1e-12;
    if (!(this.m >= 1)) throw new Error('Lbfgs: memory must be ≥ 1');
    this.S = new Float64Array(this.m * n);
    this.Y = new Float64Array(this.m * n);
    this.rho = new Float64Array(this.m);
    this.alpha = new Float64Array(this.m);
    this.g = new Float64Array(n);
    this.d = new Float64Array(n);
    this.xt = new Float64Array(n);
    this.gt = new Float64Array(n);
  }

  /**
   * Minimises `fn` starting from `x` (overwritten with the best point found).
   * `mask`, when given, fixes every component whose mask entry is 0 (its gradient is ignored).
   */
  minimize(fn: ObjectiveFn, x: Float64Array, mask?: Uint8Array, monitor?: IterationMonitor): LbfgsResult {
    const { n, m, S, Y, rho, alpha, g, d, xt, gt } = this;
    if (x.length !== n) throw new Error(`Lbfgs: x has length ${x.length}, expected ${n}`);
    this.evals = 0;
    let f = this.evalAt(fn, x, g, mask);
    if (!Number.isFinite(f)) return { f, iterations: 0, evaluations: this.evals, status: 'non-finite-start' };
    let k = 0; // pairs stored
    let head = 0; // index of the next slot to write
    let status: LbfgsStatus = 'max-iterations';
    let iter = 0;
    if (maxAbs(g, n) <= this.gtol) return { f, iterations: 0, evaluations: this.evals, status: 'converged-gradient' };
    for (iter = 0; iter < this.maxIterations; iter++) {
      // Two-loop recursion: d = −H g.
      for (let j = 0; j < n; j++) d[j] = -g[j]!;
      let idx = head;
      for (let i = 0; i < k; i++) {
        idx = idx === 0 ? m - 1 : idx - 1;
        const off = idx * n;
        let sd = 0;
        for (let j = 0; j < n; j++) sd += S[off + j]! * d[j]!;
        const a = rho[idx]! * sd;
        alpha[idx] = a;
        for (let j = 0; j < n; j++) d[j] = d[j]! - a * Y[off + j]!;
      }
      if (k > 0) {
        const last = (head === 0 ? m : head) - 1;
        const off = last * n;
        let yy = 0;
        let sy = 0;
        for (let j = 0; j < n; j++) {
          const yj = Y[off + j]!;
          yy += yj * yj;
          sy += S[off + j]! * yj;
        }
        const gamma = sy / yy;
        for (let j = 0; j < n; j++) d[j] = d[j]! * gamma;
      }
      for (let i = 0; i < k; i++) {
        const off = idx * n;
        let yd = 0;
        for (let j = 0; j < n; j++) yd += Y[off + j]! * d[j]!;
        const b = rho[idx]! * yd;
        const a = alpha[idx]!;
        for (let j = 0; j < n; j++) d[j] = d[j]! + (a - b) * S[off + j]!;
        idx = idx === m - 1 ? 0 : idx + 1;
      }
      if (mask) for (let j = 0; j < n; j++) if (mask[j] === 0) d[j] = 0;
      let dg = 0;
      for (let j = 0; j < n; j++) dg += d[j]! * g[j]!;
      if (!(dg < 0)) {
        // Not a descent direction (numerical trouble): restart from steepest descent.
        k = 0;
        head = 0;
        dg = 0;
        for (let j = 0; j < n; j++) {
          d[j] = -g[j]!;
          dg -= g[j]! * g[j]!;
        }
        if (!(dg < 0)) {
          status = 'converged-gradient';
          break;
        }
      }
      let step = 1;
      if (k === 0) step = Math.min(1, 1 / Math.sqrt(-dg));
      const fNew = this.lineSearch(fn, x, f, g, dg, step, mask);
      if (fNew === null) {
        status = this.evals >= this.maxEvaluations ? 'max-evaluations' : 'line-search-failed';
        break;
      }
      // xt, gt hold the accepted point. Store the correction pair when sᵀy > 0.
      let sy = 0;
      let smax = 0;
      for (let j = 0; j < n; j++) {
        const s = xt[j]! - x[j]!;
        sy += s * (gt[j]! - g[j]!);
        const as = Math.abs(s);
        if (as > smax) smax = as;
      }
      if (sy > 1e-300) {
        const off = head * n;
        for (let j = 0; j < n; j++) {
          S[off + j] = xt[j]! - x[j]!;
          Y[off + j] = gt[j]! - g[j]!;
        }
        rho[head] = 1 / sy;
        head = head === m - 1 ? 0 : head + 1;
        if (k < m) k++;
      }
      const fOld = f;
      f = fNew;
      x.set(xt);
      g.set(gt);
      if (maxAbs(g, n) <= this.gtol) {
        status = 'converged-gradient';
        iter++;
        break;
      }
      if (fOld - f <= this.ftol * Math.max(Math.abs(fOld), Math.abs(f), this.fscale)) {
        status = 'converged-objective';
        iter++;
        break;
      }
      if (smax <= this.xtol) {
        status = 'converged-step';
        iter++;
        break;
      }
      if (this.evals >= this.maxEvaluations) {
        status = 'max-evaluations';
        iter++;
        break;
      }
      if (monitor !== undefined && monitor(iter + 1, f)) {
        status = 'stopped';
        iter++;
        break;
      }
    }
    return { f, iterations: iter, evaluations: this.evals, status };
  }

  private evalAt(fn: ObjectiveFn, x: Float64Array, g: Float64Array, mask?: Uint8Array): number {
    this.evals++;
    const f = fn(x, g);
    if (mask) for (let j = 0; j < this.n; j++) if (mask[j] === 0) g[j] = 0;
    return f;
  }

  /** φ(t) = f(x + t d); writes the trial point into xt, gt and returns f, φ'(t) via this.lastDphi. */
  private lastDphi = 0;
  private phi(fn: ObjectiveFn, x: Float64Array, t: number, mask?: Uint8Array): number {
    const { n, d, xt, gt } = this;
    for (let j = 0; j < n; j++) xt[j] = x[j]! + t * d[j]!;
    const f = this.evalAt(fn, xt, gt, mask);
    let dp = 0;
    for (let j = 0; j < n; j++) dp += gt[j]! * d[j]!;
    this.lastDphi = dp;
    return f;
  }

  /**
   * Strong-Wolfe line search. On success returns f at the accepted step, with the point and
   * gradient in xt, gt; returns null on failure (x, g untouched).
   */
  private lineSearch(fn: ObjectiveFn, x: Float64Array, f0: number, _g: Float64Array, dphi0: number, t1: number, mask?: Uint8Array): number | null {
    let tPrev = 0;
    let fPrev = f0;
    let dPrev = dphi0;
    let t = t1;
    const budget = this.evals + 30;
    for (let i = 0; ; i++) {
      if (this.evals >= this.maxEvaluations || this.evals >= budget) return null;
      const ft = this.phi(fn, x, t, mask);
      const dt = this.lastDphi;
      if (!Number.isFinite(ft) || ft > f0 + C1 * t * dphi0 || (i > 0 && ft >= fPrev)) {
        return this.zoom(fn, x, f0, dphi0, tPrev, fPrev, dPrev, t, ft, dt, budget, mask);
      }
      if (Math.abs(dt) <= -C2 * dphi0) return ft;
      if (dt >= 0) return this.zoom(fn, x, f0, dphi0, t, ft, dt, tPrev, fPrev, dPrev, budget, mask);
      // Extrapolate (φ still decreasing at t): cubic step safeguarded to
      // [t + 1.1 (t − tPrev), t + 4 (t − tPrev)]; the largest step when the cubic has no
      // minimiser beyond t (φ nearly linear, as in Huber's linear zone).
      let tn = cubicMin(tPrev, fPrev, dPrev, t, ft, dt);
      const lo = t + 1.1 * (t - tPrev);
      const hi = t + 4 * (t - tPrev);
      if (!Number.isFinite(tn) || tn <= t) tn = hi;
      else if (tn < lo) tn = lo;
      else if (tn > hi) tn = hi;
      tPrev = t;
      fPrev = ft;
      dPrev = dt;
      t = tn;
    }
  }

  private zoom(
    fn: ObjectiveFn,
    x: Float64Array,
    f0: number,
    dphi0: number,
    tLo: number,
    fLo: number,
    dLo: number,
    tHi: number,
    fHi: number,
    dHi: number,
    budget: number,
    mask?: Uint8Array,
  ): number | null {
    for (;;) {
      if (this.evals >= this.maxEvaluations || this.evals >= budget) break;
      const width = tHi - tLo;
      if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(tLo))) break;
      let t: number;
      if (Number.isFinite(fHi)) {
        t = cubicMin(tLo, fLo, dLo, tHi, fHi, dHi);
        const a = tLo + 0.1 * width;
        const b = tHi - 0.1 * width;
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        if (!Number.isFinite(t) || t < lo || t > hi) t = tLo + 0.5 * width;
      } else {
        t = tLo + 0.2 * width; // f undefined at tHi: shrink hard towards tLo
      }
      const ft = this.phi(fn, x, t, mask);
      const dt = this.lastDphi;
      if (!Number.isFinite(ft) || ft > f0 + C1 * t * dphi0 || ft >= fLo) {
        tHi = t;
        fHi = ft;
        dHi = dt;
      } else {
        if (Math.abs(dt) <= -C2 * dphi0) return ft;
        if (dt * (tHi - tLo) >= 0) {
          tHi = tLo;
          fHi = fLo;
          dHi = dLo;
        }
        tLo = t;
        fLo = ft;
        dLo = dt;
      }
    }
    // Budget exhausted: accept the best point with sufficient decrease, if any.
    if (tLo > 0 && fLo < f0) {
      const f = this.phi(fn, x, tLo, mask);
      if (Number.isFinite(f) && f < f0) return f;
    }
    return null;
  }
}

function maxAbs(v: Float64Array, n: number): number {
  let m = 0;
  for (let j = 0; j < n; j++) {
    const a = Math.abs(v[j]!);
    if (a > m) m = a;
  }
  return m;
}

/** Minimiser of the cubic interpolating f and f' at a and b (NaN when it has none). */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - 3 * ((fa - fb) / (a - b));
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
}
