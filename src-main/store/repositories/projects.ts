/** Projects: a name, notes and scenarios. Deletion is soft (the trash) so the UI can undo. */
import { randomUUID } from 'node:crypto';
import { timeOrderedId } from '../ids';
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
import { notFound } from '../errors';
import type { Page, ProjectRow } from '../types';
import { nameSchema, notesSchema, parseInput, requireId } from '../validation';

export interface ProjectInput {
  name: string;
  notes?: string;
}
export type ProjectPatch = Partial<ProjectInput>;

const createSchema = z.object({ name: nameSchema, notes: notesSchema.optional() });
const patchSchema = createSchema.partial();

interface Raw {
  id: string;
  name: string;
  notes: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  scenario_count: number;
}

function toRow(r: Raw): ProjectRow {
  return {
    id: r.id,
    name: r.name,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
    scenarioCount: r.scenario_count,
  };
}

const SELECT = `SELECT p.*, (SELECT count(*) FROM scenarios s WHERE s.project_id = p.id AND s.deleted_at IS NULL) AS scenario_count
                FROM projects p`;

export type ProjectRepository = ReturnType<typeof projectRepository>;

export function projectRepository(ctx: RepoContext) {
  const { db } = ctx;
  const selectOne = db.prepare(`${SELECT} WHERE p.id = ?`);

  function find(id: string): ProjectRow | null {
    const r = selectOne.get(id) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  /** Any project, including one in the trash (check deletedAt). */
  function get(id: string, field = 'id'): ProjectRow {
    const row = find(requireId(id, field));
    if (!row) throw notFound('project', id, field);
    return row;
  }

  function liveNames(): string[] {
    return (db.prepare('SELECT name FROM projects WHERE deleted_at IS NULL AND importing_pid IS NULL').all() as { name: string }[]).map((r) => r.name);
  }

  function insert(name: string, notes: string, createdAt?: string, id: string = randomUUID()): ProjectRow {
    const now = ctx.now();
    db.prepare('INSERT INTO projects (id, name, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      id,
      name,
      notes,
      createdAt ?? now,
      now,
    );
    return get(id);
  }

  // a project still being imported does not exist yet for anyone else (store/import-staging.ts)
  const stateOf = db.prepare('SELECT deleted_at FROM projects WHERE id = ? AND importing_pid IS NULL');
  /** Exists and where, without counting its scenarios (which get() does): saves stay constant-time. */
  function liveState(id: string, field = 'id'): 'live' | 'trashed' | 'missing' {
    const r = stateOf.get(requireId(id, field)) as { deleted_at: string | null } | undefined;
    return !r ? 'missing' : r.deleted_at === null ? 'live' : 'trashed';
  }

  function touch(id: string): void {
    db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run(ctx.now(), id);
  }

function update(id: string, patch: ProjectPatch): ProjectRow {
    const p = parseInput(patchSchema, patch);
    return inTransaction(ctx, () => {
      const current = get(id);
      db.prepare('UPDATE projects SET name = ?, notes = ?, updated_at = ? WHERE id = ?').run(
        p.name ?? current.name,
        p.notes ?? current.notes,
        ctx.now(),
        current.id,
      );
      return get(id);
    });
  }

  return {
    find,
    get,
    touch,
    liveState,
    update,
    liveNames,
    /** For duplicate and import: inserts with a name the caller already made unique. */
    insertRaw: insert,

    create(input: ProjectInput): ProjectRow {
      const p = parseInput(createSchema, input);
      return inTransaction(ctx, () => insert(p.name, p.notes ?? ''));
    },

    list(options?: ListOptions): Page<ProjectRow> {
      const o = resolveList(options);
      const where = [trashClause('p.deleted_at', o.trash), 'p.importing_pid IS NULL'];
      const params: Record<string, unknown> = { limit: o.limit, offset: o.offset };
      if (o.search) {
        where.push(`p.name LIKE @q ESCAPE '\\'`);
        params['q'] = containsPattern(o.search);
      }
      const w = where.join(' AND ');
      const total = (db.prepare(`SELECT count(*) AS n FROM projects p WHERE ${w}`).get(params) as { n: number }).n;
      const items = (
        db.prepare(`${SELECT} WHERE ${w} ORDER BY ${orderClause('p', o.sort, o.order)} LIMIT @limit OFFSET @offset`).all(params) as Raw[]
      ).map(toRow);
      return { items, total, totalExact: true, limit: o.limit, offset: o.offset };
    },

    rename(id: string, name: string): ProjectRow {
      return update(id, { name });
    },

    /** Copies the project with its live scenarios (tags, snapshots) and training runs. */
    duplicate(id: string, options: { name?: string } = {}): ProjectRow {
      const name = options.name === undefined ? undefined : parseInput(nameSchema, options.name, 'name');
      return inTransaction(ctx, () => {
        const original = get(id);
        const copy = insert(name ?? uniqueName(original.name, liveNames()), original.notes);
        const scenarios = db
          .prepare('SELECT id FROM scenarios WHERE project_id = ? AND deleted_at IS NULL ORDER BY created_at, id')
          .all(original.id) as { id: string }[];
        const copyScenario = db.prepare(
          `INSERT INTO scenarios (id, project_id, name, wizard, inputs_json, results_json, inputs_fingerprint, notes,
             hardware_profile_id, hardware_profile_hash, coefficient_set_id, coefficient_set_hash, created_at, updated_at)
           SELECT @newId, @projectId, name, wizard, inputs_json, results_json, inputs_fingerprint, notes,
             hardware_profile_id, hardware_profile_hash, coefficient_set_id, coefficient_set_hash, @now, @now
           FROM scenarios WHERE id = @oldId`,
        );
        const copyTags = db.prepare('INSERT INTO scenario_tags (scenario_id, tag) SELECT ?, tag FROM scenario_tags WHERE scenario_id = ?');
        const now = ctx.now();
        for (const s of scenarios) {
          const newId = timeOrderedId();
          copyScenario.run({ newId, projectId: copy.id, now, oldId: s.id });
          copyTags.run(newId, s.id);
        }
        db.prepare(
          `INSERT INTO runs (project_id, name, n_act, n_total, tokens, flops, experts, loss, lr, batch, created_at)
           SELECT ?, name, n_act, n_total, tokens, flops, experts, loss, lr, batch, created_at FROM runs WHERE project_id = ? ORDER BY id`,
        ).run(copy.id, original.id);
        return get(copy.id);
      });
    },

    /** Moves the project (and so its scenarios) to the trash. */
    delete(id: string): ProjectRow {
      return inTransaction(ctx, () => {
        get(id);
        db.prepare('UPDATE projects SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(ctx.now(), id);
        return get(id);
      });
    },

    restore(id: string): ProjectRow {
      return inTransaction(ctx, () => {
        get(id);
        db.prepare('UPDATE projects SET deleted_at = NULL WHERE id = ?').run(id);
        return get(id);
      });
    },
  };
}
