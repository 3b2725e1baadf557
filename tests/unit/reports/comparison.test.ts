/**
 * scenarios.compare on scenarios computed by the real services and saved in a real store:
 * a row per quantity with its unit, differences marked, scenarios whose inputs changed since
 * they were saved marked, null where a scenario from another wizard lacks a quantity, and
 * overlay charts built from the plans' own candidates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../src-main/ipc/contract';
import { openWorkspace, removeWorkspace, type Workspace } from './workspace';

describe('scenarios.compare', () => {
  let w: Workspace;
  let plans: { compute: ResponseOf<'plan.compute'>; memory: ResponseOf<'plan.memory'>; inference: ResponseOf<'plan.inference'> };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    w = await openWorkspace();
    const set = await w.call('coefficients.duplicate', { id: 'ludziejewski2025-joint', name: 'My joint set' });
    plans = {
      compute: await w.call('plan.compute', { flops: 1e21 }),
      memory: await w.call('plan.memory', { flops: 1e21, hardwareId: 'h100-sxm', deviceCount: 1 }),
      inference: await w.call('plan.inference', { flops: 1e21, inferenceTokens: 1e12, coefficientSetId: set.id }),
    };
    ids.compute = (await w.save('compute', 'compute', plans.compute, { coefficientSetId: 'ludziejewski2025-joint' })).id;
    ids.memory = (await w.save('memory', 'memory', plans.memory, { hardwareProfileId: 'h100-sxm' })).id;
    ids.inference = (await w.save('inference', 'inference', plans.inference, { coefficientSetId: set.id })).id;
    ids.leverage = (await w.save('leverage', 'leverage', { el: 7.25, activation: 0.031, granularity: 12 })).id;
    // Edit the coefficient set the inference scenario was computed with: its snapshot is now stale.
    await w.call('coefficients.update', { id: set.id, notes: 'edited', values: { ...set.values, a: set.values.a! * 1.01 } });
  });
  afterAll(() => removeWorkspace(w));

  it('has one column per scenario and one row per quantity with its unit, marking differences', async () => {
    const m = await w.call('scenarios.compare', { ids: [ids.compute!, ids.memory!, ids.inference!] });
    expect(m.columns.map((c) => c.name)).toEqual(['compute', 'memory', 'inference']);
    const row = (key: string) => m.rows.find((r) => r.key === key)!;
    expect(row('inputs.flops')).toMatchObject({ unit: 'FLOPs', values: [1e21, 1e21, 1e21], differs: false });
    expect(row('scenario.wizard')).toMatchObject({ values: ['compute', 'memory', 'inference'], differs: true });
    expect(row('best.experts').values).toEqual([plans.compute.best!.experts, plans.memory.best!.experts, plans.inference.best!.experts]);
    expect(row('best.nAct')).toMatchObject({ unit: 'parameters', values: [plans.compute.best!.nAct, plans.memory.best!.nAct, plans.inference.best!.nAct], differs: true });
    expect(row('best.tokens').unit).toBe('tokens');
    expect(row('best.loss').unit).toBe('nats per token');
    expect(row('memory.totalBytes').unit).toBe('bytes');
    // The memory budget exists only for the memory scenario: null elsewhere, and that differs.
    expect(row('inputs.memoryBytes').values).toEqual([null, 80 * 2 ** 30, null]);
    expect(row('inputs.memoryBytes').differs).toBe(true);
    expect(row('inputs.kvTokens').differs).toBe(false);
    for (const r of m.rows) expect(r.values).toHaveLength(3);
  });

  it('marks the scenario whose inputs changed since it was saved, and only that one', async () => {
    const m = await w.call('scenarios.compare', { ids: [ids.compute!, ids.inference!] });
    expect(m.columns.map((c) => c.inputsChanged)).toEqual([false, true]);
    expect(m.columns[1]!.changedInputs).toEqual([expect.objectContaining({ input: 'coefficientSet', reason: 'edited' })]);
    expect(m.rows.find((r) => r.key === 'scenario.inputsChanged')).toMatchObject({ values: [false, true], differs: true });
  });

  it('works across wizards: a non-plan scenario has nulls for plan quantities and keeps its own figures', async () => {
    const m = await w.call('scenarios.compare', { ids: [ids.compute!, ids.leverage!] });
    expect(m.columns.map((c) => c.isPlan)).toEqual([true, false]);
    expect(m.rows.find((r) => r.key === 'best.loss')!.values).toEqual([plans.compute.best!.loss, null]);
    expect(m.rows.find((r) => r.key === 'results.el')!.values).toEqual([null, 7.25]);
    // Charts only carry the plan scenario's series.
    // (with the published fit error's two band edges, 0.0062 nats/token either side of each E's loss)
    const series = m.charts.find((c) => c.id === 'loss-per-expert')!.series;
    expect(series.map((s) => s.name)).toEqual(['compute', 'compute: published fit error, low', 'compute: published fit error, high']);
    series[2]!.points.forEach((p, i) => expect(p.y - series[0]!.points[i]!.y).toBeCloseTo(0.0062, 12));
  });

  it('overlays charts on shared axes from the plans’ candidates, and cites every law and set', async () => {
    const m = await w.call('scenarios.compare', { ids: [ids.compute!, ids.memory!, ids.inference!] });
    expect(m.charts.map((c) => c.id)).toEqual(['loss-per-expert', 'loss-vs-memory', 'loss-vs-budget', 'memory-breakdown']);
    const perE = m.charts.find((c) => c.id === 'loss-per-expert')!;
    expect(perE.x).toMatchObject({ unit: 'experts', log: true });
    const feasible = plans.memory.candidates.filter((c) => c.feasible);
    expect(perE.series.filter((s) => !s.band)[1]!.points).toEqual(feasible.map((c) => ({ x: c.experts, y: c.feasible ? c.loss : NaN })));
    const mem = m.charts.find((c) => c.id === 'memory-breakdown')!;
    expect(mem.series.map((s) => s.name)).toEqual(['Weights', 'KV cache']);
    expect(mem.series[0]!.points[1]!.y).toBe(plans.memory.best!.memory.weightsBytes);
    expect(m.citations.map((c) => c.citation).join('\n')).toMatch(/Ludziejewski, Pióro et al\..*arXiv:2502\.05172/);
    // The two joint-law sets the plans used, and the dense baseline their inputs fall back to (the app's default).
    const sets = m.citations.filter((c) => c.kind === 'coefficient-set');
    expect(sets).toHaveLength(3);
    expect(sets.find((c) => c.id === 'besiroglu2024')?.name).toMatch(/\(dense baseline\)$/);
    expect(m.flags.length).toBeGreaterThan(0);
  });

  it('refuses fewer than 2 or more than 6 scenarios, repeats, and names an unknown id by its place', async () => {
    for (const bad of [[ids.compute], [], Array.from({ length: 7 }, (_, i) => `s${i}`), [ids.compute, ids.compute]]) {
      const env = await w.raw('scenarios.compare', { ids: bad });
      expect(env.ok).toBe(false);
      if (!env.ok) expect(env.error.code).toBe('invalid-request');
    }
    const env = await w.raw('scenarios.compare', { ids: [ids.compute, 'no-such-id'] });
    expect(env).toMatchObject({ ok: false, error: { code: 'not-found', path: ['ids', 1] } });
  });
});
