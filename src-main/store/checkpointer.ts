/**
 * WAL checkpoints off the thread that owns the store. SQLite copies the WAL back into the database
 * file at the commit that takes the log past 1,000 pages (wal_autocheckpoint), inside that commit
 * and on its thread: about 4 MB copied and synced, 30–170 ms on a busy machine, charged to
 * whichever save or import chunk crossed the line, while every other request of that thread waits
 * (the store bench's slowest saves and longest chunks were these). SQLite's advice for this is to
 * turn the automatic checkpoint off and run it from another thread
 * (https://sqlite.org/wal.html#application_initiated_checkpoints): a PASSIVE checkpoint on another
 * connection never takes the write lock, so writers carry on meanwhile.
 *
 * A worker thread with its own connection checkpoints every CHECK_MS while there are new commits. The store's connection keeps the automatic checkpoint until the worker
 * has opened the file, and takes it back if the worker fails, so a checkpoint is never skipped.
 * stop() is synchronous (the store's close() runs its own TRUNCATE checkpoint right after), so the
 * two threads agree through an Atomics cell rather than messages.
 */
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * How often the worker looks for new commits, ms; it checkpoints after any (PRAGMA data_version
 * changes when another connection commits). The log stays a few hundred milliseconds of writes
 * long, and a reader never waits: the checkpoint only copies frames and syncs the file.
 */
const CHECK_MS = 250;
/** How long stop() waits for a checkpoint under way to finish, ms. */
const STOP_WAIT_MS = 10_000;
const AUTOCHECKPOINT_PAGES = 1000;

const STARTING = 0;
const RUNNING = 1;
const STOPPING = 2;
const STOPPED = 3;

// CommonJS run by the worker (eval), so it needs no file of its own next to any bundle
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const state = new Int32Array(workerData.state);
let db = null;
if (Atomics.compareExchange(state, 0, ${STARTING}, ${RUNNING}) === ${STARTING}) {
  try {
    db = new Database(workerData.path, { fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
    db.pragma('busy_timeout = 0');
    parentPort.postMessage('running');
    let seen = db.pragma('data_version', { simple: true });
    while (Atomics.wait(state, 0, ${RUNNING}, ${CHECK_MS}) !== 'not-equal' && Atomics.load(state, 0) === ${RUNNING}) {
      const version = db.pragma('data_version', { simple: true });
      if (version === seen) continue;
      seen = version;
      parentPort.postMessage({ checkpointed: db.pragma('wal_checkpoint(PASSIVE)')[0] });
    }
  } finally {
    try { db?.close(); } catch {}
    Atomics.store(state, 0, ${STOPPED});
    Atomics.notify(state, 0);
  }
}
`;

export interface Checkpointer {
  /** Stops the worker, waiting for a checkpoint under way; the store's connection checkpoints itself again. */
  stop(): void;
}

/** What the worker did, for tests: it runs (the connection stopped checkpointing itself), checkpointed (SQLite's answer), or failed. */
export type CheckpointerEvent =
  | { kind: 'running' }
  | { kind: 'checkpointed'; busy: number; log: number; checkpointed: number }
  | { kind: 'failed'; error: Error };

/** Checkpoints `db`'s file (WAL mode) from a worker thread until stopped; `db` stops checkpointing itself once the worker runs. */
export function startCheckpointer(db: Database.Database, path: string, observe?: (e: CheckpointerEvent) => void): Checkpointer {
  const state = new Int32Array(new SharedArrayBuffer(4));
  const binding = process.env.MOE_WORKBENCH_SQLITE_BINDING;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path, state: state.buffer, module: createRequire(import.meta.url).resolve('better-sqlite3'), nativeBinding: binding ?? null },
  });
  worker.unref();
  let stopped = false;
  const selfCheckpoint = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('message', (m: 'running' | { checkpointed: { busy: number; log: number; checkpointed: number } }) => {
    if (m === 'running') {
      if (!stopped && db.open) db.pragma('wal_autocheckpoint = 0');
      observe?.({ kind: 'running' });
    } else observe?.({ kind: 'checkpointed', ...m.checkpointed });
  });
  worker.on('error', (error) => {
    if (!stopped) selfCheckpoint();
    observe?.({ kind: 'failed', error });
  });
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      // not started yet: it will find STOPPED and never open the file
      if (Atomics.compareExchange(state, 0, STARTING, STOPPED) !== STARTING && Atomics.compareExchange(state, 0, RUNNING, STOPPING) === RUNNING) {
        Atomics.notify(state, 0);
        Atomics.wait(state, 0, STOPPING, STOP_WAIT_MS);
      }
      selfCheckpoint();
      void worker.terminate();
    },
  };
}
