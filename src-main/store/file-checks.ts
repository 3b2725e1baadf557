/**
 * What can be learnt about a database file without SQLite: its header (the first 100 bytes) and
 * its size. SQLite's own quick_check trusts both, so a file cut short passes it.
 * Layout: https://www.sqlite.org/fileformat2.html#the_database_header
 */
import { chmodSync, closeSync, openSync, readSync, statSync } from 'node:fs';

/** The data folder and every file in it belong to the user alone: plans can be confidential. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const MAGIC = 'SQLite format 3\u0000';

export interface FileShape {
  size: number;
  /** Why the file cannot be an intact SQLite database, or null. */
  damage: string | null;
  /**
   * The header's page count disagrees with the file's size. Harmless while a WAL holds pages not
   * yet checkpointed, so it asks for a full integrity check rather than a refusal.
   */
  inconsistent: boolean;
  /** The header promises more pages than the file holds. */
  shorterThanHeader: boolean;
}

export function fileShape(path: string): FileShape {
  const size = statSync(path).size;
  const none = { size, inconsistent: false, shorterThanHeader: false };
  if (size === 0) return { ...none, damage: 'the file is empty (0 bytes)' };
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC) {
    return { ...none, damage: 'it does not start with an SQLite header' };
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return { ...none, damage: `its header gives an impossible page size (${rawPageSize})` };
  if (size % pageSize !== 0) {
    return { ...none, damage: `its size (${size} bytes) is not a whole number of ${pageSize}-byte pages: the file was cut short or extended` };
  }
  // the in-header page count is only meaningful when "version-valid-for" equals the change counter
  const headerValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  const headerPages = header.readUInt32BE(28);
  const filePages = size / pageSize;
  const inconsistent = !headerValid || headerPages !== filePages;
  return { size, damage: null, inconsistent, shorterThanHeader: headerValid && headerPages > filePages };
}

/** chmod to owner-only; a file system that cannot (FAT, some network shares) is left as it is. */
export function makePrivate(path: string, mode: number = PRIVATE_FILE_MODE): void {
  try {
    chmodSync(path, mode);
  } catch {
    // not ours to change, or no POSIX modes here: nothing more can be done
  }
}
