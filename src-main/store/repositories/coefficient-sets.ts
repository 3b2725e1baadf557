/**
 * Coefficient sets. Published sets (from the seed) are read-only, so a citation always means
 * the paper's numbers; the user duplicates one to edit it, or saves a fit, as a user set.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LawId } from '../../engine/common/coefficients';
import { coefficientHash } from '../content-hash';
import { inTransaction, uniqueName, type RepoContext } from '../context';
import { notFound, StoreError } from '../errors';
import type { CoefficientSetRow, StoreProvenance } from '../types';
import type { FitRecordRepository } from './fit-records';
import { coefficientValuesSchema, lawSchema, nameSchema, notesSchema, parseInput, requireId } from '../validation';

export interface CoefficientSetInput {
  law: LawId;
  name: string;
  values: Record<string, number>;
  /** 'user-fit' (default) for a fitter result, 'user-edited' for hand-edited numbers. */
  provenance?: 'user-fit' | 'user-edited';
  citation?: string;
  source?: string;
  notes?: string;
}

export interface CoefficientSetPatch {
  name?: string;
  values?: Record<string, number>;
  citation?: string;
  source?: string;
  notes?: string;
}

export interface DuplicateCoefficientSetOptions {
  name?: string;
  /** Replaces values (merged over the original's). */
  values?: Record<string, number>;
  notes?: string;
}

const createSchema = z.object({
  law: lawSchema,
  name: nameSchema,
  values: coefficientValuesSchema,
  provenance: z.enum(['user-fit', 'user-edited']).optional(),
  citation: z.string().max(2000).optional(),
  source: z.string().max(2000).optional(),
  notes: notesSchema.optional(),
});
const replicatesSchema = z.array(coefficientValuesSchema).min(1, 'must hold at least one replicate').max(10_000, 'must hold at most 10000 replicates');
const patchSchema = z.object({
  name: nameSchema.optional(),
  values: coefficientValuesSchema.optional(),
  citation: z.string().max(2000).optional(),
  source: z.string().max(2000).optional(),
  notes: notesSchema.optional(),
});
const duplicateSchema = z.object({
  name: nameSchema.optional(),
  values: z.record(z.string().min(1), z.number().refine(Number.isFinite, 'must be a finite number')).optional(),
  notes: notesSchema.optional(),
});

interface Raw {
  id: string;
  law: string;
  name: string;
  citation: string;
  provenance: string;
  source: string;
  values_json: string;
  notes: string;
  published: number;
  seed_version: number | null;
  derived_from: string | null;
  content_hash: string;
  created_at: string;
  updated_at: string;
  has_fit: number;
}

/** Every column, and whether the set keeps a fit record (migration 10). */
const COLUMNS = 'coefficient_sets.*, EXISTS (SELECT 1 FROM coefficient_set_fits f WHERE f.set_id = coefficient_sets.id) AS has_fit';

