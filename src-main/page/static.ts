import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.map': 'application/json',
};

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/**
 * Resolves a URL path inside `root`, refusing anything that escapes it, by name (`..`) or by
 * link: a symlink inside the renderer folder pointing elsewhere is refused by its real path.
 * Shared by browser mode and the Electron app scheme.
 */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const rootAbs = resolve(root);
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const full = resolve(join(rootAbs, normalize(rel)));
  if (!inside(rootAbs, full)) return null;
  try {
    const real = await realpath(full);
    if (!inside(await realpath(rootAbs), real)) return null;
    const s = await stat(real);
    if (!s.isFile()) return null;
    return { body: await readFile(real), type: TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
