/**
 * "How was this computed?" for the optima and comparisons: the comprehensive law's G, S and
 * activation ratios, the Efficiency Leverage law's best granularity, allocation and
 * hyper-parameters, the joint law's learning rate (Eq. 8) and its dense-versus-MoE savings. Each
 * tree, evaluated, gives the engine's own figure over random inputs, and its written form carries
 * the papers' numbers (LAWS.md) without raw notation.
 */
import { describe, expect, it } from 'vitest';
import { publishedSet } from '../../../../src-main/engine/common/coefficients';
import { calibrateFromPoint, dataUtilisationComparison, denseMoeModel, denseMoeOptimum } from '../../../../src-main/engine/dense-moe';
import { comprehensiveOptimum } from '../../../../src-main/engine/comprehensive';
import { bestGranularity, equivalentDenseCompute, leverageAllocation, leverageForConfiguration, LING_MINI_BETA } from '../../../../src-main/engine/leverage';
import { compareDenseMoe, computeOptimum, jointCoefficients, peakLearningRate, perExpertLaw, ruleOfThumb } from '../../../../src-main/engine/joint';
import {
  explainBestGranularity,
  explainComprehensiveOptimum,
  explainDenseMoeSavings,
  explainRuleOfThumb,
  explainCalibratedAllocation,
  explainDataUtilisation,
  explainLearningRate,
  explainLeverage,
  explainLeverageAllocation,
  writeExplanation,
  type WrittenExplanation,
} from '../../../../src-main/engine/explain';
import { allText, headline, randomInputs, RAW, relClose, row } from './checks';

const { rng, logUniform, pick } = randomInputs(20261202);
const TRIALS = 200;

const noRaw = (w: WrittenExplanation) => {
  for (const t of allText(w)) expect(t, `${w.figure}: ${t}`).not.toMatch(RAW);
};

const COMPREHENSIVE = publishedSet('moe-comprehensive-2025');
const LEVERAGE = publishedSet('tian2025-leverage');
const JOINT = publishedSet('ludziejewski2025-joint');

describe('comprehensive law optima', () => {
  it('equal the engine’s G_opt, S_opt and both activation ratios (the engine bisects; the tree is the closed form of g(r) = τ)', () => {
    for (let i = 0; i < TRIALS; i++) {
      const total = logUniform(1e8, 1e13);
      const threshold = pick([0, 0.0005, 0.004, 0.02, 0.2]);
      const o = comprehensiveOptimum({ total, threshold }, COMPREHENSIVE);
      if (!o.feasible) throw new Error(o.reason);
      const x = explainComprehensiveOptimum({ total, threshold }, COMPREHENSIVE);
      relClose(headline(x, 'G_opt'), o.activeExperts);
      relClose(headline(x, 'S_opt'), o.sharedRatio);
      relClose(headline(x, 'r_opt'), o.activeRatio, 1e-12);
      relClose(headline(x, 'r_τ'), o.activeRatioEfficient, 1e-12);
      relClose(headline(x, 'N_a'), o.activeRatio * total, 1e-12);
      relClose(headline(x, 'N_a,τ'), o.activeRatioEfficient * total, 1e-12);
      // g at the efficiency-aware ratio is τ, unless the ratio is capped at N_a = N.
      if (o.activeRatioEfficient < 1) expect(Math.abs(headline(x, 'g(r_τ)') - threshold)).toBeLessThan(1e-12);
    }
  });

  it('reproduce the paper’s headline optima: G ≈ 6.78, S ≈ 0.31, N_a/N ≈ 40% at 30 B and ≈ 22% at 671 B, ≈ 9% and ≈ 5% at τ = 0.004', () => {
    const at30 = writeExplanation(explainComprehensiveOptimum({ total: 30e9, threshold: 0.004 }, COMPREHENSIVE));
    expect(row(at30, 'G_opt').formula).toBe('√(f/e)');
    expect(row(at30, 'G_opt').substituted).toBe('√(7.2446/0.1577)');
    expect(row(at30, 'G_opt').value).toBe('6.778');
    expect(row(at30, 'S_opt').formula).toBe('−n/(2·m)');
    expect(row(at30, 'S_opt').substituted).toBe('−(−3.2363)/(2·5.1395)');
    expect(row(at30, 'S_opt').raw).toBeCloseTo(0.31, 2);
    expect(row(at30, 'r_opt').raw).toBeGreaterThan(0.35);
    expect(row(at30, 'r_opt').raw).toBeLessThan(0.45);
    expect(row(at30, 'r_opt').value).toMatch(/^\d\d\.\d%$/);
    expect(row(at30, 'r_τ').raw).toBeCloseTo(0.09, 2);
    expect(row(at30, 'N_a,τ').substituted).toMatch(/^\d\.\d+%·\(30 B\)$/);
    const at671 = writeExplanation(explainComprehensiveOptimum({ total: 671e9, threshold: 0.004 }, COMPREHENSIVE));
    expect(row(at671, 'r_opt').raw).toBeCloseTo(0.22, 1);
    expect(row(at671, 'r_τ').raw).toBeCloseTo(0.05, 1);
    expect(at30.citation).toContain('arXiv:2509.23678');
    expect(at30.note).toContain('secondary source');
    noRaw(at30);
    noRaw(at671);
  });
});

