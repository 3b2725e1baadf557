/**
 * Fit records (migration 10): a fitted set's runs, settings and answer, kept beside its values.
 * The table comes through the real migrate() on :memory: and on a database saved at version 9;
 * a record and the bootstrap replicates follow their set's values (a hand edit drops them, an
 * unchanged duplicate keeps them, a changed one has neither), travels in project files, and a newer version is refused by name.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openStore, type ProjectFile } from '../../../src-main/store';
import { coefficientHash } from '../../../src-main/store/content-hash';
import { migrate, schemaVersion } from '../../../src-main/store/migrations';
import { storeError, storeRejection } from './store-error';

/** A small record of a Chinchilla fit of two runs: only its shape matters to the store. */
function record(values: Record<string, number>, version = 1) {
  const runs = [
    { nAct: 1e8, tokens: 2e9, loss: 3.1, label: 'line 2', line: 2 },
    { nAct: 4e8, tokens: 8e9, loss: 2.6, label: 'line 3', line: 3 },
  ];
  return {
    version,
    law: 'chinchilla',
    fittedAt: '2026-12-02T12:00:00.000Z',
    source: '2 runs from file two.csv',
    preset: null,
    settings: { delta: 1e-3 },
    runs,
    result: {
      law: 'chinchilla',
      coefficients: values,
      coefficientOrder: ['A', 'B', 'E', 'alpha', 'beta'],
      params: {},
      delta: 1e-3,
      objective: 0,
      rmseTrain: 0,
      rmseHoldout: null,
      maxError: 0,
      maxErrorHoldout: null,
      residualScale: 'ln L',
      residuals: runs.map((r, index) => ({ index, label: r.label, line: r.line, role: 'train', observedLoss: r.loss, predictedLoss: r.loss, residual: 0, weight: 1, nAct: r.nAct, tokens: r.tokens, experts: null })),
      starts: 1,
      bestStart: 1,
      selection: 'lowest-objective',
      counts: { runs: 2, train: 2, holdout: 0, dropped: 0, excluded: 0 },
      screening: { stride: 1, runs: 2, keep: 1 },
      experts: null,
      intervals: null,
      bootstrap: null,
      iterations: 1,
      evaluations: 1,
      seconds: 0.1,
    },
  };
}
const VALUES = { A: 406.4, B: 410.7, E: 1.69, alpha: 0.34, beta: 0.28 };

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('fit records in the store', () => {
  it('migration 10 runs through the real migrate() on :memory: and adds the table with its cascade', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 9);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'coefficient_set_fits'").pluck().get()).toBe(0);
    expect(migrate(db)).toContain(10);
    expect(schemaVersion(db)).toBe(10);
    db.prepare("INSERT INTO coefficient_sets (id, law, name, provenance, values_json, content_hash, created_at, updated_at) VALUES ('s', 'chinchilla', 'S', 'user-fit', '{}', 'h', 't', 't')").run();
    db.prepare("INSERT INTO coefficient_set_fits (set_id, version, record_json) VALUES ('s', 1, '{}')").run();
    expect(() => db.prepare("INSERT INTO coefficient_set_fits (set_id, version, record_json) VALUES ('nope', 1, '{}')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO coefficient_set_fits (set_id, version, record_json) VALUES ('s2', 0, '{}')").run()).toThrow();
    db.prepare("DELETE FROM coefficient_sets WHERE id = 's'").run();
    expect(db.prepare('SELECT count(*) FROM coefficient_set_fits').pluck().get()).toBe(0);
    db.close();
  });

  it('a database saved at version 9 opens migrated to 10: its sets keep their values and have no record until one is saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moe-fit-records-'));
    dirs.push(dir);
    // written at version 9 by the real runner, as a user's database was before this version
    const old = new Database(join(dir, DATABASE_FILE_NAME));
    migrate(old, 9);
    expect(schemaVersion(old)).toBe(9);
    old
      .prepare("INSERT INTO coefficient_sets (id, law, name, provenance, values_json, content_hash, created_at, updated_at) VALUES ('fit-9', 'chinchilla', 'Fitted before records', 'user-fit', ?, ?, 't', 't')")
      .run(JSON.stringify(VALUES), coefficientHash({ law: 'chinchilla', values: VALUES }));
    old.close();
    const made = { id: 'fit-9' };
    const now = openStore({ dataDir: dir });
    expect(now.schemaVersion).toBe(10);
    const set = now.coefficients.get(made.id);
    expect(set.values).toEqual(VALUES);
    expect(set.hasFitRecord).toBe(false);
    expect(now.fitRecords.find(made.id)).toBeNull();
    now.fitRecords.save(made.id, record(VALUES));
    expect(now.coefficients.get(made.id).hasFitRecord).toBe(true);
    expect(now.fitRecords.find(made.id)!.runs).toHaveLength(2);
    now.close();
  });

  it('a hand edit of the values drops the record and replicates; a rename keeps them; an unchanged duplicate keeps them, a changed one has neither', () => {
    const store = openStore({ path: ':memory:' });
    const set = store.coefficients.create({ law: 'chinchilla', name: 'Fit', values: VALUES });
    store.fitRecords.save(set.id, record(VALUES));
    const replicates = [VALUES, { ...VALUES, E: 1.71 }, { ...VALUES, E: 1.67 }];
    store.coefficients.saveReplicates(set.id, replicates);
    expect(store.coefficients.update(set.id, { name: 'Fit, renamed', values: { ...VALUES } }).hasFitRecord).toBe(true);
    expect(store.coefficients.replicates(set.id)).toEqual(replicates);
    const same = store.coefficients.duplicate(set.id);
    expect(same.hasFitRecord).toBe(true);
    expect(store.fitRecords.find(same.id)).toEqual(store.fitRecords.find(set.id));
    // the same fit, so the same bands: its replicates come along
    expect(store.coefficients.replicates(same.id)).toEqual(replicates);
    const changed = store.coefficients.duplicate(set.id, { values: { E: 1.7 } });
    expect(changed.provenance).toBe('user-edited');
    expect(changed.hasFitRecord).toBe(false);
    expect(store.coefficients.replicates(changed.id)).toBeNull();
    const edited = store.coefficients.update(set.id, { values: { ...VALUES, E: 1.75 } });
    expect(edited.hasFitRecord).toBe(false);
    expect(store.fitRecords.find(set.id)).toBeNull();
    expect(store.coefficients.replicates(set.id)).toBeNull();
    // the unchanged copy is still that fit
    expect(store.coefficients.get(same.id).hasFitRecord).toBe(true);
    expect(store.coefficients.replicates(same.id)).toEqual(replicates);
    // a published set's numbers are the paper's: no record can be attached
    expect(storeError(() => store.fitRecords.save('hoffmann2022', record(VALUES)))).toMatchObject({ code: 'read-only' });
  });

  it('a fit is saved with its replicates and record all or nothing: a record refused leaves no set to be saved twice', () => {
    const store = openStore({ path: ':memory:' });
    const before = store.coefficients.list().length;
    const refused = storeError(() => store.coefficients.createFit({ law: 'chinchilla', name: 'Half a fit', values: VALUES }, { replicates: [VALUES, VALUES], record: record(VALUES, 2) }));
    expect(refused).toMatchObject({ code: 'invalid-input', field: 'fit.version' });
    expect(store.coefficients.list()).toHaveLength(before);
    const saved = store.coefficients.createFit({ law: 'chinchilla', name: 'Whole fit', values: VALUES }, { replicates: [VALUES, VALUES], record: record(VALUES) });
    expect(saved.hasFitRecord).toBe(true);
    expect(store.coefficients.replicates(saved.id)).toHaveLength(2);
  });

  it('a record of a newer version is refused with a message saying so, in the database and in a project file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moe-fit-records-'));
    dirs.push(dir);
    const store = openStore({ dataDir: dir });
    const set = store.coefficients.create({ law: 'chinchilla', name: 'Fit', values: VALUES });
    expect(storeError(() => store.fitRecords.save(set.id, record(VALUES, 2)))).toMatchObject({ code: 'invalid-input', field: 'fit.version' });
    store.fitRecords.save(set.id, record(VALUES));
    const p = store.projects.create({ name: 'With a fit' });
    store.scenarios.create({ projectId: p.id, name: 'Uses it', wizard: 'compute', inputs: {}, results: null, coefficientSetId: set.id });
    const file = JSON.parse(JSON.stringify(store.exportProject(p.id))) as ProjectFile;
    const i = file.coefficientSets.findIndex((c) => c.id === set.id);
    (file.coefficientSets[i]!.fit as { version: number }).version = 2;
    const refused = await storeRejection(store.importProject(file));
    expect(refused).toMatchObject({ code: 'invalid-import', field: `coefficientSets[${i}].fit.version` });
    expect(refused.message).toContain('fit record version 2 is newer than this app reads (1); update the app');
    // a newer app wrote this row: read as a refusal, not as this version's shape
    const raw = new Database(join(dir, DATABASE_FILE_NAME));
    raw.prepare('UPDATE coefficient_set_fits SET version = 2 WHERE set_id = ?').run(set.id);
    raw.close();
    const e = storeError(() => store.fitRecords.find(set.id));
    expect(e.message).toContain('fit record version 2 is newer than this app reads (1)');
    store.close();
  });

  it('travels in a project file: exported with its set, restored on import elsewhere, given to an identical set that lacked one; a file without it imports', async () => {
    const store = openStore({ path: ':memory:' });
    const set = store.coefficients.create({ law: 'chinchilla', name: 'Fit', values: VALUES });
    store.fitRecords.save(set.id, record(VALUES));
    const p = store.projects.create({ name: 'With a fit' });
    store.scenarios.create({ projectId: p.id, name: 'Uses it', wizard: 'compute', inputs: {}, results: null, coefficientSetId: set.id });
    const file = JSON.parse(JSON.stringify(store.exportProject(p.id))) as ProjectFile;
    expect(file.formatVersion).toBe(2);
    expect(file.coefficientSets.find((c) => c.id === set.id)!.fit).toEqual(record(VALUES));

    const other = openStore({ path: ':memory:' });
    const r = await other.importProject(file);
    const imported = other.scenarios.get(r.scenarioIds[0]!).coefficientSetId!;
    expect(other.fitRecords.find(imported)).toEqual(record(VALUES));

    // the same numbers already here without a record: the file's record describes them too
    const third = openStore({ path: ':memory:' });
    const without = JSON.parse(JSON.stringify(file)) as ProjectFile;
    delete without.coefficientSets[0]!.fit;
    await third.importProject(without);
    expect(third.coefficients.get(set.id).hasFitRecord).toBe(false);
    await third.importProject(file);
    expect(third.fitRecords.find(set.id)).toEqual(record(VALUES));
  });
});
