/**
 * A project file written before scenarios carried content hashes (format 1, no
 * hardwareProfileHash/coefficientSetHash), imported through the real import: the store's thread
 * plans which profiles it reuses, adds or re-ids and what each one's hash is here, and the rows
 * are made under that plan. Such a scenario's snapshot counts as taken with what it points at once
 * imported: fresh, unless that is gone here, and stale as soon as it is edited afterwards.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src-main/store';
import { steppingClock } from './clock';

const FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'store', 'project-format1-no-hashes.json');

const byName = (store: Store, projectId: string) =>
  Object.fromEntries(store.scenarios.list({ projectId, limit: 100 }).items.map((s) => [s.name, s]));

describe('importing a project file written before content hashes', () => {
  it('reuses an identical profile, adds a missing one, and records each as current; a profile deleted here shows as deleted', async () => {
    const store = openStore({ path: ':memory:', now: steppingClock() });
    store.hardware.delete('rtx4090'); // a seeded profile: hidden, no longer one a scenario may point at
    const r = await store.importProjectFromFile(FILE);
    expect(r.addedHardwareProfileIds).toEqual(['lab-a100-40']);
    expect(r.project.scenarioCount).toBe(3);
    expect(store.runs.list(r.project.id)).toHaveLength(1);

    const s = byName(store, r.project.id);
    expect(s['on the seeded H100']).toMatchObject({ hardwareProfileId: 'h100-sxm', coefficientSetId: 'ludziejewski2025-joint', inputsChanged: false });
    expect(s["on the lab's own cards"]).toMatchObject({ hardwareProfileId: 'lab-a100-40', inputsChanged: false });
    expect(s['on a profile deleted here']!.changedInputs).toEqual([{ input: 'hardwareProfile', id: 'rtx4090', reason: 'deleted' }]);
    // no hash recorded for a hidden profile: nothing here to have taken the snapshot with
    expect(store.db.prepare('SELECT hardware_profile_hash FROM scenarios WHERE id = ?').pluck().get(s['on a profile deleted here']!.id)).toBeNull();

    // edited after the import: the snapshots were taken with the numbers before the edit
    store.hardware.update('h100-sxm', { defaultUtilization: 0.45 });
    store.hardware.update('lab-a100-40', { deviceCount: 8 });
    const after = byName(store, r.project.id);
    expect(after['on the seeded H100']!.changedInputs).toEqual([{ input: 'hardwareProfile', id: 'h100-sxm', reason: 'edited' }]);
    expect(after["on the lab's own cards"]!.changedInputs).toEqual([{ input: 'hardwareProfile', id: 'lab-a100-40', reason: 'edited' }]);
    store.close();
  });

  it('where the local profile has other numbers, the file\'s is added under a new id and the scenario, re-pointed, is current with it', async () => {
    const store = openStore({ path: ':memory:', now: steppingClock() });
    store.hardware.update('h100-sxm', { pricePerDeviceHour: 2.5 });
    const r = await store.importProjectFromFile(FILE);
    expect(r.addedHardwareProfileIds).toHaveLength(2);
    const seeded = byName(store, r.project.id)['on the seeded H100']!;
    expect(seeded.hardwareProfileId).not.toBe('h100-sxm');
    expect(r.addedHardwareProfileIds).toContain(seeded.hardwareProfileId);
    expect(store.hardware.get(seeded.hardwareProfileId!)).toMatchObject({ pricePerDeviceHour: null, peakFlopsPerDevice: 989.4e12 });
    expect(seeded.inputsChanged).toBe(false);
    expect(store.scenarios.get(seeded.id).inputs).toMatchObject({ hardwareProfileId: seeded.hardwareProfileId });
    store.close();
  });
});
