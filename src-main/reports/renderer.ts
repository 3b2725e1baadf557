/**
 * The PDF renderer (./pdf.ts), with its compiled code kept between processes where the bundle
 * allows it (issue 12: a report right after a process starts).
 *
 * A process's first report spends a fifth to a sixth of its time having V8 parse and compile the
 * renderer's code (pdfkit, fontkit, ECharts, svg-to-pdfkit and ours; bench/cold-report.bench.ts
 * has the breakdown). V8 can serialise the code it compiled and take it back in a later process
 * (a "code cache"), but Node 20 offers that only for scripts compiled through node:vm, not for
 * ES modules. So the CLI and browser-mode bundle (build/bundle-cli.mjs) also emits the renderer
 * as one CommonJS file, `report-renderer.cjs`; when it sits next to this module it is compiled
 * here with the cache from an earlier process, and after the first report of a process that had
 * none (or whose cache V8 refused) the code compiled by then — the lazily compiled functions a
 * report ran included — is written back. Elsewhere (the sources under tsx or vitest, the
 * Electron build, where shell/service-process.ts enables Node's own module compile cache) the
 * renderer is imported as usual.
 *
 * The cache lives in the data folder (never a shared temporary folder: V8 trusts what it
 * deserialises), named by a hash of the renderer's source and the Node version and architecture,
 * and by V8's cache version tag, and carries a SHA-256 of its bytes, checked before V8 sees them.
 * The tag covers V8's flags, which V8 also checks: the CLI changes its tiering (cli/optimiser.ts)
 * and the app's processes do not, so each keeps a cache of its own in the same data folder
 * (one shared file was refused by whichever had not written it, and rewritten by it, every time).
 * It is an optimisation only: any failure to read or write it leaves the report as it would be
 * without it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedDataVersionTag } from 'node:v8';
import vm from 'node:vm';

export type Renderer = Pick<typeof import('./pdf'), 'renderPdf'>;

/** The bundled renderer's file name, next to the bundle's chunks (build/bundle-cli.mjs). */
export const RENDERER_FILE = 'report-renderer.cjs';
const CACHE_PREFIX = 'report-renderer-';
const DIGEST_BYTES = 32;
/** The data folder's private modes (store/file-checks.ts; reports may not import the store): plans can be confidential, and so is code V8 will trust. */
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** What happened to the code cache in this process: `used` (V8 took it), `absent`, `rejected` (bad digest or refused by V8), or `none` (renderer not bundled). */
export type CodeCacheState = 'used' | 'absent' | 'rejected' | 'none';

export interface LoadedRenderer {
  renderer: Renderer;
  cache: CodeCacheState;
  /** Writes the code compiled so far to the cache, when this process found none usable; at most once. Never throws. */
  keep(): void;
}

const digest = (b: Uint8Array) => createHash('sha256').update(b).digest();

/** The part of a cache file's name that says which source it was compiled from, by which Node. */
const sourceKey = (source: string) =>
  createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}\0${process.versions.v8}`).digest('hex').slice(0, 24);

/** The cache file of a source (by its key) in `cacheDir`: V8's flags now (its cache version tag) complete the name. */
const cacheFileOf = (cacheDir: string, key: string) => join(cacheDir, `${CACHE_PREFIX}${key}-${cachedDataVersionTag().toString(16)}.v8`);

/** The cache file for `source` in `cacheDir`: keyed by the source, the V8 that compiles it and V8's flags now. */
export function codeCachePath(cacheDir: string, source: string): string {
  return cacheFileOf(cacheDir, sourceKey(source));
}

function readCache(file: string): Buffer | null {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return null;
  }
  if (raw.length <= DIGEST_BYTES) return Buffer.alloc(0);
  const payload = raw.subarray(DIGEST_BYTES);
  return digest(payload).equals(raw.subarray(0, DIGEST_BYTES)) ? payload : Buffer.alloc(0);
}

/** Writes `data` under `file` atomically (another process may be reading or writing it) and drops caches of other sources (those of other flags stay). */
function writeCache(file: string, data: Buffer, key: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([digest(data), data]), { mode: PRIVATE_FILE_MODE });
  renameSync(tmp, file);
  const same = `${CACHE_PREFIX}${key}-`;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(CACHE_PREFIX) && !name.startsWith(same) && !name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Compiles the CommonJS renderer at `file` with the code cache in `cacheDir` and runs it.
 * Exported for the tests; the services use reportRenderer().
 */
export function loadBundledRenderer(file: string, cacheDir: string): LoadedRenderer {
  // Read straight into a string. Read as a Buffer and decoded (Latin-1, or UTF-8 of ASCII), text this long becomes an
  // external string in Node, and with one as the script's source both reports of a process took 60–200 ms more CPU
  // (bench/cold-report.bench.ts). The bundle is ASCII, so this is V8's one-byte fast path (line-breaks.ts).
  const source = readFileSync(file, 'utf8');
  // hashed once: the bundle is megabytes, and keep() names the same source's caches by it
  const key = sourceKey(source);
  const cacheFile = cacheFileOf(cacheDir, key);
  const cached = readCache(cacheFile);
  const script = new vm.Script((Module as unknown as { wrap(s: string): string }).wrap(source), {
    filename: file,
    ...(cached && cached.length ? { cachedData: cached } : {}),
  });
  const cache: CodeCacheState = cached === null ? 'absent' : cached.length === 0 || script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as Renderer };
  (script.runInThisContext() as (e: unknown, r: NodeRequire, m: unknown, f: string, d: string) => void)(module.exports, createRequire(file), module, file, dirname(file));
  let kept = cache === 'used';
  return {
    renderer: module.exports,
    cache,
    keep() {
      if (kept) return;
      kept = true;
      try {
        writeCache(cacheFile, script.createCachedData(), key);
      } catch {
        // An unwritable data folder only costs the next process its cache.
      }
    },
  };
}

function bundledRendererFile(): string | null {
  if (!import.meta.url.startsWith('file:') || import.meta.url.endsWith('.ts')) return null;
  const file = join(dirname(fileURLToPath(import.meta.url)), RENDERER_FILE);
  return existsSync(file) ? file : null;
}

let loaded: Promise<LoadedRenderer> | null = null;

/**
 * The renderer, loaded once per process. `cacheDir`: where the code cache is kept (the data
 * folder's code-cache/); the first call's folder is the process's.
 */
export function reportRenderer(cacheDir: string): Promise<LoadedRenderer> {
  loaded ??= (async () => {
    const file = bundledRendererFile();
    if (file) return loadBundledRenderer(file, cacheDir);
    return { renderer: await import('./pdf'), cache: 'none', keep() {} } satisfies LoadedRenderer;
  })();
  // A failed load is tried again by the next report.
  loaded.catch(() => (loaded = null));
  return loaded;
}