describe('Efficiency Leverage figures', () => {
  it('EL of a configuration, its A, S, G and dense compute equal the engine’s', () => {
    for (let i = 0; i < TRIALS; i++) {
      const experts = pick([8, 16, 64, 128, 256, 384]);
      const configuration = { experts, activeExperts: 1 + Math.floor(rng() * Math.min(16, experts)), sharedExperts: pick([0, 1, 2]), dModel: pick([1024, 2048, 4096]), dExpert: pick([256, 384, 512, 1408]) };
      const flops = logUniform(1e19, 1e25);
      const r = leverageForConfiguration(configuration, flops, LEVERAGE);
      const x = explainLeverage({ activation: r.activation, granularity: r.granularity, flops, configuration }, LEVERAGE);
      relClose(headline(x, 'EL'), r.el);
      relClose(headline(x, 'C_dense'), r.el * flops);
      relClose(headline(x, 'S'), r.sharedRatio);
      const ratio = explainLeverage({ activation: r.activation, granularity: r.granularity, flops }, LEVERAGE);
      relClose(headline(ratio, 'C_dense'), equivalentDenseCompute({ activation: r.activation, granularity: r.granularity, flops }, LEVERAGE).denseFlops);
    }
  });

  it('Ling-mini-beta: A = 13/385, G = 2·2,048/384 written from its configuration', () => {
    const cfg = LING_MINI_BETA;
    const w = writeExplanation(explainLeverage({ activation: 13 / 385, granularity: 4096 / 384, flops: 1e22, configuration: cfg }, LEVERAGE));
    expect(row(w, 'A').substituted).toBe('(12 + 1)/(384 + 1)');
    expect(row(w, 'A').value).toBe('3.38%');
    expect(row(w, 'G').substituted).toBe('2·2,048/384');
    expect(row(w, 'S').value).toBe('0.07692');
    noRaw(w);
  });

  it('best granularity equals the engine’s and sits near the paper’s 8–12 (≈ 11.3 from Table 2: 2^(0.117/(2·0.0167)))', () => {
    for (let i = 0; i < TRIALS; i++) {
      const activation = logUniform(0.005, 0.5);
      const flops = logUniform(1e19, 1e25);
      const b = bestGranularity({ activation, flops }, LEVERAGE);
      if (!b.feasible) throw new Error(b.reason);
      const x = explainBestGranularity({ activation, flops }, LEVERAGE);
      relClose(headline(x, 'G*'), b.granularity);
      relClose(headline(x, 'EL(G*)'), b.el);
    }
    const w = writeExplanation(explainBestGranularity({ activation: 0.031, flops: 1e22 }, LEVERAGE));
    relClose(row(w, 'G*').raw, 2 ** (0.117 / (2 * 0.0167)), 1e-12);
    expect(row(w, 'x*').substituted).toBe('−(−0.117)/(2·0.0167)');
    // Tian et al.: "EL above 7 at 10²² FLOPs for A = 3.1%, G = 12"; at the best G it is higher still.
    expect(row(w, 'EL(G*)').raw).toBeGreaterThan(7);
    noRaw(w);
  });

  it('allocation and hyper-parameters equal the engine’s and Table 1 / Eq. 3 by hand', () => {
    for (let i = 0; i < TRIALS; i++) {
      const flops = logUniform(1e18, 1e26);
      const a = leverageAllocation(flops, LEVERAGE);
      for (const k of ['dense', 'moe'] as const) {
        const x = explainLeverageAllocation({ flops, architecture: k }, LEVERAGE);
        relClose(headline(x, 'M_opt'), a[k].flopsPerToken);
        relClose(headline(x, 'D_opt'), a[k].tokens);
        relClose(headline(x, 'η_opt'), a[k].learningRate);
        relClose(headline(x, 'B_opt'), a[k].batchTokens);
      }
    }
    const moe = writeExplanation(explainLeverageAllocation({ flops: 1e22, architecture: 'moe' }, LEVERAGE));
    expect(row(moe, 'M_opt').formula).toBe('k_M·C^b_M');
    expect(row(moe, 'M_opt').substituted).toBe('0.1915·(1.0 × 10²²)^(0.5095)');
    relClose(row(moe, 'M_opt').raw, 0.1915 * 1e22 ** 0.5095, 1e-12);
    relClose(row(moe, 'D_opt').raw, 5.2232 * 1e22 ** 0.4905, 1e-12);
    relClose(row(moe, 'η_opt').raw, 1.1576 * 1e22 ** -0.1529, 1e-12);
    relClose(row(moe, 'B_opt').raw, 0.0694 * 1e22 ** 0.3644, 1e-12);
    const dense = writeExplanation(explainLeverageAllocation({ flops: 1e22, architecture: 'dense' }, LEVERAGE));
    relClose(row(dense, 'M_opt').raw, 0.0655 * 1e22 ** 0.5422, 1e-12);
    relClose(row(dense, 'D_opt').raw, 15.2582 * 1e22 ** 0.4578, 1e-12);
    relClose(row(dense, 'η_opt').raw, 2.2177 * 1e22 ** -0.1649, 1e-12);
    relClose(row(dense, 'B_opt').raw, 0.1039 * 1e22 ** 0.3493, 1e-12);
    expect(dense.source).toContain('Table 1');
    expect(dense.citation).toContain('arXiv:2507.17702');
    noRaw(moe);
    noRaw(dense);
  });
});

