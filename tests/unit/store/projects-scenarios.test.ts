import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError, type Store } from '../../../src-main/store';
import { steppingClock } from './clock';
import { storeError } from './store-error';

function fresh(): Store {
  return openStore({ path: ':memory:', now: steppingClock() });
}


const inputs = { law: 'joint', budgetFlops: 1e21, experts: [1, 8, 64], precision: 'bf16', nested: { a: null, b: true } };

describe('projects', () => {
  it('create, rename, duplicate with scenarios and runs, soft delete, restore, empty trash', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'Plan', notes: 'q3' });
    const s = store.scenarios.create({ projectId: p.id, name: 'A', wizard: 'compute', inputs, tags: ['t'] });
    store.runs.add(p.id, [{ nAct: 1e8, tokens: 2e9, loss: 3.1 }]);
    expect(store.projects.rename(p.id, '  Plan B ').name).toBe('Plan B');

    const copy = store.projects.duplicate(p.id);
    expect(copy.name).toBe('Plan B (2)');
    expect(copy.scenarioCount).toBe(1);
    const copied = store.scenarios.list({ projectId: copy.id }).items[0]!;
    expect(copied.id).not.toBe(s.id);
    expect(store.scenarios.get(copied.id)).toMatchObject({ name: 'A', inputs, tags: ['t'] });
    expect(store.runs.list(copy.id)).toHaveLength(1);

    store.projects.delete(p.id);
    expect(store.projects.list().items.map((x) => x.id)).toEqual([copy.id]);
    expect(store.projects.list({ trash: 'only' }).items.map((x) => x.id)).toEqual([p.id]);
    expect(store.scenarios.list().items.map((x) => x.id)).toEqual([copied.id]); // hidden with its project
    store.projects.restore(p.id);
    expect(store.projects.list().total).toBe(2);

    store.projects.delete(p.id);
    expect(store.emptyTrash()).toEqual({ projects: 1, scenarios: 1 });
    expect(store.projects.find(p.id)).toBeNull();
    expect(store.scenarios.find(s.id)).toBeNull();
    expect(store.db.prepare('SELECT count(*) AS n FROM runs WHERE project_id = ?').get(p.id)).toEqual({ n: 0 });
    store.close();
  });

  it('lists sort by name, updated or created, both ways, with pagination and search', () => {
    const store = fresh();
    for (const name of ['beta', 'Alpha', 'gamma', 'delta']) store.projects.create({ name });
    const names = (o: Parameters<Store['projects']['list']>[0]) => store.projects.list(o).items.map((x) => x.name);
    expect(names({ sort: 'name' })).toEqual(['Alpha', 'beta', 'delta', 'gamma']);
    expect(names({ sort: 'name', order: 'desc' })).toEqual(['gamma', 'delta', 'beta', 'Alpha']);
    expect(names({ sort: 'created', order: 'asc' })).toEqual(['beta', 'Alpha', 'gamma', 'delta']);
    expect(names({ sort: 'updated' })).toEqual(['delta', 'gamma', 'Alpha', 'beta']);
    expect(store.projects.list({ sort: 'name', limit: 2, offset: 1 })).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(names({ sort: 'name', limit: 2, offset: 1 })).toEqual(['beta', 'delta']);
    expect(names({ search: 'ALP' })).toEqual(['Alpha']);
    expect(storeError(() => store.projects.list({ limit: 0 })).field).toBe('limit');
    store.close();
  });

  it('bad input names the field', () => {
    const store = fresh();
    expect(storeError(() => store.projects.create({ name: '   ' }))).toMatchObject({ code: 'invalid-input', field: 'name' });
    expect(storeError(() => store.projects.create({ name: 'x'.repeat(201) })).field).toBe('name');
    expect(storeError(() => store.projects.rename('nope', 'x'))).toMatchObject({ code: 'not-found', field: 'id' });
    expect(storeError(() => store.projects.get(''))).toMatchObject({ code: 'invalid-input', field: 'id' });
    store.close();
  });
});

