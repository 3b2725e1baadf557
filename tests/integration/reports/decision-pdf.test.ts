/**
 * The comparison report reads like a decision: page 1 holds each scenario's one-sentence answer in
 * planner units, how far outside the fitted ranges it lies, and who wins on what; three scenarios
 * take at most 4 pages before the appendix; nowhere does raw notation appear. The savings against
 * dense reach the comparison and both CSVs, and the per-scenario CSV names the scenario and its inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { runCli } from '../../../src-main/cli/run';
import { countText, openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';
import { RAW_NOTATION } from '../../e2e/fixtures/planner-units';

async function pagesOf(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join('').replace(/\s+/g, ' '));
  }
  await doc.destroy();
  return pages;
}

/**
 * Raw notation a planner should never read: 1e22, 1.00e+22, 10^22, a float past six significant
 * digits (2.1234567; "0.09439", a four-digit constant in the appendix's formulas, is not). arXiv
 * ids, dates and scenario ids (even wrapped at a hyphen) are names.
 */
const RAW = RAW_NOTATION;
const sig = (x: number, n: number) => String(Number(x.toPrecision(n)));

describe('the design report as a decision', () => {
  let w: Workspace;
  const plans: Array<{ name: string; plan: ResponseOf<'plan.compute'> }> = [];
  const ids: string[] = [];

  beforeAll(async () => {
    w = await openWorkspace(undefined, 'Decision');
    const asks: Array<[string, string, Promise<ResponseOf<'plan.compute'>>]> = [
      ['Compute-optimal', 'compute', w.call('plan.compute', { flops: 1e22 })],
      ['Serve on 8×H100', 'memory', w.call('plan.memory', { flops: 1e23, hardwareId: 'h100-sxm', deviceCount: 8 })],
      ['Inference-heavy', 'inference', w.call('plan.inference', { flops: 1e22, inferenceTokens: 2e12 })],
    ];
    for (const [name, wizard, p] of asks) {
      const plan = await p;
      plans.push({ name, plan });
      ids.push((await w.save(name, wizard, plan)).id);
    }
  });
  afterAll(() => removeWorkspace(w));

  it('page 1 answers each scenario in one sentence, says how far the laws are stretched and who wins', async () => {
    const r = await w.call('reports.pdf', { scenarioIds: ids, paper: 'a4', byteConvention: 'binary' });
    const pages = await pagesOf(new Uint8Array(Buffer.from(r.base64, 'base64')));
    const first = pages[0]!;
    for (const { name, plan } of plans) {
      const b = plan.best!;
      expect(first).toContain(name);
      expect(first).toContain(`E = ${b.experts} experts, ${countText(b.nAct)} active of ${countText(b.nTotal)} total parameters, trained on ${countText(b.tokens)} tokens`);
      expect(first).toContain(`predicted loss ${sig(b.loss, 4)} nats/token`);
      expect(first).toMatch(/fewer FLOPs than dense \(E = 1\) for the same loss/);
      // Every plan here exceeds the joint law's fitted compute; page 1 says by how much, from the flag's own range
      // (three significant digits, trailing zeros kept, as the app's extrapolation summary writes a factor).
      const f = plan.flags.find((x) => x.variable === 'flops' && x.range?.max !== undefined);
      if (f) expect(first).toContain(`training compute F ${(f.value! / f.range!.max!).toPrecision(3)}× above`);
    }
    expect(first).toContain('1 GiB = 2³⁰ bytes');
    expect(first).toMatch(/Lowest predicted loss: Serve on 8×H100/);
    // Three scenarios: the decision, the comparison and its charts in at most 4 pages, then the appendix.
    const appendix = pages.findIndex((p) => /^\s*Appendix\b/.test(p));
    expect(appendix).toBeGreaterThan(0);
    expect(appendix).toBeLessThanOrEqual(4);
    for (const [i, p] of pages.entries()) {
      const bad = RAW.exec(p.replace(/arXiv:\d{4}\.\d{4,5}/g, '').replace(/ \d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, '').replace(/[0-9a-f]{8}-\s*[0-9a-f]{4}-\s*[0-9a-f]{4}-\s*[0-9a-f]{4}-\s*[0-9a-f]{12}/g, ''));
      expect(bad, `page ${i + 1}: ${bad ? p.slice(Math.max(0, bad.index - 60), bad.index + 40) : ''}`).toBeNull();
    }
  });

  it('the savings against dense are the dense law’s own: a dense model at F_dense reaches the design’s loss', async () => {
    const model = await w.call('scenarios.compare', { ids });
    const denseFlops = model.rows.find((r) => r.key === 'dense.flops')!.values;
    const savings = model.rows.find((r) => r.key === 'dense.savings')!.values;
    for (const [i, { plan }] of plans.entries()) {
      const fd = denseFlops[i] as number;
      // The dense compute-optimal model trained with fd FLOPs reaches exactly the design's loss.
      const cmp = await w.call('compare.denseMoe', { flops: fd, experts: [1] });
      if (cmp.mode !== 'savings') throw new Error('expected the savings mode');
      expect(cmp.dense.loss).toBeCloseTo(plan.best!.loss, 6);
      expect(savings[i]).toBeCloseTo(1 - plan.best!.trainingFlops / fd, 9);
    }
  });

  it('the CSVs carry the savings, and the per-scenario CSV the scenario’s name and inputs', async () => {
    const cmp = await w.call('reports.csv', { kind: 'comparison', ids });
    expect(cmp.content).toContain(',dense.savings,fraction of 1,');
    const one = await w.call('reports.csv', { kind: 'scenario', id: ids[1]! });
    const [header, ...rows] = one.content.trim().split('\r\n');
    expect(header).toMatch(/^scenario,scenario id,input: /);
    expect(header).toContain('input: Training budget (FLOPs)');
    expect(header).toContain('input: Memory budget (bytes)');
    expect(header).toContain('dense.savings (fraction of 1)');
    for (const row of rows) expect(row.startsWith(`Serve on 8×H100,${ids[1]},`)).toBe(true);
    expect(rows[0]).toContain(',1e+23,');
  });

  it('the savings read as a percentage wherever a person reads them (PDF, CLI), as a fraction in CSV cells', async () => {
    const model = await w.call('scenarios.compare', { ids });
    const savings = model.rows.find((r) => r.key === 'dense.savings')!;
    const pct = (x: number) => `${sig(x * 100, 3)}%`;
    const shares = savings.values.map((v) => v as number);
    for (const x of shares) expect(x).toBeGreaterThan(0);

    const pdf = await w.call('reports.pdf', { scenarioIds: ids, paper: 'a4' });
    const text = (await pagesOf(new Uint8Array(Buffer.from(pdf.base64, 'base64')))).join(' ').replace(/\/ /g, '/');
    expect(text).toContain(`FLOP savings against dense (E = 1), 1 − F/F_dense ${shares.map(pct).join(' ')}`);

    const cli = await runCli(['compare', 'scenarios', '--scenario', ids.join(',')], w.ctx);
    expect(cli.code, cli.stderr).toBe(0);
    const line = cli.stdout.split('\n').find((l) => l.startsWith('FLOP savings against dense'))!;
    expect(line.split(/\s{2,}/).slice(1, 2 + shares.length)).toEqual(['%', ...shares.map(pct)]);

    const csv = await w.call('reports.csv', { kind: 'comparison', ids });
    const row = csv.content.split('\r\n').find((l) => l.includes(',dense.savings,'))!;
    expect(row.split(',').slice(-shares.length).map(Number)).toEqual(shares);
  });
});
