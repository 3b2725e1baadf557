/**
 * Issue 14: the import's worker thread checks a file while the store's thread writes what it has
 * already checked, and serves one import after another. A scenario found bad after others were
 * written still leaves nothing behind (all-or-nothing); the worker is started once per process,
 * not once per import (its start is the larger part of a small import).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { importThreadsStarted, prepareInWorker } from '../../../src-main/services/import/prepare-in-worker';
import { databasePath, openStore, StoreError, type ProjectFile } from '../../../src-main/store';
import { useTempDirs } from './temp-store';

const tempDir = useTempDirs('moe-import-worker-');
/** More than the worker posts in one batch, so a bad last scenario comes after rows were sent. */
const SCENARIOS = 240;

function projectFile(): ProjectFile {
  const source = openStore({ path: ':memory:' });
  const p = source.projects.create({ name: 'Hand-over' });
  for (let i = 0; i < SCENARIOS; i++) {
    source.scenarios.create({ projectId: p.id, name: `Plan ${i}`, wizard: 'compute', inputs: { budget: 1e21 * (i + 1) }, results: { loss: 2 + i / 1000 }, tags: ['handed-over', `part-${i % 4}`] });
  }
  const file = JSON.parse(JSON.stringify(source.exportProject(p.id))) as ProjectFile;
  source.close();
  return file;
}

function counts(dataDir: string) {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      projects: n('SELECT count(*) FROM projects'),
      scenarios: n('SELECT count(*) FROM scenarios'),
      tags: n('SELECT count(*) FROM scenario_tags'),
      indexed: n("SELECT count(*) FROM scenario_search WHERE scenario_search MATCH '\"Plan\"'"),
    };
  } finally {
    db.close();
  }
}

describe("the import's worker thread", () => {
  it('serves one import after another: the second reuses the thread the first started', async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir });
    const text = JSON.stringify(projectFile());
    const before = importThreadsStarted();
    const first = await store.importFrom(await prepareInWorker({ text }), { chunkRows: 50 });
    const second = await store.importFrom(await prepareInWorker({ document: JSON.parse(text) as unknown }), { chunkRows: 70 });
    expect(importThreadsStarted() - before).toBeLessThanOrEqual(1);
    expect([first.project.name, second.project.name]).toEqual(['Hand-over', 'Hand-over (2)']);
    for (const r of [first, second]) {
      expect(r.scenarioIds).toHaveLength(SCENARIOS);
      expect(store.scenarios.list({ projectId: r.project.id, limit: 1000 }).items.map((s) => s.name).sort()).toEqual(
        Array.from({ length: SCENARIOS }, (_, i) => `Plan ${i}`).sort(),
      );
    }
    // every scenario is found by a part of its name and by its tags, as one saved by hand (brute force: the names containing it, twice)
    const containing = Array.from({ length: SCENARIOS }, (_, i) => `Plan ${i}`).filter((n) => n.includes('Plan 17'));
    expect(store.scenarios.list({ search: 'Plan 17', limit: 1000 }).items.map((s) => s.name).sort()).toEqual([...containing, ...containing].sort());
    expect(store.scenarios.list({ search: 'part-3', limit: 1000 }).total).toBe(2 * (SCENARIOS / 4));
    expect(store.integrityCheck()).toEqual(['ok']);
    store.close();
  });

  it('a file bad in its last scenario, found after earlier ones were written, is refused naming the field and leaves nothing behind', async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir });
    store.projects.create({ name: 'Home' });
    const before = counts(dataDir);
    const bad = projectFile() as unknown as { scenarios: Array<Record<string, unknown>> };
    bad.scenarios[SCENARIOS - 1]!['wizard'] = 'Not A Wizard';
    let written = 0;
    const refused = await store
      .importFrom(await prepareInWorker({ text: JSON.stringify(bad) }), { chunkRows: 20, onChunk: (p) => void (written = p.written) })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused).toMatchObject({ code: 'invalid-import', field: `scenarios[${SCENARIOS - 1}].wizard` });
    expect(written).toBeLessThan(SCENARIOS);
    expect(counts(dataDir)).toEqual(before);
    // the worker answered in full, so it serves the next import
    const started = importThreadsStarted();
    const good = await store.importFrom(await prepareInWorker({ text: JSON.stringify(projectFile()) }));
    expect(importThreadsStarted()).toBe(started);
    expect(good.scenarioIds).toHaveLength(SCENARIOS);
    store.close();
  });

  it('an import failing on the write side while the worker may still be posting leaves nothing, and the next import works', async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir });
    const before = counts(dataDir);
    const text = JSON.stringify(projectFile());
    const failed = await store
      .importFrom(await prepareInWorker({ text }), {
        chunkRows: 10,
        onChunk: () => {
          throw new StoreError('disk-full', 'The disk holding the database is full (injected after the first chunk)');
        },
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'disk-full' });
    expect(counts(dataDir)).toEqual(before);
    const good = await store.importFrom(await prepareInWorker({ text }));
    expect(good.scenarioIds).toHaveLength(SCENARIOS);
    expect(counts(dataDir)).toMatchObject({ projects: before.projects + 1, scenarios: before.scenarios + SCENARIOS, tags: before.tags + 2 * SCENARIOS });
    store.close();
  });
});
