/**
 * Name/tag search through the trigram index returns exactly what a plain scan would: checked
 * against a brute-force filter in JavaScript (ASCII case-insensitive "contains" on the name or
 * any tag), after renames, tag changes, deletes and an import keep the index in step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src-main/store';

const ALPHABET = ['a', 'B', 'c', ' ', '-', '%', '_', 'é', 'É', '"', 'x'];
const text = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: max }).map((cs) => cs.join('').trim() || 'a');

const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
function bruteForce(rows: Array<{ name: string; tags: string[] }>, q: string): string[] {
  const needle = fold(q.trim());
  return rows.filter((r) => fold(r.name).includes(needle) || r.tags.some((t) => fold(t).includes(needle))).map((r) => r.name).sort();
}

function searchNames(store: Store, projectId: string, q: string): string[] {
  return store.scenarios.list({ projectId, search: q, limit: 10_000 }).items.map((s) => s.name).sort();
}

describe('scenario search', () => {
  it('matches a brute-force scan for any names, tags and query (1 to 6 characters)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name: text(12), tags: fc.uniqueArray(text(6), { maxLength: 3, selector: (t) => t.toLowerCase() }) }), {
          minLength: 1,
          maxLength: 25,
          selector: (r) => r.name,
        }),
        fc.array(text(6), { minLength: 1, maxLength: 8 }),
        (rows, queries) => {
          const store = openStore({ path: ':memory:' });
          const p = store.projects.create({ name: 'P' });
          for (const r of rows) store.scenarios.create({ projectId: p.id, name: r.name, wizard: 'compute', inputs: {}, tags: r.tags });
          for (const q of queries) expect(searchNames(store, p.id, q), JSON.stringify(q)).toEqual(bruteForce(rows, q));
          store.close();
        },
      ),
      { numRuns: 60, seed: 14 },
    );
  });

  it('follows renames, tag changes, trash and an import', () => {
    const store = openStore({ path: ':memory:' });
    const p = store.projects.create({ name: 'P' });
    const a = store.scenarios.create({ projectId: p.id, name: 'alpha plan', wizard: 'compute', inputs: {}, tags: ['granular'] });
    store.scenarios.create({ projectId: p.id, name: 'beta plan', wizard: 'compute', inputs: {} });
    expect(searchNames(store, p.id, 'granu')).toEqual(['alpha plan']);
    store.scenarios.rename(a.id, 'gamma plan');
    expect(searchNames(store, p.id, 'alpha')).toEqual([]);
    expect(searchNames(store, p.id, 'gamma')).toEqual(['gamma plan']);
    store.scenarios.setTags(a.id, ['coarse']);
    expect(searchNames(store, p.id, 'granu')).toEqual([]);
    expect(searchNames(store, p.id, 'coars')).toEqual(['gamma plan']);
    store.scenarios.delete(a.id);
    expect(searchNames(store, p.id, 'gamma')).toEqual([]);
    store.emptyTrash();
    expect(store.db.prepare("SELECT count(*) FROM scenario_search WHERE scenario_search MATCH '\"gamma\"'").pluck().get()).toBe(0);
    const imported = store.importProject(store.exportProject(p.id));
    expect(searchNames(store, imported.project.id, 'beta')).toEqual(['beta plan']);
    store.close();
  });
});
