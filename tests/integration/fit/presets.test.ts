/**
 * Issue 12, item 6: the published fits' settings as presets. On the Chinchilla data the
 * replication preset alone (no δ or drop given) reproduces Besiroglu et al. 2024's fit — not the
 * B = 12,846, β = 0.453 a fit with nothing dropped lands on — and loaded runs that look like a
 * known data set say so.
 *
 * Reference (LAWS.md §5): A = 482.01, B = 2085.43, E = 1.8172, α = 0.3478, β = 0.3658 with
 * bootstrap standard errors A 124.58, B 1293.23, E 0.03, α 0.02, β 0.02; each coefficient must lie
 * within a tenth of its standard error (as in cli-fit.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, ctx } from '../cli/run-cli';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { CHINCHILLA_CSV, hasChinchilla, hasJointRuns, JOINT_RUNS_CSV as JOINT_RUNS } from '../../unit/engine/fit/helpers';

const PUBLISHED = { A: 482.01, B: 2085.43, E: 1.8172, alpha: 0.3478, beta: 0.3658 };
const SE = { A: 124.58, B: 1293.23, E: 0.03, alpha: 0.02, beta: 0.02 };

const preview = async (law: string, text: string) => {
  const env = await dispatch(handlers, ctx, 'runs.preview', { law, text });
  if (!env.ok) throw new Error(env.error.message);
  return env.value as ResponseOf<'runs.preview'>;
};

/** Exact runs of a Chinchilla-like law, too few and too small to look like any published set. */
function smallCsv(): string {
  const lines = ['name,params (M),tokens (B),loss'];
  for (const N of [50, 100, 200, 400]) for (const D of [1, 3, 10]) lines.push(`n${N}-d${D},${N},${D},${1.8 + 480 / (N * 1e6) ** 0.35 + 2000 / (D * 1e9) ** 0.37}`);
  return lines.join('\n') + '\n';
}

describe.skipIf(!hasChinchilla)('the Chinchilla replication preset', () => {
  it('fit --preset chinchilla-replication lands on the published replication fit', async () => {
    const r = await cli('fit', '--law', 'chinchilla', '--runs', CHINCHILLA_CSV, '--preset', 'chinchilla-replication', '--json');
    expect(r.code, r.stderr).toBe(0);
    const v = (JSON.parse(r.stdout) as { result: { coefficients: Record<string, number>; counts: Record<string, number>; delta: number; starts: number } }).result;
    expect(v.counts).toMatchObject({ runs: 245, train: 240, dropped: 5, holdout: 0 });
    expect(v.delta).toBe(1e-3);
    expect(v.starts).toBe(4500);
    for (const k of Object.keys(PUBLISHED) as (keyof typeof PUBLISHED)[]) {
      expect(Math.abs(v.coefficients[k]! - PUBLISHED[k]), k).toBeLessThan(0.1 * SE[k]);
    }
    // Far from the fit that keeps every run (B ≈ 12,846, β ≈ 0.453).
    expect(v.coefficients.B!).toBeLessThan(5000);
    expect(v.coefficients.beta!).toBeLessThan(0.4);
  });

  it('the loaded Chinchilla runs are recognised, with the preset to use', async () => {
    const p = await preview('chinchilla', readFileSync(CHINCHILLA_CSV, 'utf8'));
    expect(p.runCount).toBe(245);
    expect(p.looksLike?.presetId).toBe('chinchilla-replication');
    expect(p.looksLike?.message).toMatch(/245 runs look like the Chinchilla runs/);
    expect(p.looksLike?.message).toMatch(/drop the 5 highest-loss runs, Huber δ = 10⁻³/);
  });
});

describe('presets', () => {
  it('runs that look like no published set get no hint', async () => {
    expect((await preview('chinchilla', smallCsv())).looksLike).toBeNull();
  });

  it.skipIf(!hasJointRuns)('the joint law’s 270 runs are recognised as App. B’s data set', async () => {
    // The runs' shapes as published (App. E); the loss only has to be a loss for the importer.
    const rows = readFileSync(JOINT_RUNS, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    const csv = ['nAct,tokens,experts,loss', ...rows.map((c) => `${c[11]},${c[8]},${c[6]},3`)].join('\n') + '\n';
    const p = await preview('joint', csv);
    expect(p.runCount).toBe(270);
    expect(p.looksLike?.presetId).toBe('joint-app-b');
    expect(p.looksLike?.message).toMatch(/the 30 lowest-loss runs held out/);
  });

  it('a value given beside the preset wins over it', async () => {
    const env = await dispatch(handlers, ctx, 'fit.run', {
      law: 'chinchilla',
      source: { text: smallCsv() },
      options: { preset: 'chinchilla-replication', dropHighest: 2, grid: { a: [6], b: [7.5], e: [0.5], alpha: [0.35], beta: [0.37] }, replaceGrid: true },
    });
    if (!env.ok) throw new Error(env.error.message);
    const v = env.value as ResponseOf<'fit.run'>;
    expect(v.result.counts).toMatchObject({ runs: 12, dropped: 2 });
    expect(v.result.delta).toBe(1e-3);
  });

  it('a preset for another law is refused at its field', async () => {
    const env = await dispatch(handlers, ctx, 'fit.run', { law: 'chinchilla', source: { text: smallCsv() }, options: { preset: 'joint-app-b' } });
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.path).toEqual(['options', 'preset']);
      expect(env.error.message).toBe('preset "joint-app-b" is for the joint law, not chinchilla');
    }
  });
});
