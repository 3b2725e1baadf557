/**
 * Issue 14: a save sent while a project import is in progress is answered before the import is,
 * and the import stays all-or-nothing. Over the browser mode's HTTP transport, as the renderer
 * calls it (the file's text; parsed and checked in the import's worker thread, written on the
 * request thread's connection). The import is parked between two chunks through the services'
 * seam (ctx.importOptions.onChunk), never by a clock.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handlers } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';
import { openStore, StoreError, type ImportOptions } from '../../../src-main/store';
import { startWebServer, type WebServer } from '../../../src-main/web/server';

const SCENARIOS = 60;
const CHUNK = 10;

/** A project file of SCENARIOS scenarios named "Plan i", each tagged "handed-over". */
function projectText(): string {
  const source = openStore({ path: ':memory:' });
  const p = source.projects.create({ name: 'Hand-over' });
  for (let i = 0; i < SCENARIOS; i++) {
    source.scenarios.create({ projectId: p.id, name: `Plan ${i}`, wizard: 'compute', inputs: { budget: 1e21 * (i + 1) }, results: { loss: 2 + i / 1000 }, tags: ['handed-over'] });
  }
  const text = JSON.stringify(source.exportProject(p.id));
  source.close();
  return text;
}

const servers: WebServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(importOptions: ImportOptions) {
  const root = mkdtempSync(join(tmpdir(), 'moe-import-beside-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  const access = lazyStore(join(root, 'data'));
  const server = await startWebServer({ handlers, ctx: { dataDir: join(root, 'data'), appVersion: '0.0.0-test', store: access.store, importOptions }, rendererDir: join(root, 'renderer') });
  servers.push(server);
  const call = async (channel: string, request: unknown) => {
    const res = await fetch(`${server.url}api/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: JSON.stringify(request) });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as the test expects, asserted below
    return { status: res.status, envelope: (await res.json()) as any };
  };
  /** What a user sees: project names, scenario names (by search too) and the import's tag. */
  const visible = async () => ({
    projects: (await call('projects.list', {})).envelope.value.items.map((p: { name: string }) => p.name).sort(),
    scenarios: (await call('scenarios.list', { limit: 1000 })).envelope.value.items.map((s: { name: string }) => s.name).sort(),
    searchHits: (await call('scenarios.list', { search: 'Plan' })).envelope.value.total,
    tagged: (await call('scenarios.list', { tag: 'handed-over' })).envelope.value.total,
  });
  return { call, visible, access };
}

/** An onChunk that parks the import after its first chunk until released. */
function parkAfterFirstChunk() {
  let parked!: () => void;
  let release!: () => void;
  const isParked = new Promise<void>((r) => (parked = r));
  const released = new Promise<void>((r) => (release = r));
  const written: number[] = [];
  const onChunk: ImportOptions['onChunk'] = ({ written: w }) => {
    written.push(w);
    if (written.length !== 1) return;
    parked();
    return released;
  };
  return { onChunk, isParked, release, written };
}

describe('a project import over the browser mode', () => {
  it('answers a save sent meanwhile before the import, which shows nothing until it is published', async () => {
    const park = parkAfterFirstChunk();
    const { call, visible } = await serve({ chunkRows: CHUNK, onChunk: park.onChunk });
    const home = (await call('projects.create', { name: 'Home' })).envelope.value.id as string;
    const answered: string[] = [];
    const importing = call('projects.import', { text: projectText() }).then((r) => {
      answered.push('import');
      return r;
    });
    await park.isParked;

    const save = await call('scenarios.create', { projectId: home, name: 'Saved during the import', wizard: 'compute', inputs: { budget: 1e22 } });
    answered.push('save');
    expect(save.status).toBe(200);
    // the import has written a chunk, in a project nobody can see yet
    expect(park.written).toEqual([CHUNK]);
    expect(await visible()).toEqual({ projects: ['Home'], scenarios: ['Saved during the import'], searchHits: 0, tagged: 0 });
    expect(answered).toEqual(['save']);

    park.release();
    const imported = await importing;
    expect(answered).toEqual(['save', 'import']);
    expect(imported.status).toBe(200);
    expect(imported.envelope.value.scenarioIds).toHaveLength(SCENARIOS);
    expect(park.written).toEqual(Array.from({ length: SCENARIOS / CHUNK }, (_, i) => (i + 1) * CHUNK));
    const after = await visible();
    expect(after).toMatchObject({ projects: ['Hand-over', 'Home'], searchHits: SCENARIOS, tagged: SCENARIOS });
    expect(after.scenarios).toContain('Saved during the import');
    expect(after.scenarios).toHaveLength(SCENARIOS + 1);
  });

  it('is all-or-nothing: an import failing after a save made between its chunks leaves nothing, and the save stays', async () => {
    const park = parkAfterFirstChunk();
    const { call, visible, access } = await serve({
      chunkRows: CHUNK,
      onChunk: async (p) => {
        await park.onChunk!(p);
        if (p.written === 3 * CHUNK) throw new StoreError('disk-full', 'The disk holding the database is full (injected after the third chunk)');
      },
    });
    const home = (await call('projects.create', { name: 'Home' })).envelope.value.id as string;
    const importing = call('projects.import', { text: projectText() });
    await park.isParked;
    expect((await call('scenarios.create', { projectId: home, name: 'Saved during the import', wizard: 'compute', inputs: {} })).status).toBe(200);
    park.release();
    const failed = await importing;
    expect(failed).toMatchObject({ status: 507, envelope: { ok: false, error: { code: 'disk-full' } } });
    expect(await visible()).toEqual({ projects: ['Home'], scenarios: ['Saved during the import'], searchHits: 0, tagged: 0 });
    // nothing of it left behind, hidden or not
    const db = access.store().db;
    expect(db.prepare('SELECT count(*) FROM projects').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM scenarios').pluck().get()).toBe(1);
    expect(db.prepare("SELECT count(*) FROM scenario_tags WHERE tag = 'handed-over'").pluck().get()).toBe(0);
  });

  it('takes the file as its text or as a parsed document, and names the field of a bad one', async () => {
    const { call } = await serve({});
    const text = projectText();
    expect((await call('projects.import', { document: JSON.parse(text) })).envelope.value.project.name).toBe('Hand-over');
    expect((await call('projects.import', { text })).envelope.value.project.name).toBe('Hand-over (2)');
    expect(await call('projects.import', { text: '{"formatVersion": 2, "app": "moe-workbench",' })).toMatchObject({
      status: 400,
      envelope: { ok: false, error: { code: 'invalid-request', path: ['text'], message: expect.stringMatching(/^text: not a JSON project file/) } },
    });
    const bad = JSON.parse(text) as { scenarios: Array<Record<string, unknown>> };
    bad.scenarios[SCENARIOS - 1]!['wizard'] = 'Not A Wizard';
    expect(await call('projects.import', { text: JSON.stringify(bad) })).toMatchObject({
      status: 400,
      envelope: { ok: false, error: { code: 'invalid-request', path: [`scenarios[${SCENARIOS - 1}]`, 'wizard'] } },
    });
    expect((await call('projects.import', { text, document: JSON.parse(text) })).envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect((await call('projects.list', {})).envelope.value.items.map((p: { name: string }) => p.name).sort()).toEqual(['Hand-over', 'Hand-over (2)']);
  });
});
