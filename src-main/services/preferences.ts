/**
 * The reader's preferences, one file in the data folder (`preferences.json`, beside the window
 * state) so the desktop app, the browser mode and the CLI share them without a store migration.
 * The byte convention is read wherever a service writes memory into a sentence, so the warnings
 * and sources match the pages, the reports and the CLI's text.
 */
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BYTE_CONVENTION, BYTE_CONVENTIONS, type ByteConvention } from '../format';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';

export interface Preferences {
  byteConvention: ByteConvention;
}

export const PREFERENCES_FILE = 'preferences.json';
const DEFAULTS: Preferences = { byteConvention: DEFAULT_BYTE_CONVENTION };

/** What is saved, with the defaults for anything missing; a damaged or unreadable file reads as the defaults (it holds nothing that could be lost). */
export function readPreferences(dataDir: string): Preferences {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, PREFERENCES_FILE), 'utf8'));
  } catch {
    return { ...DEFAULTS };
  }
  const saved = (raw ?? {}) as Partial<Record<keyof Preferences, unknown>>;
  return { byteConvention: BYTE_CONVENTIONS.find((c) => c === saved.byteConvention) ?? DEFAULTS.byteConvention };
}

function writePreferences(dataDir: string, p: Preferences): void {
  const file = join(dataDir, PREFERENCES_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, `${JSON.stringify(p, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new ServiceError('disk-full', 'The disk is full: the preferences were not saved', ['byteConvention']);
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw new ServiceError('read-only', `The data folder is read-only: the preferences were not saved (${dataDir})`, ['byteConvention']);
    throw err;
  }
}

/** The convention a service writes memory in: the caller's override (the CLI's --bytes), else the saved preference. */
export function bytesOf(ctx: ServiceContext): ByteConvention {
  return ctx.byteConvention ?? readPreferences(ctx.dataDir).byteConvention;
}

export const preferenceHandlers: Pick<Handlers, 'app.preferences' | 'app.setPreferences'> = {
  'app.preferences': (_req, ctx) => readPreferences(ctx.dataDir),
  'app.setPreferences': (r, ctx) => {
    const next = { ...readPreferences(ctx.dataDir), ...r };
    writePreferences(ctx.dataDir, next);
    return next;
  },
};
