/**
 * Child process for kill.test.ts: writes scenarios in a loop and prints each one, as a JSON
 * line, only after its transaction has committed. The parent SIGKILLs it at random moments.
 */
import { openStore } from '../../../src-main/store';

const dataDir = process.argv[2];
const seed = Number(process.argv[3] ?? '1');
if (!dataDir) throw new Error('usage: kill-writer <dataDir> <seed>');

process.stdout.write('opening\n');
const store = openStore({ dataDir });
const project = store.projects.list({ search: 'kill-test', limit: 1 }).items[0] ?? store.projects.create({ name: 'kill-test' });
const scratch = store.scenarios.create({ projectId: project.id, name: 'scratch', wizard: 'compute', inputs: {} });

for (let i = 0; ; i++) {
  const tag = `w${seed}`;
  // big enough that a kill often lands inside a transaction
  const inputs = { seed, i, budget: 1e21 * (i + 1), experts: Array.from({ length: 200 }, (_, k) => (k * 7 + i) % 97), note: 'x'.repeat(i % 500) };
  const results = { loss: 2 + ((seed * 31 + i) % 100) / 1000, curve: Array.from({ length: 300 }, (_, k) => k / (i + 1)) };
  const s = store.scenarios.create({
    projectId: project.id,
    name: `s${seed}-${i}`,
    wizard: 'compute',
    inputs,
    results,
    tags: [tag, `i${i % 5}`],
    notes: `written by ${seed}`,
    hardwareProfileId: 'h100-sxm',
    coefficientSetId: 'ludziejewski2025-joint',
  });
  process.stdout.write(`${JSON.stringify({ id: s.id, name: s.name, inputs, results, tags: s.tags, notes: s.notes })}\n`);
  // other kinds of write, never reported, to vary where kills land
  if (i % 3 === 0) store.runs.add(project.id, Array.from({ length: 200 }, (_, k) => ({ nAct: 1e8 + k, tokens: 1e9, loss: 3 })));
  if (i % 2 === 0) store.scenarios.update(scratch.id, { inputs: { i }, results: { big: 'y'.repeat(20_000) } });
  if (i % 10 === 9) store.runs.delete(project.id);
}
