/**
 * A saved fitted set explains how its coefficients were computed, from the fit record fit.save
 * keeps with it — long after the job is gone: through explain.figure (coefficients.get), the CLI
 * (`coefficients show ID --explain`), the PDF appendix of a report whose scenario uses the set and
 * the compared scenarios' explanation (scenarios.compare), which is what that appendix writes.
 * Every figure is recomputed from the CSV and the set's values (fit-by-hand.ts, LAWS.md §5),
 * never taken from the fitter; a record altered in the database is refused, not explained.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run';
import { DATABASE_FILE_NAME } from '../../../src-main/store';
import { hasChinchilla } from '../../unit/engine/fit/helpers';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { chinchillaCsv, expectReplicationFigures, raw, type FitAnswer, type Written } from './fit-by-hand';

describe.skipIf(!hasChinchilla)('a saved fitted set explained from its fit record', () => {
  let w: Workspace;
  let answer: FitAnswer;
  let setId = '';

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Fit records');
    const request = { law: 'chinchilla' as const, source: { text: chinchillaCsv(), fileName: 'chinchilla.csv' }, options: { preset: 'chinchilla-replication' as const, bootstrap: 6 } };
    answer = (await w.call('fit.run', request)) as FitAnswer;
    const saved = await w.call('fit.save', { jobId: answer.jobId, name: 'Replication refit' });
    setId = saved.id;
    expect(saved.hasFitRecord).toBe(true);
    // The job is gone: only the record can explain the set now.
    await w.call('fit.discard', { jobId: answer.jobId });
  }, 300_000);
  afterAll(() => removeWorkspace(w));

  const explainSet = (id: string, extra: Record<string, unknown> = {}) => w.raw('explain.figure', { channel: 'coefficients.get', request: { id }, ...extra });

  it('explains the set from its record: the law at the worst run, the objective and RMSE, the intervals and the procedure, each from the CSV and the set’s values', async () => {
    const set = await w.call('coefficients.get', { id: setId });
    const env = await explainSet(setId);
    if (!env.ok) throw new Error(env.error.message);
    const x = env.value as { channel: string; explanations: Written[]; note: string };
    expect(x.channel).toBe('coefficients.get');
    // The set's own values (a Chinchilla fit keeps its keys) and its saved replicates, recomputed by hand.
    expectReplicationFigures(x.explanations, { coefficients: set.values, replicates: answer.replicates! });
    expect(x.note).toContain('Fitted ');
    expect(x.note).toContain('245 runs from file chinchilla.csv');
    expect(x.note).toContain('Besiroglu, Erdil, Barnett & You (2024)');
    for (const e of x.explanations) expect(e.citation).toContain('arXiv:2404.10102');
    // The record is tens of kilobytes for 245 runs, not the answer's curves.
    const db = new Database(join(w.dir, DATABASE_FILE_NAME), { readonly: true });
    const bytes = db.prepare('SELECT length(record_json) FROM coefficient_set_fits WHERE set_id = ?').pluck().get(setId) as number;
    db.close();
    expect(bytes).toBeGreaterThan(20_000);
    expect(bytes).toBeLessThan(150_000);
  });

  it('writes out the run asked for, and refuses sets with no record, naming why', async () => {
    const env = await explainSet(setId, { run: 10 });
    if (!env.ok) throw new Error(env.error.message);
    const at = (env.value as { explanations: Written[] }).explanations[0]!;
    const row = chinchillaCsv().trim().split('\n')[11]!.split(',');
    const k = (await w.call('coefficients.get', { id: setId })).values;
    const N = Number(row[3]);
    const D = Number(row[4]) / (6 * N);
    const L = k.E! + k.A! / N ** k.alpha! + k.B! / D ** k.beta!;
    expect(raw(at, 'L') / L).toBeCloseTo(1, 10);
    expect(raw(at, 'r')).toBeCloseTo(Math.log(L) - Math.log(Number(row[6])), 10);
    const published = await explainSet('hoffmann2022');
    expect(published.ok).toBe(false);
    if (!published.ok) {
      expect(published.error).toMatchObject({ code: 'not-found', path: ['request', 'id'] });
      expect(published.error.message).toContain('is published');
    }
  });

  it('a hand edit drops the record (nothing to explain), an unchanged duplicate keeps it and explains the same', async () => {
    const copy = await w.call('coefficients.duplicate', { id: setId });
    expect(copy.hasFitRecord).toBe(true);
    const same = await explainSet(copy.id);
    expect(same.ok).toBe(true);
    const edited = await w.call('coefficients.update', { id: copy.id, values: { ...copy.values, E: copy.values.E! + 0.01 } });
    expect(edited.hasFitRecord).toBe(false);
    const gone = await explainSet(copy.id);
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.message).toContain('edited by hand');
  });

  it('the CLI prints the set, then how it was computed (coefficients show ID --explain)', async () => {
    const r = await runCli(['coefficients', 'show', setId, '--explain'], w.ctx);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Replication refit');
    expect(r.stdout).toContain('Fit quality: Huber objective (δ = 0.001)');
    expect(r.stdout).toContain('Fitting procedure');
    expect(r.stdout).toContain('arXiv:2404.10102');
    const none = await runCli(['coefficients', 'show', 'hoffmann2022', '--explain'], w.ctx);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('has no fit record to explain');
  });

  it('the PDF of a report whose scenario uses the set carries its fit explanation in the appendix', async () => {
    const target = await w.call('plan.target', { goal: { kind: 'match-dense', params: 7e9, tokens: 2e12 }, laws: ['chinchilla'], chinchillaSetId: setId });
    const { id } = await w.save('Match 7B with our fit', 'target', target, { coefficientSetId: setId });
    const text = await pdfText(w, id, 'fitted.pdf');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('How the fitted coefficient set “Replication refit” was computed');
    expect(flat).toContain('Fit quality: Huber objective (δ = 0.001), RMSE and largest error on ln L');
    expect(flat).toContain('Fitting procedure: Huber loss on ln L with δ = 0.001, L-BFGS from 4,500 starts');
    expect(flat).toContain('Bootstrap intervals and standard deviations of the 5 coefficients');
    expect(flat).toContain('245 runs from file chinchilla.csv');
    // The training runs' residuals, each listed: 240 of them after the 5 highest losses are dropped.
    expect(flat).toContain('Each training run’s residual, weight and Huber term (240 runs)');
    // On screen, the compared scenarios' explanation carries the same, after the scenarios' own figures.
    // Two scenarios on the same set: its fit is explained once.
    const other = await w.call('plan.target', { goal: { kind: 'match-dense', params: 3e9, tokens: 1e12 }, laws: ['chinchilla'], chinchillaSetId: setId });
    const second = await w.save('Match 3B with our fit', 'target', other, { coefficientSetId: setId });
    const compared = await w.call('explain.figure', { channel: 'scenarios.compare', request: { ids: [id, second.id] } });
    const fit = compared.explanations.filter((x) => x.title.startsWith('Coefficient set “Replication refit”: '));
    expect(fit.map((x) => x.figure)).toEqual(['fit.run', 'fit.quality', 'fit.intervals', 'fit.procedure']);
    expect(compared.explanations.indexOf(fit[0]!)).toBeGreaterThan(0);
    const set = await w.call('coefficients.get', { id: setId });
    expectReplicationFigures(fit as unknown as Written[], { coefficients: set.values, replicates: answer.replicates! });
  }, 120_000);

  it('a record altered in the database is reported, not explained: on screen and in the report', async () => {
    const copy = await w.call('coefficients.duplicate', { id: setId, name: 'Tampered refit' });
    const db = new Database(join(w.dir, DATABASE_FILE_NAME));
    const json = JSON.parse(db.prepare('SELECT record_json FROM coefficient_set_fits WHERE set_id = ?').pluck().get(copy.id) as string);
    const i = json.result.residuals.findIndex((r: { role: string }) => r.role === 'train');
    json.result.residuals[i].observedLoss += 0.05;
    db.prepare('UPDATE coefficient_set_fits SET record_json = ? WHERE set_id = ?').run(JSON.stringify(json), copy.id);
    db.close();
    const env = await explainSet(copy.id);
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error).toMatchObject({ code: 'conflict', path: ['request', 'id'] });
      expect(env.error.message).toContain(`fit.result.residuals.${i}.observedLoss`);
      expect(env.error.message).toContain('does not hold together, so it is not explained');
    }
    const { id } = await w.save('Uses the tampered fit', 'target', await w.call('plan.target', { goal: { kind: 'match-dense', params: 7e9, tokens: 2e12 }, laws: ['chinchilla'], chinchillaSetId: copy.id }), { coefficientSetId: copy.id });
    const flat = (await pdfText(w, id, 'tampered.pdf')).replace(/\s+/g, ' ');
    expect(flat).toContain('How the fitted coefficient set “Tampered refit” was computed');
    expect(flat).toContain('does not hold together, so it is not explained');
    expect(flat).not.toContain('Fit quality: Huber objective');
  }, 120_000);
});

async function pdfText(w: Workspace, scenarioId: string, name: string): Promise<string> {
  const pdf = await w.call('reports.pdf', { scenarioIds: [scenarioId], paper: 'a4' });
  const file = join(w.dir, name);
  writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  const r = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  return r.stdout;
}
