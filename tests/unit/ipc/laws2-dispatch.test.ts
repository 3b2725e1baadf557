/**
 * The leverage, comprehensive, dense-vs-MoE, Chinchilla and registry channels through dispatch:
 * contract errors name the field path, the uncalibrated dense-vs-MoE law refuses absolute
 * numbers, and every law answer says where its numbers come from.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers, type ServiceContext } from '../../../src-main/services';

const ctx: ServiceContext = {
  transport: 'cli',
  dataDir: '/tmp/moe-test',
  appVersion: '9.9.9',
  store: () => {
    throw new Error('these tests do not touch the store');
  },
};

type Json = Record<string, any>;

async function ok(channel: string, payload: unknown): Promise<Json> {
  const env = await dispatch(handlers, ctx, channel, payload);
  if (!env.ok) throw new Error(`${channel} failed: ${env.error.message}`);
  return env.value as Json;
}

async function refused(channel: string, payload: unknown) {
  const env = await dispatch(handlers, ctx, channel, payload);
  expect(env.ok).toBe(false);
  if (env.ok) throw new Error('unreachable');
  return env.error;
}

describe('contract validation names the field path', () => {
  it.each([
    ['law.leverage', { activation: 0, granularity: 12, flops: 1e21 }, ['activation'], /activation/],
    ['law.leverage', { activation: 1.01, granularity: 12, flops: 1e21 }, ['activation'], /activation must be at most 1/],
    ['law.leverage', { activation: 0.1, granularity: 12, flops: -1e21 }, ['flops'], /flops must be positive/],
    ['law.leverage', { activation: 0.1, granularity: -2, flops: 1e21 }, ['granularity'], /granularity/],
    ['law.leverage', { activation: 0.1, granularity: 8, dModel: 1024, flops: 1e21 }, ['dModel'], /not both/],
    ['law.leverage', { experts: 64, activeExperts: 8, dModel: 1024, flops: 1e21 }, ['dExpert'], /dExpert/],
    ['law.leverage', { experts: 8, activeExperts: 9, dModel: 1024, dExpert: 256, flops: 1e21 }, ['activeExperts'], /cannot exceed/],
    ['law.leverage', { experts: 8.5, activeExperts: 2, dModel: 1024, dExpert: 256, flops: 1e21 }, ['experts'], /whole number/],
    ['law.leverage', { flops: 1e21 }, ['activation'], /activation and granularity/],
    ['optimum.leverage', { activation: 0.05, flops: 1e31 }, ['flops'], /flops must be at most 1e30/],
    ['allocation.leverage', { flops: 'lots' }, ['flops'], /flops must be a number/],
    ['leverage.contours', { flops: 1e21, activations: [0.1, 2] }, ['activations', 1], /activation must be at most 1/],
    ['leverage.fromFits', { dense: { coefficient: -1, exponent: 0.1 }, moe: { coefficient: 1, exponent: 0.1 }, flops: 1e21 }, ['dense', 'coefficient'], /coefficient must be positive/],
    ['law.comprehensive', { total: 1e9, tokens: 1e10, active: 2e9, activeExperts: 4, sharedRatio: 0.2 }, ['active'], /active must not exceed total/],
    ['law.comprehensive', { total: 1e9, tokens: 1e10, active: 1e8, activeExperts: 4, sharedRatio: 1.2 }, ['sharedRatio'], /sharedRatio must be at most 1/],
    ['optimum.comprehensive', { total: 1e9, threshold: -0.1 }, ['threshold'], /threshold must not be negative/],
    ['denseMoe.optimum', { flops: 1e22, calibration: { moe: { source: 'point', flops: 1e21 } } }, ['calibration', 'moe', 'flopsPerToken'], /exactly one/],
    ['denseMoe.optimum', { flops: 1e22, calibration: { dense: { source: 'point', flops: 0, tokens: 1e10 } } }, ['calibration', 'dense', 'flops'], /flops must be positive/],
    ['law.chinchilla', { params: 0, tokens: 1e10 }, ['params'], /params must be positive/],
    ['plan.chinchilla', { flops: -5 }, ['flops'], /flops must be positive/],
    ['laws.list', { question: 'world-peace' }, ['question'], /question must be one of/],
  ] as const)('%s %j → %j', async (channel, payload, path, message) => {
    const error = await refused(channel, payload);
    expect(error.code).toBe('invalid-request');
    expect(error.path).toEqual(path);
    expect(error.message).toMatch(message);
  });

  it('refuses a coefficient set of another law, naming coefficientSetId', async () => {
    const error = await refused('plan.chinchilla', { flops: 1e22, coefficientSetId: 'tian2025-leverage' });
    expect(error.path).toEqual(['coefficientSetId']);
    expect(error.message).toMatch(/leverage law, not the chinchilla law/);
  });
});

describe('dense-vs-MoE law', () => {
  it('refuses absolute numbers while uncalibrated, returning the exponents and a reason', async () => {
    const v = await ok('denseMoe.optimum', { flops: 1e22, budgets: [1e21, 1e22] });
    expect(v.calibrated).toBe(false);
    for (const arch of ['dense', 'moe']) {
      expect(v[arch].calibrated).toBe(false);
      expect(v[arch].reason).toMatch(/calibrate/);
      expect(Object.keys(v[arch]).sort()).toEqual(['architecture', 'calibrated', 'exponents', 'reason']);
      expect(v.curves[arch]).toMatchObject({ calibrated: false });
      expect(v.curves[arch].points).toBeUndefined();
    }
    // Wang et al.'s published exponents (N_opt ∝ C^0.507 dense, C^0.590 MoE) …
    expect(v.dense.exponents.nExp).toBeCloseTo(0.507, 6);
    expect(v.moe.exponents.nExp).toBeCloseTo(0.59, 6);
    // … and the 16.37% data-utilisation figure, a ratio of exponents that needs no calibration.
    expect(v.dataUtilisation.relativeGain * 100).toBeCloseTo(16.37, 2);
    expect(v.provenance.coefficientSet.provenance).toBe('partial');
  });

  it('answers after calibration from one compute-optimal point, reproducing that point and the exponent', async () => {
    const point = { flops: 1e21, flopsPerToken: 1e10 };
    const v = await ok('denseMoe.optimum', { flops: 1e23, calibration: { moe: { source: 'point', ...point } }, budgets: [1e21, 1e23] });
    expect(v.calibrated).toBe(true);
    expect(v.dense.calibrated).toBe(false);
    expect(v.moe.calibrated).toBe(true);
    // N_opt = N₀·(C/C₀)^0.59 and D_opt = C/N_opt, worked out here.
    expect(v.moe.flopsPerToken / (1e10 * Math.pow(100, 0.59))).toBeCloseTo(1, 10);
    expect((v.moe.flopsPerToken * v.moe.tokens) / 1e23).toBeCloseTo(1, 10);
    expect(v.curves.moe.points[0].flopsPerToken / 1e10).toBeCloseTo(1, 10);
    expect(v.curves.moe.points[0].tokens / 1e11).toBeCloseTo(1, 10);
    // 100x away from the calibration point is the edge; further gets a warning.
    const far = await ok('denseMoe.optimum', { flops: 1e24, calibration: { moe: { source: 'point', ...point } } });
    expect(far.flags.some((f: Json) => f.code === 'dense-moe-far-from-calibration')).toBe(true);
  });

  it('calibrates from a Chinchilla-shaped fit with the fit’s own exponents', async () => {
    const fit = { source: 'fit', A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28, sigma: 1.69 };
    const v = await ok('denseMoe.optimum', { flops: 1e22, calibration: { dense: fit } });
    expect(v.dense.exponents.nExp).toBeCloseTo(0.28 / 0.62, 12);
    const G = Math.pow((0.34 * 406.4) / (0.28 * 410.7), 1 / 0.62);
    expect(v.dense.flopsPerToken / (G * Math.pow(1e22, 0.28 / 0.62))).toBeCloseTo(1, 10);
    const moeWithoutExperts = await refused('denseMoe.optimum', { flops: 1e22, calibration: { moe: fit } });
    expect(moeWithoutExperts.path).toEqual(['calibration', 'moe', 'experts']);
  });
});

describe('every law answer carries provenance with a citation, and flags', () => {
  const calls: Array<[string, unknown, RegExp]> = [
    ['law.leverage', { activation: 0.031, granularity: 12, flops: 1e22 }, /2507\.17702/],
    ['law.leverage', { experts: 64, activeExperts: 6, sharedExperts: 1, dModel: 1024, dExpert: 256, flops: 1e20 }, /2507\.17702/],
    ['optimum.leverage', { activation: 0.05, flops: 1e21 }, /2507\.17702/],
    ['allocation.leverage', { flops: 1e21 }, /2507\.17702/],
    ['leverage.contours', { flops: 1e21, points: 5 }, /2507\.17702/],
    ['leverage.fromFits', { dense: { coefficient: 100, exponent: 0.1, offset: 1.5 }, moe: { coefficient: 80, exponent: 0.1, offset: 1.5 }, flops: 1e21 }, /2507\.17702/],
    ['leverage.reference', {}, /2507\.17702/],
    ['law.comprehensive', { total: 3e9, tokens: 5e10, active: 1e9, activeExperts: 7, sharedRatio: 0.3 }, /2509\.23678/],
    ['optimum.comprehensive', { total: 30e9 }, /2509\.23678/],
    ['comprehensive.surfaces', { total: 3e9, tokens: 5e10 }, /2509\.23678/],
    ['denseMoe.optimum', { flops: 1e22 }, /2410\.05661/],
    ['law.chinchilla', { params: 1e9, tokens: 2e10 }, /2203\.15556/],
    ['plan.chinchilla', { flops: 1e22, coefficientSetId: 'besiroglu2024' }, /2404\.10102/],
  ];
  it.each(calls)('%s', async (channel, payload, citation) => {
    const v = await ok(channel, payload);
    expect(v.provenance.law.citation).toMatch(citation);
    expect(v.provenance.coefficientSet.citation.length).toBeGreaterThan(10);
    expect(Array.isArray(v.flags)).toBe(true);
  });

  it('laws.list carries each law’s citation and default coefficient set', async () => {
    const v = await ok('laws.list', {});
    expect(v.laws).toHaveLength(5);
    for (const law of v.laws) {
      expect(law.citation).toMatch(/arXiv:\d{4}\.\d{5}/);
      expect(law.defaultCoefficientSet.citation.length).toBeGreaterThan(10);
    }
    const moeOnly = await ok('laws.list', { question: 'compute-optimal', family: 'moe' });
    expect(moeOnly.laws.map((l: Json) => l.id)).not.toContain('chinchilla');
  });
});

describe('leverage channels against the paper', () => {
  it('Ling-mini-beta: derived from its published shapes, EL about 7 at its own budget', async () => {
    const v = await ok('leverage.reference', {});
    expect(v.activation).toBeCloseTo(13 / 385, 12);
    expect(v.granularity).toBeCloseTo(4096 / 384, 12);

    // The law's compute from the shapes, worked out here: per layer Q and O (d²), K and V (d × 4 KV heads × 128),
    // 13 activated SwiGLU experts (3·d·d_expert each) and the router (d × E); M = 2 per parameter, C = 3·M·D.
    const perLayer = 2 * 2048 * 2048 + 2 * 2048 * 4 * 128 + 13 * 3 * 2048 * 384 + 2048 * 384;
    const lawFlops = 3 * 2 * 20 * perLayer * 1e12;
    expect(v.flopsSource).toBe('non-embedding-3MD');
    expect(v.flops / lawFlops).toBeCloseTo(1, 12);
    // The paper's "over 7×" is the matched dense model's per-token compute ratio: 6.1B over ≈0.84B.
    expect(v.compute.denseComputeRatio).toBeCloseTo(6.1e9 / (20 * perLayer), 12);
    expect(v.compute.denseComputeRatio).toBeGreaterThan(7);
    expect(v.compute.note).toContain(`EL = ${v.el.toFixed(2)}`);
    expect(v.el).toBeGreaterThan(5.5);
    expect(v.el).toBeLessThan(8.5);
  });

  it('EL from two fits: the closed form C_d = ((L* − b_d)/α_d)^(−1/β_d), worked out here', async () => {
    const v = await ok('leverage.fromFits', { dense: { coefficient: 100, exponent: 0.1, offset: 1.5 }, moe: { coefficient: 80, exponent: 0.1, offset: 1.5 }, flops: 1e21 });
    expect(v.feasible).toBe(true);
    const target = 80 * Math.pow(1e21, -0.1) + 1.5;
    const denseFlops = Math.pow((target - 1.5) / 100, -1 / 0.1);
    expect(v.targetLoss).toBeCloseTo(target, 12);
    expect(v.el / (denseFlops / 1e21)).toBeCloseTo(1, 8);
    expect(v.provenance.coefficientSet.provenance).toBe('user-fit');
    const unreachable = await ok('leverage.fromFits', { dense: { coefficient: 100, exponent: 0.1, offset: 3 }, moe: { coefficient: 80, exponent: 0.1, offset: 1.5 }, flops: 1e21 });
    expect(unreachable.feasible).toBe(false);
    expect(unreachable.reason).toMatch(/floor/);
  });

  it('contours: a grid with one EL per (A, G), rising as A falls at fixed G', async () => {
    const v = await ok('leverage.contours', { flops: 1e20, activations: [0.02, 0.1, 0.5], granularities: [4, 8, 12] });
    expect(v.el).toHaveLength(3);
    for (const row of v.el) expect(row).toHaveLength(3);
    for (let j = 0; j < 3; j++) {
      expect(v.el[0][j]).toBeGreaterThan(v.el[1][j]);
      expect(v.el[1][j]).toBeGreaterThan(v.el[2][j]);
    }
  });

  it('comprehensive surfaces: the (G, S) grid is lowest near G_opt and S_opt', async () => {
    const v = await ok('comprehensive.surfaces', { total: 3e9, tokens: 5e10 });
    const { activeExperts, sharedRatios, loss } = v.structure;
    let best = { i: 0, j: 0 };
    loss.forEach((row: number[], i: number) => row.forEach((x, j) => { if (x < loss[best.i][best.j]) best = { i, j }; }));
    expect(Math.abs(activeExperts[best.i] - 6.78)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(sharedRatios[best.j] - 0.31)).toBeLessThanOrEqual(0.025);
    expect(v.optimum.activeExperts).toBeCloseTo(6.78, 1);
    expect(v.activeRatioCurve.loss).toHaveLength(v.activeRatioCurve.activeRatios.length);
  });
});
