/**
 * The leverage, comprehensive and Chinchilla commands, run in-process through the CLI's runCli, checked against
 * the papers' stated figures and closed forms worked out here, never against the code's output.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

type Json = Record<string, any>;

describe('moe-workbench law leverage', () => {
  it('gives EL above 7 at 1e22 FLOPs for A = 3.1% and G = 12 (Tian et al.), with flags and provenance', async () => {
    const v = await cliJson('law', 'leverage', '--activation', '0.031', '--granularity', '12', '--flops', '1e22') as Json;
    expect(v.el).toBeGreaterThan(7);
    expect(v.el).toBeLessThan(8);
    expect(v.activationHat).toBeGreaterThan(0);
    expect(v.activationHat).toBeLessThan(1);
    expect(Array.isArray(v.flags)).toBe(true);
    // 1e22 is beyond the fitted 3e20 FLOPs: the extrapolation must be visible.
    expect(v.flags.some((f: Json) => f.variable === 'flops' && f.severity === 'warning')).toBe(true);
    expect(v.denseFlops).toBeCloseTo(v.el * 1e22, -15);
    expect(v.provenance.law.citation).toMatch(/2507\.17702/);
  });

  it('derives and echoes A, S and G from a fine-grained configuration (Ling-mini-beta shapes)', async () => {
    const v = await cliJson(
      'law', 'leverage', '--experts', '384', '--active-experts', '12', '--shared-experts', '1',
      '--d-model', '2048', '--d-expert', '384', '--flops', '5.1e21',
    ) as Json;
    expect(v.activation).toBeCloseTo(13 / 385, 12);
    expect(v.sharedRatio).toBeCloseTo(1 / 13, 12);
    expect(v.granularity).toBeCloseTo((2 * 2048) / 384, 12);
    expect(v.configuration).toEqual({ experts: 384, activeExperts: 12, sharedExperts: 1, dModel: 2048, dExpert: 384 });
    // The paper: MoE-mini matches a 6.1B dense model with about 7x less compute.
    expect(v.el).toBeGreaterThan(5.5);
    expect(v.el).toBeLessThan(8.5);
  });

  it('refuses mixing the two flag forms, and an incomplete configuration, naming the option', async () => {
    const mixed = await cli('law', 'leverage', '--activation', '0.03', '--granularity', '12', '--experts', '64', '--flops', '1e21');
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/not both/);
    expect(mixed.stderr).toMatch(/--experts/);
    const partial = await cli('law', 'leverage', '--experts', '64', '--flops', '1e21');
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/--active-experts/);
    const half = await cli('law', 'leverage', '--activation', '0.03', '--flops', '1e21');
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/--granularity/);
  });

  it('exits 2 naming the flag for a bad argument', async () => {
    const out = await cli('law', 'leverage', '--activation', '1.5', '--granularity', '12', '--flops', '1e22');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--activation/);
    const neg = await cli('allocation', 'leverage', '--flops', '-1e21');
    expect(neg.code).toBe(2);
    expect(neg.stderr).toMatch(/--flops/);
    const notNumber = await cli('optimum', 'leverage', '--activation', 'lots', '--flops', '1e21');
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toMatch(/--activation/);
  });

  it('prints units and provenance lines in text mode', async () => {
    const out = await cli('law', 'leverage', '--activation', '0.031', '--granularity', '12', '--flops', '1e22');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/FLOPs/);
    expect(out.stdout).toMatch(/^Law: .*arXiv:2507\.17702/m);
    expect(out.stdout).toMatch(/^Coefficients: .*\[tian2025-leverage, published-table\]/m);
  });
});

describe('moe-workbench optimum leverage', () => {
  it('puts the best granularity between 8 and 12 (the paper: "around 8–12"), with an EL no lower than at G = 12', async () => {
    const v = await cliJson('optimum', 'leverage', '--activation', '0.031', '--flops', '1e22') as Json;
    expect(v.granularity).toBeGreaterThanOrEqual(8);
    expect(v.granularity).toBeLessThanOrEqual(12);
    const atTwelve = await cliJson('law', 'leverage', '--activation', '0.031', '--granularity', '12', '--flops', '1e22') as Json;
    expect(v.el).toBeGreaterThanOrEqual(atTwelve.el - 1e-12);
    // Brute force over G in [2, 16]: nothing beats the reported optimum.
    for (const g of [2, 4, 6, 8, 10, 14, 16]) {
      const r = await cliJson('law', 'leverage', '--activation', '0.031', '--granularity', String(g), '--flops', '1e22') as Json;
      expect(r.el).toBeLessThanOrEqual(v.el + 1e-12);
    }
  });
});

describe('moe-workbench allocation leverage', () => {
  it('splits the budget as C = M·D for dense and MoE, with learning rate and batch', async () => {
    const v = await cliJson('allocation', 'leverage', '--flops', '1e21') as Json;
    for (const arch of ['dense', 'moe']) {
      const p = v[arch];
      expect(Object.keys(p).sort()).toEqual(['batchTokens', 'flopsPerToken', 'learningRate', 'tokens']);
      expect((p.flopsPerToken * p.tokens) / 1e21).toBeGreaterThan(0.9);
      expect((p.flopsPerToken * p.tokens) / 1e21).toBeLessThan(1.1);
      expect(p.learningRate).toBeGreaterThan(1e-5);
      expect(p.learningRate).toBeLessThan(1e-2);
      expect(p.batchTokens).toBeGreaterThan(1e5);
    }
    // Table 1: the MoE's optimum trains on more data with fewer FLOPs per token than dense.
    expect(v.moe.tokens).toBeGreaterThan(v.dense.tokens);
    expect(v.moe.flopsPerToken).toBeLessThan(v.dense.flopsPerToken);
  });
});

describe('moe-workbench comprehensive law', () => {
  it('recommends G ≈ 6.78, S ≈ 0.31 and N_a/N ≈ 40% at 30B (the paper)', async () => {
    const v = await cliJson('optimum', 'comprehensive', '--total', '30e9') as Json;
    expect(v.activeExperts).toBeCloseTo(6.78, 1);
    expect(v.sharedRatio).toBeGreaterThan(0.3);
    expect(v.sharedRatio).toBeLessThan(0.33);
    expect(v.activeRatio).toBeGreaterThan(0.38);
    expect(v.activeRatio).toBeLessThan(0.42);
    // Efficiency-aware ratio: ≈9% at 30B with the default threshold, well below the theoretical one.
    expect(v.activeRatioEfficient).toBeGreaterThan(0.07);
    expect(v.activeRatioEfficient).toBeLessThan(0.11);
    expect(v.provenance.coefficientSet.provenance).toBe('secondary-transcription');
  });

  it('brings N_a/N down to ≈ 22% at 671B, and a larger τ lowers the efficient ratio', async () => {
    const v = await cliJson('optimum', 'comprehensive', '--total', '671e9') as Json;
    expect(v.activeRatio).toBeGreaterThan(0.2);
    expect(v.activeRatio).toBeLessThan(0.24);
    expect(v.activeRatioEfficient).toBeGreaterThan(0.035);
    expect(v.activeRatioEfficient).toBeLessThan(0.065);
    const strict = await cliJson('optimum', 'comprehensive', '--total', '671e9', '--threshold', '0.02') as Json;
    expect(strict.threshold).toBe(0.02);
    expect(strict.activeRatioEfficient).toBeLessThan(v.activeRatioEfficient);
  });

  it('gives a loss that is lowest near G_opt and S_opt (brute force over the flags)', async () => {
    const loss = async (g: number, s: number) =>
      ((await cliJson('law', 'comprehensive', '--total', '3e9', '--tokens', '50e9', '--active', '1e9', '--active-experts', String(g), '--shared-ratio', String(s))) as Json).loss as number;
    const best = await loss(6.78, 0.31);
    expect(best).toBeGreaterThan(1.8);
    expect(best).toBeLessThan(4);
    for (const [g, s] of [[2, 0.31], [16, 0.31], [6.78, 0], [6.78, 0.7]] as const) expect(await loss(g, s)).toBeGreaterThan(best);
    const v = await cliJson('law', 'comprehensive', '--total', '3e9', '--tokens', '50e9', '--active', '1e9', '--active-experts', '7', '--shared-ratio', '0.3') as Json;
    expect(v.flags).toEqual([]);
  });

  it('refuses more active than total parameters, naming --active', async () => {
    const r = await cli('law', 'comprehensive', '--total', '1e9', '--tokens', '1e10', '--active', '2e9', '--active-experts', '4', '--shared-ratio', '0.2');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--active\b/);
  });
});

describe('moe-workbench Chinchilla', () => {
  it('plans ≈ 72B parameters at the Chinchilla budget 5.76e23 with the Besiroglu et al. refit', async () => {
    const v = await cliJson('plan', 'chinchilla', '--flops', '5.76e23', '--coefficients', 'besiroglu2024') as Json;
    expect(v.params / 1e9).toBeGreaterThan(68);
    expect(v.params / 1e9).toBeLessThan(76);
    expect((6 * v.params * v.tokens) / 5.76e23).toBeCloseTo(1, 9);
    expect(v.provenance.coefficientSet.id).toBe('besiroglu2024');
  });

  it('computes L = E + A/N^α + B/D^β with the Hoffmann et al. 2022 values', async () => {
    const v = await cliJson('law', 'chinchilla', '--params', '70e9', '--tokens', '1.4e12', '--coefficients', 'hoffmann2022') as Json;
    const expected = 1.69 + 406.4 / Math.pow(70e9, 0.34) + 410.7 / Math.pow(1.4e12, 0.28);
    expect(v.loss).toBeCloseTo(expected, 10);
    expect(v.provenance.coefficientSet.id).toBe('hoffmann2022');
    expect(v.flags.length).toBeGreaterThan(0); // 70B is beyond the fitted 16B
  });

  it('plans with the Epoch replication by default and says which approach each set comes from (Approach 3 gives ≈32B / 3.0T at 5.76e23)', async () => {
    const epoch = await cliJson('plan', 'chinchilla', '--flops', '5.76e23') as Json;
    expect(epoch.provenance.coefficientSet.id).toBe('besiroglu2024');
    expect(epoch.approach).toMatch(/replication of Approach 3/);
    const hoffmann = await cliJson('plan', 'chinchilla', '--flops', '5.76e23', '--coefficients', 'hoffmann2022') as Json;
    expect(hoffmann.approach).toMatch(/Approach 3.*not the 70B on 1\.4T of their Approaches 1 and 2/);
    // The sentence's figures are the set's own optimum at Chinchilla's budget: here the request's budget.
    expect(hoffmann.approach).toContain(`${Number((hoffmann.params / 1e9).toPrecision(3))} B parameters on ${Number((hoffmann.tokens / 1e12).toPrecision(3))} T tokens`);
    expect(hoffmann.params / 1e9).toBeGreaterThan(30);
    expect(hoffmann.params / 1e9).toBeLessThan(35);
    expect(hoffmann.tokens / 1e12).toBeGreaterThan(2.7);
    expect(hoffmann.tokens / 1e12).toBeLessThan(3.3);
  });

  it('refuses a coefficient set of another law, naming --coefficients', async () => {
    const r = await cli('law', 'chinchilla', '--params', '1e9', '--tokens', '2e10', '--coefficients', 'tian2025-leverage');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--coefficients/);
  });
});

describe('moe-workbench laws list', () => {
  it('lists every law, and only those answering a question when asked', async () => {
    const all = await cliJson('laws', 'list') as Json;
    expect(all.laws.map((l: Json) => l.id).sort()).toEqual(['chinchilla', 'comprehensive', 'dense-moe', 'joint', 'leverage']);
    const v = await cliJson('laws', 'list', '--question', 'compute-optimal') as Json;
    const ids = v.laws.map((l: Json) => l.id);
    expect(ids).toContain('chinchilla');
    expect(ids).toContain('dense-moe');
    expect(ids).not.toContain('comprehensive');
    const denseMoe = v.laws.find((l: Json) => l.id === 'dense-moe');
    expect(denseMoe.needsCalibration).toBe(true);
    const leverage = all.laws.find((l: Json) => l.id === 'leverage');
    expect(leverage.variables.find((x: Json) => x.name === 'flops').unit).toBe('FLOPs');
    expect(leverage.fittedRanges.find((r: Json) => r.variable === 'granularity')).toMatchObject({ min: 2, max: 16 });
    // A reader is told the range's variable in words ("tokens per active parameter", as LAWS.md names it) and symbol, never its field id.
    const joint = all.laws.find((l: Json) => l.id === 'joint');
    expect(joint.fittedRanges.find((r: Json) => r.variable === 'tokensPerParam')).toMatchObject({ label: 'tokens per active parameter', symbol: 'D/N_act' });
    const text = await cli('laws', 'list');
    const ranges = text.stdout.split('\n').filter((l) => l.includes('Fitted ranges:'));
    expect(ranges.length).toBe(5);
    expect(ranges.join('\n')).toContain('tokens per active parameter D/N_act');
    // no camelCase field id (nAct, tokensPerParam, activeExperts…) in what is printed
    for (const line of ranges) expect(line).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b/);
    const bad = await cli('laws', 'list', '--question', 'world-peace');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--question/);
  });
});
