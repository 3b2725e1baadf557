/**
 * Migration 9 replaces two triggers of the trigram search index (so an import's scenario is indexed
 * once, with its tags, instead of three times; how often is not observed here, what is indexed is).
 * What a user saved before it must stay findable: a database written at version 8, migrated by the
 * real open, finds its scenarios by name and tag, keeps one index row per scenario, and keeps the
 * index in step with renames, tags added and removed, saves, deletes and imports.
 */
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, openStore, type Store } from '../../../src-main/store';
import { useTempDirs } from './temp-store';

const tempDir = useTempDirs('moe-search-migration-');

const names = (store: Store, projectId: string, search: string) =>
  store.scenarios.list({ projectId, search, limit: 100 }).items.map((s) => s.name).sort();

/** Each scenario's index row, as its name and tags one per line (sorted), by scenario name (of one project, or all). */
function indexRows(store: Store, projectId: string | null = null): Record<string, string[]> {
  const rows = store.db
    .prepare('SELECT s.name, f.text FROM scenarios s JOIN scenario_search f ON f.rowid = s.rowid WHERE @p IS NULL OR s.project_id = @p')
    .all({ p: projectId }) as Array<{ name: string; text: string }>;
  return Object.fromEntries(rows.map((r) => [r.name, r.text.split('\n').sort()]));
}

describe('the search index across migration 9', () => {
  it('finds what was saved at version 8, one row per scenario, and stays in step afterwards', async () => {
    const dataDir = tempDir();
    const old = openStore({ dataDir, migrations: MIGRATIONS.filter((m) => m.version <= 8) });
    expect(old.schemaVersion).toBe(8);
    const p = old.projects.create({ name: 'Saved at version 8' }).id;
    old.scenarios.create({ projectId: p, name: 'alpha plan', wizard: 'compute', inputs: {}, tags: ['granular', 'Dense'] });
    old.scenarios.create({ projectId: p, name: 'beta plan', wizard: 'memory', inputs: {} });
    old.close();

    const store = openStore({ dataDir });
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(names(store, p, 'granu')).toEqual(['alpha plan']);
    expect(names(store, p, 'dense')).toEqual(['alpha plan']);
    expect(names(store, p, 'beta')).toEqual(['beta plan']);
    expect(names(store, p, 'plan')).toEqual(['alpha plan', 'beta plan']);
    expect(store.db.prepare('SELECT count(*) FROM scenario_search').pluck().get()).toBe(2);

    // edits after the migration keep each row whole: a tag added to an existing scenario, a rename
    const beta = store.scenarios.list({ projectId: p, search: 'beta' }).items[0]!;
    store.scenarios.setTags(beta.id, ['coarse', 'wide']);
    const alpha = store.scenarios.list({ projectId: p, search: 'alpha' }).items[0]!;
    store.scenarios.rename(alpha.id, 'gamma plan');
    // a scenario saved after it, tags and all
    store.scenarios.create({ projectId: p, name: 'delta plan', wizard: 'compute', inputs: {}, tags: ['sparse'] });
    expect(indexRows(store)).toEqual({
      'gamma plan': ['Dense', 'gamma plan', 'granular'],
      'beta plan': ['beta plan', 'coarse', 'wide'],
      'delta plan': ['delta plan', 'sparse'],
    });
    expect(names(store, p, 'alpha')).toEqual([]);
    expect(names(store, p, 'coars')).toEqual(['beta plan']);
    expect(names(store, p, 'spars')).toEqual(['delta plan']);

    // removals: the tags taken off a scenario saved before the migration (all of them, so no tag's
    // insert rewrites its row: the removal's own trigger must), a scenario deleted for good
    store.scenarios.setTags(alpha.id, []);
    expect(names(store, p, 'granu')).toEqual([]);
    expect(names(store, p, 'dense')).toEqual([]);
    expect(names(store, p, 'gamma')).toEqual(['gamma plan']);
    const delta = store.scenarios.list({ projectId: p, search: 'delta' }).items[0]!;
    store.scenarios.delete(delta.id);
    store.emptyTrash();
    expect(names(store, p, 'spars')).toEqual([]);
    expect(indexRows(store)).toEqual({ 'gamma plan': ['gamma plan'], 'beta plan': ['beta plan', 'coarse', 'wide'] });
    // the index itself, not only the LIKE filter behind it, has forgotten the removed text
    const indexed = (text: string) => store.db.prepare('SELECT count(*) FROM scenario_search WHERE scenario_search MATCH ?').pluck().get(`"${text}"`);
    expect([indexed('granular'), indexed('Dense'), indexed('sparse'), indexed('delta')]).toEqual([0, 0, 0, 0]);

    // an import writes a scenario's tags before the scenario, so the tag trigger finds no scenario
    // to refresh and skips: only the insert trigger can have put the tags into its row
    const imported = await store.importProject(store.exportProject(p));
    const q = imported.project.id;
    expect(indexRows(store, q)).toEqual({ 'gamma plan': ['gamma plan'], 'beta plan': ['beta plan', 'coarse', 'wide'] });
    expect(names(store, q, 'coars')).toEqual(['beta plan']);
    expect(names(store, q, 'wide')).toEqual(['beta plan']);
    expect(names(store, q, 'granu')).toEqual([]);
    expect(store.db.prepare('SELECT count(*) FROM scenario_search').pluck().get()).toBe(4);
    expect(store.integrityCheck()).toEqual(['ok']);
    store.close();
  });
});
