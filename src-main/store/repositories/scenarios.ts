/**
 * Scenarios: a wizard's inputs and a snapshot of its results. The snapshot is never recomputed
 * here; instead each scenario records the content hash of the hardware profile and coefficient
 * set it used when the snapshot was taken, and reading it compares those with the current ones
 * (inputsChanged), so the UI can offer to recompute.
 */
import { z } from 'zod';
import {
  containsPattern,
  inTransaction,
  orderClause,
  resolveList,
  trashClause,
  uniqueName,
  type ListOptions,
  type RepoContext,
} from '../context';
import { timeOrderedId } from '../ids';
import { ROW_COLUMNS } from '../import-rows';
import { PROJECTS_BEING_IMPORTED } from '../import-staging';
import { notFound } from '../errors';
import { assertJsonValue, fingerprint, type JsonValue } from '../json-value';
import type { InputChange, Page, ScenarioRow, ScenarioSummary } from '../types';
import { idSchema, nameSchema, normaliseTags, notesSchema, parseInput, requireId, tagSchema, wizardSchema } from '../validation';
import type { ProjectRepository } from './projects';

export interface ScenarioInput {
  projectId: string;
  name: string;
  wizard: string;
  inputs: unknown;
  /** Results snapshot; omit or null when not computed yet. */
  results?: unknown;
  notes?: string;
  tags?: string[];
  hardwareProfileId?: string | null;
  coefficientSetId?: string | null;
}

/**
 * Passing `results` (even unchanged) re-takes the snapshot: the current hashes of the profile
 * and set are recorded again and inputsChanged clears. Changing a profile or set id without
 * new results leaves the scenario marked as changed until it is recomputed.
 */
export interface ScenarioPatch {
  name?: string;
  wizard?: string;
  inputs?: unknown;
  results?: unknown;
  notes?: string;
  tags?: string[];
  hardwareProfileId?: string | null;
  coefficientSetId?: string | null;
}

export interface ScenarioListOptions extends ListOptions {
  projectId?: string;
  /** Only scenarios carrying this tag (exact, case-insensitive). */
  tag?: string;
  wizard?: string;
}

const tagsSchema = z.array(tagSchema).max(50, 'at most 50 tags');
const refSchema = idSchema.nullable().optional();
const createSchema = z.object({
  projectId: idSchema,
  name: nameSchema,
  wizard: wizardSchema,
  inputs: z.unknown(),
  results: z.unknown().optional(),
  notes: notesSchema.optional(),
  tags: tagsSchema.optional(),
  hardwareProfileId: refSchema,
  coefficientSetId: refSchema,
});
const patchSchema = z.object({
  name: nameSchema.optional(),
  wizard: wizardSchema.optional(),
  inputs: z.unknown().optional(),
  results: z.unknown().optional(),
  notes: notesSchema.optional(),
  tags: tagsSchema.optional(),
  hardwareProfileId: refSchema,
  coefficientSetId: refSchema,
});
const listSchema = z.object({
  projectId: idSchema.optional(),
  tag: z.string().trim().min(1).optional(),
  wizard: wizardSchema.optional(),
});

interface RawSummary {
  id: string;
  project_id: string;
  name: string;
  wizard: string;
  inputs_fingerprint: string;
  hardware_profile_id: string | null;
  hardware_profile_hash: string | null;
  coefficient_set_id: string | null;
  coefficient_set_hash: string | null;
  has_results: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  hw_current: string | null;
  cs_current: string | null;
  tags_json: string;
}
interface RawFull extends RawSummary {
  inputs_json: string;
  results_json: string | null;
  notes: string;
}

// Current hashes come from joins, so staleness costs no extra query per row.
const SUMMARY_COLUMNS = `s.id, s.project_id, s.name, s.wizard, s.inputs_fingerprint,
  s.hardware_profile_id, s.hardware_profile_hash, s.coefficient_set_id, s.coefficient_set_hash,
  s.results_json IS NOT NULL AS has_results, s.created_at, s.updated_at, s.deleted_at,
  h.content_hash AS hw_current, c.content_hash AS cs_current,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM scenario_tags t WHERE t.scenario_id = s.id ORDER BY tag COLLATE NOCASE)) AS tags_json`;
const FROM = `FROM scenarios s
  LEFT JOIN hardware_profiles h ON h.id = s.hardware_profile_id AND h.hidden = 0
  LEFT JOIN coefficient_sets c ON c.id = s.coefficient_set_id`;

