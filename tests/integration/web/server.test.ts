import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { startWebServer, type WebServer } from '../../../src-main/web/server';
import { handlers, rawBodyHandlers } from '../../../src-main/services';
import { lazyStore } from '../../../src-main/services/store-access';

let server: WebServer;
let rendererDir: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'moe-web-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(rendererDir, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  // links inside the renderer folder that lead out of it, to a file and to a folder
  symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets', 'linked.txt'));
  symlinkSync(root, join(rendererDir, 'up'));
  server = await startWebServer({ handlers, rawBodyHandlers, ctx: { dataDir: join(root, 'data'), appVersion: '1.2.3', store: lazyStore(join(root, 'data')).store }, rendererDir });
});
afterAll(() => server.close());

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(server.origin + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}
const auth = () => ({ authorization: `Bearer ${server.token}` });

describe('raw-body channels', () => {
  it('hands a raw-body channel its bytes through the table it is given, checking the answer like any other; without one the body is parsed and dispatched', async () => {
    const root = mkdtempSync(join(tmpdir(), 'moe-web-raw-'));
    const seen: string[] = [];
    const ctx = { dataDir: join(root, 'data'), appVersion: '1.2.3', store: lazyStore(join(root, 'data')).store };
    // an answer the contract refuses: the server must still check what a raw-body handler returns
    const given = await startWebServer({ handlers, rawBodyHandlers: { 'projects.import': async (body) => (seen.push(Buffer.from(body).toString('utf8')), {}) as never }, ctx, rendererDir });
    const plain = await startWebServer({ handlers, rawBodyHandlers: {}, ctx, rendererDir });
    try {
      const send = (s: WebServer, body: string) =>
        fetch(s.origin + '/api/projects.import', { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` } });
      const viaTable = await send(given, 'not JSON: the handler reads the bytes');
      expect(seen).toEqual(['not JSON: the handler reads the bytes']);
      expect(await viaTable.json()).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('projects.import service returned a malformed response') } });
      const parsed = await send(plain, JSON.stringify({ text: '{}', document: {} }));
      expect(parsed.status).toBe(400);
      expect(await parsed.json()).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect((await send(plain, 'not JSON')).status).toBe(400);
    } finally {
      await Promise.all([given.close(), plain.close()]);
    }
  });
});

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only and prints a launch URL carrying the token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(server.launchUrl).searchParams.get('token')).toBe(server.token);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a channel call with the token', async () => {
    const res = await post('/api/app.info', '{}', auth());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { transport: 'web', version: '1.2.3' } });
  });

  it('refuses a call without the token, or with a wrong one, with 401', async () => {
    expect((await post('/api/app.info', '{}')).status).toBe(401);
    expect((await post('/api/app.info', '{}', { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await post('/api/app.info', '{}', { authorization: `Bearer ${server.token}x` })).status).toBe(401);
  });

  it('refuses a call from another origin with 403, even with the token', async () => {
    const res = await post('/api/app.info', '{}', { ...auth(), origin: 'http://attacker.test' });
    expect(res.status).toBe(403);
    const same = await post('/api/app.info', '{}', { ...auth(), origin: server.origin });
    expect(same.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(server.origin);
      const req = httpRequest({ host: u.hostname, port: u.port, path: '/api/app.info', method: 'POST', headers: { host: 'rebind.attacker.test', ...auth() } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('returns typed errors for bad JSON, unknown channels and invalid payloads, and keeps serving', async () => {
    const bad = await post('/api/app.info', '{not json', auth());
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid-request');
    const unknown = await post('/api/nope.nothing', '{}', auth());
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown-channel');
    const invalid = await post('/api/app.info', '{"surprise":true}', auth());
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid-request' });
    expect((await post('/api/app.info', '{}', auth())).status).toBe(200);
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const page = await fetch(server.origin + '/');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    expect((await fetch(server.origin + '/assets/a.js')).headers.get('content-type')).toMatch(/javascript/);
    const escape = await fetch(server.origin + '/..%2fsecret.txt');
    expect(await escape.text()).not.toContain('do not serve');
  });

  it('refuses files whose real path leaves the renderer folder (symlinks), by name or through a linked folder', async () => {
    for (const path of ['/assets/linked.txt', '/up/secret.txt']) {
      const res = await fetch(server.origin + path);
      expect(await res.text(), path).not.toContain('do not serve');
    }
  });

  it('accepts the Origin http://localhost:PORT, since that Host is allowed', async () => {
    const port = new URL(server.origin).port;
    expect((await post('/api/app.info', '{}', { ...auth(), origin: `http://localhost:${port}` })).status).toBe(200);
    expect((await post('/api/app.info', '{}', { ...auth(), origin: `http://localhost:${Number(port) + 1}` })).status).toBe(403);
  });

  it('answers a body over 16 MiB with a typed 413, not a connection reset, and keeps serving', async () => {
    const big = `{"pad":"${'x'.repeat(16 * 1024 * 1024 + 10)}"}`;
    const res = await post('/api/app.info', big, auth());
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/16 MiB/) } });
    expect((await post('/api/app.info', '{}', auth())).status).toBe(200);
  });
});
