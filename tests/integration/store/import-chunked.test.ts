/**
 * Issue 14: an import writes in short transactions and never holds the write lock between them,
 * yet stays all-or-nothing. Driven step by step through the import's onChunk seam (called with
 * no lock held), never by a clock: between two chunks another connection, opened with no busy
 * timeout (so a held lock would fail it at once instead of waiting), saves a scenario.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { databasePath, openStore, StoreError, type ProjectFile, type Store } from '../../../src-main/store';
import { useTempDirs } from './temp-store';
const HERE = dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDirs('moe-import-chunks-');
const SCENARIOS = 60;
const CHUNK = 10;

/** A project file of SCENARIOS tagged scenarios on a profile the importing database lacks; the last one is named `lastName`. */
function projectFile(lastName = 'Plan 59'): ProjectFile {
  const source = openStore({ path: ':memory:' });
  const box = source.hardware.create({ name: 'Lab cluster', deviceCount: 16, memoryBytesPerDevice: 80 * 2 ** 30, peakFlopsPerDevice: 9.894e14, defaultUtilization: 0.4, pricePerDeviceHour: 2 });
  const p = source.projects.create({ name: 'Hand-over' });
  for (let i = 0; i < SCENARIOS; i++) {
    source.scenarios.create({
      projectId: p.id,
      name: i === SCENARIOS - 1 ? lastName : `Plan ${i}`,
      wizard: 'compute',
      inputs: { budget: 1e21 * (i + 1), hardwareProfileId: box.id },
      results: { loss: 2 + i / 1000 },
      tags: ['imported-tag', `part-${i % 3}`],
      hardwareProfileId: box.id,
    });
  }
  source.runs.add(p.id, [{ nAct: 1e8, tokens: 1e9, loss: 3 }]);
  const file = JSON.parse(JSON.stringify(source.exportProject(p.id))) as ProjectFile;
  source.close();
  return file;
}

/** What a user of `store` can see of the import: projects, scenarios (trash included), tags, profiles, search. */
function visible(store: Store) {
  return {
    projects: store.projects.list({ trash: 'include', limit: 1000 }).items.map((p) => p.name).sort(),
    scenarios: store.scenarios.list({ trash: 'include', limit: 1000 }).items.map((s) => s.name).sort(),
    importedTag: store.scenarios.listTags().find((t) => t.tag === 'imported-tag')?.count ?? 0,
    searchHits: store.scenarios.list({ search: 'Plan', limit: 1000 }).total,
    profiles: store.hardware.list().filter((h) => h.name.startsWith('Lab cluster')).length,
  };
}

/** FTS5's automerge setting as stored in the search index's config table (4, FTS5's default, when absent). */
const AUTOMERGE = "SELECT coalesce((SELECT v FROM scenario_search_config WHERE k = 'automerge'), 4)";

