/**
 * `moe-workbench store status` and `store restore-backup` (issue 14's reliability feature from
 * the command line): the status lists the backup made before a migration; restoring it brings the
 * write made before the backup back, sets the later database aside (still holding the later
 * write), and the next command opens the restored file. A damaged database makes status exit 1
 * with the store's own error, and the restore puts it right. (The restore's semantics under
 * concurrent use are tested at the service and web level.)
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run';
import { databasePath } from '../../../src-main/store';
import { lazyStore } from '../../../src-main/services/store-access';
import { APP_VERSION } from '../../../src-main/services/app-version';
import { dataDirWithBackup, useTempDirs } from '../store/temp-store';

const tempDir = useTempDirs('moe-cli-restore-');
const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

/** A CLI on its own data folder, as the process builds it (the restore closes the store first). */
function cliOn(dir: string) {
  const access = lazyStore(dir);
  closers.push(access.close);
  const ctx = { transport: 'cli' as const, dataDir: dir, appVersion: APP_VERSION, store: access.store, releaseStore: access.close };
  return (...args: string[]) => runCli(args, ctx);
}

const projectNames = async (cli: ReturnType<typeof cliOn>) => {
  const r = await cli('projects', 'list', '--json');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout).items as Array<{ name: string }>).map((p) => p.name).sort();
};

describe('moe-workbench store status / store restore-backup', () => {
  it('lists the backup, restores it, and finds the write made before it again', async () => {
    const { dir, backup } = dataDirWithBackup(join(tempDir(), 'data'));
    const cli = cliOn(dir);
    expect((await cli('projects', 'create', '--name', 'Written after the backup')).code).toBe(0);
    expect(await projectNames(cli)).toEqual(['In the backup', 'Written after the backup']);

    const status = await cli('store', 'status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Database: ${databasePath(dir)}`);
    expect(status.stdout).toContain('1 backup(s), newest first');
    expect(status.stdout).toMatch(new RegExp(`^${backup.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+1\\s`, 'm'));
    const json = JSON.parse((await cli('store', 'status', '--json')).stdout);
    expect(json.ok).toBe(true);
    expect(json.backups.map((b: { path: string }) => b.path)).toEqual([backup]);

    const restored = await cli('store', 'restore-backup', backup);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Restored the database from ${backup}`);
    const aside = /kept as (\S+)/.exec(restored.stdout)![1]!;
    // The next command opens the restored file: the earlier write is back, the later one is not.
    expect(await projectNames(cli)).toEqual(['In the backup']);
    // Nothing is lost: the database the restore replaced still holds the later write.
    const kept = new Database(aside, { readonly: true });
    expect(kept.prepare('SELECT name FROM projects ORDER BY name').pluck().all()).toEqual(['In the backup', 'Written after the backup']);
    kept.close();
  });

  it('a damaged database: status exits 1 with the reason, and restoring a backup puts the folder right', async () => {
    const { dir, backup } = dataDirWithBackup(join(tempDir(), 'data'));
    writeFileSync(databasePath(dir), 'this is not a SQLite database, but a damaged file'.repeat(100));
    const cli = cliOn(dir);
    const status = await cli('store', 'status');
    expect(status.code).toBe(1);
    expect(status.stdout).toContain('Store: did not open — ');
    expect(status.stdout).toContain('store restore-backup BACKUP_FILE');
    expect((await cli('store', 'restore-backup', backup)).code).toBe(0);
    const after = await cli('store', 'status', '--json');
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).ok).toBe(true);
    expect(await projectNames(cli)).toEqual(['In the backup']);
  });

  it('refuses a file that is not one of the listed backups, and a missing BACKUP_FILE (exit 2)', async () => {
    const { dir } = dataDirWithBackup(join(tempDir(), 'data'));
    const cli = cliOn(dir);
    const other = await cli('store', 'restore-backup', join(dir, 'nothing-here.sqlite'));
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain("is not one of this data folder's backups");
    const missing = await cli('store', 'restore-backup');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing BACKUP_FILE');
    const help = await cli('store', 'restore-backup', '--help');
    expect(help.stdout).toContain('Example:\n  moe-workbench store restore-backup');
  });
});
