/**
 * A fitted set's bootstrap replicates travel with the project export and come back on import, so
 * plans made with it keep their band on the other machine; files written before replicates were
 * exported still import (their sets simply have none).
 */
import { describe, expect, it } from 'vitest';
import { openStore, type ProjectFile } from '../../../src-main/store';
import { steppingClock } from './clock';
import { storeError, storeRejection } from './store-error';

function fitted(): { store: ReturnType<typeof openStore>; projectId: string; setId: string; reps: Array<Record<string, number>> } {
  const store = openStore({ path: ':memory:', now: steppingClock() });
  const p = store.projects.create({ name: 'Refit' });
  const set = store.coefficients.duplicate('ludziejewski2025-joint', { values: { a: 36 } });
  const reps = [0.9, 1, 1.1].map((f) => ({ ...set.values, alpha: set.values['alpha']! * f }));
  store.coefficients.saveReplicates(set.id, reps);
  store.scenarios.create({ projectId: p.id, name: 'With band', wizard: 'compute', inputs: { coefficientSetId: set.id }, results: { loss: 2.2 }, coefficientSetId: set.id });
  return { store, projectId: p.id, setId: set.id, reps };
}

describe('bootstrap replicates in project files', () => {
  it('round-trip: exported with their set and restored on import into another database, value for value', async () => {
    const { store, projectId, setId, reps } = fitted();
    const file = JSON.parse(JSON.stringify(store.exportProject(projectId))) as ProjectFile;
    expect(file.coefficientSets.find((c) => c.id === setId)!.replicates).toEqual(reps);

    const other = openStore({ path: ':memory:' });
    const r = await other.importProject(file);
    const imported = other.scenarios.get(r.scenarioIds[0]!).coefficientSetId!;
    expect(other.coefficients.replicates(imported)).toEqual(reps);
  });

  it('importing into a database that already has the same numbers without replicates gives that set the replicates', async () => {
    const { store, projectId, setId, reps } = fitted();
    const file = JSON.parse(JSON.stringify(store.exportProject(projectId))) as ProjectFile;
    const other = openStore({ path: ':memory:' });
    const old = JSON.parse(JSON.stringify(file)) as ProjectFile;
    delete old.coefficientSets.find((c) => c.id === setId)!.replicates;
    await other.importProject(old);
    expect(other.coefficients.replicates(setId)).toBeNull();
    await other.importProject(file);
    expect(other.coefficients.replicates(setId)).toEqual(reps);
  });

  it('an export from before replicates travelled (no replicates field) still imports', async () => {
    const { store, projectId, setId } = fitted();
    const old = JSON.parse(JSON.stringify(store.exportProject(projectId))) as Record<string, unknown> & ProjectFile;
    for (const c of old.coefficientSets) delete (c as { replicates?: unknown }).replicates;
    const other = openStore({ path: ':memory:' });
    const r = await other.importProject(old);
    expect(r.scenarioIds).toHaveLength(1);
    expect(other.coefficients.find(setId)).not.toBeNull();
    expect(other.coefficients.replicates(setId)).toBeNull();
  });

  it('a damaged replicate is refused naming its path, and nothing is imported', async () => {
    const { store, projectId, setId } = fitted();
    const file = JSON.parse(JSON.stringify(store.exportProject(projectId))) as ProjectFile;
    const i = file.coefficientSets.findIndex((c) => c.id === setId);
    (file.coefficientSets[i]!.replicates![1] as Record<string, unknown>)['alpha'] = 'wide';
    const other = openStore({ path: ':memory:' });
    const e = await storeRejection(other.importProject(file));
    expect(e).toMatchObject({ code: 'invalid-import', field: `coefficientSets[${i}].replicates[1].alpha` });
    expect(other.projects.list().total).toBe(0);
  });
});
