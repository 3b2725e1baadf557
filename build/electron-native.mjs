#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into out/native/, leaving node_modules' Node build
 * (used by the tests and the CLI) untouched. Runs from `npm start` and `npm run dist`, where
 * Electron is actually launched or packaged — never from postinstall, because it needs
 * Electron's headers from the network.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const work = join(root, 'out/native-build');
const target = join(root, 'out/native/better_sqlite3.node');
const stamp = join(root, 'out/native/electron-version.txt');

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) {
  console.log(`better-sqlite3 for Electron ${electronVersion} is up to date`);
  process.exit(0);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
for (const dep of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
  cpSync(join(root, 'node_modules', dep), join(work, 'node_modules', dep), { recursive: true });
}
rmSync(join(work, 'node_modules/better-sqlite3/build'), { recursive: true, force: true });
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'native-build', version: '0.0.0', dependencies: { 'better-sqlite3': '*' } }));

const { rebuild } = await import('@electron/rebuild');
console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
mkdirSync(join(root, 'out/native'), { recursive: true });
copyFileSync(join(work, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), target);
writeFileSync(stamp, electronVersion);
console.log(`Wrote ${target}`);