function raw(dataDir: string, sql: string): number {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

function twoConnections(): { dataDir: string; importer: Store; other: Store; home: string } {
  const dataDir = tempDir();
  const importer = openStore({ dataDir });
  // no busy timeout: if the import held the write lock here, this connection's save would fail at once
  const other = openStore({ dataDir, busyTimeoutMs: 0 });
  const home = other.projects.create({ name: 'Home' }).id;
  return { dataDir, importer, other, home };
}

describe('a chunked import', () => {
  it('lets another connection save between its chunks, shows nothing until it publishes, then shows everything', async () => {
    const { importer, other, home } = twoConnections();
    const before = visible(other);
    const seen: Array<ReturnType<typeof visible>> = [];
    const saved: string[] = [];
    let chunks = 0;
    const result = await importer.importProject(projectFile(), {
      chunkRows: CHUNK,
      onChunk: ({ written, total }) => {
        chunks++;
        expect(total).toBe(SCENARIOS);
        saved.push(other.scenarios.create({ projectId: home, name: `saved during import ${written}`, wizard: 'compute', inputs: { written } }).name);
        // the half-written import: invisible to both connections
        seen.push(visible(other), visible(importer));
        expect(other.scenarios.list({ projectId: home }).items.map((s) => s.name)).toContain(`saved during import ${written}`);
      },
    });
    expect(chunks).toBe(SCENARIOS / CHUNK);
    for (const v of seen) {
      expect(v).toMatchObject({ projects: ['Home'], importedTag: 0, searchHits: 0, profiles: 0 });
      expect(v.scenarios.every((n) => n.startsWith('saved during import'))).toBe(true);
    }
    expect(before.projects).toEqual(['Home']);

    const after = visible(other);
    expect(after.projects).toEqual(['Hand-over', 'Home']);
    expect(after.importedTag).toBe(SCENARIOS);
    expect(after.searchHits).toBe(SCENARIOS);
    expect(after.profiles).toBe(1);
    expect(other.projects.get(result.project.id).scenarioCount).toBe(SCENARIOS);
    expect(other.runs.list(result.project.id)).toHaveLength(1);
    // every save made between chunks survived the import
    expect(other.scenarios.list({ projectId: home, limit: 1000 }).items.map((s) => s.name).sort()).toEqual([...saved].sort());
    // the imported scenarios point at the profile that arrived with them, and are fresh
    const first = other.scenarios.get(result.scenarioIds[0]!);
    expect(other.hardware.get(first.hardwareProfileId!).name).toBe('Lab cluster');
    expect(first.inputsChanged).toBe(false);
    // the trigram index holds each imported scenario's name and tags, as its triggers write them for a scenario saved by hand
    const indexed = other.db
      .prepare('SELECT s.name, f.text FROM scenarios s JOIN scenario_search f ON f.rowid = s.rowid WHERE s.project_id = ?')
      .all(result.project.id) as Array<{ name: string; text: string }>;
    expect(indexed).toHaveLength(SCENARIOS);
    for (const { name, text } of indexed) {
      const i = Number(name.replace('Plan ', ''));
      expect(text.split('\n').sort()).toEqual([name, 'imported-tag', `part-${i % 3}`].sort());
    }
    expect(importer.integrityCheck()).toEqual(['ok']);
    importer.close();
    other.close();
  });

  it('yields to the event loop after every chunk: a save queued on its own connection meanwhile runs before the next chunk', async () => {
    const store = openStore({ dataDir: tempDir() });
    const home = store.projects.create({ name: 'Home' }).id;
    // each save is queued as the next turn of the event loop (as a request arriving would be) and records how far the import had got
    const savedAt: Array<{ queuedAfter: number; ranAfter: number }> = [];
    let written = 0;
    const result = await store.importProject(projectFile(), {
      chunkRows: CHUNK,
      onChunk: (p) => {
        written = p.written;
        const queuedAfter = p.written;
        setImmediate(() => {
          store.scenarios.create({ projectId: home, name: `queued after ${queuedAfter}`, wizard: 'compute', inputs: {} });
          savedAt.push({ queuedAfter, ranAfter: written });
        });
      },
    });
    // every save ran before the import wrote its next chunk (the last one's before the import published)
    expect(savedAt).toEqual(Array.from({ length: SCENARIOS / CHUNK }, (_, i) => ({ queuedAfter: (i + 1) * CHUNK, ranAfter: (i + 1) * CHUNK })));
    expect(store.projects.get(result.project.id).scenarioCount).toBe(SCENARIOS);
    expect(store.scenarios.list({ projectId: home, limit: 100 }).total).toBe(SCENARIOS / CHUNK);
    store.close();
  });

  it.runIf(process.platform === 'linux')(
    "splits each chunk's time into on a core and waiting for one, which together stay within the thread's own counters over the whole import",
    async () => {
      const store = openStore({ dataDir: tempDir() });
      // the kernel's cumulative counters for this thread (ns on a core, ns runnable but waiting), read independently of the import
      const counters = () => readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').slice(0, 2).map(Number) as [number, number];
      const chunks: Array<{ onCpuMs?: number; waitingMs?: number }> = [];
      const [cpu0, wait0] = counters();
      await store.importProject(projectFile(), { chunkRows: CHUNK, onChunk: (p) => void chunks.push(p) });
      const [cpu1, wait1] = counters();
      expect(chunks).toHaveLength(SCENARIOS / CHUNK);
      for (const c of chunks) {
        expect(c.onCpuMs).toBeGreaterThanOrEqual(0);
        expect(c.waitingMs).toBeGreaterThanOrEqual(0);
      }
      // the chunks are parts of the import: their sums cannot exceed the whole's (both are counts of the same monotonic counters)
      expect(chunks.reduce((a, c) => a + c.onCpuMs!, 0)).toBeLessThanOrEqual((cpu1 - cpu0) / 1e6);
      expect(chunks.reduce((a, c) => a + c.waitingMs!, 0)).toBeLessThanOrEqual((wait1 - wait0) / 1e6);
      store.close();
    },
  );

  it("merges the search index between its chunks (automatic merging off meanwhile, back on after): search then finds every imported scenario by its name and by each of its tags", async () => {
    const store = openStore({ dataDir: tempDir() });
    const file = projectFile();
    const automerge = () => store.db.prepare(AUTOMERGE).pluck().get();
    const during: unknown[] = [];
    // chunks of 2: 30 of them, so level 0 of the index fills and is merged several times over
    const { project } = await store.importProject(file, { chunkRows: 2, onChunk: () => void during.push(automerge()) });
    expect(during).toEqual(Array(SCENARIOS / 2).fill(0));
    expect(automerge()).toBe(4);
    // FTS5's own check of the index against the rows it indexes
    expect(() => store.db.prepare("INSERT INTO scenario_search(scenario_search) VALUES('integrity-check')").run()).not.toThrow();
    const found = (search: string) => store.scenarios.list({ projectId: project.id, search, limit: 1000 }).items.map((s) => s.name);
    for (let i = 0; i < SCENARIOS; i++) {
      const name = i === SCENARIOS - 1 ? 'Plan 59' : `Plan ${i}`;
      expect(found(name)).toContain(name);
    }
    // each tag as the file gives it: part-k on every third scenario, imported-tag on all
    for (let k = 0; k < 3; k++) {
      const tagged = file.scenarios.filter((s) => s.tags.includes(`part-${k}`)).map((s) => s.name).sort();
      expect(tagged).toHaveLength(SCENARIOS / 3);
      expect(found(`part-${k}`).sort()).toEqual(tagged);
    }
    expect(found('imported-tag')).toHaveLength(SCENARIOS);
    store.close();
  });

  it('turns the automatic merging back on when it fails', async () => {
    const store = openStore({ dataDir: tempDir() });
    await expect(store.importProject(projectFile(), { chunkRows: CHUNK, onChunk: ({ written }) => {
      if (written === 2 * CHUNK) throw new Error('stopped by the test');
    } })).rejects.toThrow('stopped by the test');
    expect(store.db.prepare(AUTOMERGE).pluck().get()).toBe(4);
    store.close();
  });

  it('is all-or-nothing: a failure in its last chunk leaves nothing of it, and the saves made meanwhile survive', async () => {
    const { dataDir, importer, other, home } = twoConnections();
    // the failure SQLite itself raises inside the last chunk's transaction, on the importer's connection only
    importer.db.exec(`CREATE TEMP TRIGGER fail_last_chunk BEFORE INSERT ON main.scenarios WHEN NEW.name = 'poison'
                      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const scenariosBefore = raw(dataDir, 'SELECT count(*) FROM scenarios');
    let chunks = 0;
    const failure = importer.importProject(projectFile('poison'), {
      chunkRows: CHUNK,
      onChunk: ({ written }) => {
        chunks++;
        other.scenarios.create({ projectId: home, name: `saved ${written}`, wizard: 'compute', inputs: {} });
      },
    });
    await expect(failure).rejects.toThrow(/injected failure/);
    expect(chunks).toBe(SCENARIOS / CHUNK - 1); // every chunk but the last was committed before it failed
    for (const store of [other, importer]) {
      expect(visible(store)).toMatchObject({ projects: ['Home'], importedTag: 0, searchHits: 0, profiles: 0 });
      expect(store.scenarios.list({ projectId: home }).items.map((s) => s.name).sort()).toEqual(['saved 10', 'saved 20', 'saved 30', 'saved 40', 'saved 50']);
    }
    // nothing of it left behind either, hidden or not
    expect(raw(dataDir, 'SELECT count(*) FROM scenarios')).toBe(scenariosBefore + 5);
    expect(raw(dataDir, 'SELECT count(*) FROM projects')).toBe(1);
    expect(raw(dataDir, "SELECT count(*) FROM scenario_tags WHERE tag = 'imported-tag'")).toBe(0);
    expect(raw(dataDir, "SELECT count(*) FROM scenario_search WHERE scenario_search MATCH '\"imported-tag\"'")).toBe(0);
    expect(raw(dataDir, "SELECT count(*) FROM hardware_profiles WHERE name LIKE 'Lab cluster%'")).toBe(0);
    expect(raw(dataDir, 'SELECT count(*) FROM runs')).toBe(0);
    expect(importer.integrityCheck()).toEqual(['ok']);
    importer.close();
    other.close();
  });

  it('a store closed under the import (a backup restore, the app quitting) gives a typed error, and nothing of it is visible', async () => {
    const { dataDir, importer, other } = twoConnections();
    const failure = await importer.importProject(projectFile(), { chunkRows: CHUNK, onChunk: () => importer.close() }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreError);
    expect(failure).toMatchObject({ code: 'in-use', message: expect.stringMatching(/closed while the project was being imported/) });
    expect(visible(other)).toMatchObject({ projects: ['Home'], scenarios: [], importedTag: 0, searchHits: 0, profiles: 0 });
    other.close();
  });

  it('an open whose removal of an abandoned import fails (here a trigger refuses it) still opens with it invisible; a later open removes it', () => {
    const dataDir = tempDir();
    const first = openStore({ dataDir });
    first.projects.create({ name: 'Home' });
    // what an import killed half-way leaves: a project marked with a process that no longer exists
    first.db.prepare("INSERT INTO projects (id, name, notes, created_at, updated_at, importing_pid) VALUES ('staged', 'Half', '', 't', 't', 2147483646)").run();
    first.db.prepare("INSERT INTO scenarios (id, project_id, name, wizard, inputs_json, inputs_fingerprint, created_at, updated_at) VALUES ('s1', 'staged', 'Half-imported', 'compute', '{}', 'f', 't', 't')").run();
    first.db.exec("CREATE TRIGGER refuse_cleanup BEFORE DELETE ON scenarios WHEN OLD.project_id = 'staged' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    first.close();
    const refused = openStore({ dataDir });
    expect(visible(refused)).toMatchObject({ projects: ['Home'], scenarios: [], searchHits: 0 });
    refused.db.exec('DROP TRIGGER refuse_cleanup');
    refused.close();
    expect(raw(dataDir, 'SELECT count(*) FROM scenarios')).toBe(1);
    openStore({ dataDir }).close();
    expect(raw(dataDir, 'SELECT count(*) FROM scenarios')).toBe(0);
    expect(raw(dataDir, 'SELECT count(*) FROM projects')).toBe(1);
  });

  it('a file invalid in its last scenario is refused before anything is written, naming the field', async () => {
    const { dataDir, importer, other } = twoConnections();
    const file = projectFile() as unknown as { scenarios: Array<Record<string, unknown>> };
    file.scenarios[SCENARIOS - 1]!['wizard'] = 'Not A Wizard';
    let chunks = 0;
    const e = await importer.importProject(file, { chunkRows: CHUNK, onChunk: () => void chunks++ }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreError);
    expect(e).toMatchObject({ code: 'invalid-import', field: `scenarios[${SCENARIOS - 1}].wizard` });
    expect(chunks).toBe(0);
    expect(raw(dataDir, 'SELECT count(*) FROM projects')).toBe(1);
    importer.close();
    other.close();
  });

  it('an import killed half-way (SIGKILL) stays invisible, and the next open removes what it wrote', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const seeded = openStore({ dataDir });
    seeded.projects.create({ name: 'Home' });
    seeded.close();
    const work = tempDir();
    const file = join(work, 'hand-over.moe-project.json');
    writeFileSync(file, JSON.stringify(projectFile()));
    const bundle = join(work, 'import-killed.cjs');
    await build({ entryPoints: [join(HERE, 'import-killed.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], outfile: bundle, logLevel: 'error' });
    // the child imports in chunks of CHUNK and stops (without finishing) after 3 chunks; killed there
    const written = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [bundle, dataDir, file, String(CHUNK), '3'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: join(HERE, '..', '..', '..', 'node_modules') } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
        if (out.includes('stopped\n')) child.kill('SIGKILL');
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(Math.max(...[...out.matchAll(/written (\d+)/g)].map((m) => Number(m[1])))) : reject(new Error(`importer exited by itself: ${err}`))));
    });
    expect(written).toBe(3 * CHUNK);
    // what the killed import wrote is in the file, but marked as an unfinished import
    expect(raw(dataDir, 'SELECT count(*) FROM scenarios')).toBe(3 * CHUNK);
    expect(raw(dataDir, 'SELECT count(*) FROM projects WHERE importing_pid IS NOT NULL')).toBe(1);
    // it had turned the search index's automatic merging off (FTS5's setting, stored in the index)
    expect(raw(dataDir, AUTOMERGE)).toBe(0);
    const store = openStore({ dataDir });
    expect(raw(dataDir, AUTOMERGE)).toBe(4);
    expect(visible(store)).toMatchObject({ projects: ['Home'], scenarios: [], importedTag: 0, searchHits: 0, profiles: 0 });
    expect(store.integrityCheck()).toEqual(['ok']);
    store.close();
    expect(raw(dataDir, 'SELECT count(*) FROM scenarios')).toBe(0);
    expect(raw(dataDir, 'SELECT count(*) FROM projects')).toBe(1);
  });
});
