/**
 * Worker thread for store.bench.ts: a browser-mode client, kept for the whole run and driven by
 * the bench's messages, one phase at a time, so saves with and without an import running are
 * taken in the same run, interleaved:
 * - `{ kind: 'import', file, settleMs }`: sends the import of a project file (its text, as the
 *   renderer does) and, until the answer comes and for `settleMs` after it, saves a scenario every
 *   few milliseconds; answers the import's time and each save's time, request to answer;
 * - `{ kind: 'saves', count }`: only saves, `count` times at the same pace (the baseline);
 * - `{ kind: 'stop' }`.
 * One untimed save comes first.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { url, token, projectId } = workerData as { url: string; token: string; projectId: string };

export type ClientCommand = { kind: 'import'; file: string; settleMs: number } | { kind: 'saves'; count: number } | { kind: 'stop' };
export interface ClientAnswer {
  /** The import's time from request to answer, ms (NaN without one). */
  importMs: number;
  /** Each save's time from request to answer, ms (waiting for the import's chunk included), in the order sent. */
  saves: number[];
}

/** Between two saves, ms: a user typing or dragging sends about this often. */
const PACE_MS = 4;

const call = async (channel: string, body: string) => {
  const res = await fetch(`${url}api/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  const envelope = (await res.json()) as { ok: boolean; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
};

let k = 0;
const save = async (into: number[]) => {
  await new Promise((r) => setTimeout(r, PACE_MS));
  const body = JSON.stringify({ projectId, name: `saved by the bench ${k++}`, wizard: 'compute', inputs: { law: 'joint', budgetFlops: 1e21 * k }, results: { loss: 2.5 }, tags: ['bench'] });
  const t0 = performance.now();
  await call('scenarios.create', body);
  into.push(performance.now() - t0);
};

async function run(command: Exclude<ClientCommand, { kind: 'stop' }>): Promise<ClientAnswer> {
  const saves: number[] = [];
  if (command.kind === 'saves') {
    for (let i = 0; i < command.count; i++) await save(saves);
    return { importMs: NaN, saves };
  }
  const body = JSON.stringify({ text: readFileSync(command.file, 'utf8') });
  let answeredAt = Infinity;
  const t0 = performance.now();
  const importing = call('projects.import', body).finally(() => (answeredAt = performance.now()));
  importing.catch(() => {});
  // the import's answer ends nothing: what it leaves behind (a log to checkpoint, the search index's merging back on) lands on the saves just after it
  while (performance.now() < answeredAt + command.settleMs) await save(saves);
  await importing;
  return { importMs: answeredAt - t0, saves };
}

// untimed: the first call pays for loading fetch in this thread, opening the connection and the
// server's lazily opened store, none of which is a save's cost
await call('scenarios.create', JSON.stringify({ projectId, name: 'warm-up', wizard: 'compute', inputs: {}, tags: [] }));
parentPort!.on('message', (command: ClientCommand) => {
  if (command.kind === 'stop') return void parentPort!.close();
  run(command).then(
    (answer) => parentPort!.postMessage(answer),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
parentPort!.postMessage('ready');
