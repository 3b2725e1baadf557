/**
 * explain.figure on fit.run: a blocking fit is explained from its answer as sent and the request it
 * answered, never fitted again and without its job (discarded here, as a browser-mode pool worker
 * leaves none). Every figure is recomputed from the CSV and the coefficients and replicates sent;
 * an answer that is not this request's, or whose numbers do not hold together, is refused at its field.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers } from '../../../src-main/services';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliJson, ctx, dataDir } from '../cli/run-cli';
import { hasChinchilla } from '../../unit/engine/fit/helpers';
import { chinchillaCsv, expectReplicationFigures, type FitAnswer, type Written } from './fit-by-hand';

const explain = (request: unknown, answer: unknown, extra: Record<string, unknown> = {}) => dispatch(handlers, ctx, 'explain.figure', { channel: 'fit.run', request, answer, ...extra });

describe.skipIf(!hasChinchilla)('explain.figure for a blocking fit (fit.run), from its answer', () => {
  it('explains the replication fit from the answer and the request alone, then refuses answers that are not theirs', async () => {
    const request = { law: 'chinchilla', source: { text: chinchillaCsv(), fileName: 'chinchilla.csv' }, options: { preset: 'chinchilla-replication', bootstrap: 8 } };
    const fitted = await dispatch(handlers, ctx, 'fit.run', request);
    if (!fitted.ok) throw new Error(fitted.error.message);
    const answer = fitted.value as FitAnswer;
    expect(answer.replicates).toHaveLength(8 - answer.result.bootstrap.failed);
    // The job is gone: what is explained is what was sent.
    await dispatch(handlers, ctx, 'fit.discard', { jobId: answer.jobId });
    expect((await dispatch(handlers, ctx, 'explain.figure', { channel: 'fit.status', request: { jobId: answer.jobId } })).ok).toBe(false);

    const env = await explain(request, answer);
    if (!env.ok) throw new Error(env.error.message);
    const x = env.value as { channel: string; explanations: Written[] };
    expect(x.channel).toBe('fit.run');
    expectReplicationFigures(x.explanations, { coefficients: answer.result.coefficients, replicates: answer.replicates! });

    const refused = async (req: unknown, ans: unknown, path: Array<string | number>) => {
      const e = await explain(req, ans);
      expect(e.ok, JSON.stringify(path)).toBe(false);
      if (!e.ok) expect(e.error).toMatchObject({ code: 'invalid-request', path });
    };
    // Another request: 4 runs dropped instead of the preset's 5 (the 5th is trained on there).
    const fifth = answer.result.residuals.filter((r: { role: string }) => r.role === 'dropped').sort((a: { observedLoss: number }, b: { observedLoss: number }) => a.observedLoss - b.observedLoss)[0];
    await refused({ ...request, options: { ...request.options, dropHighest: 4 } }, answer, ['answer', 'result', 'residuals', answer.result.residuals.indexOf(fifth), 'role']);
    await refused({ ...request, options: { ...request.options, delta: 1e-2 } }, answer, ['answer', 'result', 'delta']);
    // A coefficient changed on the way: its predicted losses no longer follow.
    await refused(request, { ...answer, result: { ...answer.result, coefficients: { ...answer.result.coefficients, E: answer.result.coefficients.E * 1.01 } } }, ['answer', 'result', 'coefficients']);
    // An observed loss changed: not the request's run.
    const residuals = answer.result.residuals.map((r: { observedLoss: number }, i: number) => (i === 3 ? { ...r, observedLoss: r.observedLoss + 0.1 } : r));
    await refused(request, { ...answer, result: { ...answer.result, residuals } }, ['answer', 'result', 'residuals', 3, 'observedLoss']);
    await refused(request, { ...answer, replicates: answer.replicates!.slice(1) }, ['answer', 'replicates']);
    // Not a fit.run answer at all: refused by fit.run's own response schema.
    const { residuals: _gone, ...noResiduals } = answer.result;
    const malformed = await explain(request, { ...answer, result: noResiduals });
    expect(malformed.ok).toBe(false);
    if (!malformed.ok) expect(malformed.error.path?.slice(0, 3)).toEqual(['answer', 'result', 'residuals']);
    // A request whose runs cannot be read is refused under request.
    const bad = await explain({ ...request, source: { text: 'nAct,tokens,loss\n1e8,2e9,x' } }, answer);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.path?.slice(0, 2)).toEqual(['request', 'source']);
    // Without the answer there is nothing to explain (fitting again is what this avoids).
    const none = await dispatch(handlers, ctx, 'explain.figure', { channel: 'fit.run', request });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.path).toEqual(['answer']);
  }, 300_000);
});

describe('moe-workbench fit --explain --explain-run N', () => {
  it('writes out the run asked, numbered as the explanation’s tables number runs, with the fitted numbers', async () => {
    // Six runs from Hoffmann et al.'s Approach 3 law (LAWS.md §5), rounded to 5 decimals.
    const runs = [1e8, 2e8, 4e8].flatMap((N) => [2e9, 8e9].map((D) => ({ N, D, L: Number((1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28).toFixed(5)) })));
    const file = join(dataDir, 'six-runs-asked.csv');
    writeFileSync(file, ['nAct,tokens,loss', ...runs.map((r) => `${r.N},${r.D},${r.L}`)].join('\n'));
    const fitted = await cliJson('fit', '--law', 'chinchilla', '--runs', file);
    const k = fitted.result.coefficients as Record<string, number>;
    const x = await cliJson('fit', '--law', 'chinchilla', '--runs', file, '--explain', '--explain-run', '4');
    const at = (x.explanations as Written[])[0]!;
    // Run 4 is the file's 4th data row (line 5).
    expect(at.title).toContain('“line 5” (the run asked about)');
    const r = runs[3]!;
    const L = k.E! + k.A! / r.N ** k.alpha! + k.B! / r.D ** k.beta!;
    expect(at.rows.find((w) => w.symbol === 'L')!.raw / L).toBeCloseTo(1, 10);
    expect(at.rows.find((w) => w.symbol === 'r')!.raw).toBeCloseTo(Math.log(L) - Math.log(r.L), 10);
    const beyond = await cli('fit', '--law', 'chinchilla', '--runs', file, '--explain', '--explain-run', '7');
    expect(beyond.code).toBe(2);
    expect(beyond.stderr).toContain('--explain-run: the fit has 6 runs, numbered 1 to 6');
    expect((await cli('fit', '--law', 'chinchilla', '--runs', file, '--explain-run', '2')).stderr).toContain('give --explain too');
  }, 120_000);
});
