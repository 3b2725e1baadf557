/**
 * The unflagged examples, now flagged with their factor: the most tokens per active
 * parameter among the fitted runs is 31B on 426M active (App. E table row 24, E = 4) = 72.71,
 * the largest total 5.0B.
 */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

const MAX_TPP = 31e9 / (2 * 1152 * 50257 + 13 * 18 * 1152 ** 2); // row 24: d_model 1152, 18 blocks (Eq. 10)
const MAX_TOTAL = 5001873408; // E = 32, d_model 1024, 16 blocks (Eq. 9)

describe('moe-workbench flags the issue’s examples with their factor', () => {
  it('law joint --n-act 1e8 --tokens 3e10 --experts 8: 300 tokens per parameter, 4.13× the runs', async () => {
    const v = await cliJson('law', 'joint', '--n-act', '1e8', '--tokens', '3e10', '--experts', '8');
    const f = v.flags.find((x: { variable: string }) => x.variable === 'tokensPerParam');
    expect(f.factor).toBeCloseTo(300 / MAX_TPP, 6);
    expect(f.extent).toBe('outside');
    const text = await cli('law', 'joint', '--n-act', '1e8', '--tokens', '3e10', '--experts', '8');
    expect(text.stdout).toMatch(/tokens per active parameter D\/N_act 4\.13× above/);
  });

  it('the E = 4 candidate of plan memory --flops 2e20 --memory 3GB --model-only (about 101 tokens per parameter)', async () => {
    const v = await cliJson('plan', 'memory', '--flops', '2e20', '--memory', '3GB', '--model-only');
    const e4 = v.candidates.find((c: { experts: number }) => c.experts === 4);
    const f = e4.flags.find((x: { variable: string }) => x.variable === 'tokensPerParam');
    expect(e4.tokensPerParam).toBeGreaterThan(95);
    expect(f.factor).toBeCloseTo(e4.tokensPerParam / MAX_TPP, 9);
    const text = await cli('plan', 'memory', '--flops', '2e20', '--memory', '3GB', '--model-only');
    expect(text.stdout).toMatch(/E = 4: near: tokens per active parameter D\/N_act 1\.\d\d× above/);
  });

  it('law joint with E = 32 and 1B active: about 19B total parameters, 3.8× the largest run', async () => {
    const v = await cliJson('law', 'joint', '--n-act', '1e9', '--tokens', '2e10', '--experts', '32');
    const f = v.flags.find((x: { variable: string }) => x.variable === 'nTotal');
    expect(f.factor).toBeCloseTo(v.nTotal / MAX_TOTAL, 9);
    expect(f.factor).toBeGreaterThan(3.5);
  });

  it('plan inference names the training compute it tests, and the total apart', async () => {
    const v = await cliJson('plan', 'inference', '--flops', '1e22', '--inference-tokens', '1e12');
    const training = v.best.flags.find((x: { variable: string }) => x.variable === 'flops');
    expect(training.value).toBeCloseTo(v.best.trainingFlops, -8);
    expect(v.best.trainingFlops).toBeLessThan(1e22);
    expect(v.best.flags.find((x: { variable: string }) => x.variable === 'totalFlops').value).toBe(1e22);
  });
});

describe('the papers’ worked examples from the command line', () => {
  it('App. C: the FLOPs and bf16 weights of a 1B dense model on 10B tokens give E = 16 ≈155M active on ≈64B tokens, ≈414 tokens/param, flagged', async () => {
    const v = await cliJson('plan', 'memory', '--flops', String(6 * 1e9 * 10e9), '--memory', '2GB', '--model-only', '--experts', '16');
    const c = v.candidates[0];
    expect(c.nAct / 1e6).toBeCloseTo(155, 0);
    expect(Math.round(c.tokensPerParam)).toBe(414);
    expect(c.flags.find((f: { variable: string }) => f.variable === 'tokensPerParam').extent).toBe('outside');
  });

  it('Sec. 4.4–4.5: dense 1.1B on 8B tokens loses to E = 2 on 16B and E = 4 on 32B; 36% and 61% fewer FLOPs per token for the buildable shapes', async () => {
    const v = await cliJson('compare', 'dense-moe', '--total-params', '1.1e9', '--dense-tokens', '8e9', '--experts', '2,4');
    expect(v.dense.tokens).toBe(8e9);
    expect(v.perExpert.map((p: { tokens: number }) => p.tokens)).toEqual([16e9, 32e9]);
    expect(v.perExpert.map((p: { beatsDense: boolean }) => p.beatsDense)).toEqual([true, true]);
    expect(v.perExpert.map((p: { buildable: { flopsPerTokenSavings: number } }) => Math.round(100 * p.buildable.flopsPerTokenSavings))).toEqual([36, 61]);
    const text = await cli('compare', 'dense-moe', '--total-params', '1.1e9', '--dense-tokens', '8e9', '--experts', '2,4');
    expect(text.stdout).toMatch(/61\.\d% \(1152×18\)/);
    const bad = await cli('compare', 'dense-moe', '--flops', '1e22', '--dense-tokens', '8e9');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--dense-tokens/);
  });
});
