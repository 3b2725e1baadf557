import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The Electron executable the electron package would run, or null when it was never downloaded. */
export function electronBinary(): string | null {
  const dir = join(root, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

export const SKIP_REASON =
  'No Electron binary: node_modules/electron/dist is missing (the electron package downloads it on first run, and this machine has no network). Run "npm start" once on a networked machine, then these tests run.';
