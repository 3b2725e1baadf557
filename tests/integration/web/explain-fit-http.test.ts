/**
 * The browser mode's blocking fit explained over HTTP: fit.run runs in a pool worker (a heavy
 * channel), so its job is not on the request thread and fit.status cannot explain it there; the
 * answer sent back with its request is explained on the request thread, every figure recomputed
 * here from the CSV and the coefficients and replicates the answer carried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPooledServer, type PooledServer } from './pooled-server';
import { hasChinchilla } from '../../unit/engine/fit/helpers';
import { chinchillaCsv, expectReplicationFigures, type FitAnswer, type Written } from '../fit/fit-by-hand';

let web: PooledServer;

beforeAll(async () => {
  web = await startPooledServer();
}, 120_000);
afterAll(() => web?.stop());

const post = (channel: string, body: unknown) => web.post(channel, body);

describe.skipIf(!hasChinchilla)('explain.figure for fit.run over the browser mode’s HTTP', () => {
  it('explains the answer a pool worker gave, from the answer and the request', async () => {
    const request = { law: 'chinchilla', source: { text: chinchillaCsv() }, options: { preset: 'chinchilla-replication', bootstrap: 6 } };
    const fitted = await post('fit.run', request);
    if (!fitted.ok) throw new Error(fitted.error.message);
    const answer = fitted.value as FitAnswer;
    // The job ran in the worker: the request thread has none to read.
    const asJob = await post('explain.figure', { channel: 'fit.status', request: { jobId: answer.jobId } });
    expect(asJob.ok).toBe(false);

    const env = await post('explain.figure', { channel: 'fit.run', request, answer, bytes: 'decimal' });
    if (!env.ok) throw new Error(env.error.message);
    expectReplicationFigures((env.value as { explanations: Written[] }).explanations, { coefficients: answer.result.coefficients, replicates: answer.replicates! });

    // The worst run asked by index: the fitted law at that run of the CSV.
    const third = await post('explain.figure', { channel: 'fit.run', request, answer, run: 2 });
    if (!third.ok) throw new Error(third.error.message);
    const line = chinchillaCsv().trim().split('\n')[3]!.split(',');
    const [N, D, k] = [Number(line[3]), Number(line[4]) / (6 * Number(line[3])), answer.result.coefficients as Record<string, number>];
    const L = (third.value as { explanations: Written[] }).explanations[0]!.rows.find((r) => r.symbol === 'L')!.raw;
    expect(L / (k.E! + k.A! / N ** k.alpha! + k.B! / D ** k.beta!)).toBeCloseTo(1, 10);

    const altered = await post('explain.figure', { channel: 'fit.run', request, answer: { ...answer, result: { ...answer.result, coefficients: { ...answer.result.coefficients, A: 1 } } } });
    expect(altered).toMatchObject({ ok: false, error: { code: 'invalid-request', path: ['answer', 'result', 'coefficients'] } });
  }, 300_000);
});