describe('joint law: learning rate and dense-versus-MoE savings', () => {
  it('Eq. 8 equals peakLearningRate and the paper’s constants by hand', () => {
    for (let i = 0; i < TRIALS; i++) {
      const n = logUniform(1e7, 1e12);
      const e = pick([1, 2, 4, 8, 16, 32, 64]);
      relClose(headline(explainLearningRate(peakLearningRate(n, e)), 'LR'), peakLearningRate(n, e).value);
    }
    const w = writeExplanation(explainLearningRate(peakLearningRate(1e9, 8)));
    expect(w.equations[0]).toBe('LR(N, E) = exp(8.39 − 0.81·ln N − 0.25·ln E)');
    expect(row(w, 'LR').substituted).toBe('exp(8.39 − 0.81·ln(1 B) − 0.25·ln(8))');
    relClose(row(w, 'LR').raw, Math.exp(8.39) * 1e9 ** -0.81 * 8 ** -0.25, 1e-12);
    expect(w.note).toContain('non-embedding');
    noRaw(w);
  });

  it('FLOPs to match the dense loss and the savings equal compareDenseMoe, and a bisection on the optimum’s loss finds the same FLOPs', () => {
    const k = jointCoefficients(JOINT);
    for (let i = 0; i < 60; i++) {
      const flops = logUniform(1e19, 1e25);
      const experts = [1, 2, 4, 8, 16, 32, 64];
      const c = compareDenseMoe({ flops, experts, coefficients: JOINT });
      const xs = explainDenseMoeSavings({ flops, experts }, JOINT);
      relClose(headline(xs[0]!, 'L_opt'), c.dense.loss);
      const matched = c.perExpert.filter((p) => p.feasible && p.experts > 1);
      expect(xs.slice(1).map((x) => x.title.match(/E = (\d+)/)![1])).toEqual(matched.map((p) => String(p.experts)));
      for (const [j, p] of matched.entries()) {
        if (!p.feasible) continue;
        const x = xs[j + 1]!;
        relClose(headline(x, 'F_match'), p.flopsToMatch, 1e-12);
        relClose(headline(x, 'savings'), p.savings, 1e-9);
        relClose(headline(x, 'N_act'), p.nAct, 1e-12);
        relClose(headline(x, 'D'), p.tokens, 1e-12);
        // Independent: bisect ln F until E's compute-optimal loss is the dense loss.
        const law = perExpertLaw(p.experts, k);
        let lo = Math.log(flops) - 30;
        let hi = Math.log(flops) + 5;
        for (let it = 0; it < 200; it++) {
          const mid = (lo + hi) / 2;
          if (computeOptimum(law, Math.exp(mid)).loss > c.dense.loss) lo = mid;
          else hi = mid;
        }
        relClose(headline(x, 'F_match'), Math.exp((lo + hi) / 2), 1e-9);
      }
    }
    const w = xs1e22();
    expect(w[0]!.title).toContain('dense model (E = 1)');
    const e8 = w.find((x) => x.title.includes('E = 8'))!;
    expect(row(e8, 'F_match').formula).toBe('6·((L_dense − c)/K)^(1/s)');
    expect(row(e8, 'savings').formula).toBe('1 − F_match/F');
    expect(row(e8, 'savings').value).toMatch(/^\d\d(\.\d)?%$/);
    for (const x of w) noRaw(x);
  });
});

