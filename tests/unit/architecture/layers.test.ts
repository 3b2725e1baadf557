/**
 * The layering of docs/ARCHITECTURE.md is enforced: the repository has no import the table does
 * not allow, and the checker (build/layers.ts) catches each kind of import added on purpose in a
 * fixture tree checked against the real table.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayers, checkRepository, importsOf, parseLayerTable } from '../../../build/layers';

const repo = resolve(__dirname, '../../..');
const table = parseLayerTable(readFileSync(join(repo, 'docs/ARCHITECTURE.md'), 'utf8'));

const fixture = mkdtempSync(join(tmpdir(), 'moe-layers-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));
function write(files: Record<string, string>): string {
  const root = mkdtempSync(join(fixture, 'tree-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
const messages = (root: string) => checkLayers(root, table).map((v) => `${v.from} -> ${v.to}${v.typeOnly ? ' (types)' : ''}`);

describe('layering', () => {
  it('the repository imports nothing the table of docs/ARCHITECTURE.md does not allow', () => {
    expect(checkRepository(repo).map((v) => v.message)).toEqual([]);
  });

  it('the table names the layers the charter names', () => {
    const names = table.map((l) => l.name);
    for (const n of ['engine', 'store', 'reports', 'services', 'contract', 'contract-face', 'ipc', 'shell', 'web', 'cli', 'renderer']) expect(names).toContain(n);
    const engine = table.find((l) => l.name === 'engine')!;
    expect([...engine.imports]).not.toContain('node');
  });

  it('reads static, type-only, re-export, dynamic, import-type and require imports, and <script> of .vue files', () => {
    const edges = importsOf(
      'x.vue',
      `<template><p/></template>\n<script setup lang="ts">
import a from './a';
import type { B } from './b';
import { type C, type D } from './c';
import { type E, f } from './e';
export { g } from './g';
export type { H } from './h';
const i = await import('./i');
type J = import('./j').J;
const k = require('./k');
</script>`,
    );
    expect(edges.map((e) => [e.specifier, e.typeOnly, e.kind])).toEqual([
      ['./a', false, 'static'],
      ['./b', true, 'static'],
      ['./c', true, 'static'],
      ['./e', false, 'static'],
      ['./g', false, 'static'],
      ['./h', true, 'static'],
      ['./i', false, 'dynamic'],
      ['./j', true, 'dynamic'],
      ['./k', false, 'require'],
    ]);
  });

  it('fails on violations added on purpose, and passes what the table allows', () => {
    const root = write({
      'src-main/engine/law.ts': "import { readFileSync } from 'node:fs';\nexport const x = 1;\n",
      'src-main/engine/uses-store.ts': "export async function f() { return import('../store/db'); }\n",
      'src-main/store/db.ts': "import type { X } from '../engine/law';\nexport const db = 1;\n",
      'src-main/ipc/contract/index.ts': "import { z } from 'zod';\nexport const schema = z.string();\nexport type T = string;\n",
      'src-main/ipc/contract/runtime.ts': "export type { T } from './index';\nexport const NAMES = ['a'];\n",
      'src-renderer/ok.ts': "import type { T } from '../src-main/ipc/contract';\nimport { NAMES } from '../src-main/ipc/contract/runtime';\nimport { ref } from 'vue';\n",
      'src-renderer/bad.ts': "import { schema } from '../src-main/ipc/contract';\n",
      'src-renderer/bad-dynamic.vue': "<script setup lang=\"ts\">\nconst m = await import('../src-main/store/db');\n</script>\n",
      'src-main/shell/main.ts': "import '../web/server';\n",
      'src-main/web/server.ts': "import { CONTENT_SECURITY_POLICY } from '../page/csp';\n",
      'src-main/page/csp.ts': "export const CONTENT_SECURITY_POLICY = '';\n",
    });
    expect(messages(root).sort()).toEqual(['engine -> node', 'engine -> store', 'renderer -> contract', 'renderer -> store', 'shell -> web'].sort());
  });

  it('refuses an import that does not resolve, rather than letting it through', () => {
    const root = write({ 'src-main/engine/a.ts': "import { b } from './missing';\n" });
    expect(messages(root)).toEqual(['engine -> ?']);
  });
});