const TAGGED_ROWIDS = 'SELECT x.rowid FROM scenario_tags t JOIN scenarios x ON x.id = t.scenario_id';

function changesOf(r: RawSummary): InputChange[] {
  if (r.has_results !== 1) return []; // nothing computed, nothing stale
  const out: InputChange[] = [];
  if (r.hardware_profile_id !== null) {
    if (r.hw_current === null) out.push({ input: 'hardwareProfile', id: r.hardware_profile_id, reason: 'deleted' });
    else if (r.hw_current !== r.hardware_profile_hash) out.push({ input: 'hardwareProfile', id: r.hardware_profile_id, reason: 'edited' });
  }
  if (r.coefficient_set_id !== null) {
    if (r.cs_current === null) out.push({ input: 'coefficientSet', id: r.coefficient_set_id, reason: 'deleted' });
    else if (r.cs_current !== r.coefficient_set_hash) out.push({ input: 'coefficientSet', id: r.coefficient_set_id, reason: 'edited' });
  }
  return out;
}

function toSummary(r: RawSummary): ScenarioSummary {
  const changedInputs = changesOf(r);
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    wizard: r.wizard,
    tags: JSON.parse(r.tags_json) as string[],
    inputsFingerprint: r.inputs_fingerprint,
    hardwareProfileId: r.hardware_profile_id,
    coefficientSetId: r.coefficient_set_id,
    inputsChanged: changedInputs.length > 0,
    changedInputs,
    hasResults: r.has_results === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

function toRow(r: RawFull): ScenarioRow {
  return {
    ...toSummary(r),
    inputs: JSON.parse(r.inputs_json) as JsonValue,
    results: r.results_json === null ? null : (JSON.parse(r.results_json) as JsonValue),
    notes: r.notes,
  };
}

/** The text as one FTS5 phrase: with the trigram tokenizer, rows containing it as a substring. */
const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

export type ScenarioRepository = ReturnType<typeof scenarioRepository>;

export function scenarioRepository(ctx: RepoContext, projects: ProjectRepository) {
  const { db } = ctx;
  const selectOne = db.prepare(`SELECT ${SUMMARY_COLUMNS}, s.inputs_json, s.results_json, s.notes ${FROM} WHERE s.id = ?`);
  const selectSummaries = db.prepare(`SELECT s.rowid AS r, ${SUMMARY_COLUMNS} ${FROM} WHERE s.rowid IN (SELECT value FROM json_each(?))`);
  const hwHash = db.prepare('SELECT content_hash FROM hardware_profiles WHERE id = ? AND hidden = 0');
  const csHash = db.prepare('SELECT content_hash FROM coefficient_sets WHERE id = ?');
  const insertStmt = db.prepare(
    `INSERT INTO scenarios (id, project_id, name, wizard, inputs_json, results_json, inputs_fingerprint, notes,
       hardware_profile_id, hardware_profile_hash, coefficient_set_id, coefficient_set_hash, created_at, updated_at)
     VALUES (@id, @projectId, @name, @wizard, @inputsJson, @resultsJson, @fingerprint, @notes,
       @hardwareProfileId, @hardwareProfileHash, @coefficientSetId, @coefficientSetHash, @createdAt, @updatedAt)`,
  );
  // an import's rows, UTF-8 JSON arrays in import-rows.ts's ROW_COLUMNS order ('->>' gives SQL
  // text, or NULL for JSON null); bound as blobs, read as text (a blob would be taken for JSONB)
  const insertRowsStmt = db.prepare(
    `INSERT INTO scenarios (project_id, ${ROW_COLUMNS.join(', ')})
     SELECT @projectId, ${ROW_COLUMNS.map((_, i) => `r->>${i}`).join(', ')}
     FROM (SELECT value AS r FROM json_each(CAST(@rows AS TEXT)) ORDER BY key)`,
  );
  const insertTagRows = db.prepare(
    'INSERT OR IGNORE INTO scenario_tags (scenario_id, tag) SELECT value->>0, value->>1 FROM json_each(CAST(? AS TEXT)) ORDER BY key',
  );
  const deleteTags = db.prepare('DELETE FROM scenario_tags WHERE scenario_id = ?');
  const insertTag = db.prepare('INSERT OR IGNORE INTO scenario_tags (scenario_id, tag) VALUES (?, ?)');

  // Past this many rows containing the text, walking the sorted index once and testing each name
  // beats looking each candidate up and sorting them.
  const INDEX_CANDIDATES = 2000;
  const candidates = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM scenario_search WHERE scenario_search MATCH ? LIMIT ${INDEX_CANDIDATES + 1})`).pluck();
  /** Whether the trigram index narrows a search to a few rows (cost: at most INDEX_CANDIDATES index reads). */
  function fewCandidates(search: string): boolean {
    return (candidates.get(ftsPhrase(search)) as number) <= INDEX_CANDIDATES;
  }

  /** How many rows match, counting no further than `cap` (null: all of them). */
  function countMatches(fromWhere: string, params: Record<string, unknown>, cap: number | null): number {
    if (cap === null) return db.prepare(`SELECT count(*) ${fromWhere}`).pluck().get(params) as number;
    return db.prepare(`SELECT count(*) FROM (SELECT 1 ${fromWhere} LIMIT @cap)`).pluck().get({ ...params, cap }) as number;
  }

  function find(id: string): ScenarioRow | null {
    const r = selectOne.get(id) as RawFull | undefined;
    return r ? toRow(r) : null;
  }

  function get(id: string): ScenarioRow {
    const row = find(requireId(id));
    if (!row) throw notFound('scenario', id);
    return row;
  }

  /** The hash to record for a reference; unknown ids are refused at write time. */
  function currentHash(kind: 'hardwareProfileId' | 'coefficientSetId', id: string | null): string | null {
    if (id === null) return null;
    const r = (kind === 'hardwareProfileId' ? hwHash : csHash).get(id) as { content_hash: string } | undefined;
    if (!r) throw notFound(kind === 'hardwareProfileId' ? 'hardware profile' : 'coefficient set', id, kind);
    return r.content_hash;
  }

  function lookupHash(stmt: typeof hwHash, id: string | null): string | null {
    if (id === null) return null;
    return (stmt.get(id) as { content_hash: string } | undefined)?.content_hash ?? null;
  }

  function writeTags(id: string, tags: readonly string[]): void {
    deleteTags.run(id);
    for (const t of normaliseTags(tags)) insertTag.run(id, t);
  }

  function liveNamesIn(projectId: string): string[] {
    return (db.prepare('SELECT name FROM scenarios WHERE project_id = ? AND deleted_at IS NULL').all(projectId) as { name: string }[]).map(
      (r) => r.name,
    );
  }

  /** The unique name for a copy, looking only at names sharing its root (an index range, not the whole project). */
  function uniqueNameIn(projectId: string, base: string): string {
    const root = base.replace(/ \(\d+\)$/, '');
    const rows = db
      .prepare(
        `SELECT name FROM scenarios WHERE project_id = ? AND deleted_at IS NULL
           AND (name COLLATE NOCASE IN (?, ?) OR (name COLLATE NOCASE >= ? AND name COLLATE NOCASE < ?))`,
      )
      .pluck()
      .all(projectId, base, root, `${root} (`, `${root} )`) as string[];
    return uniqueName(base, rows);
  }

  /**
   * Shared by create and duplicate: the caller has validated and made the name unique. Without
   * hashes the current ones are recorded (create); a copy passes its original's.
   */
  function insert(
    s: {
      projectId: string;
      name: string;
      wizard: string;
      inputs: JsonValue;
      results: JsonValue | null;
      notes: string;
      tags: readonly string[];
      hardwareProfileId: string | null;
      coefficientSetId: string | null;
      hardwareProfileHash?: string | null;
      coefficientSetHash?: string | null;
    },
  ): string {
    const id = timeOrderedId();
    const now = ctx.now();
    insertStmt.run({
      id,
      projectId: s.projectId,
      name: s.name,
      wizard: s.wizard,
      inputsJson: JSON.stringify(s.inputs),
      resultsJson: s.results === null ? null : JSON.stringify(s.results),
      fingerprint: fingerprint(s.inputs),
      notes: s.notes,
      hardwareProfileId: s.hardwareProfileId,
      hardwareProfileHash: s.hardwareProfileHash !== undefined ? s.hardwareProfileHash : currentHash('hardwareProfileId', s.hardwareProfileId),
      coefficientSetId: s.coefficientSetId,
      coefficientSetHash: s.coefficientSetHash !== undefined ? s.coefficientSetHash : currentHash('coefficientSetId', s.coefficientSetId),
      createdAt: now,
      updatedAt: now,
    });
    writeTags(id, s.tags);
    return id;
  }

  /**
   * An import's chunk of scenarios (rows made by import-rows.ts) into `projectId`, in two
   * statements. Each statement that writes the trigram index flushes FTS5's pending terms when it
   * ends, so one INSERT per row left the index in thousands of tiny segments to merge: 10,000 rows
   * cost about ten times the same rows written as a few multi-row statements. The caller holds the
   * transaction.
   *
   * Tags go in before their scenarios (foreign keys checked at commit): a tag added to an
   * existing scenario rewrites its index row (migration 7's trigger), two rewrites for two tags,
   * whereas one added before its scenario exists writes nothing, and the scenario's insert then
   * indexes its name and all its tags at once (migration 9): one index write per scenario.
   */
  function insertRows(projectId: string, rows: { scenarios: Uint8Array; tags: Uint8Array | null }): void {
    if (!db.inTransaction) throw new Error('insertRows runs inside the caller’s transaction');
    // reset by SQLite at the end of the transaction
    db.pragma('defer_foreign_keys = ON');
    if (rows.tags) insertTagRows.run(rows.tags);
    insertRowsStmt.run({ projectId, rows: rows.scenarios });
  }

  function requireLiveProject(projectId: string): void {
    const state = projects.liveState(projectId, 'projectId');
    if (state === 'missing') throw notFound('project', projectId, 'projectId');
    if (state === 'trashed') throw notFound('project (it is in the trash)', projectId, 'projectId');
  }

  function update(id: string, patch: ScenarioPatch): ScenarioRow {
    const p = parseInput(patchSchema, patch);
    if ('inputs' in p && p.inputs !== undefined) assertJsonValue(p.inputs, 'inputs');
    if ('results' in p && p.results !== undefined) assertJsonValue(p.results, 'results');
    return inTransaction(ctx, () => {
      const raw = db.prepare('SELECT * FROM scenarios WHERE id = ?').get(requireId(id)) as
        | {
            project_id: string;
            name: string;
            wizard: string;
            inputs_json: string;
            results_json: string | null;
            inputs_fingerprint: string;
            notes: string;
            hardware_profile_id: string | null;
            hardware_profile_hash: string | null;
            coefficient_set_id: string | null;
            coefficient_set_hash: string | null;
          }
        | undefined;
      if (!raw) throw notFound('scenario', id);
      const hwId = p.hardwareProfileId !== undefined ? p.hardwareProfileId : raw.hardware_profile_id;
      const csId = p.coefficientSetId !== undefined ? p.coefficientSetId : raw.coefficient_set_id;
      // a new reference must exist; a kept one may have been deleted since (it then reads as 'deleted')
      const hwNow = hwId === raw.hardware_profile_id ? lookupHash(hwHash, hwId) : currentHash('hardwareProfileId', hwId);
      const csNow = csId === raw.coefficient_set_id ? lookupHash(csHash, csId) : currentHash('coefficientSetId', csId);
      const resnapshot = p.results !== undefined;
      // without new results, a switched reference gets no hash, so it reads as changed
      const hwHashToStore = resnapshot ? hwNow : hwId === raw.hardware_profile_id ? raw.hardware_profile_hash : null;
      const csHashToStore = resnapshot ? csNow : csId === raw.coefficient_set_id ? raw.coefficient_set_hash : null;
      const inputs = p.inputs !== undefined ? (p.inputs as JsonValue) : undefined;
      db.prepare(
        `UPDATE scenarios SET name = @name, wizard = @wizard, inputs_json = @inputsJson, inputs_fingerprint = @fingerprint,
           results_json = @resultsJson, notes = @notes, hardware_profile_id = @hwId, hardware_profile_hash = @hwHash,
           coefficient_set_id = @csId, coefficient_set_hash = @csHash, updated_at = @now WHERE id = @id`,
      ).run({
        id,
        name: p.name ?? raw.name,
        wizard: p.wizard ?? raw.wizard,
        inputsJson: inputs !== undefined ? JSON.stringify(inputs) : raw.inputs_json,
        fingerprint: inputs !== undefined ? fingerprint(inputs) : raw.inputs_fingerprint,
        resultsJson: resnapshot ? (p.results === null ? null : JSON.stringify(p.results)) : raw.results_json,
        notes: p.notes ?? raw.notes,
        hwId,
        hwHash: hwHashToStore,
        csId,
        csHash: csHashToStore,
        now: ctx.now(),
      });
      if (p.tags !== undefined) writeTags(id, p.tags);
      projects.touch(raw.project_id);
      return get(id);
    });
  }

  return {
    find,
    get,
    update,
    insertRows,
    liveNamesIn,

    create(input: ScenarioInput): ScenarioRow {
      const p = parseInput(createSchema, input);
      assertJsonValue(p.inputs, 'inputs');
      const results = p.results === undefined ? null : p.results;
      assertJsonValue(results, 'results');
      return inTransaction(ctx, () => {
        requireLiveProject(p.projectId);
        const id = insert({
          projectId: p.projectId,
          name: p.name,
          wizard: p.wizard,
          inputs: p.inputs as JsonValue,
          results,
          notes: p.notes ?? '',
          tags: p.tags ?? [],
          hardwareProfileId: p.hardwareProfileId ?? null,
          coefficientSetId: p.coefficientSetId ?? null,
        });
        projects.touch(p.projectId);
        return get(id);
      });
    },

    rename(id: string, name: string): ScenarioRow {
      return update(id, { name });
    },

    setTags(id: string, tags: string[]): ScenarioRow {
      return update(id, { tags });
    },

    /** Stores a recomputed snapshot and clears inputsChanged. */
    saveResults(id: string, results: unknown): ScenarioRow {
      return update(id, { results: results ?? null });
    },

    /** A copy in the same project (or `projectId`), named "Name (2)" etc. unless `name` is given. */
    duplicate(id: string, options: { name?: string; projectId?: string } = {}): ScenarioRow {
      const name = options.name === undefined ? undefined : parseInput(nameSchema, options.name, 'name');
      return inTransaction(ctx, () => {
        const original = get(id);
        const projectId = options.projectId ?? original.projectId;
        requireLiveProject(projectId);
        const raw = db.prepare('SELECT hardware_profile_hash, coefficient_set_hash FROM scenarios WHERE id = ?').get(original.id) as {
          hardware_profile_hash: string | null;
          coefficient_set_hash: string | null;
        };
        const newId = insert({
          projectId,
          name: name ?? uniqueNameIn(projectId, original.name),
          wizard: original.wizard,
          inputs: original.inputs,
          results: original.results,
          notes: original.notes,
          tags: original.tags,
          hardwareProfileId: original.hardwareProfileId,
          coefficientSetId: original.coefficientSetId,
          // a copy is exactly as fresh or stale as its original
          hardwareProfileHash: raw.hardware_profile_hash,
          coefficientSetHash: raw.coefficient_set_hash,
        });
        projects.touch(projectId);
        return get(newId);
      });
    },

    /** Soft delete: the scenario goes to the trash until restored or the trash is emptied. */
    delete(id: string): ScenarioRow {
      return inTransaction(ctx, () => {
        const s = get(id);
        db.prepare('UPDATE scenarios SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(ctx.now(), s.id);
        projects.touch(s.projectId);
        return get(id);
      });
    },

    restore(id: string): ScenarioRow {
      return inTransaction(ctx, () => {
        const s = get(id);
        db.prepare('UPDATE scenarios SET deleted_at = NULL WHERE id = ?').run(s.id);
        projects.touch(s.projectId);
        return get(id);
      });
    },

    /**
     * Summaries (no inputs/results, which can be large) sorted and paged. `search` matches the
     * name or any tag; scenarios of a trashed project are left out unless the trash is asked for.
     */
    list(options: ScenarioListOptions = {}): Page<ScenarioSummary> {
      const { projectId, tag, wizard, ...rest } = options;
      const f = parseInput(listSchema, { projectId, tag, wizard });
      const o = resolveList(rest);
      const where = [trashClause('s.deleted_at', o.trash)];
      const params: Record<string, unknown> = {};
      if (f.projectId !== undefined) {
        where.push('s.project_id = @projectId');
        params['projectId'] = f.projectId;
      }
      // across projects, a trashed project hides its scenarios; asked for by id, it shows them
      if (f.projectId === undefined) {
        // projects still being imported are invisible with their scenarios (store/import-staging.ts)
        if (o.trash === 'exclude') where.push('s.project_id IN (SELECT id FROM projects WHERE deleted_at IS NULL AND importing_pid IS NULL)');
        else where.push(`s.project_id NOT IN (${PROJECTS_BEING_IMPORTED})`);
      }
      let from = 'FROM scenarios s';
      let viaIndex = false;
      if (o.search) {
        params['q'] = containsPattern(o.search);
        viaIndex = [...o.search].length >= 3 && fewCandidates(o.search);
        if (viaIndex) {
          // the trigram index gives the candidates (CROSS JOIN keeps it the outer loop); LIKE on
          // the name or a tag stays the exact test, so results are what a scan would give
          from = 'FROM scenario_search f CROSS JOIN scenarios s ON s.rowid = f.rowid';
          where.push('scenario_search MATCH @m');
          params['m'] = ftsPhrase(o.search);
          where.push(`(s.name LIKE @q ESCAPE '\\' OR EXISTS (SELECT 1 FROM scenario_tags t WHERE t.scenario_id = s.id AND t.tag LIKE @q ESCAPE '\\'))`);
        } else {
          // Too short for trigrams, or too common for them to narrow anything: the sorted index is
          // walked and each row tested until the page is full. The name is in the index; the
          // tags are tested only when the row's indexed text (name and tags, one read by rowid)
          // contains the text, so the exact test of scenario_tags runs for the few that might match.
          where.push(
            `(s.name LIKE @q ESCAPE '\\' OR ((SELECT f.text FROM scenario_search f WHERE f.rowid = s.rowid) LIKE @q ESCAPE '\\'
               AND EXISTS (SELECT 1 FROM scenario_tags t WHERE t.scenario_id = s.id AND t.tag LIKE @q ESCAPE '\\')))`,
          );
        }
      }
      if (f.tag !== undefined) {
        where.push(`s.rowid IN (${TAGGED_ROWIDS} WHERE t.tag = @tag)`);
        params['tag'] = f.tag;
      }
      if (f.wizard !== undefined) {
        where.push('s.wizard = @wizard');
        params['wizard'] = f.wizard;
      }
      const w = where.join(' AND ');
      // Two steps: the page's rows in order through the index alone (LIMIT/OFFSET, so a broad
      // search stops once the page is full), then summaries (joins, tags) for those rows only.
      // A broad search is not counted to the end (30,000 matches would cost what 300 pages do):
      // one row past the page says whether there are more, and the total is then a lower bound.
      const broad = o.search !== undefined && !viaIndex;
      const fromWhere = `${from} WHERE ${w}`;
      const rowids = db
        .prepare(`SELECT s.rowid AS r ${fromWhere} ORDER BY ${orderClause('s', o.sort, o.order)} LIMIT @limit OFFSET @offset`)
        .pluck()
        .all({ ...params, limit: broad ? o.limit + 1 : o.limit, offset: o.offset }) as number[];
      let total: number;
      let totalExact = true;
      if (!broad) total = countMatches(fromWhere, params, null);
      else if (rowids.length > o.limit) {
        rowids.pop();
        total = o.offset + o.limit + 1;
        totalExact = false;
      } else if (rowids.length > 0 || o.offset === 0) total = o.offset + rowids.length;
      else total = countMatches(fromWhere, params, o.offset); // past the end: fewer than offset match
      if (rowids.length === 0) return { items: [], total, totalExact, limit: o.limit, offset: o.offset };
      const rows = selectSummaries.all(JSON.stringify(rowids)) as Array<RawSummary & { r: number }>;
      const byRowid = new Map(rows.map((r) => [r.r, r]));
      const items = rowids.flatMap((r) => {
        const row = byRowid.get(r);
        return row ? [toSummary(row)] : [];
      });
      return { items, total, totalExact, limit: o.limit, offset: o.offset };
    },

    /** Tags in use (live scenarios), with counts, for a tag picker. */
    listTags(projectId?: string): Array<{ tag: string; count: number }> {
      const sql = `SELECT t.tag AS tag, count(*) AS count FROM scenario_tags t JOIN scenarios s ON s.id = t.scenario_id
                   WHERE s.deleted_at IS NULL ${projectId !== undefined ? 'AND s.project_id = ?' : `AND s.project_id NOT IN (${PROJECTS_BEING_IMPORTED})`}
                   GROUP BY t.tag COLLATE NOCASE ORDER BY t.tag COLLATE NOCASE`;
      return db.prepare(sql).all(...(projectId !== undefined ? [projectId] : [])) as Array<{ tag: string; count: number }>;
    },
  };
}
