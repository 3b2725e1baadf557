import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, PROJECT_FORMAT_VERSION, StoreError, type ProjectFile, type Store } from '../../../src-main/store';
import { steppingClock } from './clock';
import { storeError, storeRejection } from './store-error';


/** A project using a user set, a user profile and a seeded profile, plus runs and a trashed scenario. */
function planner(): { store: Store; projectId: string; setId: string; boxId: string } {
  const store = openStore({ path: ':memory:', now: steppingClock() });
  const p = store.projects.create({ name: 'Hand-over', notes: 'for Ana' });
  const set = store.coefficients.duplicate('ludziejewski2025-joint', { values: { a: 36 } });
  const box = store.hardware.create({ name: 'Our cluster', deviceCount: 64, memoryBytesPerDevice: 80 * 2 ** 30, peakFlopsPerDevice: 9.894e14, defaultUtilization: 0.38, pricePerDeviceHour: 2.1 });
  store.scenarios.create({
    projectId: p.id, name: 'Main', wizard: 'compute', inputs: { coefficientSetId: set.id, hardwareProfileId: box.id, budget: 1e22 },
    results: { loss: 2.2 }, tags: ['final'], coefficientSetId: set.id, hardwareProfileId: box.id, notes: 'n',
  });
  store.scenarios.create({ projectId: p.id, name: 'Seeded hw', wizard: 'memory', inputs: { x: 1 }, results: { y: 2 }, hardwareProfileId: 'h100-sxm', coefficientSetId: 'hoffmann2022' });
  const gone = store.scenarios.create({ projectId: p.id, name: 'Trashed', wizard: 'memory', inputs: {} });
  store.scenarios.delete(gone.id);
  store.runs.add(p.id, [{ nAct: 1e8, tokens: 1e9, loss: 3 }, { nAct: 2e8, tokens: 2e9, loss: 2.8, experts: 8, lr: 3e-4 }]);
  return { store, projectId: p.id, setId: set.id, boxId: box.id };
}