describe('scenarios', () => {
  it('save and read back inputs, results, notes and tags exactly', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'P' });
    const results = { loss: 2.31, flags: ['extrapolated'], table: [[1, 2], [3, 4]] };
    const s = store.scenarios.create({ projectId: p.id, name: 'Run', wizard: 'memory', inputs, results, notes: 'n', tags: ['moe', 'MoE', ' big '] });
    const back = store.scenarios.get(s.id);
    expect(back).toMatchObject({ inputs, results, notes: 'n', wizard: 'memory', tags: ['big', 'moe'], hasResults: true, deletedAt: null });
    expect(back.inputsFingerprint).toMatch(/^[0-9a-f]{64}$/);
    // key order does not change the fingerprint
    const t = store.scenarios.create({ projectId: p.id, name: 'Same', wizard: 'memory', inputs: { nested: { b: true, a: null }, precision: 'bf16', experts: [1, 8, 64], budgetFlops: 1e21, law: 'joint' } });
    expect(t.inputsFingerprint).toBe(back.inputsFingerprint);
    store.close();
  });

  it('round-trips any JSON value', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'P' });
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        // JSON itself does not keep -0
        const v = JSON.parse(JSON.stringify(value)) as unknown;
        const s = store.scenarios.create({ projectId: p.id, name: 'x', wizard: 'compute', inputs: v, results: v });
        const back = store.scenarios.get(s.id);
        expect(back.inputs).toEqual(v);
        expect(back.results).toEqual(v);
      }),
      { numRuns: 60 },
    );
    store.close();
  });

  it('refuses values JSON cannot carry, naming the path', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'P' });
    const e = storeError(() => store.scenarios.create({ projectId: p.id, name: 'x', wizard: 'compute', inputs: { a: [1, Number.NaN] } }));
    expect(e).toMatchObject({ code: 'invalid-input', field: 'inputs.a[1]' });
    expect(storeError(() => store.scenarios.create({ projectId: 'nope', name: 'x', wizard: 'compute', inputs: {} }))).toMatchObject({ code: 'not-found', field: 'projectId' });
    expect(storeError(() => store.scenarios.create({ projectId: p.id, name: '', wizard: 'compute', inputs: {} })).field).toBe('name');
    expect(storeError(() => store.scenarios.create({ projectId: p.id, name: 'x', wizard: 'Bad Wizard', inputs: {} })).field).toBe('wizard');
    expect(storeError(() => store.scenarios.create({ projectId: p.id, name: 'x', wizard: 'compute', inputs: {}, hardwareProfileId: 'nope' }))).toMatchObject({ code: 'not-found', field: 'hardwareProfileId' });
    expect(storeError(() => store.scenarios.create({ projectId: p.id, name: 'x', wizard: 'compute', inputs: {}, tags: [''] })).field).toBe('tags[0]');
    store.close();
  });

  it('rename, duplicate ("Name (2)", then "Name (3)"), soft delete with undo, empty trash', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'P' });
    const s = store.scenarios.create({ projectId: p.id, name: 'Base', wizard: 'compute', inputs, tags: ['a'] });
    expect(store.scenarios.rename(s.id, 'Base case').name).toBe('Base case');
    const d1 = store.scenarios.duplicate(s.id);
    const d2 = store.scenarios.duplicate(d1.id);
    expect([d1.name, d2.name]).toEqual(['Base case (2)', 'Base case (3)']);
    expect(d2).toMatchObject({ inputs, tags: ['a'] });

    store.scenarios.delete(d1.id);
    expect(store.scenarios.get(d1.id).deletedAt).not.toBeNull();
    expect(store.scenarios.list({ projectId: p.id }).total).toBe(2);
    expect(store.scenarios.list({ projectId: p.id, trash: 'only' }).items.map((x) => x.id)).toEqual([d1.id]);
    expect(store.projects.get(p.id).scenarioCount).toBe(2);
    store.scenarios.restore(d1.id);
    expect(store.scenarios.list({ projectId: p.id }).total).toBe(3);

    store.scenarios.delete(d2.id);
    expect(store.emptyTrash({ projectId: p.id })).toEqual({ projects: 0, scenarios: 1 });
    expect(store.scenarios.find(d2.id)).toBeNull();
    expect(store.db.prepare('SELECT count(*) AS n FROM scenario_tags WHERE scenario_id = ?').get(d2.id)).toEqual({ n: 0 });
    store.close();
  });

  it('search by name or tag, filter by tag and wizard, sort and paginate', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'P' });
    const q = store.projects.create({ name: 'Q' });
    const mk = (name: string, tags: string[], wizard = 'compute', projectId = p.id) =>
      store.scenarios.create({ projectId, name, wizard, inputs: {}, tags });
    mk('Dense 7B', ['baseline']);
    mk('MoE 64x', ['sparse', 'promising']);
    mk('moe 8x', ['sparse'], 'memory');
    mk('100%_literal', []);
    mk('Other project MoE', [], 'compute', q.id);
    const names = (o: Parameters<Store['scenarios']['list']>[0]) => store.scenarios.list({ projectId: p.id, ...o }).items.map((x) => x.name);
    expect(names({ search: 'moe', sort: 'name' })).toEqual(['MoE 64x', 'moe 8x']);
    expect(names({ search: 'promis' })).toEqual(['MoE 64x']); // tag match
    expect(names({ tag: 'SPARSE', sort: 'created', order: 'asc' })).toEqual(['MoE 64x', 'moe 8x']);
    expect(names({ wizard: 'memory' })).toEqual(['moe 8x']);
    expect(names({ search: '%_' })).toEqual(['100%_literal']); // wildcards are literal
    expect(names({ sort: 'name', limit: 2, offset: 2 })).toEqual(['MoE 64x', 'moe 8x']);
    expect(store.scenarios.list({ search: 'moe' }).total).toBe(3); // across projects
    expect(store.scenarios.listTags(p.id)).toEqual([
      { tag: 'baseline', count: 1 },
      { tag: 'promising', count: 1 },
      { tag: 'sparse', count: 2 },
    ]);
    store.close();
  });

  it('editing a profile or set never changes the snapshot but flags the scenario; recomputing clears it', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'P' });
    const results = { gpuHours: 1234 };
    const set = store.coefficients.duplicate('ludziejewski2025-joint');
    const s = store.scenarios.create({ projectId: p.id, name: 'S', wizard: 'compute', inputs, results, hardwareProfileId: 'h100-sxm', coefficientSetId: set.id });
    expect(s.inputsChanged).toBe(false);

    store.hardware.update('h100-sxm', { name: 'renamed only' });
    expect(store.scenarios.get(s.id).inputsChanged).toBe(false); // names do not change numbers

    store.hardware.update('h100-sxm', { defaultUtilization: 0.5 });
    store.coefficients.update(set.id, { values: { ...set.values, a: 36 } });
    const stale = store.scenarios.get(s.id);
    expect(stale.results).toEqual(results);
    expect(stale.inputsChanged).toBe(true);
    expect(stale.changedInputs).toEqual([
      { input: 'hardwareProfile', id: 'h100-sxm', reason: 'edited' },
      { input: 'coefficientSet', id: set.id, reason: 'edited' },
    ]);
    expect(store.scenarios.list({ projectId: p.id }).items[0]).toMatchObject({ inputsChanged: true });

    const recomputed = store.scenarios.saveResults(s.id, { gpuHours: 999 });
    expect(recomputed).toMatchObject({ inputsChanged: false, results: { gpuHours: 999 } });

    store.coefficients.delete(set.id);
    expect(store.scenarios.get(s.id).changedInputs).toEqual([{ input: 'coefficientSet', id: set.id, reason: 'deleted' }]);

    // switching to another profile without recomputing marks it changed too
    store.scenarios.saveResults(s.id, results);
    const switched = store.scenarios.update(s.id, { hardwareProfileId: 'rtx4090', coefficientSetId: null });
    expect(switched.changedInputs).toEqual([{ input: 'hardwareProfile', id: 'rtx4090', reason: 'edited' }]);
    store.close();
  });

  it('a scenario without results is never stale', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'P' });
    const s = store.scenarios.create({ projectId: p.id, name: 'S', wizard: 'compute', inputs, hardwareProfileId: 'h100-sxm' });
    store.hardware.update('h100-sxm', { defaultUtilization: 0.5 });
    expect(store.scenarios.get(s.id)).toMatchObject({ hasResults: false, inputsChanged: false, results: null });
    store.close();
  });
});

describe('runs', () => {
  it('bulk insert is all or nothing and names the bad row', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'P' });
    const good = Array.from({ length: 50 }, (_, i) => ({ name: `r${i}`, nAct: 1e8 * (i + 1), tokens: 2e9, loss: 3 - i / 100, experts: 8 }));
    const ids = store.runs.add(p.id, good);
    expect(ids).toHaveLength(50);
    expect(store.runs.list(p.id)[3]).toMatchObject({ name: 'r3', nAct: 4e8, tokens: 2e9, loss: 2.97, experts: 8, nTotal: null, lr: null });
    const bad = [...good, { nAct: 1, tokens: 1, loss: Number.POSITIVE_INFINITY }];
    expect(storeError(() => store.runs.add(p.id, bad))).toMatchObject({ code: 'invalid-input', field: 'runs[50].loss' });
    expect(store.runs.list(p.id)).toHaveLength(50);
    expect(store.runs.delete(p.id, [ids[0]!])).toBe(1);
    expect(storeError(() => store.runs.delete(p.id, [ids[0]!])).code).toBe('not-found');
    expect(store.runs.delete(p.id)).toBe(49);
    expect(storeError(() => store.runs.add('nope', good)).field).toBe('projectId');
    store.close();
  });
});
