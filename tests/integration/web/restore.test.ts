/**
 * Browser mode with its worker pool (heavy channels in worker threads, each opening the store for
 * its call): restoring a backup while a worker is exporting waits for it, swaps the file, and
 * loses no acknowledged write. The project written before the restore is in the file set aside,
 * the one written after it is in the restored database, seen by the workers and after a restart.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../src-main/ipc/contract/errors';
import { handlers, rawBodyHandlers } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';
import { openStore } from '../../../src-main/store';
import { DispatchPool } from '../../../src-main/web/dispatch-pool';
import { startWebServer, type WebServer } from '../../../src-main/web/server';
import { dataDirWithBackup } from '../store/temp-store';

const root = mkdtempSync(join(tmpdir(), 'moe-web-restore-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('store.restoreBackup in browser mode, with the worker pool', () => {
  it('waits for a worker call in flight, swaps the file, and keeps every acknowledged write across a restart', async () => {
    const { dir, backup } = dataDirWithBackup(join(root, 'data'));
    const access = lazyStore(dir);
    const pool = new DispatchPool({ dataDir: dir, appVersion: 't' }, { size: 1 });
    let server: WebServer | null = await startWebServer({ handlers, rawBodyHandlers, ctx: { dataDir: dir, appVersion: 't', store: access.store, releaseStore: access.close }, rendererDir: root, heavy: pool });
    try {
      const post = async <T>(channel: string, body: unknown): Promise<T> => {
        const env = (await fetch(`${server!.url}api/${channel}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server!.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json())) as Envelope<T>;
        if (!env.ok) throw new Error(`${channel}: ${env.error.code} ${env.error.message}`);
        return env.value;
      };
      const before = await post<{ id: string }>('projects.create', { name: 'Written before the restore' });
      await post('scenarios.create', { projectId: before.id, name: 'plan', wizard: 'compute', inputs: { flops: 1e21 } });
      // a worker opens the store for this export; the restore is sent while it is under way
      const exporting = post<{ document: { scenarios: unknown[] } }>('projects.export', { id: before.id });
      const restored = await post<{ damagedMovedTo: string }>('store.restoreBackup', { backupPath: backup });
      expect((await exporting).document.scenarios).toHaveLength(1); // it finished, on the file it started with
      expect(restored.damagedMovedTo).toMatch(/workbench\.replaced-\d{8}T\d{9}Z\.sqlite$/);

      const after = await post<{ id: string }>('projects.create', { name: 'Written after the restore' });
      // the workers' next connection opens the restored file
      const exported = await post<{ document: { project: { name: string } } }>('projects.export', { id: after.id });
      expect(exported.document.project.name).toBe('Written after the restore');
      const names = (await post<{ items: Array<{ name: string }> }>('projects.list', {})).items.map((p) => p.name).sort();
      expect(names).toEqual(['In the backup', 'Written after the restore']);

      // restart: everything closed, the folder opened afresh
      await Promise.all([server.close(), pool.close()]);
      server = null;
      access.close();
      const next = openStore({ dataDir: dir });
      expect(next.projects.list({}).items.map((p) => p.name).sort()).toEqual(['In the backup', 'Written after the restore']);
      next.close();
      const kept = new Database(restored.damagedMovedTo, { readonly: true });
      expect(kept.prepare('SELECT name FROM projects ORDER BY name').pluck().all()).toEqual(['In the backup', 'Written before the restore']);
      kept.close();
    } finally {
      await Promise.all([server?.close(), pool.close()]);
      access.close();
    }
  }, 120_000);
});