function toRow(r: Raw): CoefficientSetRow {
  return {
    id: r.id,
    law: r.law as LawId,
    name: r.name,
    citation: r.citation,
    provenance: r.provenance as StoreProvenance,
    source: r.source,
    values: JSON.parse(r.values_json) as Record<string, number>,
    notes: r.notes,
    published: r.published === 1,
    seedVersion: r.seed_version,
    derivedFrom: r.derived_from,
    contentHash: r.content_hash,
    hasFitRecord: r.has_fit === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function readOnly(set: CoefficientSetRow): StoreError {
  return new StoreError(
    'read-only',
    `Coefficient set "${set.name}" (${set.id}) is published and read-only; duplicate it to make an editable copy`,
    { field: 'id' },
  );
}

export type CoefficientSetRepository = ReturnType<typeof coefficientSetRepository>;

export function coefficientSetRepository(ctx: RepoContext, fits: FitRecordRepository) {
  const { db } = ctx;
  // Prepared on first use: it reads migration 10's table, which a store opened with older migrations (tests) lacks.
  let selectOneStmt: ReturnType<typeof db.prepare> | null = null;
  const selectOne = () => (selectOneStmt ??= db.prepare(`SELECT ${COLUMNS} FROM coefficient_sets WHERE id = ?`));
  const insertStmt = db.prepare(
    `INSERT INTO coefficient_sets (id, law, name, citation, provenance, source, values_json, notes, published,
       seed_version, derived_from, content_hash, created_at, updated_at)
     VALUES (@id, @law, @name, @citation, @provenance, @source, @valuesJson, @notes, 0, NULL, @derivedFrom,
       @hash, @now, @now)`,
  );

  function find(id: string): CoefficientSetRow | null {
    const r = selectOne().get(id) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  function get(id: string): CoefficientSetRow {
    const row = find(requireId(id));
    if (!row) throw notFound('coefficient set', id);
    return row;
  }

  function insertUserSet(s: {
    law: LawId;
    name: string;
    citation: string;
    provenance: StoreProvenance;
    source: string;
    values: Record<string, number>;
    notes: string;
    derivedFrom: string | null;
    id?: string;
  }): CoefficientSetRow {
    const id = s.id ?? randomUUID();
    insertStmt.run({ ...s, id, valuesJson: JSON.stringify(s.values), hash: coefficientHash(s), now: ctx.now() });
    return get(id);
  }

  function insertCreated(p: z.infer<typeof createSchema>): CoefficientSetRow {
    return insertUserSet({
      law: p.law,
      name: p.name,
      citation: p.citation ?? '',
      provenance: p.provenance ?? 'user-fit',
      source: p.source ?? '',
      values: p.values,
      notes: p.notes ?? '',
      derivedFrom: null,
    });
  }

  function insertReplicates(id: string, list: ReadonlyArray<Record<string, number>>): void {
    db.prepare('INSERT OR REPLACE INTO coefficient_set_replicates (set_id, replicates_json, count) VALUES (?, ?, ?)').run(id, JSON.stringify(list), list.length);
  }

  return {
    /** Published first, then user sets; each by name. */
    list(filter: { law?: LawId; published?: boolean } = {}): CoefficientSetRow[] {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (filter.law !== undefined) {
        where.push('law = @law');
        params['law'] = parseInput(lawSchema, filter.law, 'law');
      }
      if (filter.published !== undefined) {
        where.push('published = @published');
        params['published'] = filter.published ? 1 : 0;
      }
      const sql = `SELECT ${COLUMNS} FROM coefficient_sets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                   ORDER BY published DESC, name COLLATE NOCASE, id`;
      return (db.prepare(sql).all(params) as Raw[]).map(toRow);
    },
    find,
    get,

    /** Each set's id and content hash: what a scenario saved now would record for it. */
    contentHashes(): Array<[string, string]> {
      return db.prepare('SELECT id, content_hash FROM coefficient_sets').raw().all() as Array<[string, string]>;
    },

    /** Saves a user set, e.g. the fitter's result. */
    create(input: CoefficientSetInput): CoefficientSetRow {
      const p = parseInput(createSchema, input);
      return inTransaction(ctx, () => insertCreated(p));
    },

    /**
     * Saves a fit as a user set with its bootstrap replicates (none: an empty list) and its fit
     * record, all or nothing: a save refused half-way leaves no set behind to be saved twice.
     */
    createFit(input: CoefficientSetInput, fit: { replicates: ReadonlyArray<Record<string, number>>; record: unknown }): CoefficientSetRow {
      const p = parseInput(createSchema, input);
      const replicates = fit.replicates.length ? parseInput(replicatesSchema, fit.replicates, 'replicates') : null;
      return inTransaction(ctx, () => {
        const row = insertCreated(p);
        if (replicates) insertReplicates(row.id, replicates);
        fits.save(row.id, fit.record);
        return get(row.id);
      });
    },

    /**
     * An editable copy: 'user-edited' unless it copies a user fit unchanged. An unchanged copy is
     * the same fit, so it keeps the original's bootstrap replicates and fit record (its bands are
     * the original's); a changed one is not, and has neither.
     */
    duplicate(id: string, options: DuplicateCoefficientSetOptions = {}): CoefficientSetRow {
      const o = parseInput(duplicateSchema, options);
      return inTransaction(ctx, () => {
        const original = get(id);
        const values = { ...original.values, ...(o.values ?? {}) };
        const changed = coefficientHash({ law: original.law, values }) !== original.contentHash;
        const taken = (db.prepare('SELECT name FROM coefficient_sets').all() as { name: string }[]).map((r) => r.name);
        const copy = insertUserSet({
          law: original.law,
          name: o.name ?? uniqueName(original.name, taken),
          citation: original.citation,
          provenance: original.provenance === 'user-fit' && !changed ? 'user-fit' : 'user-edited',
          source: `Duplicated from "${original.name}" (${original.id})${original.source ? `; ${original.source}` : ''}`,
          values,
          notes: o.notes ?? original.notes,
          derivedFrom: original.id,
        });
        if (changed) return copy;
        db.prepare('INSERT INTO coefficient_set_replicates (set_id, replicates_json, count) SELECT ?, replicates_json, count FROM coefficient_set_replicates WHERE set_id = ?').run(copy.id, original.id);
        if (original.hasFitRecord) fits.copy(original.id, copy.id);
        return get(copy.id);
      });
    },

    update(id: string, patch: CoefficientSetPatch): CoefficientSetRow {
      const p = parseInput(patchSchema, patch);
      return inTransaction(ctx, () => {
        const current = get(id);
        if (current.published) throw readOnly(current);
        const next = { ...current, ...p };
        const hash = coefficientHash(next);
        // hand-edited numbers are no longer a pure fit
        const provenance = hash !== current.contentHash && current.provenance === 'user-fit' ? 'user-edited' : current.provenance;
        db.prepare(
          `UPDATE coefficient_sets SET name = @name, values_json = @valuesJson, citation = @citation, source = @source,
             notes = @notes, provenance = @provenance, content_hash = @hash, updated_at = @now WHERE id = @id`,
        ).run({
          id,
          name: next.name,
          valuesJson: JSON.stringify(next.values),
          citation: next.citation,
          source: next.source,
          notes: next.notes,
          provenance,
          hash,
          now: ctx.now(),
        });
        // Replicates and the record describe the fit; hand-edited numbers are no longer that fit (a
        // rename, or the same numbers sent again, keeps both).
        if (hash !== current.contentHash) {
          db.prepare('DELETE FROM coefficient_set_replicates WHERE set_id = ?').run(id);
          fits.drop(id);
        }
        return get(id);
      });
    },

    /** Stores a user set's bootstrap replicates (each a full set of values), replacing any before. */
    saveReplicates(id: string, replicates: ReadonlyArray<Record<string, number>>): void {
      const list = parseInput(replicatesSchema, replicates, 'replicates');
      inTransaction(ctx, () => {
        const current = get(id);
        if (current.published) throw readOnly(current);
        insertReplicates(id, list);
      });
    },

    /** A set's bootstrap replicates, or null when it has none (published sets, hand-made sets, fits without bootstrap). */
    replicates(id: string): Array<Record<string, number>> | null {
      const r = db.prepare('SELECT replicates_json FROM coefficient_set_replicates WHERE set_id = ?').get(id) as { replicates_json: string } | undefined;
      return r ? (JSON.parse(r.replicates_json) as Array<Record<string, number>>) : null;
    },

    delete(id: string): void {
      inTransaction(ctx, () => {
        const current = get(id);
        if (current.published) throw readOnly(current);
        db.prepare('DELETE FROM coefficient_sets WHERE id = ?').run(id);
      });
    },

    /** The id an imported set gets: its own while free here, else a fresh one. */
    importId(fileId: string): string {
      return db.prepare('SELECT 1 FROM coefficient_sets WHERE id = ?').get(fileId) ? randomUUID() : fileId;
    },

    /**
     * Used by import: adds a set from another machine as a user set (provenance kept; a fresh name
     * if taken) under `id`, which the import chose beforehand with importId and must still be free.
     */
    insertImported(s: Omit<CoefficientSetRow, 'published' | 'seedVersion' | 'contentHash' | 'hasFitRecord' | 'createdAt' | 'updatedAt'>, id: string): CoefficientSetRow {
      const taken = (db.prepare('SELECT name FROM coefficient_sets').all() as { name: string }[]).map((r) => r.name);
      return insertUserSet({ ...s, id, name: uniqueName(s.name, taken) });
    },
  };
}
