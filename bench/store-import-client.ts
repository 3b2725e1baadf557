/**
 * Worker thread for store.bench.ts: a browser-mode client. It sends the import of a project
 * file (its text, as the renderer does) to the server on the bench's thread and, until the
 * answer comes, saves a scenario every few milliseconds, timing each save from request to
 * answer; with no file it only saves, `saves` times (the baseline). One untimed save comes first.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, file, projectId, saves: savesWithoutImport } = workerData as { url: string; token: string; file: string | null; projectId: string; saves: number };

const call = async (channel: string, body: string) => {
  const res = await fetch(`${url}api/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  const envelope = (await res.json()) as { ok: boolean; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
};

const saves: number[] = [];
let k = 0;
const save = async () => {
  const body = JSON.stringify({ projectId, name: `saved during import ${k++}`, wizard: 'compute', inputs: { law: 'joint', budgetFlops: 1e21 * k }, results: { loss: 2.5 }, tags: ['bench'] });
  const t0 = performance.now();
  await call('scenarios.create', body);
  saves.push(performance.now() - t0);
};

// untimed: the first call of a run pays for loading fetch in this thread, opening the connection
// and (in the first run) the server's lazily opened store, none of which is a save's cost
await call('scenarios.create', JSON.stringify({ projectId, name: 'warm-up', wizard: 'compute', inputs: {}, tags: [] }));

let importMs = NaN;
if (file === null) {
  for (let i = 0; i < savesWithoutImport; i++) {
    await new Promise((r) => setTimeout(r, 4));
    await save();
  }
} else {
  const body = JSON.stringify({ text: readFileSync(file, 'utf8') });
  let finished = false;
  const t0 = performance.now();
  const importing = call('projects.import', body).finally(() => {
    importMs = performance.now() - t0;
    finished = true;
  });
  while (!finished) {
    await new Promise((r) => setTimeout(r, 4));
    if (!finished) await save();
  }
  await importing;
}
parentPort!.postMessage({ importMs, saves });
