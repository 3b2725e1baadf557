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

  it('refuses two goals at once, and a loss no law reaches, naming what is wrong', async () => {
    const two = await cli('target', '--loss', '2.2', '--match-dense-flops', '1e22');
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/exactly one goal/);
    const low = await cli('target', '--loss', '1.0', '--laws', 'joint');
    expect(low.code).not.toBe(0);
    expect(low.stderr).toMatch(/goal\.loss|irreducible/);
  });
});
