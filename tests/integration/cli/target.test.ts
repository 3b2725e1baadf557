/** `moe-workbench target` in-process through runCli: one goal at a time, answers in words and JSON, usage errors named. */
import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './run-cli';

type Json = Record<string, any>;

describe('moe-workbench target', () => {
  it('matches the compute-optimal dense model of 1e22 FLOPs: the joint law at E = 1 needs exactly that budget', async () => {
    const v = await cliJson('target', '--match-dense-flops', '1e22', '--experts', '1,8', '--laws', 'joint,chinchilla') as Json;
    const row = v.rows.find((r: Json) => r.law === 'joint' && r.experts === 1);
    expect(row.designs.trainingFlops.trainingFlops / 1e22).toBeCloseTo(1, 8);
    const moe = v.rows.find((r: Json) => r.law === 'joint' && r.experts === 8);
    expect(moe.designs.trainingFlops.trainingFlops).toBeLessThan(1e22);
    expect(v.laws.map((l: Json) => l.law)).toEqual(['joint', 'chinchilla']);
  });

  it('writes each law\'s answer in planner units: counts as "10.3 B", never as powers of ten', async () => {
    const args = ['target', '--match-dense-params', '7e9', '--match-dense-tokens', '2e12', '--laws', 'joint'];
    const v = await cliJson(...args) as Json;
    const d = v.laws[0].winners.find((w: Json) => w.objective === 'trainingFlops').design;
    const text = (await cli(...args)).stdout;
    const sentence = text.split('\n').find((l) => l.includes('the cheapest in training FLOPs is')) ?? '';
    // "12.3 B" / "1.45 T": three significant digits of billions or trillions, computed here from the JSON
    const planner = (n: number) => (n >= 1e12 ? `${Number((n / 1e12).toPrecision(3))} T` : `${Number((n / 1e9).toPrecision(3))} B`);
    expect(sentence).toContain(`N_act ${planner(d.nAct)}, N_total ${planner(d.nTotal)}, ${planner(d.tokens)} tokens`);
    expect(sentence).toMatch(/% of the reference model's [\d.]+ × 10\S+ FLOPs\)/);
  });

  it('refuses two goals at once, and a loss no law reaches, naming what is wrong', async () => {
    const two = await cli('target', '--loss', '2.2', '--match-dense-flops', '1e22');
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/exactly one goal/);
    const low = await cli('target', '--loss', '1.0', '--laws', 'joint');
    expect(low.code).not.toBe(0);
    expect(low.stderr).toMatch(/goal\.loss|irreducible/);
  });
});
