/**
 * A saved plan's band in its reports: the PDF says how sure the recommendation is (the 90 % band
 * over the refits with each E's share, or the paper's fit error labelled as such), the CSV carries
 * the per-E band as raw numbers, and the comparison's loss-per-E chart has the band's two edges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { parseCsv } from '../../../src-main/engine/fit/runs-csv';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';


describe('reports of plans with an uncertainty band', () => {
  let w: Workspace;
  let banded: ResponseOf<'plan.memory'>;
  let published: ResponseOf<'plan.inference'>;
  const ids: string[] = [];

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Band reports');
    const base = (await w.call('coefficients.get', { id: 'ludziejewski2025-joint' })) as { values: Record<string, number> };
    const set = w.ctx.store().coefficients.create({ law: 'joint', name: 'Joint refit', values: base.values });
    // Five refits that disagree on how fast the loss falls with N and with E.
    w.ctx.store().coefficients.saveReplicates(
      set.id,
      [0.94, 0.97, 1, 1.03, 1.06].map((f, i) => ({ ...base.values, alpha: base.values.alpha! * f, gamma: base.values.gamma! * (1 + (i - 2) * 0.1) })),
    );
    banded = await w.call('plan.memory', { flops: 1e21, memoryBytes: 4e9, coefficientSetId: set.id });
    published = await w.call('plan.inference', { flops: 1e21, inferenceTokens: 1e11 });
    ids.push((await w.save('Memory plan, refit', 'memory', banded, { coefficientSetId: set.id })).id);
    ids.push((await w.save('Inference plan, published', 'inference', published, { coefficientSetId: 'ludziejewski2025-joint' })).id);
  });
  afterAll(() => removeWorkspace(w));

  it('the PDF states both bands: the bootstrap ranges with E shares, and the published fit error as a residual', async () => {
    const r = await w.call('reports.pdf', { scenarioIds: ids, paper: 'a4' });
    const text = (await pdfText(new Uint8Array(Buffer.from(r.base64, 'base64')))).text;
    expect(banded.uncertainty!.kind).toBe('bootstrap');
    expect(text).toMatch(/How sure: N_act [\d.]+ [MB] – [\d.]+ [MB], D [\d.]+ [MBT] – [\d.]+ [MBT] tokens, loss [\d.]+ – [\d.]+ nats\/token\. Best E across refits: E = \d+ in \d+ %/);
    expect(text).toMatch(/90 % band over 5 bootstrap refits of your runs/);
    expect(text).toMatch(/How sure: loss [\d.]+ – [\d.]+ nats\/token\. Published fit error \(Ludziejewski, Pióro et al\. 2025, App\. B\): ± train RMSE 0\.0062/);
    // The decision page carries it too.
    expect(text).toMatch(/predicted loss [\d.]+ nats\/token \([\d.]+ – [\d.]+ within the paper's fit error\)/);
  });

  it('the CSV has each E’s loss band; for the published set it is the loss ± 0.0062 nats/token', async () => {
    const r = await w.call('reports.csv', { kind: 'scenario', id: ids[1]! });
    const { records, errors } = parseCsv(r.content);
    expect(errors).toEqual([]);
    const header = records[0]!.fields;
    const col = (name: string) => header.indexOf(name);
    expect(col('band.loss.low (nats per token)')).toBeGreaterThan(0);
    const feasible = records.slice(1).filter((rec) => rec.fields[col('feasible')] === 'true');
    expect(feasible.length).toBeGreaterThan(1);
    for (const rec of feasible) {
      const loss = Number(rec.fields[col('loss (nats per token)')]);
      expect(Number(rec.fields[col('band.loss.high (nats per token)')]) - loss).toBeCloseTo(0.0062, 9);
      expect(loss - Number(rec.fields[col('band.loss.low (nats per token)')])).toBeCloseTo(0.0062, 9);
    }
  });

  it('the comparison chart of loss per E carries the band edges of each plan, and its rows the band', async () => {
    const model = await w.call('scenarios.compare', { ids });
    const chart = model.charts.find((c) => c.id === 'loss-per-expert')!;
    const edges = chart.series.filter((s) => s.band);
    expect(edges.map((s) => s.name)).toEqual([
      'Memory plan, refit: 90 % band, low',
      'Memory plan, refit: 90 % band, high',
      'Inference plan, published: published fit error, low',
      'Inference plan, published: published fit error, high',
    ]);
    const low = model.rows.find((r) => r.key === 'band.loss.low')!;
    expect(low.values[0]).toBe(banded.uncertainty!.loss.low);
    expect(model.rows.find((r) => r.key === 'band.expertWins')!.values[0]).toMatch(/^E = \d+ in \d+ %/);
  });
});
