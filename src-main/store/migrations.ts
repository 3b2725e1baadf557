/**
 * Numbered schema migrations. Rules, checked by tests/unit/store/migrations.test.ts:
 * - append only: never edit or reorder a released migration, add a new one;
 * - each migration only adds tables, columns, indexes and triggers, so an older backup can always
 *   be migrated forward and nothing a user saved is dropped; the one exception is a trigger (code
 *   that keeps derived data, holding none itself), which a later migration may drop and create
 *   anew if it names it in `replaces`;
 * - each runs in its own transaction together with its `PRAGMA user_version` bump, so a crash
 *   leaves the database at the previous version, never half-way.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** Triggers this migration drops and creates again under the same name (nothing else may change). */
  replaces?: readonly string[];
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'core schema: seeds, hardware profiles, coefficient sets, projects, scenarios, tags',
    up(db) {
      db.exec(`
        CREATE TABLE seed_versions (
          kind TEXT PRIMARY KEY,
          version INTEGER NOT NULL,
          applied_at TEXT NOT NULL
        );

        CREATE TABLE hardware_profiles (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          device_count INTEGER NOT NULL,
          memory_bytes_per_device INTEGER NOT NULL,
          peak_flops_per_device REAL NOT NULL,
          default_utilization REAL NOT NULL,
          price_per_device_hour REAL,
          source TEXT NOT NULL DEFAULT '',
          seeded INTEGER NOT NULL DEFAULT 0,
          seed_version INTEGER,
          user_modified INTEGER NOT NULL DEFAULT 0,
          -- a seeded profile the user deleted stays as a hidden row, so a later seed does not revive it
          hidden INTEGER NOT NULL DEFAULT 0,
          content_hash TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );

        CREATE TABLE coefficient_sets (
          id TEXT PRIMARY KEY,
          law TEXT NOT NULL,
          name TEXT NOT NULL,
          citation TEXT NOT NULL DEFAULT '',
          provenance TEXT NOT NULL,
          source TEXT NOT NULL DEFAULT '',
          values_json TEXT NOT NULL,
          notes TEXT NOT NULL DEFAULT '',
          published INTEGER NOT NULL DEFAULT 0,
          seed_version INTEGER,
          derived_from TEXT,
          content_hash TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );

        -- defence in depth: the repository refuses this first, with a friendlier message
        CREATE TRIGGER coefficient_sets_published_no_delete
        BEFORE DELETE ON coefficient_sets WHEN OLD.published = 1
        BEGIN SELECT RAISE(ABORT, 'published coefficient sets are read-only'); END;

        CREATE TABLE projects (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          notes TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          deleted_at TEXT
        );

        CREATE TABLE scenarios (
          id TEXT PRIMARY KEY,
          project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          wizard TEXT NOT NULL,
          inputs_json TEXT NOT NULL,
          results_json TEXT,
          inputs_fingerprint TEXT NOT NULL,
          notes TEXT NOT NULL DEFAULT '',
          -- no foreign keys to profiles/sets: a scenario outlives an edited or deleted profile and
          -- then reports it through inputsChanged instead of losing its reference
          hardware_profile_id TEXT,
          hardware_profile_hash TEXT,
          coefficient_set_id TEXT,
          coefficient_set_hash TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          deleted_at TEXT
        );

        CREATE TABLE scenario_tags (
          scenario_id TEXT NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
          tag TEXT NOT NULL COLLATE NOCASE,
          PRIMARY KEY (scenario_id, tag)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    name: 'training runs for the fitter',
    up(db) {
      db.exec(`
        CREATE TABLE runs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          name TEXT NOT NULL DEFAULT '',
          n_act REAL NOT NULL,
          n_total REAL,
          tokens REAL NOT NULL,
          flops REAL,
          experts REAL,
          loss REAL NOT NULL,
          lr REAL,
          batch REAL,
          created_at TEXT NOT NULL
        );
        CREATE INDEX runs_by_project ON runs(project_id);
      `);
    },
  },
  {
    version: 3,
    name: 'indexes for sorted and filtered lists',
    up(db) {
      // Lists filter on project and trash state, then sort: one index per sort key. Each also
      // holds the name (and ends in the rowid), so a name search and the tie-break never touch
      // the table, whose rows carry the large inputs/results JSON.
      db.exec(`
        CREATE INDEX scenarios_by_project_name ON scenarios(project_id, deleted_at, name COLLATE NOCASE);
        CREATE INDEX scenarios_by_project_updated ON scenarios(project_id, deleted_at, updated_at, name);
        CREATE INDEX scenarios_by_project_created ON scenarios(project_id, deleted_at, created_at, name);
        CREATE INDEX scenarios_by_hardware ON scenarios(hardware_profile_id);
        CREATE INDEX scenarios_by_coefficients ON scenarios(coefficient_set_id);
        CREATE INDEX scenario_tags_by_tag ON scenario_tags(tag);
        CREATE INDEX projects_by_name ON projects(deleted_at, name COLLATE NOCASE);
        CREATE INDEX projects_by_updated ON projects(deleted_at, updated_at);
      `);
    },
  },
  {
    version: 4,
    name: 'runs: activated experts G and shared-expert ratio S (the comprehensive law)',
    up(db) {
      // Nullable: runs stored before this version, and runs for laws that do not use them, have
      // none. The repository validates first (naming the field); the checks are defence in depth.
      db.exec(`
        ALTER TABLE runs ADD COLUMN activated_experts REAL CHECK (activated_experts IS NULL OR activated_experts >= 1);
        ALTER TABLE runs ADD COLUMN shared_ratio REAL CHECK (shared_ratio IS NULL OR (shared_ratio >= 0 AND shared_ratio <= 1));
      `);
    },
  },
  {
    version: 5,
    name: 'hardware profiles: optional power per device (watts) for energy estimates',
    up(db) {
      // Nullable: seeded and existing profiles have no power until the user sets one.
      db.exec('ALTER TABLE hardware_profiles ADD COLUMN power_watts_per_device REAL');
    },
  },
  {
    version: 6,
    name: 'bootstrap replicates of fitted coefficient sets (uncertainty bands on plans)',
    up(db) {
      // One row per set: the replicates' coefficients as a JSON array, kept apart from values_json
      // so the set's content hash (what scenarios compare against) is the fit alone.
      db.exec(`
        CREATE TABLE coefficient_set_replicates (
          set_id TEXT PRIMARY KEY REFERENCES coefficient_sets(id) ON DELETE CASCADE,
          replicates_json TEXT NOT NULL,
          count INTEGER NOT NULL CHECK (count >= 1)
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 7,
    name: 'trigram full-text index of scenario names and tags, for substring search',
    up(db) {
      // One row per scenario (rowid = scenarios.rowid): its name and tags, one per line. The
      // trigram tokenizer answers "contains" queries of 3+ characters from the index, so a search
      // of 100,000 scenarios reads only the candidates; the LIKE test stays as the exact filter.
      const text = (id: string) =>
        `SELECT s.rowid, s.name || coalesce((SELECT char(10) || group_concat(tag, char(10)) FROM scenario_tags WHERE scenario_id = s.id), '')
         FROM scenarios s WHERE s.id = ${id}`;
      const refresh = (id: string) => `DELETE FROM scenario_search WHERE rowid = (SELECT rowid FROM scenarios WHERE id = ${id});
           INSERT INTO scenario_search (rowid, text) ${text(id)};`;
      db.exec(`
        CREATE VIRTUAL TABLE scenario_search USING fts5(text, tokenize = 'trigram');
        INSERT INTO scenario_search (rowid, text)
          SELECT s.rowid, s.name || coalesce((SELECT char(10) || group_concat(tag, char(10)) FROM scenario_tags WHERE scenario_id = s.id), '')
          FROM scenarios s;
        CREATE TRIGGER scenario_search_insert AFTER INSERT ON scenarios
        BEGIN INSERT INTO scenario_search (rowid, text) VALUES (NEW.rowid, NEW.name); END;
        CREATE TRIGGER scenario_search_rename AFTER UPDATE OF name ON scenarios
        BEGIN ${refresh('NEW.id')} END;
        CREATE TRIGGER scenario_search_delete AFTER DELETE ON scenarios
        BEGIN DELETE FROM scenario_search WHERE rowid = OLD.rowid; END;
        CREATE TRIGGER scenario_search_tag_added AFTER INSERT ON scenario_tags
        BEGIN ${refresh('NEW.scenario_id')} END;
        CREATE TRIGGER scenario_search_tag_removed AFTER DELETE ON scenario_tags
        BEGIN ${refresh('OLD.scenario_id')} END;
      `);
    },
  },
  {
    version: 8,
    name: 'projects being imported: hidden until their import publishes them',
    up(db) {
      // An import writes its scenarios in short transactions, so other saves are never held up
      // for long; meanwhile its project carries the importing process's id and is invisible
      // (with its scenarios and runs). Publishing clears it in one short transaction; a project
      // whose process has died is an abandoned import, removed at the next open.
      db.exec(`
        ALTER TABLE projects ADD COLUMN importing_pid INTEGER;
        CREATE INDEX projects_being_imported ON projects(importing_pid) WHERE importing_pid IS NOT NULL;
      `);
    },
  },
  {
    version: 9,
    name: 'trigram index: each scenario indexed once as it is inserted, with the tags already written for it',
    replaces: ['scenario_search_insert', 'scenario_search_tag_added'],
    up(db) {
      // An import writes a batch's tags before its scenarios (foreign keys deferred), so the
      // scenario's insert can index its name and tags at once. Under migration 7 the insert
      // indexed the name alone, and the import then deleted and rewrote the row with its tags:
      // three index writes per scenario, each a tokenisation and, for the delete, a read-back.
      // A tag added before its scenario exists (the import's order) now skips its trigger, which
      // had nothing to refresh. The index's rows are unchanged: what is indexed stays the same.
      const refresh = `DELETE FROM scenario_search WHERE rowid = (SELECT rowid FROM scenarios WHERE id = NEW.scenario_id);
           INSERT INTO scenario_search (rowid, text)
           SELECT s.rowid, s.name || coalesce((SELECT char(10) || group_concat(tag, char(10)) FROM scenario_tags WHERE scenario_id = s.id), '')
           FROM scenarios s WHERE s.id = NEW.scenario_id;`;
      db.exec(`
        DROP TRIGGER scenario_search_insert;
        CREATE TRIGGER scenario_search_insert AFTER INSERT ON scenarios
        BEGIN INSERT INTO scenario_search (rowid, text)
          VALUES (NEW.rowid, NEW.name || coalesce((SELECT char(10) || group_concat(tag, char(10)) FROM scenario_tags WHERE scenario_id = NEW.id), ''));
        END;
        DROP TRIGGER scenario_search_tag_added;
        CREATE TRIGGER scenario_search_tag_added AFTER INSERT ON scenario_tags
        WHEN EXISTS (SELECT 1 FROM scenarios WHERE id = NEW.scenario_id)
        BEGIN ${refresh} END;
      `);
    },
  },
  {
    version: 10,
    name: 'fit records of fitted coefficient sets (how a saved fit was computed)',
    up(db) {
      // One row per set: the runs as fitted, the settings and the answer without its curves
      // (schema/fit-record.ts), tens of kilobytes, so a rowid table rather than WITHOUT ROWID
      // (whose rows are meant to be small). Apart from values_json, like the replicates, so the
      // set's content hash stays its values alone. `version` repeats the record's own so a newer
      // record is refused before its JSON is read.
      db.exec(`
        CREATE TABLE coefficient_set_fits (
          set_id TEXT PRIMARY KEY REFERENCES coefficient_sets(id) ON DELETE CASCADE,
          version INTEGER NOT NULL CHECK (version >= 1),
          record_json TEXT NOT NULL
        );
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the database's version, up to `target`, each in its own
 * transaction. Returns the versions applied. `migrations` is the released list; tests pass others.
 */
export function migrate(db: Database.Database, target: number = LATEST_SCHEMA_VERSION, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version > target) break;
    if (m.version <= schemaVersion(db)) continue;
    // IMMEDIATE plus a second look: another process opening the same file may have just done it
    const ran = db.transaction(() => {
      if (m.version <= schemaVersion(db)) return false;
      m.up(db);
      // user_version lives in the database header, so it commits or rolls back with the migration
      db.pragma(`user_version = ${m.version}`);
      return true;
    }).immediate();
    if (ran) applied.push(m.version);
  }
  return applied;
}
