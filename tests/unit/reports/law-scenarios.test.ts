/**
 * Leverage and architecture scenarios in the comparison model and the CSV exports, computed by
 * the real services ('law.leverage', 'optimum.comprehensive') and saved in the real store with
 * the inputs their wizards save. Derived figures the report recomputes are checked against the
 * papers' formulas written out here from the seed coefficients (not against the engine), and
 * the paper's known optimum G_opt ≈ 6.78; a mixed comparison has a unit on every numeric row.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-main/engine/fit/runs-csv';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { openWorkspace, removeWorkspace, type Workspace } from './workspace';

const seed = JSON.parse(readFileSync(resolve(__dirname, '../../../resources/seed/coefficient-sets.json'), 'utf8')) as { sets: Array<{ id: string; values: Record<string, number> }> };
const tian = seed.sets.find((s) => s.id === 'tian2025-leverage')!.values;
const comprehensive = seed.sets.find((s) => s.id === 'moe-comprehensive-2025')!.values;

/** Eq. 13 of Tian et al. with log₂ G and log₁₀ C, written out independently of the engine. */
function el(A: number, G: number, C: number, v = tian): number {
  const hat = 1 / (1 / (A + 1 / (1 / v.aStart! - 1 / v.aMax!)) + 1 / v.aMax!);
  const x = Math.log2(G);
  return Math.pow(hat, v.a! + v.d! * Math.log10(C) + v.gamma! * x * x + v.beta! * x);
}

/** The five-factor loss, written out independently of the engine. */
function loss(N: number, D: number, Na: number, G: number, S: number, c = comprehensive): number {
  const P = c.e! * G + c.f! / G + c.m! * S * S + c.n! * S;
  return P * (N ** -c.alpha! + c.k! * Na ** -c.alpha! + (c.h! * Na) / N) + c.a! * N ** -c.alpha! + c.b! * D ** -c.beta! + c.c! * Na ** -c.alpha! + c.epsilon!;
}

function parse(text: string): string[][] {
  const { records, errors } = parseCsv(text);
  expect(errors).toEqual([]);
  return records.map((r) => r.fields);
}

const close = (a: number, b: number, rel = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.abs(b));

