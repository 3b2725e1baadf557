/** What every repository needs: the connection and the clock (injectable so tests control time). */
import type Database from 'better-sqlite3';
import { parseInput } from './validation';
import { listOptionsSchema, type ListOptions, type SortKey, type SortOrder, type TrashFilter } from '../schema/list-options';

export interface RepoContext {
  db: Database.Database;
  now(): string;
}

/**
 * Runs `fn` in a transaction (nested calls become savepoints), so every write is all-or-nothing.
 * IMMEDIATE takes the write lock up front: when the CLI and the app share the file, a deferred
 * transaction that reads and then writes can fail with SQLITE_BUSY at once instead of waiting
 * out the busy timeout.
 */
export function inTransaction<T>(ctx: RepoContext, fn: () => T): T {
  return ctx.db.transaction(fn).immediate();
}

/**
 * "Name" if free, else "Name (2)", "Name (3)" …; a name that already ends in " (n)" counts on
 * from its root, so duplicating "Plan (2)" gives "Plan (3)", not "Plan (2) (2)".
 */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const lower = new Set(Array.from(taken, (n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  const root = base.replace(/ \(\d+\)$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${root} (${n})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * uniqueName for many names in a row (an import): the taken set is kept, not rebuilt per name,
 * so naming N scenarios is linear instead of quadratic.
 */
export function nameAllocator(taken: Iterable<string>): (base: string) => string {
  const lower = new Set(Array.from(taken, (n) => n.toLowerCase()));
  const next = new Map<string, number>();
  return (base) => {
    let name = base;
    if (lower.has(base.toLowerCase())) {
      const root = base.replace(/ \(\d+\)$/, '');
      const key = root.toLowerCase();
      for (let n = next.get(key) ?? 2; ; n++) {
        const candidate = `${root} (${n})`;
        if (!lower.has(candidate.toLowerCase())) {
          next.set(key, n + 1);
          name = candidate;
          break;
        }
      }
    }
    lower.add(name.toLowerCase());
    return name;
  };
}

/** A LIKE pattern matching `text` anywhere, with % _ and \ taken literally (used with ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export { listOptionsSchema, type ListOptions, type TrashFilter } from '../schema/list-options';

export interface ResolvedList {
  search: string | undefined;
  sort: SortKey;
  order: SortOrder;
  limit: number;
  offset: number;
  trash: TrashFilter;
}

export function resolveList(options: ListOptions | undefined, defaultSort: SortKey = 'updated'): ResolvedList {
  const o = parseInput(listOptionsSchema, options ?? {});
  const search = o.search?.trim();
  return {
    search: search ? search : undefined,
    sort: o.sort ?? defaultSort,
    // names read naturally A→Z, dates newest first
    order: o.order ?? ((o.sort ?? defaultSort) === 'name' ? 'asc' : 'desc'),
    limit: o.limit ?? 100,
    offset: o.offset ?? 0,
    trash: o.trash ?? 'exclude',
  };
}

export function trashClause(column: string, trash: TrashFilter): string {
  if (trash === 'exclude') return `${column} IS NULL`;
  if (trash === 'only') return `${column} IS NOT NULL`;
  return '1';
}

export function orderClause(alias: string, sort: SortKey, order: SortOrder): string {
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const col = sort === 'name' ? `${alias}.name COLLATE NOCASE` : sort === 'created' ? `${alias}.created_at` : `${alias}.updated_at`;
  // rowid as the tie-breaker: every index ends in it, so the index alone yields the order (no sort)
  return `${col} ${dir}, ${alias}.rowid ${dir}`;
}
