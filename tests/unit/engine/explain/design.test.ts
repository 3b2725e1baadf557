/**
 * "How was this computed?" for the design table and the uncertainty band: every figure is
 * recomputed here from LAWS.md's equations (App. A's counts, Eq. 4–6, Eq. 8, the memory rule),
 * written out independently of the engine, and the width against the runs of App. E.
 */
import { describe, expect, it } from 'vitest';
import { publishedSet, type CoefficientSet } from '../../../../src-main/engine/common/coefficients';
import { paperShape } from '../../../../src-main/engine/accounting/architecture';
import { planComputeOptimal, planInferenceOptimal, planMemoryOptimal, type PlanResult } from '../../../../src-main/engine/joint';
import { explainBootstrapBand, explainBuildable, explainCandidate, explainFitErrorBand, writeExplanation } from '../../../../src-main/engine/explain';
import { BAND_CONFIDENCE, bootstrapPlanBand, replicateWinners } from '../../../../src-main/engine/uncertainty';
import { allText, headline, RAW, relClose, row } from './checks';

const JOINT = publishedSet('ludziejewski2025-joint');
const V = 50_257;
const T3 = { a: 35.91, alpha: -0.1889, delta: -0.2285, gamma: 0.0098, b: 35.98, beta: -0.1775, omega: 0.5529, zeta: -0.0259, eStart: 2.0732, eMax: 290.4521, c: 1.3637 };
type Coefs = typeof T3;

/** LAWS.md §1, written out again: Eq. 4, Eq. 6, App. A's counts, Eq. 7 with the sign fix. */
const eHat = (E: number, k: Coefs) => 1 / (1 / (E - 1 + 1 / (1 / k.eStart - 1 / k.eMax)) + 1 / k.eMax);
const loss = (N: number, D: number, E: number, k: Coefs = T3) => {
  const h = eHat(E, k);
  return k.a * h ** k.delta * N ** (k.alpha + k.gamma * Math.log(h)) + k.b * h ** k.omega * D ** (k.beta + k.zeta * Math.log(h)) + k.c;
};
const nAct = (d: number) => 2 * d * V + 13 * (d / 64) * d * d;
const nTotal = (d: number, E: number) => 2 * d * V + (4 + 9 * E) * (d / 64) * d * d;
const optimum = (F: number, E: number, k: Coefs = T3) => {
  const h = eHat(E, k);
  const [m, mu, n, nu] = [k.a * h ** k.delta, k.alpha + k.gamma * Math.log(h), k.b * h ** k.omega, k.beta + k.zeta * Math.log(h)];
  const N = ((mu * m) / (nu * n)) ** (-1 / (mu + nu)) * (F / 6) ** (nu / (mu + nu));
  return { N, D: F / 6 / N, L: loss(N, F / 6 / N, E, k) };
};
const rel = 1e-9;

function checkRow(p: PlanResult, E: number) {
  const c = p.candidates.find((x) => x.experts === E)!;
  if (!c.feasible) throw new Error(`E = ${E} infeasible`);
  const x = explainCandidate(c, p, JOINT);
  const d = headline(x, 'd_model');
  const N = x.headline.find((s) => s.symbol === 'N_opt' || s.symbol === 'N_act') ? headline(x, x.headline.some((s) => s.symbol === 'N_opt') ? 'N_opt' : 'N_act') : c.nAct;
  // The width is App. A's root for the design's N_act.
  relClose(nAct(d), N, rel);
  relClose(headline(x, 'N_total'), nTotal(d, E), rel);
  relClose(headline(x, 'N_blocks'), d / 64, rel);
  const D = headline(x, x.headline.some((s) => s.symbol === 'D_opt') ? 'D_opt' : 'D');
  relClose(D, (p.flops - 2 * N * p.inferenceTokens) / (6 * N), rel);
  relClose(headline(x, 'L'), loss(N, D, E), rel);
  relClose(headline(x, 'D/N_act'), D / N, rel);
  relClose(headline(x, 'F_train'), 6 * N * D, rel);
  relClose(headline(x, 'M_w'), nTotal(d, E) * 2, rel);
  relClose(headline(x, 'M_kv'), 2 * p.kvTokens * (d / 64) * d * 2, rel);
  // Eq. 8 on active non-embedding parameters (the default basis).
  relClose(headline(x, 'LR'), Math.exp(8.39 - 0.81 * Math.log(13 * (d / 64) * d * d) - 0.25 * Math.log(E)), rel);
  const db = headline(x, 'd_b');
  expect(db % 64).toBe(0);
  expect([64 * Math.floor(d / 64), 64 * Math.ceil(d / 64)]).toContain(db);
  expect(db).toBe(c.buildable.shape.dModel);
  return { c, x, N, D };
}

