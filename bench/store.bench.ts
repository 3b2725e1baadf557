/**
 * Store speed (issue 5): open and migrate a fresh database; save one scenario (target < 5 ms);
 * list 10,000 scenarios with a search filter (target < 50 ms). On a real file in a temp dir,
 * WAL mode, as the app runs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src-main/store';
import { timeMedian, type BenchResult, type BenchSuite } from './harness';

const SCENARIOS = 10_000;

/** Inputs and results about the size a wizard saves. */
function payload(i: number): { inputs: unknown; results: unknown } {
  return {
    inputs: { law: 'joint', coefficientSetId: 'ludziejewski2025-joint', budgetFlops: 1e21 * (1 + (i % 50)), experts: [1, 2, 4, 8, 16, 32, 64], precision: 'bf16', tokens: 2e11 },
    results: { loss: 2 + (i % 100) / 1000, flags: [], curve: Array.from({ length: 64 }, (_, k) => 2 + k / 64) },
  };
}

const WORDS = ['dense', 'moe', 'sparse', 'baseline', 'wide', 'deep', 'budget', 'alpha', 'granular', 'memory'];

const suite: BenchSuite = () => {
  const root = mkdtempSync(join(tmpdir(), 'moe-store-bench-'));
  const results: BenchResult[] = [];
  try {
    let n = 0;
    const openMs = timeMedian(() => {
      const s = openStore({ dataDir: join(root, `fresh-${n++}`) });
      s.close();
    }, 7, 1);
    results.push({ name: 'open + migrate + seed a fresh database', ms: openMs });

    const store = openStore({ dataDir: join(root, 'big') });
    const project = store.projects.create({ name: 'Bench' });
    store.db.transaction(() => {
      for (let i = 0; i < SCENARIOS; i++) {
        const a = WORDS[i % WORDS.length]!;
        const b = WORDS[(i * 7 + 3) % WORDS.length]!;
        store.scenarios.create({
          projectId: project.id,
          name: `${a} ${b} run ${i}`,
          wizard: i % 2 ? 'compute' : 'memory',
          tags: [WORDS[(i * 3) % WORDS.length]!, `batch-${i % 20}`],
          hardwareProfileId: 'h100-sxm',
          coefficientSetId: 'ludziejewski2025-joint',
          ...payload(i),
        });
      }
    })();

    let k = 0;
    const saveMs = timeMedian(() => {
      store.scenarios.create({ projectId: project.id, name: `saved ${k++}`, wizard: 'compute', tags: ['bench'], hardwareProfileId: 'h100-sxm', coefficientSetId: 'ludziejewski2025-joint', ...payload(k) });
    }, 51, 5);
    results.push({ name: 'save one scenario (own transaction, WAL commit)', ms: saveMs, targetMs: 5 });

    let matched = 0;
    const listMs = timeMedian(() => {
      const page = store.scenarios.list({ projectId: project.id, search: 'spars', sort: 'name', limit: 100 });
      matched = page.total;
    }, 21, 3);
    results.push({ name: `list ${SCENARIOS} scenarios, search name/tag, sort by name, page 100`, ms: listMs, targetMs: 50, note: `${matched} match` });

    const updatedMs = timeMedian(() => {
      store.scenarios.list({ projectId: project.id, search: 'run 99', sort: 'updated', limit: 100 });
    }, 21, 3);
    results.push({ name: `list ${SCENARIOS} scenarios, search, sort by updated, page 100`, ms: updatedMs, targetMs: 50 });

    const tagMs = timeMedian(() => {
      store.scenarios.list({ projectId: project.id, tag: 'batch-7', sort: 'created', limit: 100 });
    }, 21, 3);
    results.push({ name: `list ${SCENARIOS} scenarios filtered by exact tag`, ms: tagMs, targetMs: 50 });

    const plainMs = timeMedian(() => {
      store.scenarios.list({ projectId: project.id, sort: 'name', limit: 100, offset: 5000 });
    }, 21, 3);
    results.push({ name: `list ${SCENARIOS} scenarios unfiltered, page at offset 5000`, ms: plainMs, targetMs: 50 });
    store.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return results;
};

export default suite;
