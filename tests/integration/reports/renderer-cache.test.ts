/**
 * The bundled renderer and its code cache (src-main/reports/renderer.ts): the CommonJS renderer
 * the CLI and browser-mode bundle carries (build/bundle-cli.mjs) makes the very bytes the sources
 * make, with and without V8's cache; the cache is written once, read back, refused when its bytes
 * are damaged (the digest, checked before V8 sees them) and rewritten, a cache of another
 * source is dropped, and one of other V8 flags is kept beside it. V8's own acceptance of a cache across processes is what the cold-report bench
 * measures; the built bin's test makes a report twice through it.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeCachePath, loadBundledRenderer, RENDERER_FILE } from '../../../src-main/reports/renderer';
import { loadScenarios, setResolver } from '../../../src-main/services/reports';
import { openWorkspace, removeWorkspace, type Workspace } from '../../unit/reports/workspace';

const root = resolve(import.meta.dirname, '../../..');
// Inside the repository, so the renderer finds resources/fonts as from out/cli/.
const outdir = join(root, 'out', `test-report-renderer-${process.pid}`);
const cacheRoot = mkdtempSync(join(tmpdir(), 'moe-code-cache-'));

let w: Workspace;
let ids: string[];

beforeAll(async () => {
  const { bundleReportRenderer } = (await import(pathToFileURL(join(root, 'build/bundle-cli.mjs')).href)) as {
    bundleReportRenderer: (outdir: string) => Promise<void>;
  };
  mkdirSync(outdir, { recursive: true });
  await bundleReportRenderer(outdir);
  w = await openWorkspace();
  ids = [];
  // One scenario priced on a cluster: a design report, with its charts, tables and appendix.
  ids = [(await w.save('512 H100', 'compute', await w.call('plan.compute', { flops: 1e23, hardwareId: 'h100-sxm', deviceCount: 512, pricePerDeviceHour: 2.5 }))).id];
}, 180_000);

afterAll(() => {
  removeWorkspace(w);
  rmSync(outdir, { recursive: true, force: true });
  rmSync(cacheRoot, { recursive: true, force: true });
});

const options = () => ({ appVersion: '0.1.0-test', paper: 'a4' as const, generatedAt: new Date(Date.UTC(2026, 0, 2, 3, 4)), resolveSet: setResolver(w.ctx) });

describe('the bundled report renderer', () => {
  it('makes the same bytes as the sources, without and with its code cache', async () => {
    const scenarios = loadScenarios(w.ctx, ids, 'ids');
    const { renderPdf } = await import('../../../src-main/reports/pdf');
    const fromSources = await renderPdf(scenarios, options());
    const cacheDir = join(cacheRoot, 'same-bytes');

    const first = loadBundledRenderer(join(outdir, RENDERER_FILE), cacheDir);
    expect(first.cache).toBe('absent');
    const uncached = await first.renderer.renderPdf(scenarios, options());
    first.keep();
    expect(readdirSync(cacheDir)).toHaveLength(1);

    const second = loadBundledRenderer(join(outdir, RENDERER_FILE), cacheDir);
    expect(second.cache).toBe('used');
    const cached = await second.renderer.renderPdf(scenarios, options());

    expect(uncached.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(uncached, fromSources)).toBe(0);
    expect(Buffer.compare(cached, fromSources)).toBe(0);
  }, 180_000);

  it('is ASCII, so its 1.4 MB are one-byte text for V8, decoded on its fast path', () => {
    const text = readFileSync(join(outdir, RENDERER_FILE), 'latin1');
    const outside = [...text.matchAll(/[^\x00-\x7f]+/g)].map((m) => text.slice(Math.max(0, m.index - 40), m.index + 20));
    expect(outside).toEqual([]);
  });
});

describe('a renderer that is not ASCII', () => {
  it('is read as UTF-8, its characters intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moe-code-cache-utf8-'));
    try {
      const file = join(dir, 'utf8.cjs');
      // Written as UTF-8 (read as Latin-1, the quicker copy for ASCII, each of these characters would come back as two).
      writeFileSync(file, 'exports.renderPdf = async () => Buffer.from("10²² × 3·4");\n');
      const r = loadBundledRenderer(file, join(dir, 'cache'));
      expect((await r.renderer.renderPdf([], { appVersion: 'x' })).toString('utf8')).toBe('10²² × 3·4');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the code cache file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moe-code-cache-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, `exports.renderPdf = async () => Buffer.from(${JSON.stringify(body)});\n`);
    return file;
  };

  it('is written once, read back, refused when damaged and then rewritten', async () => {
    const file = write('a.cjs', 'first');
    const cacheDir = join(dir, 'cache');
    const a = loadBundledRenderer(file, cacheDir);
    expect(a.cache).toBe('absent');
    expect((await a.renderer.renderPdf([], { appVersion: 'x' })).toString()).toBe('first');
    a.keep();
    a.keep();
    const cacheFile = codeCachePath(cacheDir, readFileSync(file, 'utf8'));
    expect(readdirSync(cacheDir)).toEqual([cacheFile.slice(cacheDir.length + 1)]);
    // Private like the rest of the data folder (issue 14, item 6): V8 trusts what it reads back.
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);

    const b = loadBundledRenderer(file, cacheDir);
    expect(b.cache).toBe('used');

    // One flipped byte after the digest: refused before V8 reads it, and the next keep() repairs it.
    const bytes = readFileSync(cacheFile);
    bytes[bytes.length - 1]! ^= 0xff;
    writeFileSync(cacheFile, bytes);
    const c = loadBundledRenderer(file, cacheDir);
    expect(c.cache).toBe('rejected');
    expect((await c.renderer.renderPdf([], { appVersion: 'x' })).toString()).toBe('first');
    c.keep();
    expect(loadBundledRenderer(file, cacheDir).cache).toBe('used');

    // A file shorter than its digest is refused too.
    writeFileSync(cacheFile, Buffer.alloc(8));
    expect(loadBundledRenderer(file, cacheDir).cache).toBe('rejected');
  });

  it('is named by the source: a new renderer does not read the old cache, and its cache replaces it', () => {
    const cacheDir = join(dir, 'replaced');
    const old = loadBundledRenderer(write('old.cjs', 'old'), cacheDir);
    old.keep();
    const oldName = readdirSync(cacheDir);
    const renewed = loadBundledRenderer(write('new.cjs', 'new'), cacheDir);
    expect(renewed.cache).toBe('absent');
    renewed.keep();
    const names = readdirSync(cacheDir);
    expect(names).toHaveLength(1);
    expect(names).not.toEqual(oldName);
  });

  it('is kept per V8 flags: a process with other flags (the CLI sets its tiering) keeps its own beside it, and neither drops the other', () => {
    const cacheDir = join(dir, 'flags');
    const file = write('flags.cjs', 'flags');
    loadBundledRenderer(file, cacheDir).keep();
    // V8 refuses a cache made under other flags; any flag in its hash will do, and is set back after.
    setFlagsFromString('--allow-natives-syntax');
    try {
      const other = loadBundledRenderer(file, cacheDir);
      expect(other.cache).toBe('absent');
      other.keep();
      expect(readdirSync(cacheDir)).toHaveLength(2);
      expect(loadBundledRenderer(file, cacheDir).cache).toBe('used');
    } finally {
      setFlagsFromString('--no-allow-natives-syntax');
    }
    expect(loadBundledRenderer(file, cacheDir).cache).toBe('used');
    // A new source still replaces both.
    loadBundledRenderer(write('flags-new.cjs', 'new'), cacheDir).keep();
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('costs nothing but its speed when the folder cannot be written', () => {
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the cache folder would be');
    const r = loadBundledRenderer(write('c.cjs', 'c'), join(blocked, 'cache'));
    expect(r.cache).toBe('absent');
    expect(() => r.keep()).not.toThrow();
  });
});