describe('joint law: the rule of thumb at a fixed total size', () => {
  it('every figure equals ruleOfThumb’s, with and without given dense tokens', () => {
    for (let i = 0; i < 60; i++) {
      const totalParams = logUniform(1e8, 1e11);
      const denseTokens = rng() < 0.5 ? undefined : logUniform(1e9, 1e12);
      const r = ruleOfThumb({ totalParams, experts: [2, 4, 8, 16], coefficients: JOINT, ...(denseTokens ? { denseTokens } : {}) });
      const xs = explainRuleOfThumb({ totalParams, denseTokens, perExpert: r.perExpert.map((p) => ({ experts: p.experts, nAct: p.nAct })) }, JOINT);
      relClose(headline(xs[0]!, 'D_dense'), r.dense.tokens, 1e-12);
      relClose(headline(xs[0]!, 'L_dense'), r.dense.loss);
      relClose(headline(xs[0]!, 'F_dense'), r.dense.trainingFlops, 1e-12);
      r.perExpert.forEach((p, j) => {
        const x = xs[j + 1]!;
        relClose(headline(x, 'D_E'), p.tokens, 1e-12);
        relClose(headline(x, 'L_E'), p.loss, 1e-12);
        relClose(headline(x, 'F_E'), p.trainingFlops, 1e-12);
        relClose(headline(x, 'saved'), p.flopsPerTokenSavings, 1e-12);
        relClose(headline(x, 'L_F'), p.computeMatched.loss, 1e-12);
      });
    }
  });

  it('the paper’s 1.1 B example (Sec. 4.5): dense on 8 B tokens is beaten by E = 2 on 16 B and E = 4 on 32 B', () => {
    const r = ruleOfThumb({ totalParams: 1.1e9, denseTokens: 8e9, experts: [2, 4], coefficients: JOINT });
    const xs = explainRuleOfThumb({ totalParams: 1.1e9, denseTokens: 8e9, perExpert: r.perExpert.map((p) => ({ experts: p.experts, nAct: p.nAct })) }, JOINT).map((x) => writeExplanation(x));
    const dense = row(xs[0]!, 'L_dense').raw;
    for (const [j, tokens] of [[1, '16 B'], [2, '32 B']] as const) {
      expect(row(xs[j]!, 'D_E').value).toBe(`${tokens} tokens`);
      expect(row(xs[j]!, 'L_E').raw).toBeLessThan(dense);
    }
    expect(row(xs[1]!, 'saved').formula).toBe('1 − N_act/N');
    for (const x of xs) noRaw(x);
  });
});

describe('dense-vs-MoE allocation law (Wang et al.)', () => {
  const WANG = publishedSet('wang2024-dense-moe');

  it('the data-utilisation gain is the paper’s 16.37% from its exponents 0.590 and 0.507', () => {
    const w = writeExplanation(explainDataUtilisation(WANG));
    expect(row(w, 'gain').formula).toBe('(a_MoE − a_dense)/a_dense');
    expect(row(w, 'gain').substituted).toBe('(0.59 − 0.507)/0.507');
    relClose(row(w, 'gain').raw, (0.59 - 0.507) / 0.507, 1e-12);
    relClose(row(w, 'gain').raw, dataUtilisationComparison(WANG).relativeGain);
    expect(row(w, 'gain').value).toBe('16.4%');
  });

  it('a calibrated architecture’s N_opt and D_opt equal denseMoeOptimum’s and pass through the calibration point', () => {
    for (let i = 0; i < TRIALS; i++) {
      const point = { flops: logUniform(1e18, 1e22), tokens: logUniform(1e9, 1e12) };
      const architecture = pick(['dense', 'moe'] as const);
      const model = calibrateFromPoint(denseMoeModel(WANG), architecture, point);
      const flops = logUniform(1e18, 1e25);
      const o = denseMoeOptimum(model, architecture, flops);
      if (!o.calibrated) throw new Error(o.reason);
      const x = explainCalibratedAllocation({ flops, architecture, calibration: model.calibration[architecture]! }, WANG);
      relClose(headline(x, 'N_opt'), o.flopsPerToken);
      relClose(headline(x, 'D_opt'), o.tokens);
      const at = explainCalibratedAllocation({ flops: point.flops, architecture, calibration: model.calibration[architecture]! }, WANG);
      relClose(headline(at, 'D_opt'), point.tokens, 1e-9);
    }
  });
});

function xs1e22(): WrittenExplanation[] {
  return explainDenseMoeSavings({ flops: 1e22, experts: [1, 2, 4, 8] }, JOINT).map((x) => writeExplanation(x));
}
