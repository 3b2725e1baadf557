/**
 * Fit records (schema/fit-record.ts, migration 10): how a fitted coefficient set was computed,
 * one per set, written by fit.save and carried by duplicates and project files. A record belongs
 * to the set's values: the coefficient-set repository drops it when they are edited by hand.
 */
import type { RepoContext } from '../context';
import { inTransaction } from '../context';
import { StoreError } from '../errors';
import { FIT_RECORD_VERSION, fitRecordSchema, type FitRecord } from '../../schema/fit-record';
import { parseInput } from '../validation';

export type FitRecordRepository = ReturnType<typeof fitRecordRepository>;

export function fitRecordRepository(ctx: RepoContext) {
  const { db } = ctx;
  // Prepared on first use: a store opened with an older list of migrations (tests building an old database) has no table yet.
  const lazy = (sql: string) => {
    let stmt: ReturnType<typeof db.prepare> | null = null;
    return () => (stmt ??= db.prepare(sql));
  };
  const selectOne = lazy('SELECT version, record_json FROM coefficient_set_fits WHERE set_id = ?');
  const upsert = lazy('INSERT OR REPLACE INTO coefficient_set_fits (set_id, version, record_json) VALUES (?, ?, ?)');
  const remove = lazy('DELETE FROM coefficient_set_fits WHERE set_id = ?');
  const copyStmt = lazy('INSERT OR REPLACE INTO coefficient_set_fits (set_id, version, record_json) SELECT ?, version, record_json FROM coefficient_set_fits WHERE set_id = ?');

  return {
    /** Stores `setId`'s record, replacing any before; the record is checked against its schema first (a field named under `fit`). */
    save(setId: string, record: unknown): void {
      const r = parseInput(fitRecordSchema, record, 'fit');
      inTransaction(ctx, () => {
        const set = db.prepare('SELECT published FROM coefficient_sets WHERE id = ?').get(setId) as { published: number } | undefined;
        if (!set) throw new StoreError('not-found', `No coefficient set with id "${setId}" (id)`, { field: 'id' });
        if (set.published) throw new StoreError('read-only', `Coefficient set ${setId} is published: its numbers are the paper's, not a fit made here`, { field: 'id' });
        upsert().run(setId, r.version, JSON.stringify(r));
      });
    },

    /**
     * `setId`'s record, or null when it has none (published, hand-made or hand-edited sets, fits
     * saved before records were kept). A record of a newer version, or one that no longer reads as
     * a record, is refused naming the set and the field.
     */
    find(setId: string): FitRecord | null {
      const row = selectOne().get(setId) as { version: number; record_json: string } | undefined;
      if (!row) return null;
      const where = `the fit record of coefficient set ${setId}`;
      if (row.version > FIT_RECORD_VERSION) {
        throw new StoreError('invalid-input', `${where}: fit record version ${row.version} is newer than this app reads (${FIT_RECORD_VERSION}); update the app`, { field: 'fit.version' });
      }
      let data: unknown;
      try {
        data = JSON.parse(row.record_json);
      } catch (cause) {
        throw new StoreError('invalid-input', `${where} is not JSON (${(cause as Error).message})`, { field: 'fit', cause });
      }
      try {
        return parseInput(fitRecordSchema, data, 'fit');
      } catch (err) {
        if (err instanceof StoreError) throw new StoreError('invalid-input', `${where}: ${err.message}`, { field: err.field ?? 'fit' });
        throw err;
      }
    },

    has(setId: string): boolean {
      return selectOne().get(setId) !== undefined;
    },

    /** Forgets `setId`'s record (its values were edited: they are no longer the fit's). */
    drop(setId: string): void {
      remove().run(setId);
    },

    /** Gives `to` the record of `from` as stored (a copy of the same values is the same fit). */
    copy(from: string, to: string): void {
      copyStmt().run(to, from);
    },
  };
}
