/**
 * An import's rows are made where the file is checked (import-rows.ts) and reach the store's
 * thread as bytes, which it cuts into chunks at any scenario without reading them. Checked here:
 * whatever the batches and the cuts, every chunk is one JSON array holding exactly its scenarios'
 * rows and tag rows, in file order, multi-byte text included, and names are made unique across
 * the whole import as the file lists them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROW_COLUMNS, rowEncoder, rowQueue, type ImportPlan } from '../../../src-main/store/import-rows';
import type { PreparedScenario } from '../../../src-main/store/project-file';

const PLAN: ImportPlan = { hardware: [['lab', 'lab-2']], coefficients: [], hardwareHashes: [['lab-2', 'hash-of-lab-2']], coefficientHashes: [] };

function scenario(name: string, tags: string[]): PreparedScenario {
  return {
    name,
    wizard: 'compute',
    inputsJson: JSON.stringify({ note: `${name} "quoted" \\ ü` }),
    resultsJson: null,
    inputsFingerprint: 'f',
    refersById: false,
    notes: '',
    tags,
    hardwareProfileId: 'lab',
    coefficientSetId: null,
    createdAt: 'c',
    updatedAt: 'u',
  };
}

const NAMES = ['Plan', 'Plan', 'Ünïcode ✓', '😀 plan', 'Plan (2)', 'a"b', 'Plan'];
const TAGS = [[], ['x'], ['é', 'É', 'ß'], ['😀'], [], ['a,b', '[]'], ['Plan']];

describe('import rows', () => {
  it('cut anywhere, each chunk is its scenarios in file order with their tags, names unique as the file lists them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 7 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
        (batchSizes, cuts) => {
          const all = NAMES.map((n, i) => scenario(n, TAGS[i]!));
          const encode = rowEncoder(PLAN);
          const queue = rowQueue();
          let at = 0;
          for (const size of batchSizes) {
            if (at >= all.length) break;
            queue.push(encode(all.slice(at, at + size)));
            at += size;
          }
          if (at < all.length) queue.push(encode(all.slice(at)));
          const rows: unknown[][] = [];
          const tagRows: unknown[][] = [];
          const ids: string[] = [];
          for (let k = 0; queue.size > 0; k++) {
            const chunk = queue.take(cuts[k % cuts.length]!);
            const parsed = JSON.parse(chunk.scenarios.toString('utf8')) as unknown[][];
            expect(parsed).toHaveLength(chunk.count);
            expect(parsed.map((r) => r[0])).toEqual(chunk.ids);
            rows.push(...parsed);
            ids.push(...chunk.ids);
            const tags = chunk.tags === null ? [] : (JSON.parse(chunk.tags.toString('utf8')) as unknown[][]);
            if (chunk.tags !== null) expect(tags.length).toBeGreaterThan(0);
            // a chunk's tags belong to its own scenarios
            for (const t of tags) expect(chunk.ids).toContain(t[0]);
            tagRows.push(...tags);
          }
          expect(queue.take(3).count).toBe(0);
          expect(new Set(ids).size).toBe(all.length);
          const column = (name: (typeof ROW_COLUMNS)[number]) => rows.map((r) => r[ROW_COLUMNS.indexOf(name)]);
          expect(column('name')).toEqual(['Plan', 'Plan (2)', 'Ünïcode ✓', '😀 plan', 'Plan (3)', 'a"b', 'Plan (4)']);
          expect(column('inputs_json')).toEqual(NAMES.map((n) => JSON.stringify({ note: `${n} "quoted" \\ ü` })));
          // the profile the import re-ids, and its hash as it will be here (the file has none)
          expect(new Set(column('hardware_profile_id'))).toEqual(new Set(['lab-2']));
          expect(new Set(column('hardware_profile_hash'))).toEqual(new Set(['hash-of-lab-2']));
          expect(column('results_json')).toEqual(NAMES.map(() => null));
          // each tag once per scenario, case-insensitively, in the file's first spelling
          const byScenario = ids.map((id) => tagRows.filter((t) => t[0] === id).map((t) => t[1]));
          expect(byScenario).toEqual([[], ['x'], ['é', 'ß'], ['😀'], [], ['a,b', '[]'], ['Plan']]);
        },
      ),
      { numRuns: 80, seed: 14 },
    );
  });
});
