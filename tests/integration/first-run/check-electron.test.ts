/**
 * `npm start` checks for Electron's binary first (build/check-electron.mjs): present → on at once,
 * without a download; missing and not downloadable → one line naming `npm run web`, exit 1;
 * missing but downloadable → on. Run against fixture electron package folders whose install.js
 * stands in for the download.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = resolve(__dirname, '../../../build/check-electron.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'moe-electron-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** An electron package folder; `installer` is the body of its install.js. */
function fixture(name: string, opts: { binary: boolean; installer: string }): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  if (opts.binary) {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    writeFileSync(join(dir, 'dist/electron'), '');
  }
  writeFileSync(join(dir, 'install.js'), opts.installer);
  return dir;
}

function run(dir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, MOE_ELECTRON_DIR: dir };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  return spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 30_000 });
}

const MARK = "require('fs').writeFileSync(require('path').join(__dirname, 'attempted'), '');";

describe('npm start: the Electron binary check', () => {
  it('goes on at once when the binary is there, without trying a download', () => {
    const dir = fixture('present', { binary: true, installer: MARK });
    const r = run(dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'attempted'))).toBe(false);
  });

  it('says in one line that it could not be downloaded and that npm run web runs the app, and fails', () => {
    const dir = fixture('offline', {
      binary: false,
      installer: `${MARK}\nconsole.error('RequestError: getaddrinfo ENOTFOUND github.com');\nprocess.exit(1);`,
    });
    const r = run(dir);
    expect(existsSync(join(dir, 'attempted'))).toBe(true);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/could not be downloaded/);
    expect(lines[0]).toContain('npm run web');
    expect(lines[0]).toContain('ENOTFOUND');
  });

  it('goes on when the one download attempt brings the binary', () => {
    const dir = fixture('online', {
      binary: false,
      installer: `const fs = require('fs'); const p = require('path');\nfs.writeFileSync(p.join(__dirname, 'path.txt'), 'electron');\nfs.writeFileSync(p.join(__dirname, 'dist/electron'), '');`,
    });
    const r = run(dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
