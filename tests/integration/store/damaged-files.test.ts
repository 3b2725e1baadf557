/**
 * Every kind of damaged file is refused untouched (byte-identical afterwards, nothing created
 * next to it) or reported: cut short anywhere, flipped bytes, a zeroed header, a 0-byte file, a
 * write-ahead log without its database, damage only the full integrity check sees after an
 * unclean close. And what a clean close leaves: no WAL to lose, no in-use marker.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openError, useTempDirs } from './temp-store';
import { databasePath, openStore, StoreError } from '../../../src-main/store';
import { mulberry32 } from '../../../src-main/engine/fit/prng';

const tempDir = useTempDirs('moe-damage-');

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every file in the folder with its hash: "untouched" means this does not change. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, sha(join(dir, f))]));
}


/** A cleanly closed database with enough rows to span many pages. */
function healthy(): { dir: string; path: string; pageSize: number } {
  const dir = join(tempDir(), 'data'); // created by the store, so its mode is the store's
  const s = openStore({ dataDir: dir });
  const p = s.projects.create({ name: 'P' });
  for (let i = 0; i < 150; i++) s.scenarios.create({ projectId: p.id, name: `scenario ${i}`, wizard: 'compute', inputs: { pad: 'z'.repeat(1500), i } });
  s.close();
  const path = databasePath(dir);
  return { dir, path, pageSize: readFileSync(path).readUInt16BE(16) };
}

function expectRefusedUntouched(dir: string, code: string = 'corrupt-database'): StoreError {
  const before = snapshot(dir);
  const e = openError(dir);
  expect(e.code).toBe(code);
  expect(snapshot(dir)).toEqual(before);
  // asking again changes nothing either
  expect(openError(dir).code).toBe(code);
  expect(snapshot(dir)).toEqual(before);
  return e;
}