describe('the design table, figure by figure', () => {
  it('the width from N_act is App. E’s run: 321,030,144 active parameters at E = 32 is d_model 1,024 with 5,001,873,408 in total', () => {
    const shape = paperShape(1024, 32, 'exact');
    const c = { experts: 32, nAct: 321_030_144, tokens: 16e9, shape, bindingConstraint: 'compute' as const, buildable: { shape: paperShape(1024, 32, 'buildable') } };
    // With inference tokens N_act is a given term, so the width is Cardano's root of that N_act.
    const p = { flops: 6 * 321_030_144 * 16e9 + 2 * 321_030_144 * 1e9, inferenceTokens: 1e9, kvTokens: 16_384, precision: { bytesPerWeight: 2, bytesPerKvValue: 2 }, cacheLayout: { kind: 'mha' as const }, learningRateBasis: 'active-non-embedding' as const, memoryBytes: null, memoryMode: null };
    const x = explainCandidate(c, p, JOINT);
    relClose(headline(x, 'd_model'), 1024, 1e-12);
    expect(Math.round(headline(x, 'N_total'))).toBe(5_001_873_408);
    expect(headline(x, 'N_blocks')).toBeCloseTo(16, 9);
    relClose(headline(x, 'D'), 16e9, 1e-12);
    const w = writeExplanation(x);
    expect(row(w, 'd_model').formula).toBe('u − p/(3·u)');
    expect(row(w, 'd_model').value).toBe('1,024');
  });

  it('compute-optimal plan at 10²² FLOPs: every candidate’s row and the buildable column recomputed from LAWS.md', () => {
    const p = planComputeOptimal({ flops: 1e22, coefficients: JOINT });
    for (const c of p.candidates) {
      if (!c.feasible) continue;
      const { x } = checkRow(p, c.experts);
      // The compute optimum is Eq. 7 with the sign fix.
      const o = optimum(1e22, c.experts);
      relClose(headline(x, 'N_opt'), o.N, 1e-9);
      relClose(headline(x, 'L'), o.L, 1e-9);
      // Buildable: counts at the whole-head width, tokens on the same line, the law there.
      const b = explainBuildable(c, p, JOINT);
      const db = headline(b, 'd_b');
      const Nb = nAct(db);
      relClose(headline(b, 'N_act_b'), Nb, rel);
      relClose(headline(b, 'N_total_b'), nTotal(db, c.experts), rel);
      relClose(headline(b, 'D_b'), 1e22 / (6 * Nb), rel);
      relClose(headline(b, 'L_b'), loss(Nb, 1e22 / (6 * Nb), c.experts), rel);
      relClose(headline(b, 'F_b'), 1e22, rel);
      relClose(headline(b, 'M_b'), 2 * nTotal(db, c.experts) + 2 * 16_384 * (db / 64) * db * 2, rel);
      // The buildable column of the plan is the lower-loss neighbour: the other's loss is higher.
      const other = db === 64 * Math.floor(headline(x, 'd_model') / 64) ? db + 64 : db - 64;
      if (other >= 64) expect(loss(nAct(other), 1e22 / (6 * nAct(other)), c.experts)).toBeGreaterThanOrEqual(loss(Nb, 1e22 / (6 * Nb), c.experts));
      expect(b.note).toMatch(/other, d_model [\d,]+ \(\d+ blocks\), would reach \d\.\d{5} nats\/token against \d\.\d{5} for the chosen one/);
      for (const t of [...allText(writeExplanation(x)), ...allText(writeExplanation(b))]) expect(t).not.toMatch(RAW);
    }
  });

  it('memory-bound plan: the width fills the budget, and N_act, D and the loss follow from it', () => {
    const budget = 24e9;
    const p = planMemoryOptimal({ flops: 1e22, coefficients: JOINT, memoryBytes: budget, memoryMode: 'total' });
    const bound = p.candidates.filter((c) => c.feasible && c.bindingConstraint === 'memory');
    expect(bound.length).toBeGreaterThan(0);
    for (const c of bound) {
      const { x, N } = checkRow(p, c.experts);
      const d = headline(x, 'd_model');
      relClose(2 * nTotal(d, c.experts) + 2 * 16_384 * (d / 64) * d * 2, budget, 1e-9);
      relClose(N, nAct(d), rel);
    }
  });

  it('inference-optimal plan: D is what the budget leaves after 2·N_act·D_inf', () => {
    const p = planInferenceOptimal({ flops: 1e23, inferenceTokens: 2e12, coefficients: JOINT });
    for (const c of p.candidates) if (c.feasible) checkRow(p, c.experts);
  });
});

