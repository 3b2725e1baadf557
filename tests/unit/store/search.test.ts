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

  it('follows renames, tag changes, trash and an import', async () => {
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
    const imported = await store.importProject(store.exportProject(p.id));
    expect(searchNames(store, imported.project.id, 'beta')).toEqual(['beta plan']);
    store.close();
  });
});

describe('a broad search (more candidates than the trigram index narrows)', () => {
  it('pages through exactly the brute-force matches in name order; the total is a lower bound until the last page', async () => {
    const store = openStore({ path: ':memory:' });
    // 2,600 rows: "run …" names (80%) and "walk …" ones, every tenth tagged "rundown", so "run"
    // has over 2,000 candidates and some matches come from a tag alone
    const rows = Array.from({ length: 2600 }, (_, i) => ({ name: `${i % 5 === 0 ? 'Walk' : 'run'} ${i}`, tags: i % 10 === 0 ? ['RunDown'] : [`x${i % 7}`] }));
    const file = {
      formatVersion: 2,
      app: 'moe-workbench',
      exportedAt: '2026-01-01T00:00:00.000Z',
      project: { name: 'Broad', notes: '', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
      scenarios: rows.map((r, i) => ({
        id: `s${i}`,
        name: r.name,
        wizard: 'compute',
        inputs: {},
        results: null,
        notes: '',
        tags: r.tags,
        hardwareProfileId: null,
        coefficientSetId: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      })),
      hardwareProfiles: [],
      coefficientSets: [],
      runs: [],
    };
    const projectId = (await store.importProject(file)).project.id;
    // 'run' and 'n' take the broad path (over 2,000 candidates), the others the index's
    for (const q of ['run', 'RUN 1', 'ndow', 'n', 'k 1']) {
      const expected = bruteForce(rows, q).sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
      const seen: string[] = [];
      for (let offset = 0; ; offset += 700) {
        const page = store.scenarios.list({ projectId, search: q, sort: 'name', limit: 700, offset });
        seen.push(...page.items.map((s) => s.name));
        if (page.totalExact) {
          expect(page.total, q).toBe(expected.length);
          if (offset + page.items.length >= page.total) break;
          continue;
        }
        // a broad search's count stopped one row past this page
        expect(page.items.length, q).toBe(700);
        expect(page.total, q).toBe(offset + 701);
        expect(page.total, q).toBeLessThanOrEqual(expected.length);
      }
      expect(seen, q).toEqual(expected);
      // past the end: nothing, and the exact count
      expect(store.scenarios.list({ projectId, search: q, limit: 10, offset: expected.length + 5 })).toMatchObject({ items: [], total: expected.length, totalExact: true });
    }
    store.close();
  });
});
