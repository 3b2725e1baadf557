/**
 * Through dispatch, as the app calls it: restoring a backup loses no acknowledged write (before
 * or after the restore, across a restart); a full disk and a read-only folder give typed errors
 * that say so, and reads keep working.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers, type ServiceContext } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';
import { dataDirWithBackup } from './temp-store';
import { openStore } from '../../../src-main/store';

const dirs: string[] = [];
const cleanups: Array<() => void> = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'moe-restore-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A process's view of the data folder: its own lazily opened store, as each transport has. */
function session(dataDir: string): { ctx: ServiceContext; close: () => void } {
  const access = lazyStore(dataDir);
  cleanups.push(access.close);
  return { ctx: { transport: 'cli', dataDir, appVersion: 't', store: access.store, releaseStore: access.close }, close: access.close };
}

async function call(ctx: ServiceContext, channel: string, payload: unknown) {
  return dispatch(handlers, ctx, channel, payload);
}

async function projectNames(ctx: ServiceContext): Promise<string[]> {
  const env = await call(ctx, 'projects.list', {});
  if (!env.ok) throw new Error(env.error.message);
  return (env.value as { items: Array<{ name: string }> }).items.map((p) => p.name).sort();
}

function withBackup(): { dir: string; backup: string } {
  return dataDirWithBackup(join(tempDir(), 'data'));
}

describe('store.restoreBackup', () => {
  it('loses no acknowledged write: the one before is kept in the replaced file, the one after survives a restart', async () => {
    const { dir, backup } = withBackup();
    const app = session(dir);
    expect((await call(app.ctx, 'projects.create', { name: 'Written before the restore' })).ok).toBe(true);

    const restored = await call(app.ctx, 'store.restoreBackup', { backupPath: backup });
    expect(restored.ok).toBe(true);
    const movedTo = (restored as { value: { damagedMovedTo: string } }).value.damagedMovedTo;
    expect(movedTo).toMatch(/workbench\.replaced-\d{8}T\d{9}Z\.sqlite$/); // it was healthy: not called damaged

    expect((await call(app.ctx, 'projects.create', { name: 'Written after the restore' })).ok).toBe(true);
    expect(await projectNames(app.ctx)).toEqual(['In the backup', 'Written after the restore']);
    app.close();

    // restart: a new process opens the folder
    const next = session(dir);
    expect(await projectNames(next.ctx)).toEqual(['In the backup', 'Written after the restore']);
    const kept = new Database(movedTo, { readonly: true });
    expect(kept.prepare('SELECT name FROM projects ORDER BY name').pluck().all()).toEqual(['In the backup', 'Written before the restore']);
    kept.close();
  });

  it('is refused while another process has the database open, and changes nothing', async () => {
    const { dir, backup } = withBackup();
    const cli = openStore({ dataDir: dir }); // another process's open connection
    cleanups.push(() => cli.close());
    cli.projects.create({ name: 'Open elsewhere' });
    const app = session(dir);
    const before = readdirSync(dir).sort();
    const env = await call(app.ctx, 'store.restoreBackup', { backupPath: backup });
    expect(env).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/is open/) } });
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(await projectNames(app.ctx)).toContain('Open elsewhere');
  });
});

describe('limits of the disk', () => {
  it('a full disk gives a typed disk-full error; what was saved stays and reads keep working', async () => {
    const dir = join(tempDir(), 'data');
    const app = session(dir);
    const created = await call(app.ctx, 'projects.create', { name: 'Kept' });
    expect(created.ok).toBe(true);
    const projectId = (created as { value: { id: string } }).value.id;
    // SQLITE_FULL without filling a real disk: the file may not grow past its current size
    const db = app.ctx.store().db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let failure: { code: string; message: string } | null = null;
    for (let i = 0; i < 200 && !failure; i++) {
      const env = await call(app.ctx, 'scenarios.create', { projectId, name: `s${i}`, wizard: 'compute', inputs: { pad: 'x'.repeat(4000) } });
      if (!env.ok) failure = env.error;
    }
    expect(failure).toMatchObject({ code: 'disk-full', message: expect.stringMatching(/disk .* is full/) });
    expect(await projectNames(app.ctx)).toEqual(['Kept']);
    expect(app.ctx.store().integrityCheck()).toEqual(['ok']);
  });

  it('an import that fills the disk half-way is all-or-nothing: no project, no scenario, no tag left behind', async () => {
    const dir = join(tempDir(), 'data');
    const app = session(dir);
    const store = app.ctx.store();
    const source = store.projects.create({ name: 'Source' });
    for (let i = 0; i < 300; i++) store.scenarios.create({ projectId: source.id, name: `s${i}`, wizard: 'compute', inputs: { pad: 'x'.repeat(3000), i }, tags: ['t'] });
    const document = store.exportProject(source.id);
    const count = (sql: string) => store.db.prepare(sql).pluck().get() as number;
    const before = [count('SELECT count(*) FROM projects'), count('SELECT count(*) FROM scenarios'), count('SELECT count(*) FROM scenario_tags')];
    // room for about half of the copy
    store.db.pragma(`max_page_count = ${Math.round((store.db.pragma('page_count', { simple: true }) as number) * 1.5)}`);
    const env = await call(app.ctx, 'projects.import', { document });
    expect(env).toMatchObject({ ok: false, error: { code: 'disk-full' } });
    expect([count('SELECT count(*) FROM projects'), count('SELECT count(*) FROM scenarios'), count('SELECT count(*) FROM scenario_tags')]).toEqual(before);
    expect(store.integrityCheck()).toEqual(['ok']);
  });

  it('a read-only data folder opens read-only: reads work, writes say read-only', async () => {
    const dir = join(tempDir(), 'data');
    const s = openStore({ dataDir: dir });
    s.projects.create({ name: 'Readable' });
    s.close();
    makeReadOnly(dir);

    const app = session(dir);
    expect(await projectNames(app.ctx)).toEqual(['Readable']);
    const status = await call(app.ctx, 'store.status', {});
    expect(status).toMatchObject({ ok: true, value: { ok: true } });
    const write = await call(app.ctx, 'projects.create', { name: 'Refused' });
    expect(write).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringMatching(/read-only/) } });
    expect(await projectNames(app.ctx)).toEqual(['Readable']);
  });
});

/**
 * chmod is ignored by root, so as root the folder is made immutable instead (chattr +i), which
 * root cannot write either.
 */
function makeReadOnly(dir: string): void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', dir]);
    cleanups.unshift(() => execFileSync('chattr', ['-i', dir]));
  } else {
    chmodSync(dir, 0o555);
    cleanups.unshift(() => chmodSync(dir, 0o700));
  }
}