describe('project import and export', () => {
  it('round-trips into another database with the user set and profile travelling along', async () => {
    const { store, projectId } = planner();
    const file = JSON.parse(JSON.stringify(store.exportProject(projectId))) as ProjectFile;
    expect(file.formatVersion).toBe(PROJECT_FORMAT_VERSION);
    expect(file.scenarios.map((s) => s.name)).toEqual(['Main', 'Seeded hw']); // trash stays home
    expect(file.coefficientSets.map((c) => c.id).sort()).toHaveLength(2);

    const other = openStore({ path: ':memory:' });
    const r = await other.importProject(file);
    expect(r.renamedFrom).toBeNull();
    expect(r.project).toMatchObject({ name: 'Hand-over', notes: 'for Ana', scenarioCount: 2 });
    expect(r.addedCoefficientSetIds).toHaveLength(1);
    expect(r.addedHardwareProfileIds).toHaveLength(1);
    const main = other.scenarios.get(r.scenarioIds[0]!);
    const original = store.scenarios.list({ projectId, search: 'Main' }).items[0]!;
    expect(main).toMatchObject({ name: 'Main', results: { loss: 2.2 }, tags: ['final'], notes: 'n', inputsChanged: false, inputsFingerprint: original.inputsFingerprint });
    expect(other.coefficients.get(main.coefficientSetId!).values['a']).toBe(36);
    expect(other.hardware.get(main.hardwareProfileId!).name).toBe('Our cluster');
    expect(other.runs.list(r.project.id).map((x) => x.loss)).toEqual([3, 2.8]);
    expect(other.scenarios.get(r.scenarioIds[1]!).inputsChanged).toBe(false);
  });

  it('a name clash creates a copy "Name (2)"; importing twice reuses identical sets and profiles', async () => {
    const { store, projectId } = planner();
    const file = store.exportProject(projectId);
    const r1 = await store.importProject(file);
    const r2 = await store.importProject(file);
    expect([r1.project.name, r2.project.name]).toEqual(['Hand-over (2)', 'Hand-over (3)']);
    expect(r1.renamedFrom).toBe('Hand-over');
    expect(r1.addedCoefficientSetIds).toEqual([]);
    expect(r1.addedHardwareProfileIds).toEqual([]);
    expect(new Set([projectId, r1.project.id, r2.project.id]).size).toBe(3);
  });

  it('where the local copy of a profile differs, the file version is added and references (also inside inputs) follow it', async () => {
    const { store, projectId, boxId, setId } = planner();
    const file = store.exportProject(projectId);
    store.hardware.update(boxId, { defaultUtilization: 0.5 }); // local copy now differs
    store.hardware.update('h100-sxm', { pricePerDeviceHour: 3 }); // only price differs
    const r = await store.importProject(file);
    expect(r.addedHardwareProfileIds).toHaveLength(2);
    const main = store.scenarios.get(r.scenarioIds[0]!);
    expect(main.hardwareProfileId).not.toBe(boxId);
    expect(store.hardware.get(main.hardwareProfileId!)).toMatchObject({ defaultUtilization: 0.38, name: 'Our cluster (2)', seeded: false });
    expect(main.inputs).toEqual({ coefficientSetId: setId, hardwareProfileId: main.hardwareProfileId, budget: 1e22 });
    expect(main.inputsChanged).toBe(false);
  });

  it('a scenario already stale when exported stays stale after import', async () => {
    const { store, projectId, setId } = planner();
    store.coefficients.update(setId, { values: { ...store.coefficients.get(setId).values, a: 40 } });
    const other = openStore({ path: ':memory:' });
    const r = await other.importProject(store.exportProject(projectId));
    expect(other.scenarios.get(r.scenarioIds[0]!).changedInputs).toEqual([
      { input: 'coefficientSet', id: other.scenarios.get(r.scenarioIds[0]!).coefficientSetId, reason: 'edited' },
    ]);
  });

  it('rejects a bad file naming the path of the bad field, and imports nothing', async () => {
    const { store, projectId } = planner();
    const file = JSON.parse(JSON.stringify(store.exportProject(projectId))) as Record<string, unknown>;
    (file['scenarios'] as Array<Record<string, unknown>>)[1]!['wizard'] = 42;
    const e = await storeRejection(store.importProject(file));
    expect(e).toMatchObject({ code: 'invalid-import', field: 'scenarios[1].wizard' });
    expect(e.message).toMatch(/^scenarios\[1\]\.wizard: /);
    expect(store.projects.list().total).toBe(1);

    const bad = JSON.parse(JSON.stringify(store.exportProject(projectId))) as Record<string, unknown>;
    (bad['runs'] as Array<Record<string, unknown>>)[0]!['loss'] = 'low';
    expect((await storeRejection(store.importProject(bad))).field).toBe('runs[0].loss');
    expect(await storeRejection(store.importProject({ ...bad, formatVersion: PROJECT_FORMAT_VERSION + 1 }))).toMatchObject({ field: 'formatVersion' });
    expect((await storeRejection(store.importProject({ ...bad, formatVersion: PROJECT_FORMAT_VERSION + 1 }))).message).toMatch(/newer/);
    expect((await storeRejection(store.importProject(null))).code).toBe('invalid-import');
  });

  it('through files: written whole, read back, non-JSON refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moe-transfer-'));
    const { store, projectId } = planner();
    const path = join(dir, 'plan.moe.json');
    store.exportProjectToFile(projectId, path);
    expect((JSON.parse(readFileSync(path, 'utf8')) as ProjectFile).project.name).toBe('Hand-over');
    expect((await store.importProjectFromFile(path)).project.name).toBe('Hand-over (2)');
    writeFileSync(join(dir, 'junk.json'), '{ nope');
    expect((await storeRejection(store.importProjectFromFile(join(dir, 'junk.json')))).code).toBe('invalid-import');
    expect((await storeRejection(store.importProjectFromFile(join(dir, 'missing.json')))).code).toBe('io');
    rmSync(dir, { recursive: true, force: true });
  });
});
