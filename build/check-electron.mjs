#!/usr/bin/env node
/**
 * First step of `npm start`: is Electron's binary there? Electron's package downloads it on
 * first use; offline that fails only after the native rebuild has spent minutes, with a message
 * that does not mention the browser mode. This checks first, tries the download once (bounded),
 * and when there is still no binary says so in one line, pointing to `npm run web`, within seconds.
 *
 * MOE_ELECTRON_DIR points at another electron package folder (the tests use fixtures).
 */
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(import.meta.dirname, '..');

function electronDir() {
  if (process.env.MOE_ELECTRON_DIR) return resolve(process.env.MOE_ELECTRON_DIR);
  return resolve(createRequire(join(root, 'package.json')).resolve('electron/package.json'), '..');
}

/** The binary's path, or null: the same lookup as the electron package's index.js, without its download. */
function binary(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist');
  const full = join(base, executable || 'electron');
  return existsSync(full) ? full : null;
}

const dir = electronDir();
if (binary(dir)) process.exit(0);

// One bounded attempt with Electron's own installer, its output kept out of the way.
const attempt = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
if (binary(dir)) process.exit(0);

const why = attempt.error?.message ?? (`${attempt.stderr ?? ''}`.match(/(?:Error|error)[^\n]*/)?.[0] ?? `installer exited with ${attempt.status}`);
console.error(`Electron's binary could not be downloaded (${why.trim().slice(0, 160)}); \`npm run web\` runs the same app in your browser.`);
process.exit(1);
