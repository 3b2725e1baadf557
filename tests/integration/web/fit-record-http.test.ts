/**
 * The browser mode explains a saved fitted set over HTTP: the page fits with fit.start (on the
 * request thread), saves it, and later asks explain.figure on coefficients.get, answered from the
 * fit record alone; its figures are recomputed here from the CSV and the set's values. The PDF of
 * a report using the set, made in a pool worker on its own connection, carries the same explanation.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../unit/reports/workspace';
import { startPooledServer, type PooledServer } from './pooled-server';
import { hasChinchilla } from '../../unit/engine/fit/helpers';
import { chinchillaCsv, expectReplicationFigures, type Written } from '../fit/fit-by-hand';

let web: PooledServer;
let w: Workspace;

beforeAll(async () => {
  web = await startPooledServer();
  w = web.w;
}, 120_000);
afterAll(() => web?.stop());

const post = async <T>(channel: string, body: unknown): Promise<T> => {
  const env = await web.post(channel, body);
  if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
  return env.value as T;
};

describe.skipIf(!hasChinchilla)('a saved fitted set explained over the browser mode’s HTTP', () => {
  it('fit.start, fit.save, then explain.figure on coefficients.get and a PDF from a pool worker', async () => {
    const { jobId } = await post<{ jobId: string }>('fit.start', { law: 'chinchilla', source: { text: chinchillaCsv(), fileName: 'chinchilla.csv' }, options: { preset: 'chinchilla-replication', bootstrap: 4 } });
    let state = 'running';
    while (state === 'running' || state === 'queued') {
      await new Promise((r) => setTimeout(r, 200));
      state = (await post<{ state: string }>('fit.status', { jobId })).state;
    }
    expect(state).toBe('done');
    const set = await post<{ id: string; values: Record<string, number>; hasFitRecord: boolean }>('fit.save', { jobId, name: 'Saved over HTTP' });
    expect(set.hasFitRecord).toBe(true);
    await post('fit.discard', { jobId });
    const replicates = w.ctx.store().coefficients.replicates(set.id)!;
    const x = await post<{ explanations: Written[] }>('explain.figure', { channel: 'coefficients.get', request: { id: set.id } });
    expectReplicationFigures(x.explanations, { coefficients: set.values, replicates });

    const target = await post<unknown>('plan.target', { goal: { kind: 'match-dense', params: 7e9, tokens: 2e12 }, laws: ['chinchilla'], chinchillaSetId: set.id });
    const { id } = await w.save('Over HTTP', 'target', target, { coefficientSetId: set.id });
    const pdf = await post<{ sizeBytes: number; base64: string }>('reports.pdf', { scenarioIds: [id], paper: 'a4' });
    const file = join(w.dir, 'http.pdf');
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8', timeout: 60_000 }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('How the fitted coefficient set “Saved over HTTP” was computed');
    expect(text).toContain('Fitting procedure: Huber loss on ln L with δ = 0.001, L-BFGS from 4,500 starts');
  }, 300_000);
});
