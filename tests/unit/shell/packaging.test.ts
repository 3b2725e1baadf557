/**
 * Packaged-build hardening: the fuses electron-builder flips (checked against the option names
 * electron-builder's own schema declares, so a misspelt key cannot pass silently), and the rule
 * that a packaged app ignores the development override of the SQLite native module. Window state
 * is written owner-only, like the data folder.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteBinding } from '../../../src-main/shell/native-binding';
import { dropDevelopmentOverrides } from '../../../src-main/shell/development-env';
import { saveWindowState } from '../../../src-main/shell/window-state';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

describe('electron-builder fuses', () => {
  const config = yaml.load(readFileSync(resolve('build/electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };
  const schema = require('app-builder-lib/scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };

  it('turns off run-as-node, NODE_OPTIONS and inspect arguments; turns on asar integrity and only-load-from-asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('uses only option names electron-builder knows', () => {
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const key of Object.keys(config.electronFuses ?? {})) expect(known, key).toContain(key);
  });
});

describe('the SQLite native module', () => {
  const bundled = '/app/resources/app.asar.unpacked/out/native/better_sqlite3.node';
  it('a packaged app loads only the module it ships, whatever the environment says', () => {
    expect(sqliteBinding({ isPackaged: true, bundled, override: '/tmp/evil.node' })).toBe(bundled);
    expect(sqliteBinding({ isPackaged: true, bundled: null, override: '/tmp/evil.node' })).toBeNull();
  });
  it('in development the override wins, and a blank one is no override', () => {
    expect(sqliteBinding({ isPackaged: false, bundled, override: '/dev/build.node' })).toBe('/dev/build.node');
    expect(sqliteBinding({ isPackaged: false, bundled, override: '  ' })).toBe(bundled);
    expect(sqliteBinding({ isPackaged: false, bundled: null, override: undefined })).toBeNull();
  });
});

describe('window state', () => {
  it('is written owner-only (0600)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'moe-win-')), 'state', 'w.json');
    saveWindowState(file, { width: 1000, height: 700, maximized: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('development-only environment variables', () => {
  // Every MOE_* variable the services and their workers read: none of them is a user setting.
  const servicesDir = resolve('src-main/services');
  const read = new Set<string>();
  for (const f of readdirSync(servicesDir, { recursive: true, encoding: 'utf8' })) {
    if (!f.endsWith('.ts')) continue;
    const text = readFileSync(join(servicesDir, f), 'utf8');
    for (const m of text.matchAll(/process\.env\.(MOE_[A-Z_]+)/g)) read.add(m[1]!);
    // a worker's script override, read by name through workerUrl(…, 'MOE_…')
    for (const m of text.matchAll(/workerUrl\([^)]*'(MOE_[A-Z_]+)'\)/g)) read.add(m[1]!);
  }

  it('a packaged app removes every one the services read before its service process starts', () => {
    expect(read.size).toBeGreaterThan(0);
    const env: Record<string, string | undefined> = { PATH: '/usr/bin' };
    for (const name of read) env[name] = '/tmp/evil.js';
    dropDevelopmentOverrides(env, true);
    expect(env).toEqual({ PATH: '/usr/bin' });
  });
  it('in development they stay, for the tests that set them', () => {
    const env: Record<string, string | undefined> = { MOE_BAND_WORKER_HOLD_AFTER: '3' };
    dropDevelopmentOverrides(env, false);
    expect(env).toEqual({ MOE_BAND_WORKER_HOLD_AFTER: '3' });
  });
});