describe('leverage and architecture scenarios in comparisons and CSV', () => {
  let w: Workspace;
  let lev: ResponseOf<'law.leverage'>;
  let levRatio: ResponseOf<'law.leverage'>;
  let arch: Extract<ResponseOf<'optimum.comprehensive'>, { feasible: true }>;
  let compute: ResponseOf<'plan.compute'>;
  const ids: Record<string, string> = {};
  const archInputs = { total: 30e9, tokens: 1e12, threshold: 0.004, active: 3e9, activeExperts: 7, sharedRatio: 0.3, coefficientSetId: 'moe-comprehensive-2025' };

  beforeAll(async () => {
    w = await openWorkspace();
    compute = await w.call('plan.compute', { flops: 1e21 });
    lev = await w.call('law.leverage', { flops: 1e22, experts: 384, activeExperts: 12, sharedExperts: 1, dModel: 2048, dExpert: 384 });
    levRatio = await w.call('law.leverage', { flops: 1e20, activation: 0.05, granularity: 8 });
    const a = await w.call('optimum.comprehensive', { total: 30e9, threshold: 0.004 });
    if (!a.feasible) throw new Error(a.reason);
    arch = a;
    ids.compute = (await w.save('compute', 'compute', compute)).id;
    ids.leverage = (await w.save('leverage', 'leverage', lev, { inputs: { form: 'configuration', experts: 384, activeExperts: 12, sharedExperts: 1, dModel: 2048, dExpert: 384, activation: 0.031, granularity: 12, flops: 1e22, coefficientSetId: 'tian2025-leverage' } })).id;
    ids.ratio = (await w.save('leverage by ratio', 'leverage', levRatio, { inputs: { form: 'ratio', activation: 0.05, granularity: 8, flops: 1e20, coefficientSetId: 'tian2025-leverage' } })).id;
    ids.architecture = (await w.save('architecture', 'architecture', arch, { inputs: archInputs })).id;
  });
  afterAll(() => removeWorkspace(w));

  it('a mixed comparison has a unit on every numeric row, nulls where a wizard lacks a quantity, and every scenario’s own figures', async () => {
    const m = await w.call('scenarios.compare', { ids: [ids.compute!, ids.leverage!, ids.architecture!] });
    expect(m.columns.map((c) => c.wizard)).toEqual(['compute', 'leverage', 'architecture']);
    for (const r of m.rows) {
      expect(r.values).toHaveLength(3);
      if (r.values.some((v) => typeof v === 'number')) expect(r.unit, r.key).not.toBe('');
    }
    // No leftover unit-less top-level rows for the snapshots the report now understands.
    expect(m.rows.filter((r) => r.group === 'other')).toEqual([]);
    const row = (key: string) => m.rows.find((r) => r.key === key)!;
    expect(row('leverage.el')).toMatchObject({ unit: '×', values: [null, lev.el, null] });
    expect(row('leverage.denseFlops')).toMatchObject({ unit: 'FLOPs', values: [null, lev.denseFlops, null] });
    expect(row('leverage.activation')).toMatchObject({ unit: 'fraction', values: [null, lev.activation, null] });
    expect(row('leverage.experts')).toMatchObject({ unit: 'experts', values: [null, 384, null] });
    expect(row('leverage.dExpert')).toMatchObject({ unit: 'dimensions', values: [null, 384, null] });
    expect(row('best.loss').values).toEqual([compute.best!.loss, null, null]);
    expect(row('architecture.activeExperts')).toMatchObject({ unit: 'experts', values: [null, null, arch.activeExperts] });
    expect(row('architecture.threshold').unit).toBe('nats per token per percentage point');
    expect(row('architecture.checked.loss').unit).toBe('nats per token');
    expect(row('inputs.coefficientSetId').values).toEqual(['ludziejewski2025-joint', 'tian2025-leverage', 'moe-comprehensive-2025']);
    // The paper's optimum: G_opt = √(f/e) ≈ 6.78, S_opt = −n/(2m) ≈ 0.31, N_a/N ≈ 40% at 30B.
    expect(arch.activeExperts).toBeCloseTo(6.78, 2);
    expect(arch.sharedRatio).toBeCloseTo(0.31, 1);
    expect(arch.activeRatio).toBeCloseTo(0.4, 1);
    expect(m.charts.map((c) => c.id)).toEqual(['loss-per-expert', 'loss-vs-memory', 'memory-breakdown', 'el-vs-activation', 'loss-vs-active-ratio']);
    expect(m.citations.map((c) => c.citation).join('\n')).toMatch(/arXiv:2507\.17702[\s\S]*arXiv:2509\.23678/);
    expect(m.citations.find((c) => c.id === 'moe-comprehensive-2025')?.provenance).toBe('secondary-transcription');
    expect(m.assumptions.join('\n')).toMatch(/log₂ for the granularity G and log₁₀ for the compute C/);
  });

  it('leverage: the allocation and hyper-parameters are recomputed (and say so) and match Table 1 and Eq. 3 written out', async () => {
    const m = await w.call('scenarios.compare', { ids: [ids.leverage!, ids.ratio!] });
    const row = (key: string) => m.rows.find((r) => r.key === key)!;
    expect(row('leverage.derivedSource').values).toEqual(['recomputed by the engine with coefficient set tian2025-leverage', 'recomputed by the engine with coefficient set tian2025-leverage']);
    const C = [1e22, 1e20];
    C.forEach((c, i) => {
      close(row('leverage.moe.tokens').values[i] as number, tian['allocation.moe.dCoef']! * c ** tian['allocation.moe.dExp']!);
      close(row('leverage.dense.flopsPerToken').values[i] as number, tian['allocation.dense.mCoef']! * c ** tian['allocation.dense.mExp']!);
      close(row('leverage.moe.learningRate').values[i] as number, tian['hyper.moe.lrCoef']! * c ** tian['hyper.moe.lrExp']!);
      close(row('leverage.dense.batchTokens').values[i] as number, tian['hyper.dense.batchCoef']! * c ** tian['hyper.dense.batchExp']!);
    });
    // The ratio form lists A and G as inputs and has no configuration.
    expect(row('leverage.givenActivation').values).toEqual([null, 0.05]);
    expect(row('leverage.givenGranularity').values).toEqual([null, 8]);
    expect(row('leverage.experts').values).toEqual([384, null]);
    // EL itself as the paper's formula gives it.
    close(lev.el, el(lev.activation, lev.granularity, 1e22), 1e-9);
    close(levRatio.el, el(0.05, 8, 1e20), 1e-9);
  });

  it('leverage chart: EL against A at the scenario’s G and C by Eq. 13, through the design’s own point', async () => {
    const m = await w.call('scenarios.compare', { ids: [ids.leverage!, ids.ratio!] });
    const chart = m.charts.find((c) => c.id === 'el-vs-activation')!;
    expect(chart.x).toMatchObject({ unit: 'fraction', log: true });
    expect(chart.y.unit).toBe('×');
    const [curve, point, curve2] = chart.series;
    expect(curve!.type).toBe('line');
    expect(curve!.points.length).toBeGreaterThan(20);
    for (const p of curve!.points) close(p.y, el(p.x as number, lev.granularity, 1e22), 1e-9);
    for (const p of curve2!.points) close(p.y, el(p.x as number, 8, 1e20), 1e-9);
    // EL falls as more of the experts are activated, and the curve reaches A = 1.
    const ys = curve!.points.map((p) => p.y);
    ys.slice(1).forEach((y, i) => expect(y).toBeLessThan(ys[i]!));
    expect(curve!.points.at(-1)!.x).toBe(1);
    expect(point!.points).toEqual([expect.objectContaining({ x: lev.activation, y: lev.el })]);
  });

  it('architecture: the checked design’s loss and the curve through the τ point follow the five-factor law written out', async () => {
    const m = await w.call('scenarios.compare', { ids: [ids.compute!, ids.architecture!] });
    const row = (key: string) => m.rows.find((r) => r.key === key)!;
    close(row('architecture.checked.loss').values[1] as number, loss(30e9, 1e12, 3e9, 7, 0.3), 1e-9);
    close(row('architecture.lossAtEfficient').values[1] as number, loss(30e9, 1e12, arch.activeRatioEfficient * 30e9, arch.activeExperts, arch.sharedRatio), 1e-9);
    expect(row('architecture.tokens')).toMatchObject({ unit: 'tokens', values: [null, 1e12] });
    const chart = m.charts.find((c) => c.id === 'loss-vs-active-ratio')!;
    const [curve, marks] = chart.series;
    for (const p of curve!.points) close(p.y, loss(30e9, 1e12, (p.x as number) * 30e9, arch.activeExperts, arch.sharedRatio), 1e-9);
    expect(marks!.points.map((p) => p.x)).toEqual([arch.activeRatioEfficient, arch.activeRatio]);
    expect(marks!.points[0]!.label).toContain('τ = 0.004');
    // The theoretical optimum is the curve's lowest point.
    const lowest = Math.min(...curve!.points.map((p) => p.y));
    expect(marks!.points[1]!.y).toBeLessThanOrEqual(lowest + 1e-12);
  });

  it('the CSVs parse back to the same numbers, with units', async () => {
    const ids3 = [ids.compute!, ids.leverage!, ids.architecture!];
    const cmp = parse((await w.call('reports.csv', { kind: 'comparison', ids: ids3 })).content);
    const byKey = new Map(cmp.slice(1).map((r) => [r[1]!, r]));
    expect(Number(byKey.get('leverage.el')![5])).toBe(lev.el);
    expect(byKey.get('leverage.el')![2]).toBe('×');
    expect(Number(byKey.get('leverage.denseFlops')![5])).toBe(lev.denseFlops);
    expect(Number(byKey.get('architecture.activeExperts')![6])).toBe(arch.activeExperts);
    expect(Number(byKey.get('architecture.activeEfficient')![6])).toBe(arch.activeEfficient);
    expect(byKey.get('architecture.activeEfficient')![2]).toBe('parameters');
    expect(byKey.get('leverage.el')![4]).toBe('');
    for (const r of cmp.slice(1)) if (r.slice(4).some((v) => v !== '' && Number.isFinite(Number(v)))) expect(r[2], r[1]).not.toBe('');

    const levCsv = parse((await w.call('reports.csv', { kind: 'scenario', id: ids.leverage! })).content);
    expect(levCsv[0]).toEqual(['quantity', 'key', 'unit', 'value']);
    const lk = new Map(levCsv.slice(1).map((r) => [r[1]!, r]));
    // The file names its scenario and carries its inputs (issue 12, item 8).
    expect(levCsv[1]).toEqual(['Scenario', 'scenario.name', '', 'leverage']);
    expect(levCsv[2]).toEqual(['Scenario id', 'scenario.id', '', ids.leverage]);
    expect(Number(lk.get('leverage.flops')![3])).toBe(1e22);
    expect(Number(lk.get('leverage.experts')![3])).toBe(384);
    expect(Number(lk.get('leverage.dExpert')![3])).toBe(384);
    expect(Number(lk.get('leverage.el')![3])).toBe(lev.el);
    expect(Number(lk.get('leverage.activationHat')![3])).toBe(lev.activationHat);
    expect(Number(lk.get('leverage.sharedRatio')![3])).toBe(lev.sharedRatio);
    close(Number(lk.get('leverage.moe.tokens')![3]), tian['allocation.moe.dCoef']! * 1e22 ** tian['allocation.moe.dExp']!);
    expect(lk.get('leverage.moe.tokens')![2]).toBe('tokens');

    const archCsv = parse((await w.call('reports.csv', { kind: 'scenario', id: ids.architecture! })).content);
    const ak = new Map(archCsv.slice(1).map((r) => [r[1]!, r]));
    expect(Number(ak.get('architecture.activeExperts')![3])).toBe(arch.activeExperts);
    expect(Number(ak.get('architecture.sharedRatio')![3])).toBe(arch.sharedRatio);
    expect(Number(ak.get('architecture.activeRatio')![3])).toBe(arch.activeRatio);
    expect(Number(ak.get('architecture.active')![3])).toBe(arch.active);
    expect(ak.get('architecture.activeRatio')![2]).toBe('fraction');

    const chart = parse((await w.call('reports.csv', { kind: 'chart', id: ids.architecture!, chart: 'loss-vs-active-ratio' })).content);
    expect(chart[0]).toEqual(['series', 'Activation ratio N_a/N (fraction)', 'Loss (nats per token)']);
    expect(chart.some((r) => Number(r[1]) === arch.activeRatioEfficient)).toBe(true);
  });

  it('recomputes with the user’s own coefficient set as it is now, and says when it is gone', async () => {
    const mine = await w.call('coefficients.duplicate', { id: 'tian2025-leverage', name: 'My leverage set' });
    const r = await w.call('law.leverage', { flops: 1e21, activation: 0.1, granularity: 4, coefficientSetId: mine.id });
    const saved = await w.save('mine', 'leverage', r, { coefficientSetId: mine.id });
    const values: Record<string, number> = { ...mine.values, 'allocation.moe.dCoef': mine.values['allocation.moe.dCoef']! * 2 };
    await w.call('coefficients.update', { id: mine.id, values });
    let m = await w.call('scenarios.compare', { ids: [saved.id, ids.leverage!] });
    close(m.rows.find((x) => x.key === 'leverage.moe.tokens')!.values[0] as number, values['allocation.moe.dCoef']! * 1e21 ** values['allocation.moe.dExp']!);
    expect(m.columns[0]!.inputsChanged).toBe(true);
    expect(m.assumptions.join('\n')).toMatch(/mine: figures marked “recomputed” .* as it is now \(it changed since the scenario was saved\)/);
    await w.call('coefficients.delete', { id: mine.id });
    m = await w.call('scenarios.compare', { ids: [saved.id, ids.leverage!] });
    expect(m.rows.find((x) => x.key === 'leverage.moe.tokens')!.values[0]).toBeNull();
    expect(m.rows.find((x) => x.key === 'leverage.derivedSource')!.values[0]).toMatch(/^not recomputed: coefficient set “.*” is no longer available/);
    // The saved figures stay.
    expect(m.rows.find((x) => x.key === 'leverage.el')!.values[0]).toBe(r.el);
  });
});
