import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../../src-main/store';
import { storeError } from './store-error';


describe('coefficient sets', () => {
  it('published sets are read-only: update and delete are refused and change nothing', () => {
    const store = openStore({ path: ':memory:' });
    const before = store.coefficients.get('ludziejewski2025-joint');
    const e1 = storeError(() => store.coefficients.update(before.id, { values: { a: 1 } }));
    expect(e1.code).toBe('read-only');
    expect(e1.message).toMatch(/published and read-only.*duplicate/);
    expect(storeError(() => store.coefficients.delete(before.id)).code).toBe('read-only');
    expect(() => store.db.prepare('DELETE FROM coefficient_sets WHERE id = ?').run(before.id)).toThrow(/read-only/);
    expect(store.coefficients.get(before.id)).toEqual(before);
    store.close();
  });

  it('duplicate-and-edit makes an editable user set that remembers its origin', () => {
    const store = openStore({ path: ':memory:' });
    const copy = store.coefficients.duplicate('hoffmann2022', { values: { E: 1.8 } });
    expect(copy).toMatchObject({ published: false, provenance: 'user-edited', derivedFrom: 'hoffmann2022', law: 'chinchilla' });
    expect(copy.name).toBe('Chinchilla, Approach 3 (2)');
    expect(copy.values).toEqual({ A: 406.4, B: 410.7, E: 1.8, alpha: 0.34, beta: 0.28 });
    const edited = store.coefficients.update(copy.id, { values: { ...copy.values, A: 400 }, name: 'Mine' });
    expect(edited.values['A']).toBe(400);
    expect(edited.contentHash).not.toBe(copy.contentHash);
    store.coefficients.delete(copy.id);
    expect(store.coefficients.find(copy.id)).toBeNull();
    store.close();
  });

  it('a saved fit is user-fit until its numbers are edited by hand', () => {
    const store = openStore({ path: ':memory:' });
    const fit = store.coefficients.create({ law: 'chinchilla', name: 'Our fit', values: { A: 1, B: 2, E: 1.5, alpha: 0.3, beta: 0.3 } });
    expect(fit.provenance).toBe('user-fit');
    expect(store.coefficients.update(fit.id, { notes: 'n' }).provenance).toBe('user-fit');
    expect(store.coefficients.update(fit.id, { values: { ...fit.values, E: 1.6 } }).provenance).toBe('user-edited');
    expect(store.coefficients.list({ published: false }).map((s) => s.id)).toEqual([fit.id]);
    expect(store.coefficients.list({ law: 'joint' }).map((s) => s.id)).toEqual(['ludziejewski2025-joint']);
    store.close();
  });

  it('bad input names the field', () => {
    const store = openStore({ path: ':memory:' });
    const e = storeError(() => store.coefficients.create({ law: 'nope' as 'joint', name: 'x', values: { a: 1 } }));
    expect(e).toMatchObject({ code: 'invalid-input', field: 'law' });
    expect(storeError(() => store.coefficients.create({ law: 'joint', name: 'x', values: { a: Number.NaN } })).field).toBe('values.a');
    expect(storeError(() => store.coefficients.get('missing'))).toMatchObject({ code: 'not-found', field: 'id' });
    store.close();
  });
});

describe('hardware profiles', () => {
  it('the user can edit a seeded profile (it stays marked seeded), add and delete profiles', () => {
    const store = openStore({ path: ':memory:' });
    const edited = store.hardware.update('h100-sxm', { pricePerDeviceHour: 2.5 });
    expect(edited).toMatchObject({ seeded: true, userModified: true, pricePerDeviceHour: 2.5 });
    const mine = store.hardware.create({ id: 'lab-box', name: 'Lab box', deviceCount: 4, memoryBytesPerDevice: 24 * 2 ** 30, peakFlopsPerDevice: 1.65e14, defaultUtilization: 0.35 });
    expect(mine).toMatchObject({ seeded: false, userModified: false, pricePerDeviceHour: null, source: '' });
    expect(storeError(() => store.hardware.create({ ...mine, id: 'lab-box' }))).toMatchObject({ code: 'invalid-input', field: 'id' });
    store.hardware.delete('lab-box');
    store.hardware.delete('rtx4090');
    expect(store.hardware.list().map((h) => h.id)).not.toContain('rtx4090');
    expect(store.hardware.list().map((h) => h.id)).not.toContain('lab-box');
    expect(storeError(() => store.hardware.update('h100-sxm', { defaultUtilization: 1.5 }))).toMatchObject({ field: 'defaultUtilization' });
    expect(storeError(() => store.hardware.update('nope', { name: 'x' }))).toMatchObject({ code: 'not-found' });
    store.close();
  });
});

describe('content hashes of what a scenario may point at', () => {
  it('list every visible profile and every set with the hash a scenario saved now records; a deleted profile is not listed', () => {
    const store = openStore({ path: ':memory:' });
    store.hardware.delete('rtx4090'); // seeded: hidden, not removed
    store.hardware.update('h100-sxm', { pricePerDeviceHour: 2.5 });
    const hardware = new Map(store.hardware.contentHashes());
    const sets = new Map(store.coefficients.contentHashes());
    expect([...hardware.keys()].sort()).toEqual(store.hardware.list().map((h) => h.id).sort());
    expect(hardware.has('rtx4090')).toBe(false);
    expect([...sets.keys()].sort()).toEqual(store.coefficients.list().map((c) => c.id).sort());
    const p = store.projects.create({ name: 'P' });
    const recorded = store.db.prepare('SELECT hardware_profile_hash AS h, coefficient_set_hash AS c FROM scenarios WHERE id = ?');
    for (const [hardwareProfileId, coefficientSetId] of [['h100-sxm', 'hoffmann2022'], ['8xh100', 'ludziejewski2025-joint']] as const) {
      const s = store.scenarios.create({ projectId: p.id, name: hardwareProfileId, wizard: 'compute', inputs: {}, hardwareProfileId, coefficientSetId });
      expect(recorded.get(s.id)).toEqual({ h: hardware.get(hardwareProfileId), c: sets.get(coefficientSetId) });
    }
    store.close();
  });
});
