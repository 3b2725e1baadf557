/**
 * Issue 14: the WAL is copied back into the database file by a worker thread, not inside the
 * commit of whichever save filled it (store/checkpointer.ts). Driven by the worker's own events,
 * never by a clock.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startCheckpointer, type CheckpointerEvent } from '../../../src-main/store/checkpointer';
import { databasePath, openStore } from '../../../src-main/store';
import { useTempDirs } from './temp-store';

const tempDir = useTempDirs('moe-checkpointer-');

/** The events of a checkpointer, awaited one kind at a time. */
function events() {
  const seen: CheckpointerEvent[] = [];
  const waiting: Array<{ kind: CheckpointerEvent['kind']; resolve: (e: CheckpointerEvent) => void }> = [];
  return {
    observe(e: CheckpointerEvent) {
      seen.push(e);
      for (const w of waiting.splice(0)) (w.kind === e.kind ? w.resolve(e) : waiting.push(w));
    },
    /** The first event of `kind` (satisfying `test`) from the `after`-th on, now or when it comes. */
    next(kind: CheckpointerEvent['kind'], test: (e: CheckpointerEvent) => boolean = () => true, after = 0): Promise<CheckpointerEvent> {
      const found = seen.slice(after).find((e) => e.kind === kind && test(e));
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const wait = () => waiting.push({ kind, resolve: (e) => (test(e) ? resolve(e) : wait()) });
        wait();
      });
    },
    seen,
  };
}

/** About 6 MB of scenarios in one transaction: more than 1,000 pages of WAL, where SQLite would checkpoint by itself. */
function writeMegabytes(store: ReturnType<typeof openStore>, projectId: string, from: number): void {
  const filler = 'x'.repeat(3000);
  store.db.transaction(() => {
    for (let i = from; i < from + 2000; i++) store.scenarios.create({ projectId, name: `Plan ${i}`, wizard: 'compute', inputs: { i, filler } });
  })();
}

describe('background checkpoints', () => {
  it("take over from the connection's own, copy the WAL into the file, and hand back on stop", async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir });
    const pragma = () => store.db.pragma('wal_autocheckpoint', { simple: true });
    expect(pragma()).toBe(1000);
    const ev = events();
    const checkpointer = startCheckpointer(store.db, store.path, ev.observe);
    await ev.next('running');
    // the store's commits no longer checkpoint: the worker does
    expect(pragma()).toBe(0);
    const project = store.projects.create({ name: 'Big' });
    writeMegabytes(store, project.id, 0);
    // (a checkpoint may have run while the commit was being written; the one after it takes it all)
    const done = (await ev.next('checkpointed', (e) => e.kind === 'checkpointed' && e.log > 1000)) as Extract<CheckpointerEvent, { kind: 'checkpointed' }>;
    // PASSIVE, with no reader holding an older snapshot: every frame of the log is in the file
    expect(done.busy).toBe(0);
    expect(done.checkpointed).toBe(done.log);
    checkpointer.stop();
    expect(pragma()).toBe(1000);
    expect(ev.seen.filter((e) => e.kind === 'failed')).toEqual([]);
    store.close();
    const db = new Database(databasePath(dataDir), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM scenarios').pluck().get()).toBe(2000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a worker that cannot open the file leaves the connection checkpointing itself', async () => {
    const store = openStore({ dataDir: tempDir() });
    const ev = events();
    const checkpointer = startCheckpointer(store.db, `${store.path}.missing`, ev.observe);
    await ev.next('failed');
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    checkpointer.stop();
    store.close();
  });

  it('a store opened with them keeps every write through close and reopen, stopped before it ever ran or while running', async () => {
    const dataDir = tempDir();
    // closed at once: the worker may not have started; it must never open the file afterwards
    openStore({ dataDir, backgroundCheckpoints: true }).close();
    const store = openStore({ dataDir, backgroundCheckpoints: true });
    const project = store.projects.create({ name: 'Kept' });
    writeMegabytes(store, project.id, 0);
    writeMegabytes(store, project.id, 2000);
    store.close();
    const reopened = openStore({ dataDir });
    expect(reopened.check).toBe('sealed');
    expect(reopened.projects.get(project.id).scenarioCount).toBe(4000);
    expect(reopened.integrityCheck()).toEqual(['ok']);
    reopened.close();
  });
});
