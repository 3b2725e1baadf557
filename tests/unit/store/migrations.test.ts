import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate, schemaVersion } from '../../../src-main/store/migrations';

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: unknown;
  pk: number;
}
type Schema = Map<string, { type: string; sql: string | null; columns: Column[] }>;

function snapshot(db: Database.Database): Schema {
  const out: Schema = new Map();
  const objects = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
  for (const o of objects) {
    const columns = o.type === 'table' ? (db.prepare(`SELECT * FROM pragma_table_info(?)`).all(o.name) as Column[]) : [];
    out.set(o.name, { type: o.type, sql: o.sql, columns });
  }
  return out;
}

describe('migrations', () => {
  it('are numbered 1..n without gaps, and the chain reaches the latest version on :memory:', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // running again is a no-op
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('each migration only adds: no table, column, index or trigger removed or changed, but for the triggers it names as replaced', () => {
    const db = new Database(':memory:');
    let before = snapshot(db);
    for (const m of MIGRATIONS) {
      migrate(db, m.version);
      expect(schemaVersion(db)).toBe(m.version);
      const after = snapshot(db);
      for (const name of m.replaces ?? []) {
        // only a trigger that existed, and it exists again afterwards
        expect(before.get(name)?.type, `migration ${m.version} replaces ${name}, which is not a trigger of the version before`).toBe('trigger');
        expect(after.get(name)?.type, `migration ${m.version} dropped trigger ${name} without creating it again`).toBe('trigger');
      }
      for (const [name, obj] of before) {
        const now = after.get(name);
        expect(now, `migration ${m.version} removed ${obj.type} ${name}`).toBeDefined();
        expect(now?.type).toBe(obj.type);
        if (obj.type !== 'table') {
          if (!m.replaces?.includes(name)) expect(now?.sql, `migration ${m.version} changed ${obj.type} ${name}`).toBe(obj.sql);
          continue;
        }
        for (const col of obj.columns) {
          const same = now?.columns.find((c) => c.name === col.name);
          expect(same, `migration ${m.version} removed column ${name}.${col.name}`).toEqual(col);
        }
      }
      // something was added: a table, index or trigger, or a column of an existing table
      const size = (s: Schema) => [...s.values()].reduce((n, o) => n + 1 + o.columns.length, 0);
      const replaced = (m.replaces ?? []).filter((name) => after.get(name)?.sql !== before.get(name)?.sql);
      if (m.replaces) expect(replaced, `migration ${m.version} names triggers it left as they were`).toEqual(m.replaces);
      else expect(size(after), `migration ${m.version} added nothing`).toBeGreaterThan(size(before));
      before = after;
    }
    db.close();
  });

  it('version 4 adds nullable G and S columns to runs; rows stored before it read back as null', () => {
    const db = new Database(':memory:');
    migrate(db, 3);
    db.prepare("INSERT INTO projects (id, name, created_at, updated_at) VALUES ('p', 'P', 't', 't')").run();
    db.prepare("INSERT INTO runs (project_id, n_act, tokens, loss, created_at) VALUES ('p', 1e8, 1e9, 3, 't')").run();
    migrate(db, 4);
    const cols = (db.prepare('SELECT * FROM pragma_table_info(?)').all('runs') as Column[]).filter((c) => ['activated_experts', 'shared_ratio'].includes(c.name));
    expect(cols.map((c) => [c.name, c.type, c.notnull, c.dflt_value])).toEqual([
      ['activated_experts', 'REAL', 0, null],
      ['shared_ratio', 'REAL', 0, null],
    ]);
    expect(db.prepare('SELECT activated_experts AS g, shared_ratio AS s FROM runs').get()).toEqual({ g: null, s: null });
    // the column checks back up the repository's validation
    const insert = db.prepare("INSERT INTO runs (project_id, n_act, tokens, loss, created_at, activated_experts, shared_ratio) VALUES ('p', 1e8, 1e9, 3, 't', ?, ?)");
    expect(() => insert.run(0.5, 0.2)).toThrow(/CHECK/);
    expect(() => insert.run(2, 1.5)).toThrow(/CHECK/);
    expect(() => insert.run(2, -0.1)).toThrow(/CHECK/);
    insert.run(8, 0.25);
    db.close();
  });

  it('a failing migration, run by the real migrate(), leaves the database at the previous version', () => {
    const db = new Database(':memory:');
    const broken = { version: 2, name: 'broken', up: (d: Database.Database) => d.exec('CREATE TABLE half (a); SELECT * FROM nope;') };
    const list = [MIGRATIONS[0]!, broken];
    expect(() => migrate(db, 2, list)).toThrow(/nope/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    // fixed, the same chain carries on from version 1
    const fixed = { ...broken, up: (d: Database.Database) => d.exec('CREATE TABLE half (a)') };
    expect(migrate(db, 2, [MIGRATIONS[0]!, fixed])).toEqual([2]);
    expect(schemaVersion(db)).toBe(2);
    db.close();
  });

  it('the schema of every version equals its committed snapshot (tests/fixtures/store/schema-vN.sql)', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS) {
      migrate(db, m.version);
      const file = join(SNAPSHOTS, `schema-v${m.version}.sql`);
      expect(existsSync(file), `no snapshot for version ${m.version}: write ${file}`).toBe(true);
      expect(schemaSql(db), `schema of version ${m.version}`).toBe(readFileSync(file, 'utf8'));
    }
    db.close();
  });
});

const SNAPSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'store');

/** The schema as SQL, in a stable order: what a snapshot file holds. */
export function schemaSql(db: Database.Database): string {
  const rows = db.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name").pluck().all() as string[];
  return `${rows.map((r) => `${r.trim()};`).join('\n\n')}\n`;
}
