/**
 * Worker thread for store.bench.ts: imports a project file into the bench's database on its own
 * connection, as the browser mode's dispatch pool does, and reports how long each chunk held the
 * write lock, while the bench's thread saves scenarios beside it.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../src-main/store';

const { dataDir, file } = workerData as { dataDir: string; file: string };
const store = openStore({ dataDir });
const document: unknown = JSON.parse(readFileSync(file, 'utf8'));
const locks: number[] = [];
const t0 = performance.now();
await store.importProject(document, { onChunk: ({ lockMs }) => void locks.push(lockMs) });
const totalMs = performance.now() - t0;
store.close();
parentPort!.postMessage({ totalMs, locks });
