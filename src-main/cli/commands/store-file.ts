/**
 * `store status` and `store restore-backup`: the database file behind every other command, the
 * backups made before each migration, and putting one of them in place of a damaged (or unwanted)
 * database — the app's "Restore a backup" page, for a folder no window can open.
 */
import { resolve } from 'node:path';
import type { ResponseOf } from '../../ipc/contract';
import * as fmt from '../../format';
import { command } from '../command';
import { cliBytes, joinBlocks, table } from '../text';

function statusText(v: ResponseOf<'store.status'>, values: { bytes?: unknown }): string {
  const state = v.ok
    ? `Store: open, schema version ${v.schemaVersion}\nDatabase: ${v.path}`
    : `Store: did not open — ${v.error?.code}: ${v.error?.message}\nDatabase: ${v.path}`;
  const backups = v.backups.length
    ? joinBlocks(
        `${v.backups.length} backup(s), newest first (made before each schema migration):`,
        table(
          ['backup file', 'schema version', 'created', 'size'],
          v.backups.map((b) => [b.path, String(b.schemaVersion), fmt.dateTime(b.createdAt), fmt.bytes(b.sizeBytes, cliBytes(values))]),
        ),
        `To put one in place of the database: moe-workbench store restore-backup BACKUP_FILE (the database it replaces is kept, renamed).`,
      )
    : 'No backups next to the database (one is made before each schema migration).';
  return joinBlocks(state, backups);
}

export const storeFileCommands = [
  command({
    words: ['store', 'status'],
    summary: 'Whether the project store opens, where its database is, and the backups next to it (exit 1 when it does not open)',
    channel: 'store.status',
    example: 'store status',
    flags: {},
    // A store that does not open is the answer, printed in full, and a failure for scripts that check.
    complete: async (value) => ({ value, code: value.ok ? 0 : 1 }),
    format: (v, values) => statusText(v, values),
  }),
  command({
    words: ['store', 'restore-backup'],
    summary: 'Put one of the backups store status lists in place of the database; the database it replaces is kept, renamed',
    channel: 'store.restoreBackup',
    example: 'store restore-backup "$MOE_WORKBENCH_DATA/workbench.backup-v1-20260101T000000000Z.sqlite"',
    flags: {},
    positionals: [{ name: 'BACKUP_FILE', description: 'a backup file as store status lists it (a relative path is read from this folder)' }],
    toRequest: (_values, [file]) => ({ backupPath: resolve(file!) }),
    format: (v) =>
      [
        `Restored the database from ${v.restoredFrom}`,
        v.damagedMovedTo ? `The database it replaced is kept as ${v.damagedMovedTo}` : 'There was no database to replace.',
      ].join('\n'),
  }),
];
