/**
 * Runs carry the comprehensive law's activated experts G and shared ratio S (schema version 4,
 * project format 2): stored and listed as given, validated naming the field, carried through a
 * project file, and a format-1 file (written before G and S existed) still imports.
 */
import { describe, expect, it } from 'vitest';
import { openStore, PROJECT_FORMAT_VERSION, READABLE_PROJECT_FORMATS, type ProjectFile } from '../../../src-main/store';
import { steppingClock } from './clock';
import { storeError, storeRejection } from './store-error';

const fresh = () => openStore({ path: ':memory:', now: steppingClock() });

describe('runs with activated experts G and shared ratio S', () => {
  it('round-trip through add and list; runs without them read back null', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'Comprehensive runs' });
    store.runs.add(p.id, [
      { name: 'g8-s25', nAct: 2e8, nTotal: 1.2e9, tokens: 4e10, loss: 2.9, experts: 64, activatedExperts: 8, sharedRatio: 0.25 },
      { name: 'g1-s0', nAct: 1e8, nTotal: 1e8, tokens: 1e10, loss: 3.2, activatedExperts: 1, sharedRatio: 0 },
      { name: 'g4-s1', nAct: 1e8, nTotal: 4e8, tokens: 1e10, loss: 3.1, activatedExperts: 4, sharedRatio: 1 },
      { name: 'dense', nAct: 1e8, tokens: 1e10, loss: 3.3 },
      { name: 'nulls', nAct: 1e8, tokens: 1e10, loss: 3.3, activatedExperts: null, sharedRatio: null },
    ]);
    const runs = store.runs.list(p.id);
    expect(runs.map((r) => [r.name, r.activatedExperts, r.sharedRatio])).toEqual([
      ['g8-s25', 8, 0.25],
      ['g1-s0', 1, 0],
      ['g4-s1', 4, 1],
      ['dense', null, null],
      ['nulls', null, null],
    ]);
    expect(runs[0]).toMatchObject({ nAct: 2e8, nTotal: 1.2e9, tokens: 4e10, loss: 2.9, experts: 64 });
    store.close();
  });

  it('refuses G < 1 and S outside [0, 1], naming the run and field, and stores nothing', () => {
    const store = fresh();
    const p = store.projects.create({ name: 'P' });
    const good = { nAct: 1e8, tokens: 1e9, loss: 3, activatedExperts: 2, sharedRatio: 0.5 };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ activatedExperts: 0.5 }, 'runs[1].activatedExperts', /at least 1/],
      [{ activatedExperts: 0 }, 'runs[1].activatedExperts', /at least 1/],
      [{ activatedExperts: Number.NaN }, 'runs[1].activatedExperts', /number/],
      [{ activatedExperts: '8' }, 'runs[1].activatedExperts', /number/],
      [{ sharedRatio: -0.01 }, 'runs[1].sharedRatio', /between 0 and 1/],
      [{ sharedRatio: 1.5 }, 'runs[1].sharedRatio', /between 0 and 1/],
      [{ sharedRatio: Number.POSITIVE_INFINITY }, 'runs[1].sharedRatio', /number/],
    ];
    for (const [patch, field, why] of cases) {
      const e = storeError(() => store.runs.add(p.id, [good, { ...good, ...patch } as typeof good]));
      expect(e, field).toMatchObject({ code: 'invalid-input', field });
      expect(e.message).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `));
      expect(e.message).toMatch(why);
    }
    expect(store.runs.list(p.id)).toEqual([]);
    store.close();
  });

  it('a project export carries G and S and an import restores them', async () => {
    const store = fresh();
    const p = store.projects.create({ name: 'Hand-over' });
    store.runs.add(p.id, [
      { name: 'a', nAct: 2e8, nTotal: 1.2e9, tokens: 4e10, loss: 2.9, activatedExperts: 6, sharedRatio: 0.3125 },
      { name: 'b', nAct: 1e8, tokens: 1e10, loss: 3.2 },
    ]);
    const file = JSON.parse(JSON.stringify(store.exportProject(p.id))) as ProjectFile;
    expect(file.formatVersion).toBe(PROJECT_FORMAT_VERSION);
    expect(file.runs).toEqual([
      expect.objectContaining({ name: 'a', activatedExperts: 6, sharedRatio: 0.3125 }),
      expect.objectContaining({ name: 'b', activatedExperts: null, sharedRatio: null }),
    ]);
    const other = fresh();
    const r = await other.importProject(file);
    const strip = (x: { id: number; projectId: string; createdAt: string }) => ({ ...x, id: 0, projectId: '', createdAt: '' });
    expect(other.runs.list(r.project.id).map(strip)).toEqual(store.runs.list(p.id).map(strip));

    // a bad value in the file is named by its path and nothing is imported
    (file.runs[0] as Record<string, unknown>)['sharedRatio'] = 2;
    expect(await storeRejection(other.importProject(file))).toMatchObject({ code: 'invalid-import', field: 'runs[0].sharedRatio' });
    expect(other.projects.list().total).toBe(1);
    store.close();
    other.close();
  });

  it('a format-1 project file (no G or S anywhere) still imports, its runs with G and S null', async () => {
    expect(READABLE_PROJECT_FORMATS).toContain(1);
    // as the previous version wrote it: formatVersion 1, runs without the two fields
    const v1 = {
      formatVersion: 1,
      app: 'moe-workbench',
      exportedAt: '2025-01-02T03:04:05.000Z',
      project: { name: 'Old plan', notes: 'from last year', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-02T00:00:00.000Z' },
      scenarios: [],
      hardwareProfiles: [],
      coefficientSets: [],
      runs: [
        { name: 'r1', nAct: 1e8, nTotal: null, tokens: 1e9, flops: null, experts: 8, loss: 3, lr: 3e-4, batch: null },
        { name: 'r2', nAct: 2e8, nTotal: 1e9, tokens: 2e9, flops: 2.4e18, experts: 8, loss: 2.8, lr: null, batch: 1048576 },
      ],
    };
    const store = fresh();
    const r = await store.importProject(v1);
    expect(r.project).toMatchObject({ name: 'Old plan', notes: 'from last year' });
    expect(store.runs.list(r.project.id)).toEqual([
      expect.objectContaining({ name: 'r1', nAct: 1e8, experts: 8, lr: 3e-4, activatedExperts: null, sharedRatio: null }),
      expect.objectContaining({ name: 'r2', nTotal: 1e9, flops: 2.4e18, batch: 1048576, activatedExperts: null, sharedRatio: null }),
    ]);
    // re-exported, it is written in the current format
    expect(store.exportProject(r.project.id).formatVersion).toBe(PROJECT_FORMAT_VERSION);
    // a format this version never wrote is refused by name
    expect(await storeRejection(store.importProject({ ...v1, formatVersion: 0 }))).toMatchObject({ code: 'invalid-import', field: 'formatVersion' });
    expect((await storeRejection(store.importProject({ ...v1, formatVersion: PROJECT_FORMAT_VERSION + 1 }))).message).toMatch(/newer/);
    store.close();
  });
});
