/**
 * "How was this computed?" for a finished fit, over IPC (explain.figure on the fit's job) and the
 * CLI (fit --explain). On the Chinchilla data fitted as the replication fits it (Besiroglu et al.
 * 2024: δ = 10⁻³, the 5 highest-loss points dropped, the Epoch grid), every explained figure is
 * recomputed here from the CSV and LAWS.md §5 (L = E + A/N^α + B/D^β, D = F/(6N)), not from the
 * fitter: the residual of the worst run, the RMSE, the Huber objective, the bootstrap intervals
 * from the replicates listed, and the number of starts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { cli, ctx, dataDir } from '../cli/run-cli';
import { CHINCHILLA_CSV, hasChinchilla } from '../../unit/engine/fit/helpers';
import { coefficient } from '../../../src-main/format';
import { raw, type7, type Written } from './fit-by-hand';

type Explained = { explanations: Written[]; note: string | null };

describe.skipIf(!hasChinchilla)('explain.figure for a finished fit (fit.status)', () => {
  it('explains the replication fit of the Chinchilla data: the worst run, the objective, the intervals and the starts, recomputed from the CSV', async () => {
    const fitted = await dispatch(handlers, ctx, 'fit.run', { law: 'chinchilla', source: { text: readFileSync(CHINCHILLA_CSV, 'utf8') }, options: { preset: 'chinchilla-replication', bootstrap: 24 } });
    if (!fitted.ok) throw new Error(fitted.error.message);
    const { jobId, result } = fitted.value as { jobId: string; result: Record<string, any> };
    const env = await dispatch(handlers, ctx, 'explain.figure', { channel: 'fit.status', request: { jobId } });
    if (!env.ok) throw new Error(env.error.message);
    const x = env.value as Explained;
    const figure = (f: string): Written => {
      const e = x.explanations.find((e) => e.figure === f);
      if (!e) throw new Error(`no explanation ${f}`);
      return e;
    };
    const [run, intervals, quality, procedure] = [figure('fit.run'), figure('fit.intervals'), figure('fit.quality'), figure('fit.procedure')];

    // The CSV's 245 points, D = F/(6N); the replication drops the 5 highest losses.
    const points = readFileSync(CHINCHILLA_CSV, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')).map((c) => ({ N: Number(c[3]), D: Number(c[4]) / (6 * Number(c[3])), L: Number(c[6]) }));
    const kept = [...points].sort((a, b) => b.L - a.L).slice(5);
    const k = result.coefficients as Record<string, number>;
    const residual = (p: { N: number; D: number; L: number }) => Math.log(k.E! + k.A! / p.N ** k.alpha! + k.B! / p.D ** k.beta!) - Math.log(p.L);
    const rs = kept.map(residual);
    const worst = kept[rs.reduce((b, r, i) => (Math.abs(r) > Math.abs(rs[b]!) ? i : b), 0)]!;

    // The fitted law at the worst run, with the fitted numbers, and its residual.
    expect(raw(run, 'L')).toBeCloseTo(k.E! + k.A! / worst.N ** k.alpha! + k.B! / worst.D ** k.beta!, 10);
    expect(raw(run, 'r')).toBeCloseTo(residual(worst), 10);
    expect(Math.abs(raw(run, 'r'))).toBeCloseTo(result.maxError, 10);
    expect(run.citation).toMatch(/Besiroglu et al\., "Chinchilla Scaling: A replication attempt"/);
    // The fitted law written with the fitted numbers (A near the replication's 482.01).
    expect(Math.abs(k.A! - 482.01)).toBeLessThan(0.1 * 124.58);
    expect(run.rows.find((r) => r.symbol === 'L')!.substituted).toContain(`${coefficient(k.E!)} + ${coefficient(k.A!)}/`);

    // RMSE and the Huber objective over the 240 runs trained on.
    const huber = (r: number) => (Math.abs(r) <= 1e-3 ? 0.5 * r * r : 1e-3 * (Math.abs(r) - 0.5e-3));
    expect(raw(quality, 'RMSE_train')).toBeCloseTo(Math.sqrt(rs.reduce((s, r) => s + r * r, 0) / 240), 10);
    expect(raw(quality, 'J')).toBeCloseTo(rs.reduce((s, r) => s + huber(r), 0), 10);
    expect(raw(quality, 'J') / result.objective).toBeCloseTo(1, 8);
    expect(raw(quality, 'r_max')).toBeCloseTo(result.maxError, 10);

    // Each coefficient's 95 % interval: the 2.5th and 97.5th percentiles of the replicates listed; SD with divisor B − 1.
    const cols = intervals.data!.columns;
    for (const name of ['A', 'B', 'E', 'alpha', 'beta']) {
      const v = intervals.data!.raw.map((row) => row[cols.indexOf(name)]!);
      expect(v).toHaveLength(24 - result.bootstrap.failed);
      expect(raw(intervals, `${name}_lo`)).toBeCloseTo(type7(v, 0.025), 8);
      expect(raw(intervals, `${name}_hi`)).toBeCloseTo(type7(v, 0.975), 8);
      const m = v.reduce((s, y) => s + y, 0) / v.length;
      expect(raw(intervals, `SD(${name})`) / Math.sqrt(v.reduce((s, y) => s + (y - m) ** 2, 0) / (v.length - 1))).toBeCloseTo(1, 8);
      expect(raw(intervals, `${name}_lo`) / result.intervals[name].lower).toBeCloseTo(1, 8);
    }

    // 240 of 245 trained on, 4,500 starts: the Epoch grid.
    expect(raw(procedure, 'N_train')).toBe(240);
    expect(raw(procedure, 'starts')).toBe(4500);
    expect(procedure.note).toMatch(/Dropped before fitting, the highest losses: .*nats\/token/);
    const text = JSON.stringify(x.explanations.map((e) => [e.title, e.rows.map((r) => [r.substituted, r.value])]));
    expect(text).not.toMatch(/\de[+-]\d|\^\d/);
  }, 300_000);

  it('refuses an unfinished or unknown job and a run the fit does not have, naming the field', async () => {
    const unknown = await dispatch(handlers, ctx, 'explain.figure', { channel: 'fit.status', request: { jobId: 'no-such-job' } });
    expect(unknown.ok).toBe(false);
    const csv = ['nAct,tokens,loss', ...[1e8, 2e8, 4e8].flatMap((n) => [2e9, 8e9].map((d) => `${n},${d},${(1.8 + 400 / n ** 0.34 + 400 / d ** 0.28).toFixed(5)}`))].join('\n');
    const fitted = await dispatch(handlers, ctx, 'fit.run', { law: 'chinchilla', source: { text: csv }, options: {} });
    if (!fitted.ok) throw new Error(fitted.error.message);
    const env = await dispatch(handlers, ctx, 'explain.figure', { channel: 'fit.status', request: { jobId: (fitted.value as { jobId: string }).jobId }, run: 6 });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error).toMatchObject({ code: 'invalid-request', path: ['run'] });
  }, 120_000);
});

describe('moe-workbench fit --explain', () => {
  it('prints the fit, then how each figure was computed', async () => {
    // Six runs from Hoffmann et al.'s Approach 3 law (LAWS.md §5), rounded to 5 decimals.
    const file = join(dataDir, 'six-runs.csv');
    writeFileSync(file, ['nAct,tokens,loss', ...[1e8, 2e8, 4e8].flatMap((n) => [2e9, 8e9].map((d) => `${n},${d},${(1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28).toFixed(5)}`))].join('\n'));
    const r = await cli('fit', '--law', 'chinchilla', '--runs', file, '--explain');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Fitted the chinchilla law to 6 runs/);
    expect(r.stdout).toMatch(/How was this computed\? The fitted law at “line \d+” \(the run with the largest error\)/);
    expect(r.stdout).toMatch(/How was this computed\? Fit quality: Huber objective \(δ = 0\.001\)/);
    expect(r.stdout).toMatch(/How was this computed\? Fitting procedure: .* from 4,500 starts/);
    expect(r.stdout).toMatch(/No bootstrap replicates/);
    // fit.run is explained (from the answer printed), so the command offers --explain.
    expect((await cli('fit', '--help')).stdout).toMatch(/--explain/);
  }, 120_000);
});