/** A fit's replicates, as a bootstrap would give them: Table 3 with its scales and exponents moved a little. */
function replicates(n: number): { sets: CoefficientSet[]; coefs: Coefs[] } {
  let s = 7;
  const r = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.06;
  const coefs = Array.from({ length: n }, () => ({ ...T3, a: T3.a * (1 + r()), b: T3.b * (1 + r()), alpha: T3.alpha * (1 + r() / 3), beta: T3.beta * (1 + r() / 3), c: T3.c + r() / 10 }));
  const sets = coefs.map((k, i) => ({ ...JOINT, id: `test#replicate-${i + 1}`, values: { ...JOINT.values, a: k.a, b: k.b, alpha: k.alpha, beta: k.beta, c: k.c } }));
  return { sets, coefs };
}
/** numpy's default (linear) percentile. */
const percentile = (xs: number[], q: number) => {
  const v = [...xs].sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  const i = Math.floor(h);
  return v[i]! + (h - i) * (v[Math.min(i + 1, v.length - 1)]! - v[i]!);
};

describe('the uncertainty band', () => {
  it('bootstrap: the 5th and 95th percentiles of each refit’s best design, recomputed from Eq. 7 per refit', () => {
    expect(BAND_CONFIDENCE).toBe(0.9);
    const { sets, coefs } = replicates(57);
    const experts = [1, 2, 4, 8];
    const p = planComputeOptimal({ flops: 1e21, coefficients: JOINT, experts });
    const best = coefs.map((k) => experts.map((E) => ({ E, ...optimum(1e21, E, k) })).reduce((a, b) => (b.L < a.L ? b : a)));
    const solved = replicateWinners(sets, p)!;
    const x = explainBootstrapBand({ winners: solved.winners, refits: sets.length, confidence: 0.9 }, { ...JOINT, name: 'test fit' });
    for (const [sym, values] of [['N_act', best.map((b) => b.N)], ['D', best.map((b) => b.D)], ['L', best.map((b) => b.L)]] as const) {
      relClose(headline(x, `${sym}_lo`), percentile(values, 0.05), 1e-9);
      relClose(headline(x, `${sym}_hi`), percentile(values, 0.95), 1e-9);
    }
    // And they are the band the plan shows.
    const band = bootstrapPlanBand(sets, p)!;
    relClose(headline(x, 'L_lo'), band.loss.low, 1e-12);
    relClose(headline(x, 'N_act_hi'), band.nAct!.high, 1e-12);
    for (const E of new Set(best.map((b) => b.E))) relClose(headline(x, `share_${E}`), best.filter((b) => b.E === E).length / 57, 1e-12);
    const w = writeExplanation(x);
    // (K − 1)·q = 56 × 0.05 = 2.8: between the 3rd and 4th smallest.
    relClose(row(w, 'h_lo').raw, 2.8, 1e-12);
    expect(row(w, 'L_lo').formula).toBe('L₍₃₎ + (h_lo − ⌊h_lo⌋)·(L₍₄₎ − L₍₃₎)');
    expect(w.title).toBe('Uncertainty band: 90% over 57 bootstrap refits');
    for (const t of allText(w)) expect(t).not.toMatch(RAW);
  });

  it('published fit error: the loss ± App. B’s train RMSE 0.0062', () => {
    const o = optimum(1e22, 8);
    const x = explainFitErrorBand({ loss: o.L, halfWidth: 0.0062, label: 'App. B' }, JOINT);
    relClose(headline(x, 'L_lo'), o.L - 0.0062, 1e-12);
    relClose(headline(x, 'L_hi'), o.L + 0.0062, 1e-12);
    expect(writeExplanation(x).rows.find((r) => r.symbol === 'L_lo')!.substituted).toMatch(/^\d\.\d+ − 0\.0062$/);
  });
});
