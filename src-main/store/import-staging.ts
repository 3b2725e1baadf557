/**
 * Where an import writes before anyone can see it. A project file of 10,000 scenarios takes about
 * a second to write; in one transaction that second holds SQLite's write lock and every other save
 * waits for it. Instead the import creates its project marked with its process id
 * (`projects.importing_pid`, migration 8), writes the scenarios in short transactions, and then
 * publishes the project by clearing the mark in one short transaction. Until then the project,
 * its scenarios and runs are invisible: every list leaves out projects being imported.
 *
 * An import that fails removes what it wrote, again in short transactions; one whose process died
 * (crash, kill) leaves a marked project whose process no longer exists, removed at the next open.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { inTransaction, type RepoContext } from './context';
import { isAlive } from './session-marker';

/** Projects being imported; list queries leave them (and their scenarios) out. */
export const PROJECTS_BEING_IMPORTED = 'SELECT id FROM projects WHERE importing_pid IS NOT NULL';

/** Rows deleted per transaction when a staged import is removed. */
const DISCARD_ROWS = 500;

/** Creates the hidden project an import writes into; returns its id. The caller holds the transaction. */
export function stageProject(ctx: RepoContext, project: { name: string; notes: string; createdAt: string }): string {
  const id = randomUUID();
  const now = ctx.now();
  ctx.db
    .prepare('INSERT INTO projects (id, name, notes, created_at, updated_at, importing_pid) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, project.name, project.notes, project.createdAt, now, process.pid);
  return id;
}

/** Makes the staged project visible under its final name. The caller holds the transaction. */
export function publishProject(ctx: RepoContext, id: string, name: string): void {
  const r = ctx.db.prepare('UPDATE projects SET name = ?, updated_at = ?, importing_pid = NULL WHERE id = ? AND importing_pid IS NOT NULL').run(name, ctx.now(), id);
  if (r.changes !== 1) throw new Error(`the imported project ${id} vanished before it was published`);
}

/**
 * Removes a staged project and everything written into it, a few hundred rows per transaction so
 * that undoing a large import holds the lock no longer than writing it did.
 */
export function discardStaged(ctx: RepoContext, id: string): void {
  const { db } = ctx;
  const batch = db.prepare(
    `DELETE FROM scenarios WHERE rowid IN (SELECT rowid FROM scenarios WHERE project_id = ? LIMIT ${DISCARD_ROWS})
       AND project_id IN (${PROJECTS_BEING_IMPORTED})`,
  );
  while (inTransaction(ctx, () => batch.run(id).changes) > 0);
  // runs and anything else left go with the project (ON DELETE CASCADE)
  inTransaction(ctx, () => db.prepare('DELETE FROM projects WHERE id = ? AND importing_pid IS NOT NULL').run(id));
}

/** Imports whose process no longer exists: they can never publish. */
export function abandonedImports(db: Database.Database): string[] {
  const rows = db.prepare('SELECT id, importing_pid AS pid FROM projects WHERE importing_pid IS NOT NULL').all() as Array<{ id: string; pid: number }>;
  return rows.filter((r) => !isAlive(r.pid)).map((r) => r.id);
}

/** At open: removes what imports killed half-way left behind. Returns how many were removed. */
export function discardAbandonedImports(ctx: RepoContext): number {
  const ids = abandonedImports(ctx.db);
  for (const id of ids) discardStaged(ctx, id);
  // an import killed half-way also left the search index's automatic merging off
  if (ids.length > 0) inTransaction(ctx, () => setSearchAutomerge(ctx, true));
  return ids.length;
}

/**
 * FTS5's automatic merging of the search index's segments (https://sqlite.org/fts5.html#the_automerge_configuration_option),
 * a setting stored in the index itself, so it holds for every connection. An import turns it off
 * while it writes and merges between its chunks instead (project-transfer.ts); on is FTS5's
 * default, which this app otherwise never changes. The caller holds the transaction.
 */
export function setSearchAutomerge(ctx: RepoContext, on: boolean): void {
  ctx.db.prepare(`INSERT INTO scenario_search(scenario_search, rank) VALUES('automerge', ${on ? AUTOMERGE_DEFAULT : 0})`).run();
}
const AUTOMERGE_DEFAULT = 4;
