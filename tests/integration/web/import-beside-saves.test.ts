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
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../src-main/ipc/dispatch';
import { handlers, rawBodyHandlers } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';
import { openStore, StoreError, type ImportOptions } from '../../../src-main/store';
import { requestBodies, startWebServer, type WebServer } from '../../../src-main/web/server';

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

async function serve(importOptions: ImportOptions, maxBodyBytes?: number) {
  const root = mkdtempSync(join(tmpdir(), 'moe-import-beside-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  const access = lazyStore(join(root, 'data'));
  const server = await startWebServer({ handlers, rawBodyHandlers, ctx: { dataDir: join(root, 'data'), appVersion: '0.0.0-test', store: access.store, importOptions }, rendererDir: join(root, 'renderer'), maxBodyBytes });
  servers.push(server);
  /** Posts `body` as it is (a request's JSON, or anything else); `token: false` leaves the token out. */
  const post = async (channel: string, body: string, token = true) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${server.token}` } : {}) };
    const res = await fetch(`${server.url}api/${channel}`, { method: 'POST', headers, body });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as the test expects, asserted below
    return { status: res.status, envelope: (await res.json()) as any };
  };
  const call = (channel: string, request: unknown) => post(channel, JSON.stringify(request));
  /** What a user sees: project names, scenario names (by search too) and the import's tag. */
  const visible = async () => ({
    projects: (await call('projects.list', {})).envelope.value.items.map((p: { name: string }) => p.name).sort(),
    scenarios: (await call('scenarios.list', { limit: 1000 })).envelope.value.items.map((s: { name: string }) => s.name).sort(),
    searchHits: (await call('scenarios.list', { search: 'Plan' })).envelope.value.total,
    tagged: (await call('scenarios.list', { tag: 'handed-over' })).envelope.value.total,
  });
  const ctx = { transport: 'web' as const, dataDir: join(root, 'data'), appVersion: '0.0.0-test', store: access.store };
  return { call, post, visible, access, ctx };
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

  it("never parses the import's request body on the request thread: its bytes go to the worker, which parses the request", async () => {
    const { call } = await serve({});
    const text = projectText();
    const parse = vi.spyOn(requestBodies, 'parse');
    let imported, created, parsed;
    try {
      imported = await call('projects.import', { text });
      created = await call('projects.create', { name: 'Parsed on the request thread' });
      parsed = parse.mock.calls.map(([body]) => body.toString('utf8'));
    } finally {
      parse.mockRestore();
    }
    expect(imported.status).toBe(200);
    expect(imported.envelope.value.scenarioIds).toHaveLength(SCENARIOS);
    expect(created.status).toBe(200);
    // the request thread parsed one body, the other channel's: the import's went to the worker whole
    expect(parsed).toEqual([JSON.stringify({ name: 'Parsed on the request thread' })]);
  });

  it('refuses a bad import request as dispatch does (same code, message and path; 400), after the same size, token and origin checks', async () => {
    const { post, ctx } = await serve({}, 4096);
    /** An array `depth` deep: past the contract's nesting limit. */
    const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);
    for (const request of [{ text: 5 }, {}, { text: 'x', document: {} }, { document: nested(70) }]) {
      const expected = await dispatch(handlers, ctx, 'projects.import', request);
      expect(expected.ok, JSON.stringify(request)).toBe(false);
      expect(await post('projects.import', JSON.stringify(request))).toEqual({ status: 400, envelope: expected });
    }
    expect(await post('projects.import', 'not JSON at all')).toEqual({ status: 400, envelope: { ok: false, error: { code: 'invalid-request', message: 'Request body is not valid JSON' } } });
    const tooLarge = await post('projects.import', JSON.stringify({ text: 'x'.repeat(5000) }));
    expect(tooLarge).toMatchObject({ status: 413, envelope: { ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/^Request body over 4096 bytes/) } } });
    expect((await post('projects.import', JSON.stringify({ text: '{}' }), false)).status).toBe(401);
  });
});