describe('a clean close', () => {
  it('leaves the data in the database file itself (no WAL), no in-use marker, and a seal of the file as closed', () => {
    const { dir, path } = healthy();
    expect(readdirSync(dir).sort()).toEqual(['workbench.sqlite', 'workbench.sqlite.closed-clean']);
    // the WAL being lost after a clean close loses nothing: the file alone holds everything
    const db = new Database(path, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM scenarios').get() as { n: number }).n).toBe(150);
    db.close();
  });

  it('the next open of a file untouched since skips the page checks; a file changed since gets the full integrity check', () => {
    const { dir, path } = healthy();
    const s = openStore({ dataDir: dir });
    expect(s.check).toBe('sealed');
    expect(readdirSync(dir)).not.toContain('workbench.sqlite.closed-clean'); // open for writing: no longer as sealed
    s.close();
    // the same bytes written again by something else: the seal no longer vouches for the file
    writeFileSync(path, readFileSync(path));
    const again = openStore({ dataDir: dir });
    expect(again.check).toBe('integrity_check');
    again.close();
    // a log left beside a sealed file means changes the seal never saw: checked in full again
    writeFileSync(`${path}-wal`, 'x');
    const third = openStore({ dataDir: dir });
    expect(third.check).toBe('integrity_check');
    third.close();
  });

  it('only the last session to close seals the file', () => {
    const { dir } = healthy();
    const app = openStore({ dataDir: dir });
    const cli = openStore({ dataDir: dir });
    cli.close();
    expect(readdirSync(dir)).not.toContain('workbench.sqlite.closed-clean');
    app.close();
    expect(readdirSync(dir)).toContain('workbench.sqlite.closed-clean');
  });

  it('a fresh store is checkpointed after migration and seeding: deleting the WAL of a killed session keeps the schema', () => {
    const dir = tempDir();
    const s = openStore({ dataDir: dir });
    const path = databasePath(dir);
    // simulate the kill: the connection is abandoned, then the WAL goes missing
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    expect((db.prepare('SELECT count(*) AS n FROM hardware_profiles').get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
    s.close();
  });
});

describe('damaged files are refused untouched', () => {
  it('a file cut short anywhere: at every page boundary, mid-page at random, by 100 bytes, to the header alone', () => {
    const { path, pageSize } = healthy();
    const full = readFileSync(path);
    const pages = full.length / pageSize;
    expect(pages).toBeGreaterThan(50);
    // every whole-page cut (the header then promises pages the file lacks), and mid-page cuts at
    // offsets drawn from a fixed seed, so a failure names a cut that reproduces
    const everyPage = Array.from({ length: pages - 1 }, (_, k) => (k + 1) * pageSize);
    const random = mulberry32(14);
    const midPage = Array.from({ length: 60 }, () => 1 + Math.floor(random() * (full.length - 1)));
    const named = [full.length - 1, full.length - 100, Math.floor(full.length / 2), pageSize + 7, 100, 50];
    const cuts = [...new Set([...named, ...everyPage, ...midPage])];
    expect(cuts.length).toBeGreaterThan(pages + 50);
    for (const cut of cuts) {
      writeFileSync(path, full.subarray(0, cut));
      const e = expectRefusedUntouched(join(path, '..'));
      expect(e.message, `cut at ${cut}`).toMatch(/damaged/);
      expect(statSync(path).size).toBe(cut);
    }
  });

  it('flipped bytes in page headers and cell pointers', () => {
    const { path, pageSize } = healthy();
    const full = readFileSync(path);
    const pages = full.length / pageSize;
    for (const page of [2, Math.floor(pages / 2), pages - 1]) {
      for (const offset of [0, 3, 5]) {
        const bytes = Buffer.from(full);
        const at = (page - 1) * pageSize + offset;
        bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
        writeFileSync(path, bytes);
        expectRefusedUntouched(join(path, '..'));
      }
    }
  });

  it('a zeroed header and a file of zeros', () => {
    const { path } = healthy();
    const bytes = readFileSync(path);
    bytes.fill(0, 0, 100);
    writeFileSync(path, bytes);
    expect(expectRefusedUntouched(join(path, '..')).message).toMatch(/SQLite header/);
    writeFileSync(path, Buffer.alloc(bytes.length));
    expectRefusedUntouched(join(path, '..'));
  });

  it('a 0-byte file is reported, not taken for a new database', () => {
    const dir = tempDir();
    writeFileSync(databasePath(dir), '');
    const e = expectRefusedUntouched(dir);
    expect(e.message).toMatch(/empty \(0 bytes\)/);
    expect(statSync(databasePath(dir)).size).toBe(0);
  });

  it('a write-ahead log without its database is reported, and no new database is created', () => {
    const dir = tempDir();
    const path = databasePath(dir);
    const s = openStore({ dataDir: dir });
    s.projects.create({ name: 'Only in the WAL' });
    const wal = readFileSync(`${path}-wal`);
    s.close();
    rmSync(path);
    writeFileSync(`${path}-wal`, wal.length ? wal : Buffer.from('x'));
    const e = expectRefusedUntouched(dir);
    expect(e.message).toMatch(/write-ahead log/);
    expect(existsSync(path)).toBe(false);
  });

  it('damage only the full integrity check sees is refused after an unclean close', () => {
    const { dir, path } = healthy();
    // rename one scenario in one place only (its table row or one index entry): the table and its
    // indexes then disagree, which quick_check does not look at. The copies of the name live in
    // the table, three indexes and the search index; the first whose change only integrity_check
    // sees is used.
    const original = readFileSync(path);
    const probe = join(dir, 'probe.sqlite');
    let damaged: Buffer | null = null;
    for (let at = original.indexOf('scenario 77'); at >= 0 && !damaged; at = original.indexOf('scenario 77', at + 1)) {
      const bytes = Buffer.from(original);
      bytes.write('scenario 7X', at, 'latin1');
      writeFileSync(probe, bytes);
      const ro = new Database(probe, { readonly: true });
      if (ro.pragma('quick_check', { simple: true }) === 'ok' && ro.pragma('integrity_check', { simple: true }) !== 'ok') damaged = bytes;
      ro.close();
    }
    for (const f of [probe, `${probe}-wal`, `${probe}-shm`]) rmSync(f, { force: true });
    expect(damaged).not.toBeNull();
    writeFileSync(path, damaged!);

    // the seal of the last clean close no longer matches: the full check runs and refuses it
    expect(expectRefusedUntouched(dir).message).toMatch(/integrity check/);
    // and after a session that never closed (its process is gone and left its marker)
    rmSync(`${path}.closed-clean`);
    writeFileSync(`${path}.in-use-2147483646-deadbeef`, '');
    const e = expectRefusedUntouched(dir);
    expect(e.message).toMatch(/integrity check/);
  });

  it('an unclean close of an intact database runs the full check, then opens and clears the stale marker', () => {
    const { dir, path } = healthy();
    writeFileSync(`${path}.in-use-2147483646-deadbeef`, '');
    const s = openStore({ dataDir: dir });
    expect(s.fullCheck).toBe(true);
    expect(readdirSync(dir).some((f) => f.includes('2147483646'))).toBe(false);
    s.close();
    const again = openStore({ dataDir: dir });
    expect(again.fullCheck).toBe(false);
    again.close();
  });

  it('a marker of a live process (the app while the CLI opens the same file) is not taken for a crash', () => {
    const { dir } = healthy();
    const app = openStore({ dataDir: dir });
    const cli = openStore({ dataDir: dir });
    expect(cli.fullCheck).toBe(false);
    cli.close();
    expect(readdirSync(dir).filter((f) => f.includes('.in-use-'))).toHaveLength(1); // the app's own
    app.close();
    expect(readdirSync(dir).filter((f) => f.includes('.in-use-'))).toHaveLength(0);
  });

  it('the data folder and the database are private to the user (0700, 0600)', () => {
    const { dir, path } = healthy();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
